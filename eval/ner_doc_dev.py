"""PERSON F1 at document level on the dev splits: what document-level rules add.

    python eval/ner_doc_dev.py --shared ../shared [--model DIR]

eval/ner_dev.py scores sentence by sentence, where a rule that reads the whole
document (a lone surname taking the PERSON label of the full name elsewhere)
cannot act. Here the sentences of each gold document (between -DOCSTART- lines)
are joined into one text, words by spaces and sentences by blank lines, the
pipeline analyses it, and PERSON spans are compared by character offsets
(exact match, micro-averaged). Only dev splits with document boundaries are
read; test splits never.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path
from typing import Iterator, List, Tuple

import presslens
from presslens.eval import spans_from_tags

DEV = ["gum/gum_open.dev.bio", "uner_en_ewt/uner_en_ewt.dev.bio"]

Sentence = List[Tuple[str, str]]


def documents(path: Path) -> Iterator[List[Sentence]]:
    doc: List[Sentence] = []
    sent: Sentence = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n").rstrip("\r")
            if line.startswith("-DOCSTART-") or not line:
                if sent:
                    doc.append(sent)
                    sent = []
                if line and doc:
                    yield doc
                    doc = []
                continue
            word, tag = line.split("\t")[:2]
            sent.append((word, tag))
    if sent:
        doc.append(sent)
    if doc:
        yield doc


def score(nlp, path: Path) -> Counter:
    c: Counter = Counter()
    for doc in documents(path):
        text, gold = "", set()
        for sent in doc:
            offsets = []
            for word, _ in sent:
                if offsets:
                    text += " "
                offsets.append((len(text), len(text) + len(word)))
                text += word
            for s, e, label in spans_from_tags([t for _, t in sent]):
                if label == "PERSON":
                    gold.add((offsets[s][0], offsets[e - 1][1]))
            text += "\n\n"
        pred = {(e.start, e.end) for e in nlp(text).entities if e.label == "PERSON"}
        c["tp"] += len(gold & pred)
        c["fp"] += len(pred - gold)
        c["fn"] += len(gold - pred)
    return c


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, required=True)
    ap.add_argument("--model", type=Path, default=None)
    a = ap.parse_args()
    nlp = presslens.load(a.model) if a.model else presslens.load()
    print("| dev file | found | wrong | missed | P | R | F1 |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for rel in DEV:
        c = score(nlp, a.shared / "data" / "ner" / rel)
        p = c["tp"] / max(1, c["tp"] + c["fp"])
        r = c["tp"] / max(1, c["tp"] + c["fn"])
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"| {rel} | {c['tp']} | {c['fp']} | {c['fn']} | {p:.3f} | {r:.3f} | {f:.3f} |")


if __name__ == "__main__":
    main()
