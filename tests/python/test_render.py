"""HTML rendering and the displaCy export."""

from html.parser import HTMLParser

import pytest

import presslens

TEXT = ("Mayor Elena Vasquez met officials in Caracas <on Tuesday> & left.\n"
        "“We listened,” Vasquez said.")


class _Marks(HTMLParser):
    """Collects the text and label of every entity mark, and all visible text."""

    def __init__(self):
        super().__init__()
        self.marks, self.text, self._in_mark, self._in_label, self._in_style = [], [], None, False, False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "mark":
            self._in_mark = [a.get("data-label"), ""]
        elif tag == "span" and a.get("class") == "pl-label":
            self._in_label = True
        elif tag == "style":
            self._in_style = True

    def handle_endtag(self, tag):
        if tag == "mark":
            self.marks.append(tuple(self._in_mark))
            self._in_mark = None
        elif tag == "span":
            self._in_label = False
        elif tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style or self._in_label:
            return
        if self._in_mark is not None:
            self._in_mark[1] += data
        self.text.append(data)


def test_render_marks_every_entity_and_keeps_the_text(nlp):
    doc = nlp(TEXT)
    page = presslens.render(doc, legend=False)
    p = _Marks()
    p.feed(page)
    assert p.marks == [(e.label, e.text) for e in doc.entities]
    # All the text is there, escaped and unescaped back, paragraph by paragraph.
    assert "".join(p.text) == "".join(para.text for para in doc.paragraphs)
    assert "<on Tuesday>" not in page  # escaped
    assert page.count("<p>") == len(doc.paragraphs)


def test_repr_html_is_render(nlp):
    doc = nlp(TEXT)
    assert doc._repr_html_() == presslens.render(doc)


def test_legend_lists_labels_present(nlp):
    doc = nlp(TEXT)
    page = presslens.render(doc)
    for label in {e.label for e in doc.entities}:
        assert f">{label}</span>" in page


def test_render_rejects_bad_arguments(nlp):
    doc = nlp(TEXT)
    with pytest.raises(ValueError, match="unknown layer"):
        presslens.render(doc, layers=["sparkles"])
    with pytest.raises(TypeError):
        presslens.render(TEXT)
    with pytest.raises(TypeError):
        presslens.to_displacy(TEXT)


def test_render_without_entities_layer_has_no_marks(nlp):
    assert "<mark" not in presslens.render(nlp(TEXT), layers=[])


def test_to_displacy_uses_character_offsets(nlp):
    doc = nlp(TEXT)
    data = presslens.to_displacy(doc)
    assert data["text"] == doc.text
    assert [(e["start"], e["end"], e["label"]) for e in data["ents"]] == \
        [(e.start, e.end, e.label) for e in doc.entities]
    assert all(doc.text[e["start"]:e["end"]] for e in data["ents"])


def _chromium():
    import shutil

    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.mark.skipif(_chromium() is None, reason="no Chromium (make test installs Debian's chromium)")
def test_page_renders_in_headless_chromium(nlp, tmp_path):
    """The browser, not only the string: Chromium parses the page and its DOM
    holds one mark per entity, in order, with the article's text."""
    import subprocess

    doc = nlp(TEXT)
    page = tmp_path / "doc.html"
    page.write_text("<!doctype html><html><head><meta charset='utf-8'></head><body>"
                    + presslens.render(doc) + "</body></html>", encoding="utf-8")
    shot = tmp_path / "doc.png"
    common = [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
              f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run(common + ["--dump-dom", page.as_uri()], capture_output=True,
                         text=True, timeout=120, check=True).stdout
    parsed = _Marks()
    parsed.feed(dom)
    assert parsed.marks == [(e.label, e.text) for e in doc.entities]
    shown = "".join(parsed.text).replace("\n", "")
    legend = "".join(sorted({e.label for e in doc.entities}))
    assert shown == legend + "".join(p.text for p in doc.paragraphs).replace("\n", "")
    subprocess.run(common + [f"--screenshot={shot}", "--window-size=900,600", page.as_uri()],
                   capture_output=True, timeout=120, check=True)
    assert shot.stat().st_size > 1000  # a real picture was drawn
