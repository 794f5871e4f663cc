"""Accuracy on annotated files.

    python -m presslens.eval ner FILE.bio [--labels PERSON,ORG,...] [--model DIR]
    python -m presslens.eval quotes FILE.jsonl [--overlap 0.3] [--model DIR] [--json]

``ner`` tags the file's own tokens and prints span-level precision, recall
and F1 per label and micro-averaged (exact span and label match). Gold MISC
spans are masked: predictions overlapping them count neither way. With
``--labels`` only those labels are scored (for corpora that annotate a
subset, such as UNER's PERSON/ORG/GPE/LOC).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Set, Tuple

from .language import DEFAULT_MODEL, Language

__all__ = ["read_bio", "spans_from_tags", "score_spans", "evaluate_ner"]

Span3 = Tuple[int, int, str]


def read_bio(path: Path) -> List[Tuple[List[str], List[str]]]:
    """Sentences of a 2-column BIO file as (words, tags)."""
    sents: List[Tuple[List[str], List[str]]] = []
    words: List[str] = []
    tags: List[str] = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line or line.startswith("-DOCSTART-"):
                if words:
                    sents.append((words, tags))
                words, tags = [], []
                continue
            word, sep, tag = line.rpartition("\t")
            if not sep:
                raise ValueError(f"{path}:{n}: expected token<TAB>tag")
            words.append(word)
            tags.append(tag)
    if words:
        sents.append((words, tags))
    return sents


def spans_from_tags(tags: Sequence[str]) -> List[Span3]:
    """(start, end, label) token spans of an IOB2 sequence; a stray I- starts a span."""
    spans: List[Span3] = []
    start, label = -1, ""
    for i, t in enumerate(list(tags) + ["O"]):
        if start >= 0 and not (t.startswith("I-") and t[2:] == label):
            spans.append((start, i, label))
            start = -1
        if t.startswith("B-") or (t.startswith("I-") and start < 0):
            start, label = i, t[2:]
    return spans


def score_spans(gold: Iterable[Span3], pred: Iterable[Span3], labels: Optional[Set[str]] = None,
                counts: Optional[Dict[str, Counter]] = None) -> Dict[str, Counter]:
    """Adds tp/fp/fn per label for one sentence into ``counts``."""
    counts = counts if counts is not None else {}
    gold = list(gold)
    masked = [(s, e) for s, e, l in gold if l == "MISC" or (labels is not None and l not in labels)]
    gset = {g for g in gold if g[2] != "MISC" and (labels is None or g[2] in labels)}
    for s, e, l in pred:
        if labels is not None and l not in labels:
            continue
        if (s, e, l) in gset:
            counts.setdefault(l, Counter())["tp"] += 1
        elif any(s < me and ms < e for ms, me in masked):
            continue
        else:
            counts.setdefault(l, Counter())["fp"] += 1
    pset = set(pred)
    for g in gset:
        if g not in pset:
            counts.setdefault(g[2], Counter())["fn"] += 1
    return counts


def _prf(c: Counter) -> Tuple[float, float, float]:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate_ner(path: Path, nlp: Optional[Language] = None, labels: Optional[Set[str]] = None) -> dict:
    """Scores the model on a BIO file; returns per-label and micro P/R/F1 and tokens/s."""
    nlp = nlp or Language()
    sents = read_bio(path)
    counts: Dict[str, Counter] = {}
    tokens = 0
    t0 = time.perf_counter()
    for words, tags in sents:
        pred = nlp._core.tag_words(words)
        tokens += len(words)
        score_spans(spans_from_tags(tags), spans_from_tags(pred), labels, counts)
    seconds = time.perf_counter() - t0
    micro = sum(counts.values(), Counter())
    out = {"file": str(path), "sentences": len(sents), "tokens": tokens,
           "tokens_per_s": tokens / seconds if seconds else 0.0, "labels": {}}
    for label in sorted(counts):
        p, r, f = _prf(counts[label])
        out["labels"][label] = {"p": p, "r": r, "f": f, **{k: counts[label][k] for k in ("tp", "fp", "fn")}}
    p, r, f = _prf(micro)
    out["micro"] = {"p": p, "r": r, "f": f, **{k: micro[k] for k in ("tp", "fp", "fn")}}
    return out


def _print(res: dict) -> None:
    print(f"{res['file']}: {res['sentences']} sentences, {res['tokens']} tokens, "
          f"{res['tokens_per_s']:,.0f} tokens/s (from Python, one word list per call)")
    print(f"{'label':10s} {'P':>6s} {'R':>6s} {'F1':>6s} {'gold':>6s}")
    for label, m in list(res["labels"].items()) + [("micro", res["micro"])]:
        print(f"{label:10s} {m['p']:6.3f} {m['r']:6.3f} {m['f']:6.3f} {m['tp'] + m['fn']:6d}")


def main(argv: Optional[List[str]] = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m presslens.eval", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    n = sub.add_parser("ner", help="span P/R/F1 on a BIO file")
    n.add_argument("file", type=Path)
    n.add_argument("--labels", help="comma-separated labels to score (default: all)")
    n.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    q = sub.add_parser("quotes", help="quote P/R/F1 and speaker accuracy on a JSONL file")
    q.add_argument("file", type=Path)
    q.add_argument("--overlap", type=float, default=0.3,
                   help="share of the longer span two quotes must share to match (default 0.3)")
    q.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    q.add_argument("--json", action="store_true", help="print the scores as JSON")
    a = ap.parse_args(argv)
    if a.cmd == "quotes":
        import json

        from .quote_eval import evaluate_quotes, format_report, read_records

        if not a.file.is_file():
            sys.exit(f"no such file: {a.file}")
        if not 0.0 < a.overlap <= 1.0:
            sys.exit(f"--overlap must be in (0, 1], not {a.overlap}")
        try:
            records = read_records(a.file)
        except ValueError as err:
            sys.exit(str(err))
        res = evaluate_quotes(records, Language(a.model), a.overlap)
        print(json.dumps(res, indent=1) if a.json else format_report(res, str(a.file)))
        return
    labels = set(a.labels.split(",")) if a.labels else None
    if not a.file.is_file():
        sys.exit(f"no such file: {a.file}")
    _print(evaluate_ner(a.file, Language(a.model), labels))


if __name__ == "__main__":
    main()
