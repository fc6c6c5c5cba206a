"""Time per character on one long sentence, 5k / 20k / 80k characters (issue 15).

Run: PYTHONPATH=. .venv/bin/python benchmarks/long_sentences.py

For each kind of filler, the whole sentence path (``nlp.tag_sentence``: tokens,
themes, entities) and, as the reference measured in the same run, underthesea's
word segmentation of the same text. Linear work keeps ms per 1,000 characters
flat as the sentence grows; the ratio column is pipeline / reference.
"""
import time

import vn_directives as vd
from vn_directives.tokenize import word_tokenize

UNITS = {"school years": "năm học 2021-2022 ", "open ranges": "từ ngày 1/1 đến ",
         "actors and grades": "các trường THCS, Sở GDĐT lớp 3, 7 ",
         "citations": "Chỉ thị số 800/CT-BGDĐT ngày 24/8/2021 của Bộ GDĐT, "}
SIZES = (5_000, 20_000, 80_000)


def timed(fn, text):
    t0 = time.perf_counter()
    fn(text)
    return time.perf_counter() - t0


def main() -> None:
    nlp = vd.load()
    nlp.tag_sentence("Sở GDĐT triển khai kế hoạch năm học 2021-2022.")
    print(f"{'filler':18s} {'chars':>7s} {'pipeline s':>11s} {'ms/1k chars':>12s} {'reference s':>12s} {'ratio':>6s}")
    for name, unit in UNITS.items():
        for n in SIZES:
            text = unit * (n // len(unit))
            ref = min(timed(word_tokenize, text) for _ in range(2))
            run = min(timed(nlp.tag_sentence, text) for _ in range(2))
            print(f"{name:18s} {len(text):7d} {run:11.2f} {1000 * run / len(text) * 1000:12.2f} "
                  f"{ref:12.2f} {run / ref:6.2f}")


if __name__ == "__main__":
    main()
