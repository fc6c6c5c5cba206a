"""The standalone HTML page of a tagged document (vn_directives.render, `vn-directives render`)."""
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from tests.conftest import SEEDS, TEXTS
from vn_directives import cli
from vn_directives.items import group_items
from vn_directives.records import THEMES, Document, Metadata, Sentence, Span
from vn_directives.render import LABEL_COLORS, RenderError, render_html, visible_entities

VOID = {"meta", "br", "link", "img", "input", "hr", "source", "area", "base", "col", "embed", "wbr"}


class Node:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent, self.children, self.text = tag, dict(attrs), parent, [], ""

    def classes(self):
        return (self.attrs.get("class") or "").split()

    def iter(self):
        yield self
        for c in self.children:
            yield from c.iter()

    def find_all(self, tag=None, cls=None, **attrs):
        return [n for n in self.iter() if (tag is None or n.tag == tag) and (cls is None or cls in n.classes())
                and all(n.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())]

    def all_text(self):
        return self.text + "".join(c.all_text() for c in self.children)

    def ancestors(self):
        n = self.parent
        while n is not None:
            yield n
            n = n.parent


class TreeBuilder(HTMLParser):
    """A small DOM from the standard library's parser (enough for these checks)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.cur = Node("#root", {})

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_endtag(self, tag):
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is not None and n.parent is not None:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(Node("#text", {}, self.cur))
        self.cur.children[-1].text = data


def parse(html):
    b = TreeBuilder()
    b.feed(html)
    b.close()
    return b.root


@pytest.fixture(scope="module")
def pages(seed_docs):
    return {name: render_html(doc) for name, doc in seed_docs.items()}


def expected_marks(doc):
    return [(sp.label, sp.text) for s in doc.sentences for sp in visible_entities(s)]


def marks_of(root):
    return [(m.attrs["data-label"], m.children[0].all_text().strip()) for m in root.find_all("mark", "entity")]


# ----------------------------------------------------------------------- the page

@pytest.mark.parametrize("name", [p.stem for p in SEEDS])
def test_every_entity_is_highlighted_with_its_label(seed_docs, pages, name):
    root = parse(pages[name])
    assert marks_of(root) == expected_marks(seed_docs[name])
    assert len(marks_of(root)) > 5


def test_one_colour_per_label(seed_docs, pages):
    root = parse(pages["seed-002"])
    seen = {}
    for m in root.find_all("mark", "entity"):
        bg = re.search(r"background:\s*([^;]+);", m.attrs["style"]).group(1).strip()
        seen.setdefault(m.attrs["data-label"], set()).add(bg)
    assert seen == {label: {colour} for label, colour in LABEL_COLORS.items()}
    assert len(set(LABEL_COLORS.values())) == len(LABEL_COLORS)


def test_each_sentence_has_its_themes_as_badges(seed_docs, pages):
    doc = seed_docs["seed-002"]
    root = parse(pages["seed-002"])
    divs = root.find_all("div", "sentence")
    assert [d.attrs["data-id"] for d in divs] == [s.id for s in doc.sentences]
    for div, s in zip(divs, doc.sentences):
        assert [b.attrs["data-theme"] for b in div.find_all("span", "badge")] == s.themes
    assert sum(len(s.themes) for s in doc.sentences) > 20


def test_sentences_are_grouped_in_item_sections(seed_docs, pages):
    doc = seed_docs["seed-002"]
    sections = parse(pages["seed-002"]).find_all("section", "item")
    items = group_items(doc)
    assert [s.attrs["data-path"] for s in sections] == [i.path for i in items]
    assert [[d.attrs["data-id"] for d in s.find_all("div", "sentence")] for s in sections] == \
        [i.sentence_ids for i in items]


def test_the_item_table_is_below_the_text_one_row_per_item(seed_docs, pages):
    doc = seed_docs["seed-002"]
    root = parse(pages["seed-002"])
    table = root.find_all("table", "item-table")[0]
    assert "items" in [a.attrs.get("id") for a in table.ancestors()]
    rows = table.find_all("tr")[1:]
    items = group_items(doc)
    assert [r.attrs["data-path"] for r in rows] == [i.path for i in items]
    b = rows[[i.path for i in items].index("I.3.b")]
    assert b.find_all("td", "grades")[0].all_text() == "2, 3, 6, 7, 10"
    assert [x.attrs["data-theme"] for x in b.find_all("span", "badge")] == ["ctgdpt2018"]
    assert b.find_all("a")[0].attrs["href"] == f"#item-{items[6].index}"


def test_the_header_shows_the_metadata_and_a_legend(pages):
    root = parse(pages["seed-002"])
    assert root.find_all("title")[0].all_text().startswith("CHỈ THỊ VỀ VIỆC THỰC HIỆN NHIỆM VỤ NĂM HỌC 2021 - 2022")
    meta = root.find_all("dl", "metadata")[0].all_text()
    assert "04/CT-UBND" in meta and "2021-09-14" in meta and "An Giang" in meta
    legend = [x.attrs.get("data-label") or x.attrs.get("data-theme")
              for div in root.find_all("div", "legend") for x in div.find_all("span")]
    assert set(LABEL_COLORS) | set(THEMES) <= set(legend)


def test_the_page_stands_alone(pages):
    for name, page in pages.items():
        root = parse(page)
        assert root.find_all("link") == [] and root.find_all("img") == [] and root.find_all("iframe") == []
        assert root.find_all("script") == []
        for n in root.iter():
            for k, v in n.attrs.items():
                assert not re.match(r"\s*(https?:)?//", v or ""), (name, k, v)
        css = "".join(s.all_text() for s in root.find_all("style"))
        assert "url(" not in css and "@import" not in css
        assert "http://" not in page and "https://" not in page
        assert len(root.find_all("style")) == 1 and root.find_all("meta")[0].attrs["charset"] == "utf-8"


def test_text_from_the_document_is_escaped():
    evil = "<script>alert(1)</script> Sở GDĐT & <b>x</b>"
    s = Sentence(id="x:0000", doc="x", text=evil, item="1", themes=['covid19"><i>'])
    s.actors.append(Span(evil.index("Sở"), evil.index("Sở") + 7, "Sở GDĐT", "ACTOR", '"><script>'))
    doc = Document(id="x", text=evil, sentences=[s], metadata=Metadata(title="<h1>T</h1>", number="<1>"))
    for use_spacy in (True, False):
        root = parse(render_html(doc, use_spacy=use_spacy))
        assert root.find_all("script") == [] and root.find_all("b") == [] and root.find_all("i") == []
        assert root.find_all("h1")[0].all_text() == "<h1>T</h1>"
        shown = root.find_all("div", "sentence")[0].all_text()
        assert "<script>alert(1)</script> " in shown and " & <b>x</b>" in shown   # as text, not markup
        assert root.find_all("mark", "entity")[0].attrs["title"] == '"><script>'


def test_overlapping_entities_keep_the_first_and_longer_one():
    s = Sentence(id="x:0000", doc="x", text="Quyết định của Thủ tướng Chính phủ", item="1")
    s.references.append(Span(0, 34, s.text, "REFERENCE", {"number": "1"}))
    s.actors.append(Span(15, 34, "Thủ tướng Chính phủ", "ACTOR", "Thủ tướng Chính phủ"))
    assert [sp.label for sp in visible_entities(s)] == ["REFERENCE"]
    root = parse(render_html(Document(id="x", text=s.text, sentences=[s])))
    assert marks_of(root) == [("REFERENCE", s.text)]


def test_displacy_and_the_builtin_highlighter_mark_the_same(seed_docs):
    doc = seed_docs["seed-003"]
    with_spacy = parse(render_html(doc, use_spacy=True))
    without = parse(render_html(doc, use_spacy=False))
    assert marks_of(with_spacy) == marks_of(without) == expected_marks(doc)
    assert [m.attrs["style"] for m in with_spacy.find_all("mark")] == \
        [m.attrs["style"] for m in without.find_all("mark")]


def test_requiring_spacy_without_it_is_a_clear_error(monkeypatch):
    import vn_directives.render as render
    monkeypatch.setattr(render, "_displacy", lambda: None)
    doc = Document(id="x", text="a", sentences=[Sentence(id="x:0000", doc="x", text="a")])
    with pytest.raises(RenderError, match=r"pip install 'vn_directives\[spacy\]'"):
        render_html(doc, use_spacy=True)
    assert "<mark" not in render_html(doc)              # None: falls back to the built-in highlighter


# ----------------------------------------------------------------------- the command

@pytest.fixture
def runner(monkeypatch, nlp):
    monkeypatch.setattr(cli, "_load_pipeline", lambda model, trust, components="default": nlp)
    return CliRunner()


def test_render_command_writes_the_page(runner, tmp_path):
    out = tmp_path / "seed-002.html"
    r = runner.invoke(cli.main, ["render", str(TEXTS / "seed-002.txt"), "-o", str(out)])
    assert r.exit_code == 0, r.output
    root = parse(out.read_text(encoding="utf-8"))
    assert len(root.find_all("mark", "entity")) > 50
    assert "17 items" in r.output


@pytest.mark.parametrize("make,message", [
    (lambda p: p / "missing.txt", "missing.txt: no such file"),
    (lambda p: p, "not a file"),
    (lambda p: (p / "bin.txt").write_bytes(b"\xff\xfe\x00\xd8\x00") and p / "bin.txt", "bin.txt"),
    (lambda p: (p / "empty.txt").write_text("") or p / "empty.txt", "empty.txt"),
])
def test_render_command_names_an_unreadable_input(runner, tmp_path, make, message):
    doc = make(tmp_path)
    r = runner.invoke(cli.main, ["render", str(doc), "-o", str(tmp_path / "out.html")])
    assert r.exit_code == 1 and message in r.output and "Traceback" not in r.output
    assert not (tmp_path / "out.html").exists()


# ----------------------------------------------------------------------- in a real browser

def _browser():
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.mark.skipif(_browser() is None, reason="no headless Chromium installed")
def test_the_page_renders_in_headless_chromium(seed_docs, pages, tmp_path):
    page = tmp_path / "seed-002.html"
    page.write_text(pages["seed-002"], encoding="utf-8")
    r = subprocess.run([_browser(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--dump-dom", page.as_uri()],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    dom = parse(r.stdout)
    doc = seed_docs["seed-002"]
    assert marks_of(dom) == expected_marks(doc)
    badges = [b.attrs["data-theme"] for d in dom.find_all("div", "sentence") for b in d.find_all("span", "badge")]
    assert badges == [t for s in doc.sentences for t in s.themes]
    assert len(dom.find_all("table", "item-table")[0].find_all("tr")) == 1 + len(group_items(doc))
    assert dom.find_all("h1")[0].all_text().startswith("CHỈ THỊ")
