"""NER F1 on the development splits only, to choose between candidate models.

    python eval/ner_dev.py --shared ../shared --model DIR [--model DIR2 ...] [--json OUT]

Each model directory is scored on the same dev files with the protocol of
eval/ner_side_by_side.py (gold tokens, exact span and label, gold MISC
masked, corpora scored on the labels they annotate). Test splits and
wikigold (scored whole in eval/NER.md) are never read here.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path
from typing import Dict

import presslens
from presslens.eval import read_bio, score_spans, spans_from_tags

CORE = {"PERSON", "ORG", "GPE", "LOC", "NORP"}
FOUR = {"PERSON", "ORG", "GPE", "LOC"}

# (name, path under data/ner, labels scored or None for all)
DEV = [
    ("GUM dev", "gum/gum_open.dev.bio", None),
    ("UNER-EWT dev", "uner_en_ewt/uner_en_ewt.dev.bio", FOUR),
    ("CrossNER politics dev", "crossner_politics/crossner_politics.dev.bio", CORE | {"EVENT"}),
    ("WNUT-17 dev", "wnut17/wnut17.dev.bio", FOUR),
]


def f1(c: Counter) -> float:
    return 2 * c["tp"] / (2 * c["tp"] + c["fp"] + c["fn"]) if c["tp"] else 0.0


def score(model: Path, shared: Path) -> Dict[str, float]:
    nlp = presslens.load(model)
    out: Dict[str, float] = {}
    words = 0
    seconds = 0.0
    for name, rel, labels in DEV:
        sents = read_bio(shared / "data" / "ner" / rel)
        counts: Dict[str, Counter] = {}
        t0 = time.perf_counter()
        preds = [spans_from_tags(nlp._core.tag_words(w)) for w, _ in sents]
        seconds += time.perf_counter() - t0
        words += sum(len(w) for w, _ in sents)
        for (_, tags), pred in zip(sents, preds):
            score_spans(spans_from_tags(tags), pred, labels, counts)
        out[name] = round(f1(sum(counts.values(), Counter())), 4)
    out["mean"] = round(sum(out[n] for n, _, _ in DEV) / len(DEV), 4)
    out["words_per_s"] = round(words / seconds)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, required=True)
    ap.add_argument("--model", type=Path, action="append", required=True)
    ap.add_argument("--json", type=Path)
    a = ap.parse_args()
    res = {str(m): score(m, a.shared) for m in a.model}
    names = [n for n, _, _ in DEV] + ["mean", "words_per_s"]
    print("| model | " + " | ".join(names) + " |")
    print("|---|" + "---:|" * len(names))
    for m, r in res.items():
        print(f"| {m} | " + " | ".join(str(r[n]) for n in names) + " |")
    if a.json:
        a.json.write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
