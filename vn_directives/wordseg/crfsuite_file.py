"""The weights of a CRFsuite model file (the ``lCRF`` format), read exactly.

underthesea's word segmenter is a first-order CRF saved in CRFsuite's binary
format (``models.bin``). Its own tagger, ``underthesea_core.CRFTagger``, does not
expose the weights, and python-crfsuite only prints them rounded to six decimals
(its ``Tagger.info`` parses a text dump), which is not enough to reproduce the
tagger's decisions bit for bit. The layout is small and fixed, so it is read here:

* a 48-byte header: ``lCRF``, size, ``FOMC``, version, then the number of
  features, labels and attributes and the offsets of the chunks;
* ``FEAT``: 12 bytes of chunk header, then one 20-byte record per feature:
  type (0 state, 1 transition), source (attribute or label id), destination
  (label id), weight (float64);
* two ``CQDB`` chunks (labels, attributes): string databases whose "backward"
  array maps each id to a record ``id, size, bytes\\0``.

Little-endian throughout. ``tests/wordseg/test_crfsuite_file.py`` checks what is
read against ``underthesea_core.CRFModel`` (feature counts, L1 and squared L2
norms of all the weights).

>>> from vn_directives.wordseg.crfsuite_file import read_crfsuite, underthesea_model_dir
>>> w = read_crfsuite(underthesea_model_dir() / "models.bin")
>>> w.labels
('B-W', 'I-W')
>>> len(w.state) > 50000, w.transitions[0][1] > 0   # B-W followed by I-W is favoured
(True, True)
"""
from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Tuple, Union

_HEADER = struct.Struct("<4sI4sIIIIIIIII")   # magic, size, type, version, counts, offsets
_FEATURE = struct.Struct("<IIId")


class CRFSuiteFormatError(ValueError):
    """The file is not a CRFsuite model this reader understands."""


@dataclass(frozen=True)
class CRFWeights:
    """A CRF's weights: ``state[attribute][label]`` and ``transitions[from][to]``.

    Every attribute of the model is a key of ``state``, with one weight per label
    (0.0 where the model has no feature for that pair).
    """
    labels: Tuple[str, ...]
    state: Dict[str, Tuple[float, ...]]
    transitions: Tuple[Tuple[float, ...], ...]


def underthesea_model_dir() -> Path:
    """The folder of the word-segmentation model installed with underthesea."""
    import underthesea.pipeline.word_tokenize as wt
    return Path(wt.__file__).parent / "models" / "ws_crf_vlsp2013_20230727"


def _strings(data: bytes, offset: int, path: Path) -> Dict[int, str]:
    """Id → string of the CQDB chunk at ``offset`` (via its backward array)."""
    magic, _size, _flag, order, n, bwd = struct.unpack_from("<4sIIIII", data, offset)
    if magic != b"CQDB" or order != 0x62445371:
        raise CRFSuiteFormatError(f"{path}: no string database at byte {offset}")
    out: Dict[int, str] = {}
    for i, rec in enumerate(struct.unpack_from(f"<{n}I", data, offset + bwd)):
        rid, size = struct.unpack_from("<II", data, offset + rec)
        if rid != i or size == 0:
            raise CRFSuiteFormatError(f"{path}: string {i} of the database at {offset} is damaged")
        start = offset + rec + 8
        out[i] = data[start:start + size - 1].decode("utf-8")
    return out


def read_crfsuite(path: Union[str, Path]) -> CRFWeights:
    """Read the labels, state weights and transition weights of a CRFsuite model.

    Raises :class:`CRFSuiteFormatError` naming the file when it is not one.
    """
    path = Path(path)
    data = path.read_bytes()
    if len(data) < _HEADER.size:
        raise CRFSuiteFormatError(f"{path}: too short for a CRFsuite model ({len(data)} bytes)")
    (magic, size, kind, _version, _nf, n_labels, n_attrs,
     off_feat, off_labels, off_attrs, _off_lrefs, _off_arefs) = _HEADER.unpack_from(data)
    if magic != b"lCRF" or kind != b"FOMC" or size != len(data):
        raise CRFSuiteFormatError(f"{path}: not a CRFsuite model file (magic {magic!r}, type {kind!r})")
    chunk, _csize, n_feat = struct.unpack_from("<4sII", data, off_feat)
    if chunk != b"FEAT":
        raise CRFSuiteFormatError(f"{path}: no feature chunk at byte {off_feat}")
    labels = _strings(data, off_labels, path)
    attrs = _strings(data, off_attrs, path)
    if len(labels) != n_labels or len(attrs) != n_attrs:
        raise CRFSuiteFormatError(f"{path}: {len(labels)} labels and {len(attrs)} attributes, "
                                  f"the header says {n_labels} and {n_attrs}")
    state = {a: [0.0] * n_labels for a in attrs.values()}
    trans = [[0.0] * n_labels for _ in range(n_labels)]
    start = off_feat + 12
    for ftype, src, dst, weight in _FEATURE.iter_unpack(data[start:start + n_feat * _FEATURE.size]):
        if dst >= n_labels:
            raise CRFSuiteFormatError(f"{path}: a feature points at label {dst} of {n_labels}")
        if ftype == 0:
            state[attrs[src]][dst] = weight
        elif ftype == 1:
            trans[src][dst] = weight
        else:
            raise CRFSuiteFormatError(f"{path}: unknown feature type {ftype}")
    return CRFWeights(labels=tuple(labels[i] for i in range(n_labels)),
                      state={a: tuple(w) for a, w in state.items()},
                      transitions=tuple(tuple(r) for r in trans))
