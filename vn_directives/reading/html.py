"""HTML → the main text of the page, one paragraph per line.

The page's main content is found by trafilatura (menus, headers, footers,
scripts, styles and comments dropped; tables kept as ``| cell | cell |``
lines, list items as ``- item`` lines). Two cases go to a plain streaming
reader (the standard library's ``html.parser``) instead: a page nested deeper
than lxml's parser goes (it stops at 256 levels and would silently lose the
rest), and a page where trafilatura finds no main content (a bare fragment).
The streaming reader drops ``script``, ``style``, ``nav``, ``header``,
``footer``, ``aside``, ``form`` and the like, and breaks lines at block
elements; it keeps no tree, so depth costs nothing.

Bytes are decoded like plain text (:mod:`.decode`), with the page's
``<meta charset>`` as the last resort; text in legacy Vietnamese fonts
(``<font face=".VnTime">`` pages) is converted by :func:`~.detect.repair_mojibake`.

>>> html_to_text(b"<html><body><nav>Trang ch\\xe1\\xbb\\xa7</nav><p>I. NHI\\xe1\\xbb\\x86M V\\xe1\\xbb\\xa4</p>"
...              b"<script>x()</script><p>1. Tri\\xe1\\xbb\\x83n khai.</p></body></html>")
'I. NHIỆM VỤ\\n1. Triển khai.'
"""
from __future__ import annotations

import logging
import re
from html.parser import HTMLParser
from typing import List, Optional

from .decode import decode_bytes
from .detect import repair_mojibake
from .errors import ReadError

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
_SKIP = frozenset("script style noscript template nav header footer aside form iframe svg math head "
                  "button select textarea object canvas map".split())
_BLOCK = frozenset("address article blockquote body caption center dd details dialog div dl dt fieldset "
                   "figcaption figure h1 h2 h3 h4 h5 h6 hr html li main ol p pre section summary table "
                   "tbody thead tfoot tr ul br".split())
_CELL = frozenset(("td", "th"))
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
# page furniture trafilatura is told to drop before it looks for the main content
# (its own fallbacks keep menus of very short pages)
_PRUNE = ["//nav", "//aside", "//header[not(ancestor::article) and not(ancestor::main)]",
          "//footer[not(ancestor::article) and not(ancestor::main)]", "//form"]
_BLANKS = re.compile(r"[ \t\r\f\v\u00a0]+")
# a "<" that does not open a tag closing before the next "<": text, escaped (html.parser
# rescans from every unclosed "<", which makes "<a <a <a …" quadratic)
_STRAY_LT = re.compile(r"<(?![!/?a-zA-Z][^<>]*>)")


def _sanitize(html: str) -> str:
    """Comments out (an unclosed one ends the page) and stray "<" escaped, in linear time."""
    out, i = [], 0
    while True:
        j = html.find("<!--", i)
        if j < 0:
            out.append(html[i:])
            break
        out.append(html[i:j])
        k = html.find("-->", j + 4)
        if k < 0:
            break
        i = k + 3
    return _STRAY_LT.sub("&lt;", "".join(out))


def declared_charset(data: bytes) -> Optional[str]:
    """The charset a page declares in a ``<meta>`` tag of its first 4 KB, if any."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii").lower() if m else None


class _Stream(HTMLParser):
    """Text of a page, streaming: no tree, no recursion, linear in the input."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: List[str] = []
        self.skipping: List[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP and tag not in _VOID:
            self.skipping.append(tag)
        elif tag in _BLOCK and not self.skipping:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCK and not self.skipping:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            elif tag in self.skipping:          # unclosed tags inside: close them too
                while self.skipping and self.skipping.pop() != tag:
                    pass
            return
        if tag in _CELL:
            self.parts.append(" | ")
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def stream_text(html: str) -> str:
    """The visible text of ``html`` with boilerplate elements dropped, one block per line.

    >>> stream_text("<div><div><p>Học  sinh</p><footer>©</footer></div></div><ul><li>a) Một</li></ul>")
    'Học sinh\\na) Một'
    """
    parser = _Stream()
    parser.feed(_sanitize(html))
    parser.close()
    lines = (_BLANKS.sub(" ", ln).strip(" |") .strip() for ln in "".join(parser.parts).split("\n"))
    return "\n".join(ln for ln in lines if ln)


def _too_deep(html: str):
    """The lxml tree of ``html``, or ``None`` when lxml stops at its depth limit."""
    import lxml.html
    parser = lxml.html.HTMLParser()
    try:
        tree = lxml.html.document_fromstring(html, parser=parser)
    except Exception:                     # lxml refuses: empty or only comments
        return None
    for err in parser.error_log:
        if "depth" in err.message.lower() or err.type_name == "ERR_RESOURCE_LIMIT":
            return None
    return tree


_XML_DECLARATION = re.compile(r"\A\ufeff?\s*<\?xml[^>]{0,200}\?>")


def main_text(html: str) -> str:
    """The main text of a page given as a string (see the module doc)."""
    html = _XML_DECLARATION.sub("", html)      # lxml refuses a str that declares an encoding
    tree = _too_deep(html)
    text = None
    if tree is not None:
        import trafilatura
        logging.getLogger("trafilatura").setLevel(logging.ERROR)
        try:
            text = trafilatura.extract(tree, include_tables=True, include_comments=False,
                                       favor_recall=True, deduplicate=False, output_format="txt",
                                       prune_xpath=_PRUNE)
        except (RecursionError, ValueError, TypeError):
            text = None
    if not text or not text.strip():
        text = stream_text(html)
    return text.strip()


_DOCTYPE = re.compile(r"^\ufeff?\s*(?:<\?xml[^>]*>\s*)?<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>", re.I | re.S)


def html_to_text(data: bytes, source: str = "<html>") -> str:
    """HTML bytes → the main text, legacy fonts converted; :class:`ReadError` when there is none."""
    html = decode_bytes(data, source, declared=declared_charset(data), repair=False)
    # a DOCTYPE with an internal subset ("<!DOCTYPE html [ … ]>") is no text: parsers leave its "]>"
    html = _DOCTYPE.sub("", html, count=1)
    try:
        text = main_text(html)
    except RecursionError:
        raise ReadError(f"{source}: HTML nested too deeply to read") from None
    if not text:
        raise ReadError(f"{source}: no text in this HTML page (only markup, scripts or menus)")
    return repair_mojibake(text, source)
