"""Cold start: ``import vn_directives; vd.load()``, then the first tagged sentence (run on demand).

    PYTHONPATH=. .venv/bin/python benchmarks/cold_start.py [--repeat 5]

Each measurement is a fresh Python process; the figures are the median over
``--repeat`` processes, with peak RSS (the process's maximum resident set).
A bare ``python -c pass`` is measured in the same run as the reference.
"""
import argparse
import json
import statistics
import subprocess
import sys

PROBE = r"""
import json, resource, sys, time
t0 = time.perf_counter()
if sys.argv[1] != "bare":
    import vn_directives as vd
    nlp = vd.load()
t1 = time.perf_counter()
rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
if sys.argv[1] == "first":
    s = nlp.tag_sentence("Sở GDĐT chỉ đạo các trường triển khai Chương trình GDPT 2018 đối với lớp 3, 7, 10 trước ngày 15/9/2022.")
t2 = time.perf_counter()
print(json.dumps({"load": t1 - t0, "first": t2 - t1, "rss_load": rss1,
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run(kind, repeat):
    out = []
    for _ in range(repeat):
        p = subprocess.run([sys.executable, "-c", PROBE, kind], capture_output=True, text=True, check=True)
        out.append(json.loads(p.stdout))
    return {k: statistics.median(o[k] for o in out) for k in out[0]}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    bare, load, first = run("bare", args.repeat), run("load", args.repeat), run("first", args.repeat)
    print(f"median of {args.repeat} fresh processes")
    print(f"python alone                      rss {bare['rss']:6.0f} MB")
    print(f"import vn_directives; vd.load()   {load['load']:6.3f} s   rss {load['rss']:6.0f} MB")
    print(f"+ first tagged sentence           {first['first']:6.3f} s   rss {first['rss']:6.0f} MB")


if __name__ == "__main__":
    main()
