#!/usr/bin/env python3
"""Stance cues against BABE's expert-marked biased words; markdown on stdout.

    python eval/stance_babe.py --shared ../shared [--seed 13] [--matcher auto|cues|union]
                               [--categories loaded,evaluative] [--json out.json] [--dev]

BABE (Spinde et al. 2021; AGPL-3.0 data, development and evaluation only) marks, per news
sentence, the words expert annotators found biased, and labels the sentence Biased or
Non-biased. Two scores:

* **token level**: the sentence is cut into word units (maximal runs of letters and digits,
  so `self-proclaimed` is two units and `don't` is `don` + `t`). A unit is gold-positive when it
  overlaps a BABE span and predicted-positive when it overlaps a predicted cue. Micro P/R/F1.
* **sentence level**: cue density = predicted-positive units / units. A sentence is called
  biased when its density is at least a threshold. The threshold is the one with the best
  macro F1 (mean of the Biased and Non-biased F1, as the BABE paper reports) on a dev half of
  BABE (a seeded random split of the sentence ids); scores are reported on the other (test)
  half. "No agreement" sentences are left out.

``--dev`` scores the dev half only (the sentence threshold then is chosen on the same sentences it
is scored on): the mode for trying a change, so that the test half is read only to report.

Predictions come from ``doc.cues`` when the installed presslens has it (``--matcher cues``),
and always from the **lexicon union** baseline: every match of any phrase of the shipped
lexicons (`python/presslens/models/en_news/lexicons/*.tsv`, matched on lemmas through
`lemmas.tsv`, tokens cut as presslens cuts them), whatever its category, polarity or voice.
The baseline needs neither the compiled core nor anything outside the standard library.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

REPO = Path(__file__).resolve().parents[1]
DEFAULT_LEXICONS = REPO / "python" / "presslens" / "models" / "en_news" / "lexicons"
CATEGORIES = (
    "hedge", "booster", "intensifier", "negation", "factive", "assertive", "reporting",
    "scare_quote_cue", "delegitimizing", "euphemism", "loaded", "evaluative", "affect",
    "subjective", "figurative",
)

# --framing: the words of the `framing` cue family (presslens.CUE_FAMILIES) in the writer's
# voice: loaded, evaluative, subjective, affect, delegitimizing, figurative and euphemistic
# words, scare-quote cue words (`so-called`) and reporting verbs with a connotation (`claimed`).
# Scare quotes themselves are left out: they mark someone else's words, not the writer's
# choice of words. The union baseline gets the same categories but no voice or context.
FRAMING = ("loaded", "evaluative", "subjective", "affect", "delegitimizing", "figurative",
           "euphemism", "scare_quote_cue")

Span = Tuple[int, int]          # str offsets, end exclusive
Cue = Tuple[int, int, str]      # start, end, category


# --- data -------------------------------------------------------------------------

def load_babe(shared: Path) -> List[dict]:
    path = shared / "data" / "stance" / "babe" / "babe_sg2.jsonl"
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def split_ids(records: Sequence[dict], seed: int) -> Tuple[set, set]:
    """A fixed dev/test halving of the sentence ids, seeded."""
    ids = sorted(r["id"] for r in records)
    random.Random(seed).shuffle(ids)
    half = len(ids) // 2
    return set(ids[:half]), set(ids[half:])


# --- the lexicon-union baseline ---------------------------------------------------------

_TOKEN_RE = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*|\d+(?:[.,]\d+)*|\S", re.UNICODE)
_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2010": "-", "\u2011": "-"})


def tokens(text: str) -> List[Tuple[int, int, str]]:
    """Tokens with str offsets, cut like presslens: hyphens apart, n't and 's split off."""
    out = []
    for m in _TOKEN_RE.finditer(text):
        s, e, t = m.start(), m.end(), m.group().translate(_FOLD).lower()
        if len(t) > 3 and t.endswith("n't"):
            out += [(s, e - 3, t[:-3]), (e - 3, e, "n't")]
        elif len(t) > 2 and t.endswith("'s"):
            out += [(s, e - 2, t[:-2]), (e - 2, e, "'s")]
        else:
            out.append((s, e, t))
    return out


class LexiconUnion:
    """Every phrase of the shipped lexicons, matched on lemma sequences."""

    def __init__(self, lexicon_dir: Path, categories: Optional[Iterable[str]] = None,
                 connoted_reporting: bool = False):
        cats = set(categories or CATEGORIES)
        self.lemmas: Dict[str, str] = {}
        for line in (lexicon_dir / "lemmas.tsv").read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                form, lemma = line.split("\t")
                self.lemmas[form] = lemma
        self.phrases: Dict[Tuple[str, ...], List[str]] = defaultdict(list)
        self.rows = 0
        for cat in CATEGORIES:
            if cat not in cats and not (cat == "reporting" and connoted_reporting):
                continue
            for line in (lexicon_dir / f"{cat}.tsv").read_text(encoding="utf-8").splitlines():
                if line and not line.startswith("#"):
                    # Reporting verbs by themselves: only those with a connotation.
                    if cat not in cats and line.split("\t")[2] == "0":
                        continue
                    phrase = tuple(line.split("\t")[0].split(" "))
                    self.phrases[phrase].append(cat)
                    self.rows += 1
        self.max_len = max((len(p) for p in self.phrases), default=0)

    def __call__(self, text: str) -> List[Cue]:
        toks = tokens(text)
        lem = [self.lemmas.get(t, t) for _, _, t in toks]
        out = []
        for i in range(len(toks)):
            for n in range(1, min(self.max_len, len(toks) - i) + 1):
                cats = self.phrases.get(tuple(lem[i:i + n]))
                if cats:
                    for c in cats:
                        out.append((toks[i][0], toks[i + n - 1][1], c))
        return out


def presslens_cues(texts: Sequence[str], categories: Optional[Iterable[str]],
                   framing: bool = False) -> Optional[List[List[Cue]]]:
    """Cue spans from ``doc.cues`` of the installed presslens, or None if it has none yet.
    ``framing``: only framing words in the writer's voice (see FRAMING)."""
    try:
        import presslens
    except Exception:
        return None
    nlp = presslens.load()
    if not hasattr(nlp(""), "cues"):
        return None
    # FRAMING is written out so that the union baseline needs no compiled
    # core; it must stay the family's categories, scare quotes aside.
    if framing and set(FRAMING) != set(presslens.CUE_FAMILIES["framing"]) - {"scare_quote"}:
        raise SystemExit("eval/stance_babe.py: FRAMING differs from presslens.CUE_FAMILIES['framing']")
    cats = set(categories) if categories else None
    out = []
    for doc in nlp.pipe(texts, batch_size=256):
        out.append([(c.start, c.end, c.category) for c in doc.cues
                    if (cats is None or c.category in cats)
                    and (not framing or (c.family == "framing" and c.category != "scare_quote"
                                         and c.voice == "author"))])
    return out


# --- scoring ----------------------------------------------------------------------------

_UNIT_RE = re.compile(r"[^\W_]+", re.UNICODE)


def units(text: str) -> List[Span]:
    return [(m.start(), m.end()) for m in _UNIT_RE.finditer(text)]


def _covered(us: List[Span], spans: Iterable[Span]) -> List[bool]:
    spans = list(spans)
    return [any(s < ue and us_ < e for s, e in spans) for us_, ue in us]


def prf(tp: int, fp: int, fn: int) -> Tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def token_scores(records, preds, ids) -> dict:
    c = Counter()
    for rec, cues in zip(records, preds):
        if rec["id"] not in ids:
            continue
        us = units(rec["text"])
        gold = _covered(us, ((s["start"], s["end"]) for s in rec["spans"]))
        pred = _covered(us, ((s, e) for s, e, _ in cues))
        for g, p in zip(gold, pred):
            c["tp"] += g and p
            c["fp"] += p and not g
            c["fn"] += g and not p
    p, r, f = prf(c["tp"], c["fp"], c["fn"])
    return {"p": p, "r": r, "f1": f, **c}


def densities(records, preds) -> Dict[str, float]:
    out = {}
    for rec, cues in zip(records, preds):
        us = units(rec["text"])
        pred = _covered(us, ((s, e) for s, e, _ in cues))
        out[rec["id"]] = sum(pred) / len(us) if us else 0.0
    return out


def _sentence_counts(items, threshold) -> Counter:
    c = Counter()
    for density, biased in items:
        said = density >= threshold
        c["tp"] += said and biased
        c["fp"] += said and not biased
        c["fn"] += biased and not said
        c["tn"] += not said and not biased
    return c


def sentence_scores(records, dens, dev, test) -> dict:
    def items(ids):
        return [(dens[r["id"]], r["meta"]["label_bias"] == "Biased") for r in records
                if r["id"] in ids and r["meta"]["label_bias"] in ("Biased", "Non-biased")]

    def macro(c: Counter) -> Tuple[float, float]:
        f_pos = prf(c["tp"], c["fp"], c["fn"])[2]
        f_neg = prf(c["tn"], c["fn"], c["fp"])[2]
        return (f_pos + f_neg) / 2, f_pos

    dev_items, test_items = items(dev), items(test)
    best = None
    for t in sorted({d for d, _ in dev_items} | {float("inf")}):
        m = macro(_sentence_counts(dev_items, t))[0]
        if best is None or m > best[0]:
            best = (m, t)
    threshold = best[1]
    c = _sentence_counts(test_items, threshold)
    p, r, f = prf(c["tp"], c["fp"], c["fn"])
    n = sum(c.values())
    base = _sentence_counts(test_items, 0.0)   # every sentence called biased
    return {"threshold": threshold, "dev_macro_f1": best[0], "p": p, "r": r, "f1": f,
            "macro_f1": macro(c)[0], "accuracy": (c["tp"] + c["tn"]) / n if n else 0.0,
            "n": n, "all_biased_f1": prf(base["tp"], base["fp"], base["fn"])[2],
            "all_biased_macro_f1": macro(base)[0]}


# --- report -----------------------------------------------------------------------------

def evaluate(records, preds, dev, test) -> dict:
    dens = densities(records, preds)
    return {"token_test": token_scores(records, preds, test),
            "token_all": token_scores(records, preds, dev | test),
            "sentence": sentence_scores(records, dens, dev, test)}


def _row(name: str, res: dict) -> str:
    t, a, s = res["token_test"], res["token_all"], res["sentence"]
    return (f"| {name} | {t['p']:.3f} | {t['r']:.3f} | **{t['f1']:.3f}** | {a['f1']:.3f} | "
            f"{s['threshold']:.3f} | {s['p']:.3f} | {s['r']:.3f} | {s['f1']:.3f} | **{s['macro_f1']:.3f}** |")


HEAD = ("| predictor | token P | token R | token F1 (test) | token F1 (all) | density threshold (dev) "
        "| sentence P | sentence R | sentence F1 (Biased) | sentence macro F1 (test) |\n"
        "|---|---|---|---|---|---|---|---|---|---|")


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--lexicons", type=Path, default=DEFAULT_LEXICONS)
    ap.add_argument("--seed", type=int, default=13, help="seed of the dev/test split (default 13)")
    ap.add_argument("--matcher", choices=("auto", "cues", "union"), default="auto",
                    help="auto: doc.cues if presslens has it, and the union baseline; "
                         "cues: require doc.cues; union: the baseline only")
    ap.add_argument("--categories", help="comma-separated categories to count (default: all)")
    ap.add_argument("--framing", action="store_true",
                    help="count framing words in the writer's voice only (see FRAMING)")
    ap.add_argument("--by-category", action="store_true", help="also score each category's lexicon alone")
    ap.add_argument("--json", type=Path, help="also write the numbers as JSON")
    ap.add_argument("--dev", action="store_true",
                    help="score the dev half only, for trying changes; the test half is not read")
    a = ap.parse_args(argv)

    records = load_babe(a.shared)
    dev, test = split_ids(records, a.seed)
    n_test = len(test)
    if a.dev:
        test = dev
    texts = [r["text"] for r in records]
    cats = a.categories.split(",") if a.categories else None
    if a.framing and cats:
        ap.error("--framing and --categories exclude each other")
    if a.framing:
        cats = list(FRAMING)
    if cats and set(cats) - set(CATEGORIES):
        ap.error(f"unknown categories: {sorted(set(cats) - set(CATEGORIES))}")

    results = {}
    notes = []
    if a.matcher in ("auto", "cues"):
        cue_preds = presslens_cues(texts, None if a.framing else cats, framing=a.framing)
        if cue_preds is None:
            if a.matcher == "cues":
                print("presslens has no doc.cues yet", file=sys.stderr)
                return 2
            notes.append("`doc.cues` is not available in the installed presslens: only the lexicon baseline is scored.")
        else:
            results["presslens doc.cues"] = evaluate(records, cue_preds, dev, test)
    union = LexiconUnion(a.lexicons, cats, connoted_reporting=a.framing)
    results["lexicon union (baseline)"] = evaluate(records, [union(t) for t in texts], dev, test)
    if a.by_category:
        for cat in (cats or CATEGORIES):
            m = LexiconUnion(a.lexicons, [cat])
            results[f"only `{cat}`"] = evaluate(records, [m(t) for t in texts], dev, test)

    gold_units = sum(1 for r in records for g in _covered(units(r["text"]), ((s["start"], s["end"]) for s in r["spans"])) if g)
    s0 = next(iter(results.values()))["sentence"]
    print("# Stance cues on BABE\n")
    print(f"BABE SG2: {len(records)} sentences, {sum(len(r['spans']) for r in records)} biased-word spans "
          f"({gold_units} word units). Seeded split (seed {a.seed}): {len(dev)} dev / {n_test} test "
          f"sentences; sentence-level scores on the {s0['n']} {'dev' if a.dev else 'test'} sentences with an agreed label "
          f"(calling every one biased gives Biased F1 {s0['all_biased_f1']:.3f}, macro F1 "
          f"{s0['all_biased_macro_f1']:.3f}).")
    print(f"Lexicons: `{a.lexicons.relative_to(REPO) if a.lexicons.is_relative_to(REPO) else a.lexicons}`, "
          f"{union.rows} rows" + (f" in categories {', '.join(cats)}" if cats else " (all categories)")
          + (" and reporting verbs with a connotation" if a.framing else "") + ".\n")
    for n in notes:
        print(f"*{n}*\n")
    if a.dev:
        print("*`--dev`: every score below is on the dev half, the columns that say test included; "
              "the density threshold is chosen on the same sentences.*\n")
    print(HEAD)
    for name, res in results.items():
        print(_row(name, res))
    print("\nToken scores: word units overlapping a BABE span vs. a predicted cue (micro). Sentence "
          "scores: cue density (share of word units inside a cue) ≥ threshold, threshold chosen for "
          "the best macro F1 on the dev half. Threshold `inf` = no sentence called biased.")
    if a.json:
        a.json.write_text(json.dumps({"seed": a.seed, "results": results}, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
