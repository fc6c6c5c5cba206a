"""Build hook: the trained models and the sample directives travel inside the package.

``models/`` and ``data/texts/`` at the top of the repository are the source of
truth (retraining writes to ``models/``, the model cards sit there, reviews
read there). A wheel, or an install from the sdist, gets a copy of
``models/`` as ``vn_directives/models/`` and of the five seed directives as
``vn_directives/samples/``, so that ``vd.load()`` and the README's examples
work in any environment without a checkout. Editable installs read both in
place. Everything else is in ``setup.cfg``.
"""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
MODELS = ROOT / "models"
SAMPLES = ROOT / "data" / "texts"
SAMPLE_GLOB = "seed-*.txt"


def _copies():
    """(source, path inside the package) of every file the build adds."""
    out = [(p, Path("models") / p.relative_to(MODELS)) for p in sorted(MODELS.rglob("*"))
           if p.is_file() and not p.name.startswith(".")]
    out += [(p, Path("samples") / p.name) for p in sorted(SAMPLES.glob(SAMPLE_GLOB))]
    return out


class BuildPyWithModels(build_py):
    """``build_py`` that also copies ``models/`` and the seed texts into the package."""

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return                      # an editable install reads models/ and data/texts/ in place
        if not (MODELS / "themes").is_dir():
            raise SystemExit(f"{MODELS / 'themes'}: missing; a build needs the trained theme model")
        for src, rel in _copies():
            dst = Path(self.build_lib) / "vn_directives" / rel
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dst)

    def get_outputs(self, include_bytecode=True):
        outs = list(super().get_outputs(include_bytecode))
        if not getattr(self, "editable_mode", False):
            outs += [str(Path(self.build_lib) / "vn_directives" / rel) for _, rel in _copies()]
        return outs


setup(cmdclass={"build_py": BuildPyWithModels})
