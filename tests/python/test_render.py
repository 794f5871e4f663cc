"""HTML rendering and the displaCy export.

The page is checked as a tree, not as a string: a small parser rebuilds the
elements (failing on any end tag that does not close the element it should),
and the tests look at which marks hold which text and which marks sit inside
which. The last test loads the page in headless Chromium and asks the
browser's DOM the same questions."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from typing import Dict, List, Optional

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import presslens
from presslens.doc import Cue, Entity, Quote, Span
from presslens.render import LAYERS

TEXT = ("Mayor Elena Vasquez met officials in Caracas <on Tuesday> & left.\n"
        "“We listened to every concern,” Vasquez said. Critics called the so-called \"reform\" "
        "a “rushed and secretive” process.\n\n"
        "The deal could devastate the bay, Thomas O’Brien warned.")

_VOID = {"meta", "br", "hr", "img", "input", "link", "wbr", "col", "area", "base", "source"}


class Node:
    def __init__(self, tag: str, attrs: Dict[str, str], parent: Optional["Node"]) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: List[object] = []

    @property
    def classes(self) -> set:
        return set(self.attrs.get("class", "").split())

    def text(self, labels: bool = False) -> str:
        """The text inside, without the pl-label tags (unless ``labels``) and styles."""
        out = []
        for c in self.children:
            if isinstance(c, str):
                out.append(c)
            elif c.tag not in ("style", "script") and (labels or "pl-label" not in c.classes):
                out.append(c.text(labels))
        return "".join(out)

    def walk(self):
        for c in self.children:
            if isinstance(c, Node):
                yield c
                yield from c.walk()

    def find(self, cls: str) -> List["Node"]:
        return [n for n in self.walk() if cls in n.classes]

    def ancestors(self):
        n = self.parent
        while n is not None:
            yield n
            n = n.parent


class Tree(HTMLParser):
    """The element tree of a page; fails on a mis-nested end tag."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.stack = [self.root]
        self.feed(page)
        self.close()
        assert self.stack == [self.root], f"unclosed: {[n.tag for n in self.stack[1:]]}"

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def tree(page: str) -> Node:
    return Tree(page).root


def pieces(root: Node, cls: str, key: str) -> Dict[str, List[Node]]:
    """The elements of class ``cls`` in the article, grouped by their ``key`` attribute."""
    out: Dict[str, List[Node]] = {}
    (text,) = root.find("pl-text")
    for n in text.find(cls):
        out.setdefault(n.attrs[key], []).append(n)
    return out


@pytest.fixture(scope="module")
def doc(nlp):
    return nlp(TEXT)


def test_the_example_has_every_layer(doc):
    """The fixture text must exercise what the tests below claim to check."""
    assert doc.entities and doc.quotes and doc.cues and doc.scare_quotes
    assert {c.voice for c in doc.cues} == {"author", "quoted"}
    assert {"direct", "partial", "indirect"} <= {q.kind for q in doc.quotes}
    # A cue that crosses a quote's start, and quotes inside quotes.
    assert any(c.start < q.start < c.end < q.end for c in doc.cues for q in doc.quotes)
    assert any(a is not b and a.start <= b.start and b.end <= a.end
               for a in doc.quotes for b in doc.quotes)


def test_text_of_the_article_is_the_document(doc):
    root = tree(presslens.render(doc))
    (text,) = root.find("pl-text")
    assert text.text() == doc.text
    assert [p.text() for p in text.walk() if p.tag == "p"] == [p.text for p in doc.paragraphs]
    page = presslens.render(doc)
    assert "<on" not in page and "&lt;on " in page and "&gt; &amp; left" in page


def test_every_entity_is_marked_with_its_label(doc):
    marks = pieces(tree(presslens.render(doc)), "pl-ent", "data-ent")
    assert len(marks) == len(doc.entities)
    for i, e in enumerate(doc.entities):
        parts = marks[str(i)]
        assert all(p.tag == "mark" and p.attrs["data-label"] == e.label for p in parts)
        assert "".join(p.text() for p in parts) == e.text
        assert parts[-1].text(labels=True).endswith(e.label)
        canonical = doc.clusters[e.cluster].canonical
        assert parts[0].attrs["title"] == f"{e.label}: {canonical}"


def test_every_quote_is_marked_with_its_speaker_and_cue(doc):
    root = tree(presslens.render(doc))
    marks = pieces(root, "pl-quote", "data-quote")
    assert sorted(marks, key=int) == [str(i) for i in range(len(doc.quotes))]
    for i, q in enumerate(doc.quotes):
        parts = marks[str(i)]
        assert "".join(p.text() for p in parts) == q.text
        assert {p.attrs["data-kind"] for p in parts} == {q.kind}
        who = q.speaker_canonical or q.speaker.text
        labels = [c for c in parts[-1].children if isinstance(c, Node) and "pl-qlabel" in c.classes]
        assert [l.text(labels=True) for l in labels] == [f"{who} · {q.cue.text}"]
        assert all(not isinstance(c, Node) or "pl-qlabel" not in c.classes
                   for p in parts[:-1] for c in p.children)
        assert all(p.attrs["data-speaker"] == who for p in parts)
    # The speaker and cue spans: one mark each, naming the quotes they belong to.
    for role, attr in (("pl-speaker", "speaker"), ("pl-qcue", "cue")):
        spans = {}
        for n in root.find(role):
            for k in n.attrs["data-quotes"].split():
                spans.setdefault(int(k), []).append(n.text())
        assert sorted(spans) == [i for i, q in enumerate(doc.quotes) if getattr(q, attr)]
        for k, texts in spans.items():
            assert "".join(texts) == getattr(doc.quotes[k], attr).text


def test_every_cue_is_marked_by_category_and_voice(doc):
    marks = pieces(tree(presslens.render(doc)), "pl-cue", "data-cue")
    assert len(marks) == len(doc.cues)
    for i, c in enumerate(doc.cues):
        parts = marks[str(i)]
        assert "".join(p.text() for p in parts) == c.text
        assert {(p.attrs["data-category"], p.attrs["data-voice"]) for p in parts} == {(c.category, c.voice)}
        line = "solid" if c.voice == "author" else "dotted"
        assert all(f"border-bottom:3px {line}" in p.attrs["style"] for p in parts)
        assert c.category in parts[0].attrs["title"] and f"{c.voice} voice" in parts[0].attrs["title"]


def test_scare_quotes_are_marked(doc):
    marks = pieces(tree(presslens.render(doc)), "pl-scare", "data-scare")
    assert ["".join(p.text() for p in marks[str(i)]) for i in range(len(marks))] == \
        [s.text for s in doc.scare_quotes]


def test_marks_nest_inside_the_marks_that_contain_them(doc):
    """A cue inside a quote is an element inside the quote's element; so is an
    entity; the quoted-voice cue sits inside the quote it belongs to."""
    root = tree(presslens.render(doc))
    quoted = [n for n in root.find("pl-cue") if n.attrs["data-voice"] == "quoted"]
    assert quoted
    for n in quoted:
        k = str(doc.cues[int(n.attrs["data-cue"])].quote)
        assert any(a.attrs.get("data-quote") == k for a in n.ancestors())
    for n in root.find("pl-ent"):
        e = doc.entities[int(n.attrs["data-ent"])]
        holders = {str(i) for i, q in enumerate(doc.quotes) if q.start <= e.start and e.end <= q.end}
        assert holders <= {a.attrs.get("data-quote") for a in n.ancestors()}
    # Marks never hold a paragraph: every <p> is a child of the article.
    (text,) = root.find("pl-text")
    assert all(p.parent is text for p in text.walk() if p.tag == "p")


def test_a_mark_crossing_another_is_split(doc):
    """The cue "so-called" starts before the quote that starts inside it: it is
    cut at the quote's start, and the second piece is a continuation."""
    root = tree(presslens.render(doc, layers=["quotes", "cues"]))
    (i, c), = [(i, c) for i, c in enumerate(doc.cues)
               if c.category == "delegitimizing"]
    (q,) = [q for q in doc.quotes if c.start < q.start < c.end]
    parts = pieces(root, "pl-cue", "data-cue")[str(i)]
    assert [p.text() for p in parts] == [doc.text[c.start:q.start], doc.text[q.start:c.end]]
    assert "pl-cont" not in parts[0].classes and "pl-cont" in parts[1].classes
    assert any("pl-quote" in a.classes for a in parts[1].ancestors())
    assert not any("pl-quote" in a.classes for a in parts[0].ancestors())


def test_layers_choose_what_is_drawn(doc):
    for layer, cls in (("entities", "pl-ent"), ("quotes", "pl-quote"), ("cues", "pl-cue"),
                       ("scare_quotes", "pl-scare")):
        root = tree(presslens.render(doc, layers=[layer]))
        drawn = {c for n in root.find("pl-text")[0].walk() for c in n.classes} & \
            {"pl-ent", "pl-quote", "pl-speaker", "pl-qcue", "pl-cue", "pl-scare"}
        assert cls in drawn and (drawn - {cls} <= ({"pl-speaker", "pl-qcue"} if layer == "quotes"
                                                   else set())), (layer, drawn)
        assert [r.attrs["data-layer"] for r in root.find("pl-legend-row")] == [layer]
    # A single name works like a list of one, and "entities" is the old default.
    assert presslens.render(doc, layers="entities") == presslens.render(doc, layers=["entities"])
    root = tree(presslens.render(doc, layers=[]))
    assert root.find("pl-legend") == [] and not [n for n in root.walk() if "data-layer" in n.attrs]
    assert root.find("pl-text")[0].text() == doc.text


def test_repr_html_is_render(doc):
    assert doc._repr_html_() == presslens.render(doc)


def test_legend_lists_what_is_shown(doc):
    root = tree(presslens.render(doc))
    (legend,) = root.find("pl-legend")
    rows = {r.attrs["data-layer"]: r.text() for r in legend.find("pl-legend-row")}
    assert list(rows) == list(LAYERS)
    for label in {e.label for e in doc.entities}:
        assert label in rows["entities"]
    for kind in {q.kind for q in doc.quotes}:
        assert f"{kind} quote" in rows["quotes"]
    assert "speaker" in rows["quotes"] and "cue" in rows["quotes"]
    for category in {c.category for c in doc.cues}:
        assert category in rows["cues"]
    assert "author voice" in rows["cues"] and "quoted voice" in rows["cues"]
    assert "scare quote" in rows["scare_quotes"]
    # Only what occurs: no stray labels or categories.
    assert "MONEY" not in rows["entities"] and "booster" not in rows["cues"]
    assert tree(presslens.render(doc, legend=False)).find("pl-legend") == []


def test_a_layer_with_nothing_says_so(nlp):
    root = tree(presslens.render(nlp("The port reopened on Monday."), layers=["quotes"]))
    (row,) = root.find("pl-legend-row")
    assert row.text() == "Quotesnone found"


def test_render_rejects_bad_arguments(doc):
    with pytest.raises(ValueError, match="unknown layer 'sparkles'.*entities, quotes, cues, scare_quotes"):
        presslens.render(doc, layers=["sparkles"])
    with pytest.raises(TypeError, match="layer names are strings"):
        presslens.render(doc, layers=[1])
    with pytest.raises(TypeError, match="list of layer names"):
        presslens.render(doc, layers=5)
    with pytest.raises(TypeError, match="legend must be True or False"):
        presslens.render(doc, legend="yes")
    with pytest.raises(TypeError, match="presslens.Doc"):
        presslens.render(TEXT)
    with pytest.raises(TypeError, match="presslens.Doc"):
        presslens.to_displacy(TEXT)
    with pytest.raises(ValueError, match="unknown style 'dep'"):
        presslens.to_displacy(doc, style="dep")
    with pytest.raises(ValueError, match="layers applies to style='span'"):
        presslens.to_displacy(doc, layers=["quotes"])
    with pytest.raises(ValueError, match="unknown layer"):
        presslens.to_displacy(doc, style="span", layers=["sparkles"])


# --- overlaps of every kind ---------------------------------------------------------


def _with_marks(doc, marks):
    """``doc`` with its entities, quotes, cues and scare quotes replaced by ``marks``:
    (layer, start, end) triples."""
    text = doc.text
    ents, quotes, cues, scare = [], [], [], []
    for layer, s, e in marks:
        if layer == "entities":
            ents.append(Entity(s, e, text[s:e], "ORG", -1))
        elif layer == "quotes":
            quotes.append(Quote("direct", s, e, text[s:e], None, None, "unknown", None, None,
                                None, None, [], 0))
        elif layer == "cues":
            cues.append(Cue(s, e, text[s:e], "hedge", 0, 0.5, False, "author", None, None,
                            None, None))
        else:
            scare.append(Span(s, e, text[s:e], "SCARE_QUOTE"))
    doc._entities, doc._clusters, doc._quotes, doc._cues, doc._scare_quotes = \
        sorted(ents, key=lambda x: x.start), [], quotes, cues, scare
    return doc


_CLASS = {"entities": ("pl-ent", "data-ent"), "quotes": ("pl-quote", "data-quote"),
          "cues": ("pl-cue", "data-cue"), "scare_quotes": ("pl-scare", "data-scare")}
_RANK = {"quotes": 10, "scare_quotes": 20, "entities": 40, "cues": 50}


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_any_marks_nest_and_keep_the_text(nlp, data):
    """Random marks over a three-paragraph text, crossing each other and the
    paragraphs: the page is well formed, the article's text is the document,
    each mark's pieces hold exactly its text (within paragraphs), and a mark
    inside another is inside one of its pieces."""
    doc = nlp("Alpha beta “gamma” delta.\nEpsilon zeta eta, theta said.\n\nIota kappa lambda.")
    n = len(doc.text)
    spans = data.draw(st.lists(st.tuples(st.sampled_from(LAYERS), st.integers(0, n),
                                         st.integers(0, n)), max_size=12))
    marks = [(layer, min(a, b), max(a, b)) for layer, a, b in spans]
    doc = _with_marks(doc, marks)
    root = tree(presslens.render(doc))
    (text,) = root.find("pl-text")
    assert text.text() == doc.text
    paras = [(p.start, p.end) for p in doc.paragraphs]

    def inside(s, e):
        return "".join(doc.text[max(s, ps):min(e, pe)] for ps, pe in paras if max(s, ps) < min(e, pe))

    found = {}
    for layer, (cls, key) in _CLASS.items():
        for k, parts in pieces(root, cls, key).items():
            found[(layer, int(k))] = parts
    index = {}   # mark -> (layer, its index in that layer's list)
    for layer in LAYERS:
        mine = [i for i, m in enumerate(marks) if m[0] == layer]
        if layer == "entities":
            mine = sorted(mine, key=lambda i: marks[i][1])
        for k, i in enumerate(mine):
            index[i] = (layer, k)
    for i, (layer, s, e) in enumerate(marks):
        parts = found.get(index[i], [])
        assert "".join(p.text() for p in parts) == inside(s, e), (layer, s, e)
    for i, (la, sa, ea) in enumerate(marks):
        for j, (lb, sb, eb) in enumerate(marks):
            if i == j or not (sb <= sa and ea <= eb and sa < ea) or (sa, ea) == (sb, eb) and \
                    _RANK[lb] >= _RANK[la]:
                continue
            holder = {id(p) for p in found.get(index[j], [])}
            for part in found.get(index[i], []):
                assert any(id(a) in holder for a in part.ancestors()), (marks[i], marks[j])


def test_a_quote_across_paragraphs_is_cut_at_the_break(nlp):
    doc = nlp("First line of it.\nSecond line here.")
    p1, p2 = doc.paragraphs
    doc = _with_marks(doc, [("quotes", 6, p2.start + 6)])
    parts = pieces(tree(presslens.render(doc)), "pl-quote", "data-quote")["0"]
    assert [p.text() for p in parts] == [doc.text[6:p1.end], doc.text[p2.start:p2.start + 6]]
    assert [p.parent.tag for p in parts] == ["p", "p"]
    assert "pl-cont" in parts[1].classes
    assert "pl-label" not in "".join(str(c.classes) for c in parts[0].walk())
    assert parts[1].find("pl-label")


def test_an_empty_quote_is_still_marked(nlp):
    doc = nlp("He said “” and left.")
    at = doc.text.index("”")
    doc = _with_marks(doc, [("quotes", at, at)])
    parts = pieces(tree(presslens.render(doc)), "pl-quote", "data-quote")["0"]
    assert len(parts) == 1 and parts[0].text() == ""


# --- displaCy -----------------------------------------------------------------------


def test_to_displacy_ent_uses_character_offsets(doc):
    data = presslens.to_displacy(doc)
    assert set(data) == {"text", "ents", "title"}
    assert data["text"] == doc.text
    assert [(e["start"], e["end"], e["label"]) for e in data["ents"]] == \
        [(e.start, e.end, e.label) for e in doc.entities]


def test_to_displacy_span_gives_token_ranges(doc):
    data = presslens.to_displacy(doc, style="span")
    assert set(data) == {"text", "tokens", "spans", "title"}
    assert data["tokens"] == [t.text for t in doc.tokens]
    labels = [s["label"] for s in data["spans"]]
    for q in doc.quotes:
        assert f"{q.kind} quote: {q.speaker_canonical or q.speaker.text}" in labels
    for c in doc.cues:
        assert f"{c.category} ({c.voice})" in labels
    assert "scare quote" in labels and "speaker" in labels and "quote cue" in labels
    assert not any(l in {e.label for e in doc.entities} for l in labels)
    # Each span's tokens are exactly those its characters touch.
    by_label = {}
    for q in doc.quotes:
        by_label.setdefault(f"{q.kind} quote: {q.speaker_canonical or q.speaker.text}", []).append(q)
    for s in data["spans"]:
        first, last = s["start_token"], s["end_token"]
        assert 0 <= first < last <= len(doc)
        for q in by_label.get(s["label"], []):
            if doc[first].start <= q.start < doc[first].end:
                assert doc[last - 1].start < q.end <= doc[last - 1].end
                break
        else:
            assert s["label"] not in by_label, s
    ents = presslens.to_displacy(doc, style="span", layers=["entities"])["spans"]
    assert [(doc[s["start_token"]].start, doc[s["end_token"] - 1].end, s["label"]) for s in ents] == \
        [(e.start, e.end, e.label) for e in doc.entities]


# --- the browser ------------------------------------------------------------------------


def _chromium():
    import shutil

    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


# Runs in the test page (not in render()'s output): reads the DOM and computed
# styles, and writes what it found into <pre id="result"> for --dump-dom.
_PROBE = """
<pre id="result"></pre>
<script>
const article = document.querySelector('.pl-text').cloneNode(true);
article.querySelectorAll('.pl-label').forEach(e => e.remove());
const all = sel => [...document.querySelectorAll('.pl-text ' + sel)];
const ids = (sel, key) => [...new Set(all(sel).map(e => e.dataset[key]))];
document.getElementById('result').textContent = JSON.stringify({
  text: article.textContent,
  paragraphs: document.querySelectorAll('.pl-text > p').length,
  entities: ids('mark.pl-ent', 'ent'),
  quotes: ids('.pl-quote', 'quote'),
  cues: ids('.pl-cue', 'cue'),
  scare: ids('.pl-scare', 'scare'),
  speakers: [...article.querySelectorAll('.pl-speaker')].map(e => e.textContent),
  quoteLabels: all('.pl-quote > .pl-qlabel').map(e => e.textContent),
  cueLines: all('.pl-cue').map(e => [e.dataset.voice, getComputedStyle(e).borderBottomStyle]),
  entityColours: all('mark.pl-ent').map(e => [e.dataset.label, getComputedStyle(e).backgroundColor]),
  quotedCuesInQuotes: all('.pl-quote .pl-cue[data-voice="quoted"]').length,
  legend: document.querySelector('.pl-legend').innerText,
});
</script>
"""


@pytest.mark.skipif(_chromium() is None, reason="no Chromium (make test installs Debian's chromium)")
def test_page_renders_in_headless_chromium(doc, tmp_path):
    """The browser, not only the string: Chromium parses the page; its DOM holds
    one mark per entity, quote and cue, with the article's text, styled as the
    legend says, and the legend names what is shown."""
    import subprocess

    page = tmp_path / "doc.html"
    page.write_text("<!doctype html><html><head><meta charset='utf-8'></head><body>"
                    + presslens.render(doc) + _PROBE + "</body></html>", encoding="utf-8")
    common = [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
              f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run(common + ["--dump-dom", page.as_uri()], capture_output=True,
                         text=True, timeout=120, check=True).stdout
    root = tree(dom)
    (result,) = [n for n in root.walk() if n.attrs.get("id") == "result"]
    got = json.loads(result.text())
    assert got["text"] == doc.text
    assert got["paragraphs"] == len(doc.paragraphs)
    assert sorted(map(int, got["entities"])) == list(range(len(doc.entities)))
    assert sorted(map(int, got["quotes"])) == list(range(len(doc.quotes)))
    assert sorted(map(int, got["cues"])) == list(range(len(doc.cues)))
    assert sorted(map(int, got["scare"])) == list(range(len(doc.scare_quotes)))
    assert sorted(set(got["speakers"])) == sorted({q.speaker.text for q in doc.quotes})
    assert sorted(got["quoteLabels"]) == sorted(
        f"{q.speaker_canonical or q.speaker.text} · {q.cue.text}" for q in doc.quotes)
    assert {v: s for v, s in got["cueLines"]} == {"author": "solid", "quoted": "dotted"}
    colours = dict(got["entityColours"])
    assert colours["PERSON"] == "rgb(170, 156, 252)" and colours["GPE"] == "rgb(254, 202, 116)"
    assert got["quotedCuesInQuotes"] == sum(c.voice == "quoted" for c in doc.cues)
    for word in ("Entities", "PERSON", "Quotes", "direct quote", "partial quote", "indirect quote",
                 "speaker", "Cues", "hedge", "loaded", "author voice", "quoted voice",
                 "Scare quotes", "scare quote"):
        assert word in got["legend"], word
    # The same DOM, read by the tree parser: Chromium kept every mark where render() put it.
    assert tree(dom).find("pl-text")[0].text() == doc.text
    shot = tmp_path / "doc.png"
    subprocess.run(common + [f"--screenshot={shot}", "--window-size=900,700", page.as_uri()],
                   capture_output=True, timeout=120, check=True)
    assert shot.stat().st_size > 1000  # a real picture was drawn
