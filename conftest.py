"""Collection settings for the doctests in vn_directives/ (pytest --doctest-modules).

The spaCy and Dask modules are optional extras: their doctests are collected
only where the extra is installed (``python3 dev.py test`` installs both).
"""
import importlib.util

collect_ignore_glob = []
if importlib.util.find_spec("spacy") is None:
    collect_ignore_glob.append("vn_directives/spacy/*")
