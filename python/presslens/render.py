"""HTML rendering of a Doc for notebooks, and export to displaCy's format.

    presslens.render(doc)                 # HTML string; Doc._repr_html_ uses it
    presslens.render(doc, layers=["entities"], legend=False)
    presslens.to_displacy(doc)            # {"text", "ents", "title"} for spacy.displacy(manual=True)
"""

from __future__ import annotations

import html
from typing import Dict, Iterable, List, Optional, Sequence

__all__ = ["render", "to_displacy", "LAYERS", "ENTITY_COLORS"]

#: Layers that render() can draw.
LAYERS = ("entities",)

#: Background colour per entity label (labels not listed get grey).
ENTITY_COLORS: Dict[str, str] = {
    "PERSON": "#aa9cfc", "ORG": "#7aecec", "GPE": "#feca74", "LOC": "#ff9561",
    "NORP": "#c887fb", "EVENT": "#ffeb80", "LAW": "#ff8197", "DATE": "#bfe1d9",
    "MONEY": "#e4e7d2", "PERCENT": "#e4e7d2", "QUANTITY": "#e4e7d2",
}
_DEFAULT_COLOR = "#dddddd"

_STYLE = (
    "<style>"
    ".pl-doc{font-family:system-ui,sans-serif;line-height:2.2;max-width:50em}"
    ".pl-doc p{margin:0 0 .8em 0}"
    ".pl-ent{padding:.15em .35em;border-radius:.35em;margin:0 .1em}"
    ".pl-label{font-size:.65em;font-weight:bold;margin-left:.4em;text-transform:uppercase;"
    "vertical-align:middle}"
    ".pl-legend{margin-bottom:1em;font-size:.85em}"
    ".pl-legend .pl-ent{margin-right:.5em}"
    "</style>"
)


def _check_layers(layers: Optional[Iterable[str]]) -> List[str]:
    if layers is None:
        return list(LAYERS)
    if isinstance(layers, str):
        layers = [layers]
    out = list(layers)
    for layer in out:
        if layer not in LAYERS:
            raise ValueError(f"unknown layer {layer!r}; render() draws {', '.join(LAYERS)}")
    return out


def render(doc, layers: Optional[Sequence[str]] = None, legend: bool = True) -> str:
    """The document as self-contained HTML: paragraphs, with entities coloured
    by label (hover for the label and the cluster's canonical name), and a
    legend of the labels that occur."""
    from .doc import Doc

    if not isinstance(doc, Doc):
        raise TypeError(f"render() takes a presslens.Doc, not {type(doc).__name__}")
    chosen = _check_layers(layers)
    text = doc.text
    ents = doc.entities if "entities" in chosen else []
    clusters = doc.clusters if ents else []
    parts: List[str] = [_STYLE, '<div class="pl-doc">']
    if legend and ents:
        labels = sorted({e.label for e in ents})
        parts.append('<div class="pl-legend">' + "".join(
            f'<span class="pl-ent" style="background:{ENTITY_COLORS.get(l, _DEFAULT_COLOR)}">'
            f"{html.escape(l)}</span>" for l in labels) + "</div>")
    k = 0
    for para in doc.paragraphs:
        out: List[str] = ["<p>"]
        pos = para.start
        while k < len(ents) and ents[k].start < para.end:
            e = ents[k]
            out.append(html.escape(text[pos:e.start]))
            canonical = clusters[e.cluster].canonical if 0 <= e.cluster < len(clusters) else e.text
            tip = f"{e.label}: {canonical}"
            color = ENTITY_COLORS.get(e.label, _DEFAULT_COLOR)
            out.append(
                f'<mark class="pl-ent" data-label="{html.escape(e.label)}" '
                f'style="background:{color}" title="{html.escape(tip)}">'
                f'{html.escape(text[e.start:e.end])}'
                f'<span class="pl-label">{html.escape(e.label)}</span></mark>')
            pos = e.end
            k += 1
        out.append(html.escape(text[pos:para.end]))
        out.append("</p>")
        parts.append("".join(out))
    parts.append("</div>")
    return "".join(parts)


def to_displacy(doc) -> dict:
    """The document in displaCy's manual format: ``{"text", "ents", "title"}``,
    with character offsets (``spacy.displacy.render(data, style="ent", manual=True)``)."""
    from .doc import Doc

    if not isinstance(doc, Doc):
        raise TypeError(f"to_displacy() takes a presslens.Doc, not {type(doc).__name__}")
    return {
        "text": doc.text,
        "ents": [{"start": e.start, "end": e.end, "label": e.label} for e in doc.entities],
        "title": None,
    }
