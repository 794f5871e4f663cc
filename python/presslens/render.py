"""HTML rendering of a Doc for notebooks, and export to displaCy's format.

    presslens.render(doc)                 # HTML string; Doc._repr_html_ uses it
    presslens.render(doc, layers=["quotes", "cues"], legend=False)
    presslens.to_displacy(doc)            # {"text", "ents", "title"} for displacy.render(..., style="ent", manual=True)
    presslens.to_displacy(doc, style="span")   # {"text", "tokens", "spans", "title"} for style="span"

The page holds the article (the ``pl-text`` element, whose text without the
small ``pl-label`` tags is exactly ``doc.text``) and a legend of what is
marked. Marks nest: a cue inside a quote inside a paragraph is an element
inside an element inside a ``<p>``. Where two marks overlap without one
containing the other, one is split in two where the other starts or ends
(the cue rather than the quote, the entity rather than the quote); the pieces share their ``data-*`` ids, later pieces have the
class ``pl-cont``, and only the last piece carries the label.
"""

from __future__ import annotations

import bisect
import html
import zlib
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional, Sequence, Tuple

if TYPE_CHECKING:
    from .doc import Doc, Quote

__all__ = ["render", "to_displacy", "LAYERS", "ENTITY_COLORS", "QUOTE_COLORS", "CUE_COLORS",
           "VOICE_LINES"]

#: Layers that render() can draw: entity mentions; quotes with their speaker and
#: cue spans; stance cues; scare quotes.
LAYERS = ("entities", "quotes", "cues", "scare_quotes")

#: Background colour per entity label (labels not listed get grey).
ENTITY_COLORS: Dict[str, str] = {
    "PERSON": "#aa9cfc", "ORG": "#7aecec", "GPE": "#feca74", "LOC": "#ff9561",
    "NORP": "#c887fb", "EVENT": "#ffeb80", "LAW": "#ff8197", "DATE": "#bfe1d9",
    "MONEY": "#e4e7d2", "PERCENT": "#e4e7d2", "QUANTITY": "#e4e7d2",
}
_DEFAULT_COLOR = "#dddddd"

#: Background tint of a quote's content, by kind.
QUOTE_COLORS: Dict[str, str] = {
    "direct": "#fff1a6", "partial": "#ffd7a8", "indirect": "#dde8f8",
}

#: Underline colour of a stance cue, by category (categories of your own get a
#: colour derived from their name).
CUE_COLORS: Dict[str, str] = {
    "hedge": "#1f77b4", "booster": "#d62728", "loaded": "#9b2fae", "evaluative": "#e0457b",
    "subjective": "#8c564b", "affect": "#ff7f0e", "factive": "#2ca02c", "assertive": "#0fa3b1",
    "reporting": "#7f7f7f", "intensifier": "#b5a300", "negation": "#222222",
    "delegitimizing": "#a50026", "euphemism": "#5e3c99", "figurative": "#3b8f3b",
    "scare_quote_cue": "#b15928", "scare_quote": "#b15928",
}
_EXTRA_CUE_COLORS = ("#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#9c755f", "#76b7b2",
                     "#edc948", "#e15759")
#: How a stance cue's underline is drawn, by voice.
VOICE_LINES: Dict[str, str] = {"author": "solid", "quoted": "dotted"}

_QUOTE_KINDS = ("indirect", "partial", "direct")   # outermost first when they share a span
_SCARE_COLOR = "#c0392b"
_SPEAKER_STYLE = "font-weight:600;border:1px solid #444;border-radius:.25em;padding:0 .15em"
_QCUE_STYLE = "font-style:italic;border:1px dashed #444;border-radius:.25em;padding:0 .15em"

_STYLE = (
    "<style>"
    ".pl-doc{font-family:system-ui,sans-serif;line-height:2.3;max-width:50em}"
    ".pl-doc p{margin:0 0 .8em 0}"
    ".pl-ent{padding:.15em .35em;border-radius:.35em;margin:0 .1em}"
    ".pl-quote{padding:.1em 0;border-radius:.2em}"
    ".pl-label{font-size:.65em;font-weight:bold;margin-left:.4em;text-transform:uppercase;"
    "vertical-align:middle}"
    ".pl-qlabel{text-transform:none;font-weight:normal;font-style:italic;color:#555;"
    "margin:0 .3em}"
    ".pl-legend{margin-bottom:1em;font-size:.85em;line-height:1.9}"
    ".pl-legend-head{font-weight:bold;margin-right:.6em}"
    ".pl-key{padding:.1em .35em;border-radius:.35em;margin-right:.5em}"
    "</style>"
)


def _check_layers(layers: Optional[Iterable[str]], default: Sequence[str]) -> List[str]:
    if layers is None:
        return list(default)
    if isinstance(layers, str):
        layers = [layers]
    try:
        out = list(layers)
    except TypeError:
        raise TypeError(f"layers must be a list of layer names, not {type(layers).__name__}") from None
    for layer in out:
        if not isinstance(layer, str):
            raise TypeError(f"layer names are strings, not {type(layer).__name__}: {layer!r}")
        if layer not in LAYERS:
            raise ValueError(f"unknown layer {layer!r}; the layers are {', '.join(LAYERS)}")
    return out


def _check_doc(doc: object, fn: str) -> None:
    from .doc import Doc

    if not isinstance(doc, Doc):
        raise TypeError(f"{fn}() takes a presslens.Doc, not {type(doc).__name__}")


def _cue_color(category: str) -> str:
    """The underline colour of a cue category (a stable colour for categories of your own)."""
    color = CUE_COLORS.get(category)
    if color is None:
        color = _EXTRA_CUE_COLORS[zlib.crc32(category.encode("utf-8")) % len(_EXTRA_CUE_COLORS)]
    return color


def _speaker_name(q: "Quote") -> str:
    if q.speaker_canonical:
        return q.speaker_canonical
    if q.speaker is not None:
        return q.speaker.text
    return "unattributed"


# --- marks and their nesting ------------------------------------------------------


class _Mark:
    """One marked span: ``rank`` orders marks over the same text, outermost first."""

    __slots__ = ("start", "end", "rank", "seq", "tag", "cls", "attrs", "style", "title", "label",
                 "layer", "span", "cont")

    def __init__(self, start: int, end: int, rank: int, tag: str, cls: str,
                 attrs: Sequence[Tuple[str, str]], style: str, title: str, label: str,
                 layer: str) -> None:
        self.start = start
        self.end = end
        self.rank = rank
        self.seq = 0
        self.tag = tag
        self.cls = cls
        self.attrs = attrs
        self.style = style
        self.title = title
        self.label = label      # HTML of the label, or ""
        self.layer = layer
        self.span = (start, end)  # the whole mark's extent, when this is a piece of it
        self.cont = False         # a piece after the first

    def open(self, cont: bool, depth: int) -> str:
        style = self.style
        if self.layer == "cues" and depth:
            # Nested cues draw their underlines lower, so that each stays visible.
            style += f";padding-bottom:{0.2 * depth:.1f}em"
        attrs = "".join(f' {k}="{html.escape(v)}"' for k, v in self.attrs)
        cls = self.cls + (" pl-cont" if cont or self.cont else "")
        title = f' title="{html.escape(self.title)}"' if self.title else ""
        return f'<{self.tag} class="{cls}"{attrs} style="{style}"{title}>'

    def close(self, last: bool) -> str:
        return (self.label if last else "") + f"</{self.tag}>"


def _nest(text: str, start: int, end: int, marks: List[_Mark], out: List[str]) -> None:
    """Appends the HTML of ``text[start:end]`` with ``marks`` (all inside it) to ``out``.

    A stack holds the open elements. At each boundary the marks that end
    there are closed; a mark still running above one of them in the stack is
    closed too and reopened after it (a split). Then the marks that start
    there open, the longest first, so that a mark contains the shorter ones
    that start with it; a mark of an outer kind (a quote) that starts inside
    an inner one (a cue) and outlasts it closes and reopens the inner one
    around its own start, so that the quote stays whole.
    """
    opening: Dict[int, List[_Mark]] = {}
    empty: Dict[int, List[_Mark]] = {}
    for m in marks:
        (empty if m.start == m.end else opening).setdefault(m.start, []).append(m)
    bounds = sorted({start, end} | {m.start for m in marks} | {m.end for m in marks})
    stack: List[_Mark] = []
    started: set = set()
    depth = 0
    pos = start

    def push(m: _Mark) -> None:
        nonlocal depth
        out.append(m.open(id(m) in started, depth if m.layer == "cues" else 0))
        started.add(id(m))
        stack.append(m)
        depth += m.layer == "cues"

    for p in bounds:
        if p > pos:
            out.append(html.escape(text[pos:p]))
            pos = p
        reopen: List[_Mark] = []
        while any(m.end == p for m in stack):
            m = stack.pop()
            depth -= m.layer == "cues"
            out.append(m.close(last=m.end == p))
            if m.end != p:
                reopen.append(m)
        for m in empty.get(p, ()):
            out.append(m.open(False, 0) + m.close(True))
        new = opening.get(p, [])
        if new:
            # A mark that opens here and outlasts an open mark of an inner kind
            # (a quote starting inside a cue) goes outside it: the inner mark
            # is split here rather than the outer one at the inner one's end.
            outer = min(new, key=lambda m: m.rank)
            while stack and stack[-1].end < outer.end and stack[-1].rank > outer.rank:
                m = stack.pop()
                depth -= m.layer == "cues"
                out.append(m.close(last=False))
                reopen.append(m)
        # Longest first; then, for pieces cut at a paragraph break, the mark
        # that is longer or starts earlier beyond it; then the kind.
        for m in sorted(reopen + new, key=lambda m: (-m.end, -m.span[1], m.span[0], m.rank, m.seq)):
            push(m)
    assert not stack, "every mark ends inside its paragraph"


def _clip(marks: List[_Mark], paragraphs: Sequence[Tuple[int, int]]) -> Dict[int, List[_Mark]]:
    """Marks by paragraph; a mark across paragraphs is cut into one piece per
    paragraph (the text between paragraphs is not marked)."""
    starts = [s for s, _ in paragraphs]
    out: Dict[int, List[_Mark]] = {}
    for m in marks:
        k = max(0, bisect.bisect_right(starts, m.start) - 1)
        pieces = []
        while k < len(paragraphs):
            ps, pe = paragraphs[k]
            if ps > m.end or (ps == m.end and m.start < m.end):
                break
            s, e = max(m.start, ps), min(m.end, pe)
            if s < e or (m.start == m.end and ps <= m.start <= pe):
                pieces.append((k, s, e))
            k += 1
        for n, (k, s, e) in enumerate(pieces):
            if (s, e) == (m.start, m.end):
                piece = m
            else:
                piece = _Mark(s, e, m.rank, m.tag, m.cls, m.attrs, m.style, m.title,
                              m.label if n == len(pieces) - 1 else "", m.layer)
                piece.seq, piece.span, piece.cont = m.seq, m.span, n > 0
            out.setdefault(k, []).append(piece)
    return out


def _entity_marks(doc: "Doc") -> List[_Mark]:
    clusters = doc.clusters
    marks = []
    for i, e in enumerate(doc.entities):
        canonical = clusters[e.cluster].canonical if 0 <= e.cluster < len(clusters) else e.text
        marks.append(_Mark(
            e.start, e.end, 40, "mark", "pl-ent",
            (("data-layer", "entities"), ("data-label", e.label), ("data-ent", str(i))),
            f"background:{ENTITY_COLORS.get(e.label, _DEFAULT_COLOR)}",
            f"{e.label}: {canonical}",
            f'<span class="pl-label">{html.escape(e.label)}</span>', "entities"))
    return marks


def _quote_marks(doc: "Doc") -> List[_Mark]:
    marks = []
    speakers: Dict[Tuple[int, int], List[int]] = {}
    cues: Dict[Tuple[int, int], List[int]] = {}
    for i, q in enumerate(doc.quotes):
        who = _speaker_name(q)
        label = who + (f" · {q.cue.text}" if q.cue is not None else "")
        tip = [f"{q.kind} quote", f"speaker: {who}"]
        if q.speaker is not None and q.speaker.text != who:
            tip[-1] += f" (“{q.speaker.text}”)"
        tip[-1] += f", {q.speaker_type}"
        if q.cue is not None:
            tip.append(f"cue: {q.cue.text}" + (f" ({q.cue_lemma}, {q.cue_category})"
                                               if q.cue_lemma else ""))
        if len(q.sources) > 1:
            tip.append("sources: " + " ← ".join(s.text for s in q.sources if s is not None))
        rank = 10 + (_QUOTE_KINDS.index(q.kind) if q.kind in _QUOTE_KINDS else len(_QUOTE_KINDS))
        marks.append(_Mark(
            q.start, q.end, rank, "span", "pl-quote",
            (("data-layer", "quotes"), ("data-kind", q.kind), ("data-quote", str(i)),
             ("data-speaker", who)),
            f"background:{QUOTE_COLORS.get(q.kind, _DEFAULT_COLOR)}", " · ".join(tip),
            f'<span class="pl-label pl-qlabel">{html.escape(label)}</span>', "quotes"))
        if q.speaker is not None:
            speakers.setdefault((q.speaker.start, q.speaker.end), []).append(i)
        if q.cue is not None:
            cues.setdefault((q.cue.start, q.cue.end), []).append(i)
    quotes = doc.quotes
    for (s, e), which in speakers.items():
        names = sorted({_speaker_name(quotes[i]) for i in which})
        marks.append(_Mark(
            s, e, 30, "span", "pl-speaker",
            (("data-layer", "quotes"), ("data-role", "speaker"),
             ("data-quotes", " ".join(map(str, which)))),
            _SPEAKER_STYLE, f"speaker of {len(which)} quote{'s' * (len(which) > 1)}: "
            + ", ".join(names), "", "quotes"))
    for (s, e), which in cues.items():
        lemma = quotes[which[0]].cue_lemma
        marks.append(_Mark(
            s, e, 31, "span", "pl-qcue",
            (("data-layer", "quotes"), ("data-role", "cue"),
             ("data-quotes", " ".join(map(str, which)))),
            _QCUE_STYLE, f"quote cue{': ' + lemma if lemma else ''}", "", "quotes"))
    return marks


def _cue_marks(doc: "Doc") -> List[_Mark]:
    marks = []
    for i, c in enumerate(doc.cues):
        sign = "+1" if c.polarity > 0 else "-1" if c.polarity < 0 else "0"
        tip = [f"{c.category} ({c.family})",
               f"{c.voice} voice" + (f" ({c.speaker_canonical})"
                                     if c.voice == "quoted" and c.speaker_canonical else ""),
               f"polarity {sign}" + (" (negated)" if c.negated else ""),
               f"strength {c.strength:.2f}"]
        if c.target:
            tip.append(f"about {c.target}")
        line = VOICE_LINES.get(c.voice, "dashed")
        marks.append(_Mark(
            c.start, c.end, 50, "span", "pl-cue",
            (("data-layer", "cues"), ("data-category", c.category), ("data-voice", c.voice),
             ("data-cue", str(i))),
            f"border-bottom:3px {line} {_cue_color(c.category)}", " · ".join(tip), "", "cues"))
    return marks


def _scare_marks(doc: "Doc") -> List[_Mark]:
    return [_Mark(s.start, s.end, 20, "span", "pl-scare",
                  (("data-layer", "scare_quotes"), ("data-scare", str(i))),
                  f"text-decoration:underline wavy {_SCARE_COLOR}",
                  "scare quote: quoted words that are nobody's speech", "", "scare_quotes")
            for i, s in enumerate(doc.scare_quotes)]


_BUILDERS = {"entities": _entity_marks, "quotes": _quote_marks, "cues": _cue_marks,
             "scare_quotes": _scare_marks}


# --- the legend -------------------------------------------------------------------


def _key(text: str, style: str, cls: str = "pl-key") -> str:
    return f'<span class="{cls}" style="{style}">{html.escape(text)}</span>'


def _legend(doc: "Doc", chosen: Sequence[str]) -> str:
    rows = []
    for layer in LAYERS:
        if layer not in chosen:
            continue
        if layer == "entities":
            labels = sorted({e.label for e in doc.entities})
            keys = "".join(_key(l, f"background:{ENTITY_COLORS.get(l, _DEFAULT_COLOR)}")
                           for l in labels)
            head = "Entities"
        elif layer == "quotes":
            kinds = [k for k in ("direct", "partial", "indirect")
                     if any(q.kind == k for q in doc.quotes)]
            kinds += sorted({q.kind for q in doc.quotes} - set(kinds))
            keys = "".join(_key(f"{k} quote", f"background:{QUOTE_COLORS.get(k, _DEFAULT_COLOR)}")
                           for k in kinds)
            if kinds:
                keys += (_key("speaker", _SPEAKER_STYLE) + _key("cue", _QCUE_STYLE)
                         + '<span class="pl-key">label: speaker · cue</span>')
            head = "Quotes"
        elif layer == "cues":
            categories = sorted({c.category for c in doc.cues})
            keys = "".join(_key(c, f"border-bottom:3px solid {_cue_color(c)}") for c in categories)
            voices = sorted({c.voice for c in doc.cues})
            keys += "".join(_key(f"{v} voice", f"border-bottom:3px {VOICE_LINES.get(v, 'dashed')} #555")
                            for v in voices)
            head = "Cues"
        else:
            keys = (_key("scare quote", f"text-decoration:underline wavy {_SCARE_COLOR}")
                    if doc.scare_quotes else "")
            head = "Scare quotes"
        rows.append(f'<div class="pl-legend-row" data-layer="{layer}">'
                    f'<span class="pl-legend-head">{head}</span>'
                    + (keys or '<span class="pl-key">none found</span>') + "</div>")
    return '<div class="pl-legend">' + "".join(rows) + "</div>" if rows else ""


# --- the public functions ---------------------------------------------------------


def render(doc: "Doc", layers: Optional[Sequence[str]] = None, legend: bool = True) -> str:
    """The document as self-contained HTML (a ``<style>`` block, no scripts, no
    network): paragraphs with the chosen ``layers`` marked, and a legend.

    ``layers`` is a list from :data:`LAYERS` (default: all of them):

    - ``entities``: mentions coloured by label (hover: label and canonical name);
    - ``quotes``: quote content tinted by kind (direct, partial, indirect) and
      labelled with the speaker's canonical name and the cue; the speaker and
      cue spans in boxes (solid, dashed);
    - ``cues``: stance cues underlined in their category's colour, solid in
      the author's voice and dotted in quoted voice (hover: polarity,
      strength, target);
    - ``scare_quotes``: a wavy underline.

    ``legend`` adds a key to the labels, kinds and categories that occur.
    Raises ValueError for an unknown layer, TypeError for a non-Doc.
    """
    _check_doc(doc, "render")
    chosen = _check_layers(layers, LAYERS)
    if not isinstance(legend, bool):
        raise TypeError(f"legend must be True or False, not {type(legend).__name__}")
    text = doc.text
    marks: List[_Mark] = []
    for layer in LAYERS:
        if layer in chosen:
            marks.extend(_BUILDERS[layer](doc))
    for seq, m in enumerate(marks):
        m.seq = seq
    paragraphs = [(p.start, p.end) for p in doc.paragraphs]
    by_paragraph = _clip(marks, paragraphs)
    parts: List[str] = [_STYLE, '<div class="pl-doc">']
    if legend:
        parts.append(_legend(doc, chosen))
    parts.append('<div class="pl-text">')
    pos = 0
    for k, (start, end) in enumerate(paragraphs):
        # The white space between paragraphs is kept, so that the text of
        # the pl-text element is the document's text.
        parts.append(html.escape(text[pos:start]))
        out: List[str] = ["<p>"]
        _nest(text, start, end, by_paragraph.get(k, []), out)
        out.append("</p>")
        parts.append("".join(out))
        pos = end
    parts.append(html.escape(text[pos:]))
    parts.append("</div></div>")
    return "".join(parts)


def _token_range(starts: List[int], ends: List[int], start: int, end: int) -> Tuple[int, int]:
    """Tokens ``[first, last)`` that overlap the characters ``[start, end)``."""
    return bisect.bisect_right(ends, start), bisect.bisect_left(starts, end)


def to_displacy(doc: "Doc", style: str = "ent",
                layers: Optional[Sequence[str]] = None) -> Dict[str, Any]:
    """The document in displaCy's manual format.

    ``style="ent"``: ``{"text", "ents", "title"}``, the entities with character
    offsets, for ``displacy.render(data, style="ent", manual=True)``.

    ``style="span"``: ``{"text", "tokens", "spans", "title"}`` for
    ``displacy.render(data, style="span", manual=True)``, where spans may
    overlap and are given as token ranges (``end_token`` exclusive). ``layers``
    chooses what becomes a span (default: quotes, cues and scare quotes):
    quote content is labelled ``"<kind> quote: <speaker>"``, its speaker and
    cue ``"speaker"`` and ``"quote cue"``, stance cues ``"<category> (<voice>)"``,
    scare quotes ``"scare quote"``, entities by their label. A span that
    covers no token (an empty quote) is left out.
    """
    _check_doc(doc, "to_displacy")
    if style == "ent":
        if layers is not None:
            raise ValueError("layers applies to style='span'; style='ent' shows the entities")
        return {
            "text": doc.text,
            "ents": [{"start": e.start, "end": e.end, "label": e.label} for e in doc.entities],
            "title": None,
        }
    if style != "span":
        raise ValueError(f"unknown style {style!r}; to_displacy() makes 'ent' or 'span'")
    chosen = _check_layers(layers, ("quotes", "cues", "scare_quotes"))
    labelled: List[Tuple[int, int, str]] = []
    if "entities" in chosen:
        labelled += [(e.start, e.end, e.label) for e in doc.entities]
    if "quotes" in chosen:
        seen = set()
        for q in doc.quotes:
            labelled.append((q.start, q.end, f"{q.kind} quote: {_speaker_name(q)}"))
            for part, name in ((q.speaker, "speaker"), (q.cue, "quote cue")):
                if part is not None and (part.start, part.end, name) not in seen:
                    seen.add((part.start, part.end, name))
                    labelled.append((part.start, part.end, name))
    if "cues" in chosen:
        labelled += [(c.start, c.end, f"{c.category} ({c.voice})") for c in doc.cues]
    if "scare_quotes" in chosen:
        labelled += [(s.start, s.end, "scare quote") for s in doc.scare_quotes]
    tokens = doc.tokens
    starts = [t.start for t in tokens]
    ends = [t.end for t in tokens]
    spans = []
    for s, e, label in sorted(labelled, key=lambda x: (x[0], -x[1], x[2])):
        first, last = _token_range(starts, ends, s, e)
        if first < last:
            spans.append({"start_token": first, "end_token": last, "label": label})
    return {"text": doc.text, "tokens": [t.text for t in tokens], "spans": spans, "title": None}
