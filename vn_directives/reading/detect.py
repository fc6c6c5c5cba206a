"""Which encoding? A decision with evidence, never a guess into mojibake.

Three situations the plain-text reader meets after UTF-8 has been tried:

* **no BOM, NUL bytes** — :func:`sniff_utf16`: UTF-16 without a byte-order mark
  shows NULs in every other byte; accepted only when the decoded text is clean;
* **not UTF-8** — :func:`choose_legacy`: the bytes are decoded as Windows-1258,
  TCVN3 and VNI, and each decoding is scored by the share of its non-ASCII words
  that are Vietnamese syllables (:mod:`.syllables`). The best is taken only with
  a clear margin (≥ 0.8 and 0.25 ahead of the next); otherwise :class:`DecodeError`
  says so and shows the scores. A file whose lines are partly UTF-8 Vietnamese
  and partly not is refused as mixed (:func:`check_mixed_lines`);
* **valid Unicode holding legacy glyphs** — :func:`repair_mojibake`: a text from
  an old ".VnTime" or "VNI-Times" document saved through a Latin path reads
  "ChØ thÞ" or "Chæ thò". Lines made only of Windows-1252 characters and holding
  non-syllables are re-read as each legacy encoding; with a clear winner they
  are converted, and when the evidence of a legacy font is strong but no
  encoding wins, :class:`DecodeError` is raised instead of passing mojibake on.

>>> from vn_directives.reading.legacy import encode
>>> choose_legacy(encode("Chỉ thị về nhiệm vụ năm học 2021-2022", "vni"))
('Chỉ thị về nhiệm vụ năm học 2021-2022', 'vni')
>>> repair_mojibake("ChØ thÞ vÒ nhiÖm vô n¨m häc 2021-2022")
'Chỉ thị về nhiệm vụ năm học 2021-2022'
>>> repair_mojibake("Chỉ thị về nhiệm vụ năm học")    # Unicode Vietnamese stays as it is
'Chỉ thị về nhiệm vụ năm học'
"""
from __future__ import annotations

import re
from typing import List, Optional, Tuple

from .errors import DecodeError
from .legacy import ENCODINGS, decode, from_latin
from .syllables import is_syllable, syllable_score, words

NAMES = {"cp1258": "Windows-1258", "tcvn3": "TCVN3", "vni": "VNI"}
MIN_SHARE = 0.8        # share of non-ASCII words that must be syllables
MIN_MARGIN = 0.25      # lead over the next candidate
SAMPLE_BYTES = 1 << 20
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# a character outside Windows-1252: the line is Unicode, not legacy glyphs
_NOT_LATIN = re.compile(r"[^\x00-\xff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
                        r"\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")
_VI_UNICODE = re.compile(r"[ăđơưĂĐƠƯĩũĨŨ\u1ea0-\u1ef9]")


def _share(good: int, total: int) -> float:
    return good / total if total else 0.0


def _rank(scores: List[Tuple[str, int, int]]):
    return sorted(scores, key=lambda s: _share(s[1], s[2]), reverse=True)


def _summary(scores) -> str:
    return ", ".join(f"{NAMES.get(e, e)} {_share(g, t):.0%}" for e, g, t in scores)


def sniff_utf16(data: bytes) -> Optional[str]:
    """UTF-16 without a BOM, recognised by its NUL bytes; ``None`` when it is not that.

    >>> sniff_utf16("Sở Giáo dục và Đào tạo".encode("utf-16-le"))
    'Sở Giáo dục và Đào tạo'
    >>> sniff_utf16(bytes(range(256))) is None
    True
    """
    if len(data) < 4 or len(data) % 2:
        return None
    head = data[:65536]
    even, odd = head[0::2], head[1::2]
    z_even, z_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if z_odd >= 0.2 and z_even <= 0.02:
        enc = "utf-16-le"
    elif z_even >= 0.2 and z_odd <= 0.02:
        enc = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(enc)
    except UnicodeDecodeError:
        return None
    if _CONTROL.search(text) or "\ufffe" in text or "\uffff" in text:
        return None
    return text


def check_mixed_lines(data: bytes, source: str) -> None:
    """Refuse bytes whose lines are partly UTF-8 Vietnamese and partly not UTF-8."""
    utf8, other = [], []
    for n, line in enumerate(data.split(b"\n"), 1):
        if line.isascii():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            other.append(n)
            continue
        if _VI_UNICODE.search(text):
            good, total = syllable_score(text)
            if good and _share(good, total) >= 0.5:
                utf8.append(n)
    if utf8 and other:
        def show(ns):
            return ", ".join(map(str, ns[:5])) + (" …" if len(ns) > 5 else "")
        raise DecodeError(
            f"{source}: mixed encodings: line(s) {show(utf8)} are UTF-8 Vietnamese, line(s) {show(other)} "
            f"are not UTF-8; save the file in one encoding (UTF-8)")


def _odd_line(line_text: str, others) -> Optional[str]:
    """The encoding among ``others`` (name → decoded line) that reads a line well (≥ 80 % of its
    words syllables) and clearly better (by 25 points) than ``line_text`` reads; else ``None``."""
    good, total = syllable_score(line_text)
    own = _share(good, total)
    for enc, text in others:
        if text is not None:
            share = _share(*syllable_score(text))
            if share >= MIN_SHARE and share - own >= MIN_MARGIN:
                return enc
    return None


def _check_lines(lines: List[bytes], enc: str, source: str) -> None:
    """Refuse a file whose lines read as ``enc`` except some that read as another encoding."""
    def attempt(line, e):
        try:
            return decode(line, e)
        except UnicodeDecodeError:
            return None
    for n, line in enumerate(lines, 1):
        if line.isascii():
            continue
        mine = attempt(line, enc)
        if mine is None or all(is_syllable(w) for w in words(mine)):
            continue
        other = _odd_line(mine, [(e, attempt(line, e)) for e in ENCODINGS if e != enc])
        if other:
            raise DecodeError(f"{source}: mixed encodings: the file reads as {NAMES[enc]} but line {n} "
                              f"as {NAMES[other]}; save the file in one encoding (UTF-8)")


def _sample(data: bytes) -> bytes:
    if len(data) <= SAMPLE_BYTES:
        return data
    cut = data.rfind(b"\n", 0, SAMPLE_BYTES)
    return data[:cut if cut > 0 else SAMPLE_BYTES]


def choose_legacy(data: bytes, source: str = "<bytes>", why: str = "not UTF-8",
                  _whole: bool = False) -> Tuple[str, str]:
    """``(text, encoding)`` for bytes in a legacy Vietnamese encoding, or :class:`DecodeError`."""
    sample = data if _whole else _sample(data)
    scores, texts = [], {}
    for enc in ENCODINGS:
        try:
            text = decode(sample, enc)
        except UnicodeDecodeError:
            continue
        if _CONTROL.search(text):
            continue
        good, total = syllable_score(text)
        scores.append((enc, good, total))
        texts[enc] = text
    scores = _rank(scores)
    if len(texts) == len(ENCODINGS) and len(set(texts.values())) == 1:
        # no letter tells them apart (only no-break spaces, “quotes”, …): they all read the same
        if len(sample) == len(data):
            return texts[scores[0][0]], scores[0][0]
        return choose_legacy(data, source, why, _whole=True)
    if scores and scores[0][2]:
        enc, good, total = scores[0]
        runner_up = _share(scores[1][1], scores[1][2]) if len(scores) > 1 else 0.0
        if _share(good, total) >= MIN_SHARE and _share(good, total) - runner_up >= MIN_MARGIN:
            try:
                text = decode(data, enc) if len(sample) < len(data) else decode(sample, enc)
            except UnicodeDecodeError as e:
                raise DecodeError(f"{source}: {why}, and byte {e.start} is not {NAMES[enc]} either "
                                  f"(the rest of the file reads as {NAMES[enc]})") from None
            _check_lines(data.split(b"\n"), enc, source)
            return text, enc
        detail = (f"share of {total} non-ASCII words that are Vietnamese syllables: {_summary(scores)}; "
                  f"needs {MIN_SHARE:.0%} and a {MIN_MARGIN:.0%} lead")
    elif scores:
        detail = "no word with a non-ASCII letter to judge by"
    else:
        detail = "bytes that none of them has"
    raise DecodeError(f"{source}: {why}, and the encoding could not be determined among "
                      f"{', '.join(NAMES[e] for e in ENCODINGS)} ({detail}); save the file as UTF-8")


def _convert(text: str, enc: str) -> Optional[str]:
    try:
        return from_latin(text, enc)
    except (ValueError, UnicodeDecodeError):
        return None


#: in a text that already has Unicode Vietnamese letters, how many non-syllable words its
#: Latin-only lines must show before they are taken for legacy-font glyphs
MIN_ODD_WORDS_BESIDE_UNICODE = 2


def _mojibake_evidence(lines, suspect) -> bool:
    """Whether the suspect lines have enough words that are not syllables to be glyphs."""
    odd = sum(1 for i in suspect for w in words(lines[i]) if not is_syllable(w))
    return odd >= MIN_ODD_WORDS_BESIDE_UNICODE


def repair_mojibake(text: str, source: str = "<text>") -> str:
    """Lines of legacy glyphs in a Unicode text → Unicode letters (see the module doc)."""
    if text.isascii():
        return text
    lines = text.splitlines(keepends=True)
    latin, suspect, unicode_vi = [], [], False
    for i, line in enumerate(lines):
        if line.isascii():
            continue
        if _NOT_LATIN.search(line):
            unicode_vi = unicode_vi or bool(_VI_UNICODE.search(line))
            continue
        latin.append(i)
        if any(not is_syllable(w) for w in words(line)):
            suspect.append(i)
    if not suspect:
        return text
    if unicode_vi and not _mojibake_evidence(lines, suspect):
        # the text is Unicode Vietnamese and its odd Latin lines show no more than a word cut
        # off or a foreign name: converting them would damage good text ("báo cáo" → "bỏo cỏo")
        return text
    suspect_set = set(suspect)
    blob, size = [], 0
    for i in suspect:
        blob.append(lines[i])
        size += len(lines[i])
        if size > SAMPLE_BYTES:
            break
    blob = "".join(blob)
    as_is = syllable_score(blob)
    scores = []
    for enc in ENCODINGS:
        conv = _convert(blob, enc)
        if conv is not None and not _CONTROL.search(conv):
            scores.append((enc, *syllable_score(conv)))
    scores = _rank(scores)
    best = _share(*scores[0][1:]) if scores else 0.0
    nxt = max([_share(*s[1:]) for s in scores[1:]] + [_share(*as_is)])
    if scores and best >= MIN_SHARE and best - nxt >= MIN_MARGIN:
        # the document is in ``enc``: convert its Latin lines, unless a line reads better as it
        # is; a tie converts too, except when the text also has Unicode Vietnamese lines
        enc = scores[0][0]
        for i in latin:
            conv = _convert(lines[i], enc)
            if i in suspect_set:
                other = _odd_line(lines[i] if conv is None else conv,
                                  [(e, _convert(lines[i], e)) for e in ENCODINGS if e != enc])
                if other:
                    raise DecodeError(f"{source}: mixed legacy glyphs: the text reads as {NAMES[enc]} but "
                                      f"line {i + 1} as {NAMES[other]}")
            if conv is None or conv == lines[i]:
                continue
            gained = syllable_score(conv)[0] - syllable_score(lines[i])[0]
            if gained > 0 or (gained == 0 and not unicode_vi):
                lines[i] = conv
        return "".join(lines)
    # no encoding for the whole text: any line that one of them reads well is legacy glyphs
    # we cannot settle, and is refused rather than passed on as mojibake
    for i in suspect:
        other = _odd_line(lines[i], [(e, _convert(lines[i], e)) for e in ENCODINGS])
        if other:
            raise DecodeError(
                f"{source}: line {i + 1} looks like Vietnamese in a legacy font ({NAMES[other]}) shown as "
                f"Latin characters, but the text as a whole reads as no one encoding "
                f"({_summary(scores)} of its words are syllables, {_share(*as_is):.0%} as they are)")
    return text
