"""Scoring quotes against annotated articles.

Used by ``python -m presslens.eval quotes FILE.jsonl``. A record is one
article: ``{"id", "text", "quotes": [...]}``. Gold quotes may be written in
either of two ways:

* PolNeAR style: ``quote_spans`` (the content's fragments, quote marks
  included), ``kind`` direct/mixed/indirect, ``speaker_spans``;
* presslens style: ``start``/``end``, ``kind`` direct/partial/indirect,
  ``speaker`` ``{"start", "end"}`` and optionally ``required: false`` for an
  item a system is neither rewarded nor penalised for.

How it scores:

* Content is compared as a set of character positions, after trimming quote
  marks, white space and punctuation at the edges of each fragment (PolNeAR
  keeps the marks; presslens does not).
* Predicted quotes that share a cue are one attribution: a quote split
  around its attribution (“A,” he said, “B.”) and a partial quote inside
  reported speech are scored once, as PolNeAR annotates them. A group is
  ``direct`` if all its members are, ``partial`` if it holds a partial quote
  (PolNeAR's ``mixed``), else ``indirect``.
* A prediction matches a gold quote when the overlap is at least 30% of the
  longer of the two (``--overlap``); matching is one-to-one, best overlap
  first, and ignores kind. Exact match means the same positions.
* Recall is per gold kind, precision per predicted kind.
* Speaker accuracy: over matched pairs whose gold quote names a speaker, the
  share whose predicted speaker span overlaps the gold speaker span.
* Predictions inside a record's ``meta.discard_spans`` (boilerplate) and
  those matching a gold item with ``required: false`` are not counted.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

__all__ = ["read_records", "score_quotes", "evaluate_quotes", "format_report", "KINDS"]

KINDS = ("direct", "partial", "indirect")
_EDGE = set("\"'“”‘’«»„‚‹› \t\n\r.,;:!?—–-")


def _norm(start: int, end: int, text: str) -> range:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return range(start, end)


def _positions(spans: Iterable[Tuple[int, int]], text: str) -> frozenset:
    out: set = set()
    for s, e in spans:
        out.update(_norm(s, e, text))
    return frozenset(out)


class _Item:
    __slots__ = ("kind", "chars", "speaker", "required")

    def __init__(self, kind: str, chars: frozenset, speaker: Optional[range],
                 required: bool = True) -> None:
        self.kind = kind
        self.chars = chars
        self.speaker = speaker
        self.required = required


def read_records(path: Path) -> List[dict]:
    """Records of a JSONL file; a bad line raises ValueError naming file:line."""
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as err:
                raise ValueError(f"{path}:{n}: not JSON: {err.msg}") from None
            if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
                raise ValueError(f"{path}:{n}: a record needs a 'text' string")
            if not isinstance(rec.get("quotes", []), list):
                raise ValueError(f"{path}:{n}: 'quotes' must be a list")
            out.append(rec)
    return out


def _gold_items(rec: dict) -> List[_Item]:
    text = rec["text"]
    items = []
    for q in rec.get("quotes", []):
        if "quote_spans" in q:
            spans = [tuple(s) for s in q["quote_spans"]]
            kind = {"mixed": "partial"}.get(q.get("kind"), q.get("kind"))
            sp = q.get("speaker_spans") or []
            speaker = range(min(s for s, _ in sp), max(e for _, e in sp)) if sp else None
            required = True
        else:
            spans = [(q["start"], q["end"])]
            kind = q.get("kind")
            sp = q.get("speaker")
            speaker = range(sp["start"], sp["end"]) if sp else None
            required = q.get("required", True)
        if kind not in KINDS:
            raise ValueError(f"{rec.get('id', '?')}: unknown quote kind {q.get('kind')!r}")
        chars = _positions(spans, text)
        if chars:
            items.append(_Item(kind, chars, speaker, required))
    return items


def _predicted_items(doc, discard: Sequence[Tuple[int, int]]) -> List[_Item]:
    groups: Dict[object, list] = {}
    for i, q in enumerate(doc.quotes):
        key = (q.cue.start, q.cue.end) if q.cue is not None else ("own", i)
        groups.setdefault(key, []).append(q)
    items = []
    text = doc.text
    for members in groups.values():
        kinds = {q.kind for q in members}
        kind = "direct" if kinds == {"direct"} else "partial" if "partial" in kinds else (
            "indirect" if kinds == {"indirect"} else "partial")
        chars = _positions([(q.start, q.end) for q in members], text)
        if not chars:
            continue
        if any(s <= min(chars) and max(chars) < e for s, e in discard):
            continue
        sp = members[0].speaker
        items.append(_Item(kind, chars, range(sp.start, sp.end) if sp else None))
    return items


def score_quotes(gold: List[_Item], pred: List[_Item], overlap: float, counts: Dict[str, Counter]) -> None:
    """Adds one article's counts to ``counts`` (keys: kinds and ``all``)."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            inter = len(g.chars & p.chars)
            if inter and inter >= overlap * max(len(g.chars), len(p.chars)):
                pairs.append((inter / max(len(g.chars), len(p.chars)), gi, pi))
    pairs.sort(reverse=True)
    g_match: Dict[int, int] = {}
    p_match: Dict[int, int] = {}
    for _, gi, pi in pairs:
        if gi in g_match or pi in p_match:
            continue
        g_match[gi] = pi
        p_match[pi] = gi
    for gi, g in enumerate(gold):
        if not g.required:
            continue
        for key in (g.kind, "all"):
            c = counts.setdefault(key, Counter())
            c["gold"] += 1
            if gi in g_match:
                p = pred[g_match[gi]]
                c["tp_r"] += 1
                c["exact_r"] += g.chars == p.chars
                if g.speaker is not None:
                    c["spk_n"] += 1
                    c["spk_ok"] += p.speaker is not None and bool(
                        set(p.speaker) & set(g.speaker))
    for pi, p in enumerate(pred):
        if pi in p_match and not gold[p_match[pi]].required:
            continue
        for key in (p.kind, "all"):
            c = counts.setdefault(key, Counter())
            c["pred"] += 1
            if pi in p_match:
                c["tp_p"] += 1
                c["exact_p"] += gold[p_match[pi]].chars == p.chars


def _prf(tp_p: int, pred: int, tp_r: int, gold: int) -> Tuple[float, float, float]:
    p = tp_p / pred if pred else 0.0
    r = tp_r / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _summarise(counts: Dict[str, Counter]) -> dict:
    out = {}
    combos = {k: [k] for k in KINDS}
    combos["direct+partial"] = ["direct", "partial"]
    combos["all"] = ["all"]
    for name, keys in combos.items():
        c = sum((counts.get(k, Counter()) for k in keys), Counter())
        p, r, f = _prf(c["tp_p"], c["pred"], c["tp_r"], c["gold"])
        ep, er, ef = _prf(c["exact_p"], c["pred"], c["exact_r"], c["gold"])
        out[name] = {"gold": c["gold"], "pred": c["pred"], "p": p, "r": r, "f": f,
                     "exact_p": ep, "exact_r": er, "exact_f": ef,
                     "speaker_acc": c["spk_ok"] / c["spk_n"] if c["spk_n"] else 0.0,
                     "speaker_n": c["spk_n"]}
    return out


def evaluate_quotes(records: List[dict], nlp=None, overlap: float = 0.3) -> dict:
    """Scores ``nlp`` (default: the shipped model) on annotated records."""
    from .language import Language

    nlp = nlp or Language()
    counts: Dict[str, Counter] = {}
    chars = 0
    t0 = time.perf_counter()
    for rec in records:
        doc = nlp(rec["text"])
        chars += len(rec["text"])
        discard = [tuple(s) for s in (rec.get("meta") or {}).get("discard_spans") or []]
        score_quotes(_gold_items(rec), _predicted_items(doc, discard), overlap, counts)
    seconds = time.perf_counter() - t0
    return {"records": len(records), "chars": chars, "seconds": seconds, "overlap": overlap,
            "scores": _summarise(counts)}


def format_report(res: dict, title: str = "") -> str:
    lines = []
    if title:
        lines.append(f"{title}: {res['records']} articles, overlap ≥ {res['overlap']:.0%}")
    lines.append(f"{'kind':15s} {'gold':>5s} {'pred':>5s} {'P':>6s} {'R':>6s} {'F1':>6s} "
                 f"{'exP':>6s} {'exR':>6s} {'exF1':>6s} {'spk acc':>8s}")
    for name, m in res["scores"].items():
        lines.append(f"{name:15s} {m['gold']:5d} {m['pred']:5d} {m['p']:6.3f} {m['r']:6.3f} "
                     f"{m['f']:6.3f} {m['exact_p']:6.3f} {m['exact_r']:6.3f} {m['exact_f']:6.3f} "
                     f"{m['speaker_acc']:8.3f}")
    return "\n".join(lines)
