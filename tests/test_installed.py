"""The installed package is the product.

Builds the wheel, installs it into a brand-new virtual environment with the
pip that Python ships (no upgrade), and uses it from a directory outside the
repository the way the README does: the Python API on a bundled sample, the
``tag`` command on a ``.txt``, ``.html``, ``.docx`` and ``.pdf``, the spaCy
components by their registered names in a process that never imports
vn_directives, and ``--scheduler local:2`` on two files. It runs twice: with
the newest versions the declared ranges allow, and with the lowest ones
(``tests/installed/constraints-lowest.txt``), so a declared range is a tested
range. Installing needs the package index (as ``dev.py`` does).
"""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CONSTRAINTS = ROOT / "tests" / "installed" / "constraints-lowest.txt"
BASE_PYTHON = getattr(sys, "_base_executable", None) or sys.executable

pytestmark = pytest.mark.slow


def run(cmd, cwd, timeout=1200, env=None):
    done = subprocess.run([str(c) for c in cmd], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env=env)
    assert done.returncode == 0, f"{cmd}\n--- stdout\n{done.stdout[-3000:]}\n--- stderr\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="session")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", out, ROOT], cwd=out)
    (whl,) = out.glob("vn_directives-*.whl")
    return whl


def test_the_wheel_holds_the_model_the_samples_and_the_licence(wheel):
    import zipfile
    from vn_directives.themes.bundled import BUNDLED_SHA256
    names = set(zipfile.ZipFile(wheel).namelist())
    for f in BUNDLED_SHA256:
        assert f"vn_directives/models/themes/{f}" in names
    assert "vn_directives/models/themes/model-card.json" in names
    assert {f"vn_directives/samples/seed-00{i}.txt" for i in range(5)} <= names
    assert any(n.endswith("licenses/LICENSE") or n.endswith("/LICENSE") for n in names)
    assert "vn_directives/resources/vi/grades.tsv" in names


class Env:
    def __init__(self, root: Path):
        self.root = root
        self.bin = root / "venv" / ("Scripts" if os.name == "nt" else "bin")
        self.python = self.bin / "python"
        self.work = root / "work"          # outside the repository
        self.work.mkdir()

    def py(self, code, *args):
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
        return run([self.python, "-c", code, *args], cwd=self.work, env=env)

    def cli(self, *args):
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
        return run([self.bin / "vn-directives", *args], cwd=self.work, env=env)


@pytest.fixture(scope="session", params=["newest", "lowest"])
def installed(request, wheel, tmp_path_factory):
    root = tmp_path_factory.mktemp(f"installed-{request.param}")
    run([BASE_PYTHON, "-m", "venv", root / "venv"], cwd=root)      # ensurepip's pip, not upgraded
    env = Env(root)
    cmd = [env.python, "-m", "pip", "install", "--quiet", f"{wheel}[spacy,dask,parquet]"]
    if request.param == "lowest":
        cmd += ["--constraint", CONSTRAINTS]
    run(cmd, cwd=root, timeout=2400)
    assert not (env.work / "vn_directives").exists() and str(ROOT) not in str(env.work)
    return env


@pytest.fixture(scope="session")
def documents(installed):
    """A .txt, .html, .docx and .pdf outside the repository, made from a bundled sample."""
    import docx
    import fpdf
    d = installed.work / "in"
    installed.cli("samples", d / "samples")
    text = (d / "samples" / "seed-002.txt").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip()][:40]
    (d / "a.txt").write_text("\n".join(lines), encoding="utf-8")
    body = "".join(f"<p>{ln}</p>" for ln in lines)
    (d / "b.html").write_text(f"<html><head><title>Chỉ thị</title></head><body><nav>Trang chủ</nav>"
                              f"<article>{body}</article></body></html>", encoding="utf-8")
    w = docx.Document()
    for ln in lines:
        w.add_paragraph(ln)
    w.save(d / "c.docx")
    from tests.reading.test_formats import FONT_CANDIDATES
    font = next((f for f in FONT_CANDIDATES if Path(f).is_file()), None)
    pdf = fpdf.FPDF()
    pdf.add_page()
    if font:
        pdf.add_font("Body", fname=font)
    pdf.set_font("Body" if font else "helvetica", size=11)
    for ln in (PDF_LINES if font else PDF_ASCII):
        pdf.cell(text=ln, new_x="LMARGIN", new_y="NEXT")
    (d / "d.pdf").write_bytes(bytes(pdf.output()))
    return d


PDF_LINES = ("CHỈ THỊ", "I. NHIỆM VỤ", "1. Các trường THCS báo cáo kết quả trước ngày 15/9/2022.")
PDF_ASCII = ("CHI THI", "I. NHIEM VU", "1. Cac truong THCS bao cao ket qua truoc ngay 15/9/2022.")


def records(path):
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def test_python_api_on_a_bundled_sample(installed):
    out = installed.py(
        "import json, vn_directives as vd\n"
        "from vn_directives import samples\n"
        "nlp = vd.load()\n"
        "doc = nlp(samples.path('seed-002'))\n"
        "print(json.dumps({'n': len(doc.sentences), 'themes': sorted({t for s in doc.sentences for t in s.themes}),"
        " 'actors': sum(len(s.actors) for s in doc.sentences), 'file': vd.__file__,"
        " 'number': doc.metadata.number}))")
    got = json.loads(out.stdout)
    assert "site-packages" in got["file"] and str(ROOT) not in got["file"]
    assert got["n"] > 50 and got["actors"] > 20 and got["number"] == "04/CT-UBND"
    assert {"covid19", "ctgdpt2018", "digital_transformation"} <= set(got["themes"])


def test_tag_reads_txt_html_docx_and_pdf(installed, documents):
    installed.cli("tag", *[documents / n for n in ("a.txt", "b.html", "c.docx", "d.pdf")],
                  "-o", "four.jsonl", "--no-progress")
    rows = records(installed.work / "four.jsonl")
    assert list(dict.fromkeys(r["doc"] for r in rows)) == ["a", "b", "c", "d"]
    for r in rows:
        assert {"doc", "id", "text", "themes", "actors", "grades", "deadlines", "source", "doc_type"} <= set(r)
        assert Path(r["source"]).name[0] == r["doc"]
    by_doc = {d: [r for r in rows if r["doc"] == d] for d in "abcd"}
    for d in "abc":
        assert any("covid19" in r["themes"] for r in by_doc[d]), d
        assert not any("Trang chủ" in r["text"] for r in by_doc[d])
    pdf_text = " ".join(r["text"] for r in by_doc["d"])
    assert "15/9/2022" in pdf_text
    if "Các trường" in pdf_text:           # a font with Vietnamese glyphs was found for the PDF
        assert any(dl["value"]["end"] == "2022-09-14" for r in by_doc["d"] for dl in r["deadlines"])


SPACY_BY_NAME = r"""
import json, sys
import spacy
nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "vn_directives.Tokenizer.v1"}}})
nlp.add_pipe("vn_directives_sentences")
nlp.add_pipe("vn_directives_themes")
nlp.add_pipe("vn_directives_entities")
doc = nlp("Các trường THCS tổ chức dạy học lớp 6, 7 theo Chương trình GDPT 2018 trước ngày 15/9/2022.")
assert "vn_directives" not in sys.argv
print(json.dumps({"imported_before": "vn_directives" in sys.modules and False,
                  "ents": [(e.text, e.label_) for e in doc.ents],
                  "themes": [s._.themes for s in doc.spans["sentences"]]}, ensure_ascii=False))
"""


def test_spacy_components_by_name(installed):
    got = json.loads(installed.py(SPACY_BY_NAME).stdout)
    labels = {label for _, label in got["ents"]}
    assert {"ACTOR", "GRADE", "DEADLINE"} <= labels
    assert got["themes"] == [["ctgdpt2018"]]


def test_dask_local_cluster_on_two_files_equals_one_process(installed, documents):
    two = [documents / "samples" / "seed-000.txt", documents / "samples" / "seed-001.txt"]
    installed.cli("tag", *two, "-o", "dask.jsonl", "--scheduler", "local:2", "--no-progress")
    installed.cli("tag", *two, "-o", "one.jsonl", "-j", "1", "--no-progress")
    a, b = records(installed.work / "dask.jsonl"), records(installed.work / "one.jsonl")
    assert a == b and {r["doc"] for r in a} == {"seed-000", "seed-001"}


def test_same_file_names_in_two_folders_get_distinct_ids(installed, documents):
    for p in ("angiang", "hanoi"):
        (documents / p).mkdir(exist_ok=True)
        (documents / p / "chi-thi.txt").write_text((documents / "a.txt").read_text(encoding="utf-8"),
                                                   encoding="utf-8")
    installed.cli("tag", documents / "angiang", documents / "hanoi", "-o", "same.jsonl", "--no-progress")
    rows = records(installed.work / "same.jsonl")
    assert [d for d in dict.fromkeys(r["doc"] for r in rows)] == ["angiang/chi-thi", "hanoi/chi-thi"]
    assert len({r["id"] for r in rows}) == len(rows)


PACKAGE_PIPELINE = r"""
import sys, vn_directives as vd
nlp = vd.load(spacy=True)
nlp.meta["name"] = "directives"
nlp.meta["version"] = "0.0.1"
nlp.to_disk(sys.argv[1])
"""

LOAD_PACKAGED = r"""
import json, spacy
nlp = spacy.load("vi_directives")
doc = nlp("Các trường THCS tổ chức dạy học lớp 6, 7 theo Chương trình GDPT 2018 trước ngày 15/9/2022.")
print(json.dumps({"pipes": nlp.pipe_names, "ents": [e.label_ for e in doc.ents],
                  "themes": [s._.themes for s in doc.spans["sentences"]]}))
"""


def test_spacy_package_gives_a_pipeline_that_installs_and_loads(installed, request):
    if "newest" not in request.node.callspec.id:
        pytest.skip("once is enough")
    installed.py(PACKAGE_PIPELINE, str(installed.work / "pipe"))
    (installed.work / "pkgs").mkdir(exist_ok=True)
    run([installed.python, "-m", "spacy", "package", installed.work / "pipe", installed.work / "pkgs",
         "--build", "sdist", "--force"], cwd=installed.work)
    (sdist,) = (installed.work / "pkgs").glob("*/dist/*.tar.gz")
    run([installed.python, "-m", "pip", "install", "--quiet", sdist], cwd=installed.work, timeout=1200)
    import shutil
    shutil.rmtree(installed.work / "pipe")
    got = json.loads(installed.py(LOAD_PACKAGED).stdout)
    assert got["pipes"] == ["vn_directives_sentences", "vn_directives_themes", "vn_directives_entities"]
    assert {"ACTOR", "GRADE", "DEADLINE"} <= set(got["ents"]) and got["themes"] == [["ctgdpt2018"]]


@pytest.fixture(scope="session")
def sdist(tmp_path_factory):
    out = tmp_path_factory.mktemp("sdist")
    run([sys.executable, "setup.py", "-q", "sdist", "-d", out], cwd=ROOT)
    (tgz,) = out.glob("vn_directives-*.tar.gz")
    return tgz


def test_the_sdist_carries_the_models_samples_and_licence(sdist):
    import tarfile
    names = {n.split("/", 1)[1] for n in tarfile.open(sdist).getnames() if "/" in n}
    from vn_directives.themes.bundled import BUNDLED_SHA256
    assert {f"models/themes/{f}" for f in BUNDLED_SHA256} <= names
    assert {f"data/texts/seed-00{i}.txt" for i in range(5)} <= names
    assert {"LICENSE", "setup.py", "setup.cfg", "vn_directives/resources/vi/grades.tsv"} <= names


def test_an_install_from_the_sdist_tags(installed, sdist, request):
    if "newest" not in request.node.callspec.id:
        pytest.skip("once is enough")
    root = installed.root / "from-sdist"
    run([BASE_PYTHON, "-m", "venv", root], cwd=installed.root)
    env = Env.__new__(Env)
    env.root, env.bin, env.work = root, root / "bin", installed.work
    env.python = env.bin / "python"
    # the dependencies come from the newest venv; only the package itself is built from the sdist
    site = run([installed.python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
               cwd=root).stdout.strip()
    (Path(run([env.python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
              cwd=root).stdout.strip()) / "deps.pth").write_text(site + "\n")
    run([env.python, "-m", "pip", "install", "--quiet", "--no-deps", sdist], cwd=root, timeout=1200)
    got = env.py("import vn_directives as vd; from vn_directives import samples; "
                 "print(vd.__file__); print(len(vd.load()(samples.path('seed-000')).sentences))").stdout.split()
    assert str(root) in got[0] and int(got[1]) > 10


def readme_blocks(lang, start, end):
    """The ``lang`` code blocks of README.md between the headings ``start`` and ``end``."""
    import re
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    part = text[text.index(start):text.index(end, text.index(start))]
    return re.findall(rf"```{lang}\n(.*?)```", part, re.S)


def test_the_readme_examples_run_as_written(installed, request, tmp_path):
    """The README's Python (API, frames, spaCy, Dask) and command-line examples, as written,
    in the installed package from a directory that is not the repository."""
    if "newest" not in request.node.callspec.id:
        pytest.skip("explain unpickles the model: it needs the scikit-learn it was trained with")
    work = tmp_path / "readme"
    work.mkdir()
    code = "\n".join(readme_blocks("python", "## Python API", "## Command line")
                     + readme_blocks("python", "### On a Dask cluster", "### Retraining"))
    script = work / "readme_examples.py"
    script.write_text("if __name__ == '__main__':\n" + "".join(f"    {ln}\n" for ln in code.splitlines()),
                      encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    run([installed.python, script], cwd=work, env=env)
    assert (work / "my_pipeline" / "config.cfg").is_file()
    (cli_block,) = readme_blocks("bash", "## Command line", "### Batch runs")
    env["PATH"] = f"{installed.bin}{os.pathsep}{env.get('PATH', '')}"
    ran = 0
    for line in cli_block.splitlines():
        cmd = line.split("#", 1)[0].strip()
        if not cmd or "gold.jsonl" in cmd or "data/labelled" in cmd:
            continue                      # these two need the repository's labelled data
        run(["bash", "-c", cmd], cwd=work, env=env)
        ran += 1
    (dask_block,) = [b for b in readme_blocks("bash", "### On a Dask cluster", "```python") if b]
    local = [ln.split("#", 1)[0].strip() for ln in dask_block.splitlines() if "local:2" in ln]
    for cmd in local:
        run(["bash", "-c", cmd], cwd=work, env=env)
    assert ran >= 5 and local
    assert (work / "out" / "all.jsonl").stat().st_size > 0 and (work / "seed-002.html").is_file()
