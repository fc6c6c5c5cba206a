"""A tagged directive as one standalone HTML page.

:func:`render_html` shows a :class:`~vn_directives.records.Document` the way
a reader checks the tagging: a header with the document's metadata and a
legend, then the text item by item — every sentence with its entities
highlighted (spaCy's displaCy ``ent`` style, one colour per label from
:data:`LABEL_COLORS`) and its themes as badges — and below it the directive
item table (:mod:`vn_directives.items`: who must do what, for which grades, by
when). :func:`write_html` writes it to a file; the command is
``vn-directives render DOC -o DOC.html``.

The page stands alone: styles are inline, there are no scripts, fonts,
images or links to other files or sites, so it opens in any browser with no
network. All text from the document is HTML-escaped.

displaCy comes with the optional ``spacy`` extra (``pip install
'vn_directives[spacy]'``); without spaCy the same markup is written by a
small built-in highlighter (``use_spacy=False`` forces it, ``use_spacy=True``
requires spaCy). displaCy's ``ent`` style cannot nest marks, so where two
entities overlap only the first (the longer, at the same start) is
highlighted; the item table lists all of them.

>>> from vn_directives.records import Document, Sentence, Span
>>> s = Sentence(id="d:0000", doc="d", text="Sở GDĐT dạy lớp 1.", item="1", themes=["ctgdpt2018"])
>>> s.actors.append(Span(0, 7, "Sở GDĐT", "ACTOR", "Sở Giáo dục và Đào tạo"))
>>> page = render_html(Document(id="d", text=s.text, sentences=[s]), use_spacy=False)
>>> page.startswith("<!DOCTYPE html>"), 'data-label="ACTOR"' in page, 'data-theme="ctgdpt2018"' in page
(True, True, True)
"""
from __future__ import annotations

import html
from pathlib import Path
from typing import Any, Dict, List, Optional, Union

from .records import THEMES, Document, Sentence, Span

#: one background colour per entity label: the only place they are defined
LABEL_COLORS: Dict[str, str] = {
    "ACTOR": "#aa9cfc",      # violet
    "GRADE": "#7aecec",      # cyan
    "DEADLINE": "#feca74",   # orange
    "REFERENCE": "#bfeeb7",  # green
}
#: badge colour per theme (white text on it)
THEME_COLORS: Dict[str, str] = {
    "covid19": "#b3261e",
    "ctgdpt2018": "#1f5fa8",
    "digital_transformation": "#2e7d32",
    "inspection": "#6a3d9a",
    "teacher_staffing": "#a65e00",
}
THEME_NAMES: Dict[str, str] = {
    "covid19": "COVID-19",
    "ctgdpt2018": "Chương trình GDPT 2018",
    "digital_transformation": "Chuyển đổi số",
    "inspection": "Thanh tra, kiểm tra",
    "teacher_staffing": "Đội ngũ giáo viên",
}
_OTHER_THEME = "#555555"

#: the displaCy entity template (also used by the built-in highlighter)
ENT_TEMPLATE = ('<mark class="entity" data-label="{label}" title="{tip}" style="background: {bg}; '
                'padding: 0.15em 0.35em; margin: 0 0.1em; line-height: 1; border-radius: 0.35em;">'
                '{text}<span class="ent-label">{label}</span></mark>')

_CSS = """
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif;
 color:#1d1d1f;background:#f6f6f4;line-height:1.5}
header.doc-header,main{max-width:1100px;margin:0 auto;padding:1rem 1.5rem}
header.doc-header{background:#fff;border-bottom:3px solid #1f5fa8}
h1{font-size:1.35rem;margin:.2rem 0 .6rem}
h2{font-size:1.15rem;margin:1.6rem 0 .6rem}
dl.metadata{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:0 0 .8rem;font-size:.92rem}
dl.metadata dt{color:#666}
dl.metadata dd{margin:0}
.legend{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center;font-size:.85rem;margin:.3rem 0}
.legend .title{color:#666;margin-right:.2rem}
.summary{color:#555;font-size:.88rem;margin:.4rem 0 0}
section.item{background:#fff;border:1px solid #e2e2dd;border-radius:6px;margin:.7rem 0;padding:.5rem .9rem}
section.item.role-preamble,section.item.role-closing,section.item.role-unnumbered{background:#fbfbf9}
.item-head{font-size:.8rem;color:#666;margin-bottom:.2rem}
.item-path{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-weight:bold;color:#1f5fa8;margin-right:.5rem}
.context{color:#888}
.sentence{display:flex;gap:.6rem;align-items:flex-start;padding:.15rem 0;border-top:1px dotted #eee}
.sentence:first-of-type{border-top:none}
.sid{flex:0 0 2.6rem;font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.72rem;color:#aaa;padding-top:.45rem}
.stext{flex:1 1 auto}
.stext .entities{line-height:2.1 !important}
.kind-heading .stext{font-weight:600}
.kind-header .stext{color:#888;font-size:.85rem}
.badges{flex:0 0 auto;max-width:14rem;display:flex;flex-wrap:wrap;gap:.25rem;justify-content:flex-end;padding-top:.3rem}
.badge{display:inline-block;color:#fff;font-size:.72rem;font-weight:600;padding:.1em .5em;border-radius:1em;
 white-space:nowrap}
.badge .score{font-weight:400;opacity:.85;margin-left:.3em}
mark.entity .ent-label{font-size:.68em;font-weight:bold;margin-left:.4rem;vertical-align:middle;opacity:.8}
table.item-table{border-collapse:collapse;width:100%;table-layout:fixed;background:#fff;font-size:.85rem}
.c-path{width:8%}.c-heading{width:21%}.c-themes{width:17%}.c-actors{width:20%}.c-grades{width:7%}
.c-deadlines{width:14%}.c-references{width:13%}
table.item-table .badge{white-space:normal;overflow-wrap:anywhere;margin:0 .15em .15em 0}
table.item-table td{overflow-wrap:anywhere}
table.item-table th,table.item-table td{border:1px solid #ddd;padding:.35rem .5rem;vertical-align:top;text-align:left}
table.item-table th{background:#eef2f8;position:sticky;top:0}
table.item-table td.path{font-family:ui-monospace,"DejaVu Sans Mono",monospace;white-space:nowrap}
table.item-table td.path a{color:#1f5fa8;text-decoration:none}
table.item-table ul{margin:0;padding-left:1.1rem}
table.item-table .none{color:#bbb}
.chip{display:inline-block;padding:0 .35em;border-radius:.3em;margin:0 .15em .15em 0}
footer{max-width:1100px;margin:1rem auto 2rem;padding:0 1.5rem;color:#888;font-size:.8rem}
"""


class RenderError(RuntimeError):
    """The page cannot be made as asked (spaCy required but missing)."""


def _e(x: Any) -> str:
    return html.escape("" if x is None else str(x), quote=True)


def _tip(span: Span) -> str:
    v = span.value
    if span.label == "DEADLINE" and isinstance(v, dict):
        return f"{v.get('start') or '…'} → {v.get('end') or '…'}"
    if span.label == "GRADE" and isinstance(v, list):
        return "lớp " + ", ".join(map(str, v))
    if span.label == "REFERENCE" and isinstance(v, dict):
        return " ".join(str(x) for x in (v.get("type"), v.get("number"), v.get("date")) if x)
    level = span.attrs.get("level") if span.label == "ACTOR" else None
    return f"{v} ({level})" if level else str(v if v is not None else span.text)


def visible_entities(sentence: Sentence) -> List[Span]:
    """The sentence's entities that get highlighted: in order, no overlaps
    (of two overlapping spans the earlier, at the same start the longer one)."""
    out: List[Span] = []
    for sp in sorted(sentence.entities, key=lambda s: (s.start, -(s.end - s.start))):
        if 0 <= sp.start < sp.end <= len(sentence.text) and (not out or sp.start >= out[-1].end):
            out.append(sp)
    return out


def _ents_payload(sentence: Sentence) -> Dict[str, Any]:
    return {"text": sentence.text, "title": None,
            "ents": [{"start": sp.start, "end": sp.end, "label": _e(sp.label),
                      "params": {"tip": _e(_tip(sp))}} for sp in visible_entities(sentence)]}


def _displacy():
    try:
        from spacy import displacy
    except ImportError:
        return None
    return displacy


def _plain_ents(payload: Dict[str, Any]) -> str:
    """displaCy's ``ent`` markup without spaCy (same template, same escaping)."""
    text, pos, parts = payload["text"], 0, []
    for ent in payload["ents"]:
        parts.append(_e(text[pos:ent["start"]]))
        parts.append(ENT_TEMPLATE.format(label=ent["label"], tip=ent["params"]["tip"],
                                         bg=LABEL_COLORS.get(ent["label"], "#ddd"),
                                         text=_e(text[ent["start"]:ent["end"]])))
        pos = ent["end"]
    parts.append(_e(text[pos:]))
    return ('<div class="entities" style="line-height: 2.5; direction: ltr">'
            + "".join(parts).replace("\n", "<br>") + "</div>")


def _highlighter(use_spacy: Optional[bool]):
    displacy = _displacy() if use_spacy in (None, True) else None
    if displacy is None and use_spacy:
        raise RenderError("rendering with displaCy needs spaCy: pip install 'vn_directives[spacy]'")
    if displacy is None:
        return _plain_ents
    options = {"colors": dict(LABEL_COLORS), "template": ENT_TEMPLATE}

    def render(payload: Dict[str, Any]) -> str:
        return displacy.render(payload, style="ent", manual=True, page=False, jupyter=False,
                               options=options)
    return render


def _badge(theme: str, score: Optional[float] = None) -> str:
    colour = THEME_COLORS.get(theme, _OTHER_THEME)
    tip = THEME_NAMES.get(theme, theme) + (f" · {score:.2f}" if score is not None else "")
    score_html = f'<span class="score">{score:.2f}</span>' if score is not None else ""
    return (f'<span class="badge" data-theme="{_e(theme)}" title="{_e(tip)}" '
            f'style="background:{colour}">{_e(theme)}{score_html}</span>')


def _legend() -> str:
    ents = "".join(f'<span class="chip" data-label="{_e(k)}" style="background:{v}">{_e(k)}</span>'
                   for k, v in LABEL_COLORS.items())
    themes = "".join(_badge(t) for t in THEMES)
    return (f'<div class="legend"><span class="title">Entities:</span>{ents}</div>'
            f'<div class="legend"><span class="title">Themes:</span>{themes}</div>')


def _metadata(doc: Document) -> str:
    m = doc.metadata
    rows = [("Số", m.number), ("Loại", m.doc_type), ("Cơ quan ban hành", m.issuer), ("Nơi ban hành", m.place),
            ("Ngày", m.date), ("Tỉnh", m.province), ("Tỉnh (sau 2025)", m.province_2025),
            ("Nguồn", doc.source)]
    return '<dl class="metadata">' + "".join(
        f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in rows if v) + "</dl>"


def _sentence_html(s: Sentence, highlight) -> str:
    badges = "".join(_badge(t, s.theme_scores.get(t)) for t in s.themes)
    num = s.id.rsplit(":", 1)[-1]
    return (f'<div class="sentence kind-{_e(s.kind)}" id="s-{_e(s.id)}" data-id="{_e(s.id)}">'
            f'<span class="sid">{_e(num)}</span><div class="stext">{highlight(_ents_payload(s))}</div>'
            f'<div class="badges">{badges}</div></div>')


def _item_label(item) -> str:
    return item.path if item.path else f"({item.role})"


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _item_section(item, highlight) -> str:
    head = f'<span class="item-path">{_e(_item_label(item))}</span>'
    if item.context:
        short = " › ".join(_short(h, 70) for h in item.context)
        head += f'<span class="context" title="{_e(" › ".join(item.context))}">{_e(short)}</span>'
    body = "".join(_sentence_html(s, highlight) for s in item.sentences)
    return (f'<section class="item role-{_e(item.role)}" id="item-{item.index}" data-path="{_e(item.path)}" '
            f'data-role="{_e(item.role)}"><div class="item-head">{head}</div>{body}</section>')


_NONE = '<span class="none">–</span>'


def _cell_list(values: List[str]) -> str:
    if not values:
        return _NONE
    return "<ul>" + "".join(f"<li>{_e(v)}</li>" for v in values) + "</ul>"


def _item_row(item) -> str:
    start, end = item.deadline_window
    deadlines = [f"{m.span.text} ({_tip(m.span)})" if isinstance(m.span.value, dict) else m.span.text
                 for m in item.deadlines]
    scores = item.theme_scores
    themes = "".join(_badge(t, scores.get(t)) for t in item.themes) or _NONE
    grades = ", ".join(map(str, item.grade_values))
    heading = _short(item.heading, 160)
    return (f'<tr data-item="{item.index}" data-path="{_e(item.path)}">'
            f'<td class="path"><a href="#item-{item.index}">{_e(_item_label(item))}</a></td>'
            f'<td class="heading">{_e(heading)}</td><td class="themes">{themes}</td>'
            f'<td class="actors">{_cell_list(item.actor_names)}</td>'
            f'<td class="grades">{_e(grades) if grades else _NONE}</td>'
            f'<td class="deadlines">{_cell_list(deadlines)}</td>'
            f'<td class="references">{_cell_list(item.reference_texts)}</td></tr>')


def render_html(doc: Document, title: Optional[str] = None, use_spacy: Optional[bool] = None) -> str:
    """The standalone HTML page of a tagged document (see the module docstring).

    ``use_spacy``: ``None`` uses displaCy when spaCy is installed, ``True``
    requires it (:class:`RenderError` otherwise), ``False`` uses the built-in
    highlighter.
    """
    from . import __version__
    from .items import group_items
    highlight = _highlighter(use_spacy)
    items = group_items(doc)
    title = title or doc.metadata.title or doc.id
    n_ents = sum(len(s.entities) for s in doc.sentences)
    n_numbered = sum(1 for i in items if i.role == "item")
    summary = (f"{len(doc.sentences)} sentences, {n_numbered} numbered items, {n_ents} entities "
               f"· document id {doc.id}")
    sections = "".join(_item_section(i, highlight) for i in items)
    rows = "".join(_item_row(i) for i in items)
    table = ('<table class="item-table"><thead><tr><th class="c-path">Item</th><th class="c-heading">Heading</th>'
             '<th class="c-themes">Themes</th><th class="c-actors">Actors</th><th class="c-grades">Grades</th>'
             '<th class="c-deadlines">Deadlines</th><th class="c-references">References</th></tr></thead>'
             f"<tbody>{rows}</tbody></table>")
    return (
        '<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f'<header class="doc-header"><h1>{_e(title)}</h1>{_metadata(doc)}{_legend()}'
        f'<p class="summary">{_e(summary)}</p></header>\n'
        f'<main><section class="document"><h2>Text</h2>{sections}</section>\n'
        f'<section class="items" id="items"><h2>Directive items</h2>{table}</section></main>\n'
        f"<footer>vn_directives {_e(__version__)}</footer>\n</body>\n</html>\n")


def write_html(doc: Document, path: Union[str, Path], **kwargs: Any) -> Path:
    """Write :func:`render_html` of ``doc`` to ``path`` (UTF-8); returns the path."""
    path = Path(path)
    path.write_text(render_html(doc, **kwargs), encoding="utf-8")
    return path
