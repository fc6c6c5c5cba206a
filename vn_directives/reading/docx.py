"""Word ``.docx`` → text: paragraphs and tables in document order (python-docx).

One paragraph per line. A table is read row by row, cell by cell, each cell's
paragraphs on their own lines and a ``|`` line closing the cell, the layout
:mod:`.clean` reads as table cells (a merged cell is read once; a table in a
cell is read in place). Headers, footers, footnotes and text boxes are left
out: they are page furniture in directives.

Runs set in a legacy Vietnamese font (".VnTime", ".VnTimeH", "VNI-Times", …;
``resources/vi/legacy_fonts.tsv``) hold legacy bytes shown as Latin letters;
they are converted to Unicode run by run, the font taken from the run, then
its character style, paragraph style and the document defaults. Text left
in legacy glyphs without a font saying so is handled by
:func:`~.detect.repair_mojibake`.

A file that is not a readable .docx (not a zip, no ``word/document.xml``,
broken XML, a zip bomb) raises :class:`ReadError` naming the file and why.

>>> import io, docx as python_docx
>>> d = python_docx.Document(); _ = d.add_paragraph("I. NHIỆM VỤ")
>>> t = d.add_table(rows=1, cols=2); t.cell(0, 0).text = "Nơi nhận:"; t.cell(0, 1).text = "GIÁM ĐỐC"
>>> r = d.add_paragraph().add_run("Chæ thò"); r.font.name = "VNI-Times"
>>> buf = io.BytesIO(); d.save(buf)
>>> print(docx_to_text(buf.getvalue()))
I. NHIỆM VỤ
Nơi nhận:
|
GIÁM ĐỐC
|
Chỉ thị
"""
from __future__ import annotations

import io
import zipfile
import zlib
from typing import Iterator, List, Optional

from .detect import repair_mojibake
from .errors import ReadError
from .legacy import convert_run, font_encoding

#: what a package may unpack to, counted while inflating: its XML parts (parsed by lxml,
#: which takes many times their size) and all its parts (images are kept as bytes)
MAX_UNPACKED_XML = 64 * 1024 * 1024
MAX_UNPACKED = 256 * 1024 * 1024


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn
    return qn(tag)


def _rfonts_name(rpr) -> Optional[str]:
    """The font of Latin text (hAnsi, then ascii) in a ``w:rPr`` element."""
    if rpr is None:
        return None
    fonts = rpr.find(_qn("w:rFonts"))
    if fonts is None:
        return None
    return fonts.get(_qn("w:hAnsi")) or fonts.get(_qn("w:ascii"))


def _style_font(style) -> Optional[str]:
    seen = 0
    while style is not None and seen < 50:
        name = _rfonts_name(style.element.find(_qn("w:rPr")))
        if name:
            return name
        style, seen = style.base_style, seen + 1
    return None


class _Reader:
    def __init__(self, document):
        self.doc = document
        self.default_font = None
        self.legacy = False
        styles = None
        try:
            styles = document.styles.element
        except Exception:                          # a document without styles.xml
            pass
        if styles is not None:
            dflt = styles.find(f"{_qn('w:docDefaults')}/{_qn('w:rPrDefault')}/{_qn('w:rPr')}")
            self.default_font = _rfonts_name(dflt)
        names = set()
        for root in (document.element, styles):
            if root is None:
                continue
            for el in root.iter(_qn("w:rFonts")):
                names.update(v for k, v in el.attrib.items() if k in (_qn("w:hAnsi"), _qn("w:ascii")))
        self.legacy = any(font_encoding(n) for n in names)
        self.cache = {}

    def _paragraph_font(self, paragraph) -> Optional[str]:
        try:
            style = paragraph.style
        except Exception:
            return self.default_font
        key = id(style.element) if style is not None else None
        if key not in self.cache:
            self.cache[key] = _style_font(style) or self.default_font
        return self.cache[key]

    def paragraph(self, paragraph) -> str:
        if not self.legacy:
            return paragraph.text
        from docx.text.run import Run
        base = self._paragraph_font(paragraph)
        parts = []
        for item in paragraph.iter_inner_content():
            for run in ([item] if isinstance(item, Run) else item.runs):
                font = _rfonts_name(run._r.rPr)
                if not font:
                    try:
                        font = _style_font(run.style) if run.style is not None else None
                    except Exception:
                        font = None
                parts.append(convert_run(run.text, font or base))
        return "".join(parts)

    def blocks(self, container) -> Iterator[str]:
        """Lines of a document body or a table cell, in order (tables unrolled)."""
        from docx.table import Table
        for item in container.iter_inner_content():
            if isinstance(item, Table):
                yield from self.table(item)
            else:
                yield self.paragraph(item)

    def table(self, table) -> Iterator[str]:
        for row in table.rows:
            seen = set()
            for cell in row.cells:
                if id(cell._tc) in seen:           # a merged cell appears once per grid column
                    continue
                seen.add(id(cell._tc))
                for line in self.blocks(cell):
                    if line.strip():
                        yield line
                yield "|"


def _is_xml(name: str) -> bool:
    return name.endswith((".xml", ".rels"))


def _check_package(data: bytes, source: str) -> None:
    """Refuse, before anything is inflated into memory, a package whose parts together
    unpack to more than :data:`MAX_UNPACKED`: python-docx loads every part (headers,
    images, …), so each member is inflated here in chunks, with the real count of bytes
    (a zip may lie about its sizes), and the count stops at the budget."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            names = {i.filename for i in infos}
            if "word/document.xml" not in names:
                raise ReadError(f"{source}: not a .docx (a zip archive without word/document.xml)")
            declared = sum(i.file_size for i in infos)
            declared_xml = sum(i.file_size for i in infos if _is_xml(i.filename))
            if declared > MAX_UNPACKED or declared_xml > MAX_UNPACKED_XML:
                raise ReadError(f"{source}: .docx unpacks to {declared / 2**20:.0f} MB, "
                                f"{declared_xml / 2**20:.0f} MB of it XML (limits {MAX_UNPACKED / 2**20:.0f} "
                                f"and {MAX_UNPACKED_XML / 2**20:.0f} MB)")
            total = xml = 0
            for info in infos:
                with z.open(info) as fh:
                    while True:
                        chunk = fh.read(1 << 20)
                        if not chunk:
                            break
                        total += len(chunk)
                        xml += len(chunk) if _is_xml(info.filename) else 0
                        if total > MAX_UNPACKED or xml > MAX_UNPACKED_XML:
                            raise ReadError(f"{source}: .docx unpacks to more than its limits "
                                            f"({MAX_UNPACKED / 2**20:.0f} MB, {MAX_UNPACKED_XML / 2**20:.0f} MB "
                                            f"of XML; its parts claim {declared / 2**20:.1f} MB: the archive "
                                            f"lies about its sizes)")
    except ReadError:
        raise
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError, zlib.error) as e:
        raise ReadError(f"{source}: not a readable .docx (broken zip archive: {e})") from None


def docx_to_text(data: bytes, source: str = "<docx>") -> str:
    """A .docx file's bytes → its text (see the module doc)."""
    _check_package(data, source)
    try:
        import docx as python_docx
        document = python_docx.Document(io.BytesIO(data))
        reader = _Reader(document)
        lines: List[str] = list(reader.blocks(document))
    except ReadError:
        raise
    except RecursionError:
        raise ReadError(f"{source}: .docx nested too deeply to read") from None
    except Exception as e:                         # python-docx, lxml, zipfile: a broken package
        raise ReadError(f"{source}: not a readable .docx ({type(e).__name__}: {str(e)[:200]})") from None
    text = "\n".join(lines).replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    return repair_mojibake(text, source)
