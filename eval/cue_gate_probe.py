#!/usr/bin/env python3
"""Use gates of cue entries, read in context: how the sense gates were checked.

    python eval/cue_gate_probe.py --shared ../shared                 # every gated curated entry
    python eval/cue_gate_probe.py --shared ../shared --spec SPEC     # candidates, in a scratch build
        [--per-source 150] [--show 25] [--seed 1] [--ungated]

Reads the paragraphs of ``shared/data/text`` (Wikinews, US Senate press releases) and the PolNeAR
train texts that hold a form of each phrase (never evaluation data), at most ``--per-source`` of
them per source, chosen at random with ``--seed``. Prints per phrase: raw occurrences of its forms
in all those texts, paragraphs read, gated matches among them, and ``--show`` of the matches in
context, drawn at random, for a person to read (the "evaluative" counts in
``python/presslens/data/curated_cues/README.md`` are such readings).

Without ``--spec`` it probes the gated entries of the curated lists as the shipped lexicons hold
them. ``--spec`` names a file of candidates, ``phrase<TAB>polarity<TAB>strength<TAB>use<TAB>category``
per line: the lexicons are rebuilt in a scratch directory with those entries (an existing
curated row of the phrase takes the candidate's use) and the matches come from that build.
``--ungated`` drops the use column, to see what a gate removes. Needs the compiled presslens and,
for ``--spec``, spacy-lookups-data (as ``make lexicons`` does).
"""

from __future__ import annotations

import argparse
import glob
import importlib.util
import json
import random
import re
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MODEL = REPO / "python" / "presslens" / "models" / "en_news"


def _lexicons_module():
    """presslens/lexicons.py of this tree (the builder runs from source, as `make lexicons`)."""
    spec = importlib.util.spec_from_file_location("presslens_lexicons_src",
                                                  REPO / "python" / "presslens" / "lexicons.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


def _shipped_gates(lx) -> list:
    rows = []
    for path in sorted(lx.CURATED_DIR.glob("*.tsv")):
        if path.name in lx.CURATED_TABLES:
            continue
        category = path.name.split(".")[0]
        for line in path.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if line.startswith("#") or len(cols) < 4 or not cols[3].strip():
                continue
            rows.append((cols[0], cols[1], cols[2], cols[3].strip(), category))
    return rows


def _scratch_build(lx, shared: Path, rows: list, ungated: bool, work: Path) -> Path:
    cur = work / "curated"
    shutil.copytree(lx.CURATED_DIR, cur)
    model = work / "model"
    shutil.copytree(MODEL, model)
    extra: dict = {}
    for phrase, pol, strength, use, cat in rows:
        cols = [phrase, pol, strength] + ([] if ungated or not use else [use])
        done = False
        for f in cur.glob(f"{cat}*.tsv"):
            lines = f.read_text(encoding="utf-8").split("\n")
            for i, line in enumerate(lines):
                if line.split("\t")[0] == phrase:
                    lines[i] = "\t".join(cols)
                    done = True
            f.write_text("\n".join(lines), encoding="utf-8")
        if not done:
            extra.setdefault(cat, []).append("\t".join(cols))
    for cat, lines in extra.items():
        (cur / f"{cat}.zz_probe.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    lx.CURATED_DIR = cur
    lx.build(shared, model / "lexicons")
    return model


def _sources(shared: Path):
    for p in sorted(glob.glob(str(shared / "data" / "text" / "*" / "*.jsonl"))):
        name = Path(p).parent.name
        with open(p, encoding="utf-8") as f:
            for line in f:
                yield name, json.loads(line).get("text") or ""
    with open(shared / "data" / "quotes" / "polnear" / "polnear_train.jsonl", encoding="utf-8") as f:
        for line in f:
            yield "polnear_train", json.loads(line)["text"]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--spec", type=Path, help="candidate entries (see above); default: the shipped gates")
    ap.add_argument("--per-source", type=int, default=150)
    ap.add_argument("--show", type=int, default=25)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--ungated", action="store_true", help="drop the use column (with --spec)")
    a = ap.parse_args(argv)

    import presslens

    lx = _lexicons_module()
    if a.spec:
        rows = [tuple(line.split("\t")) for line in a.spec.read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("#")]
        work = Path(tempfile.mkdtemp(prefix="cue_gate_probe_"))
        model = _scratch_build(lx, a.shared, rows, a.ungated, work)
    else:
        rows = _shipped_gates(lx)
        work, model = None, MODEL
    nlp = presslens.load(str(model))
    lemmas = lx.read_lemmas(model / "lexicons")

    targets = {}
    for phrase, *_ in rows:
        lemma_phrase = " ".join(lemmas.get(t, t) for t in lx.phrase_tokens(phrase))
        words = lemma_phrase.split(" ")
        forms = {words[-1]} | {f for f, l in lemmas.items() if l == words[-1]}
        head = " ".join(words[:-1])
        pattern = (re.escape(head) + r"\s+" if head else "") + "(?:" + "|".join(sorted(map(re.escape, forms))) + ")"
        targets[phrase] = (lemma_phrase, re.compile(r"\b" + pattern + r"\b", re.I))

    paragraphs = {p: {} for p in targets}
    raw = {p: 0 for p in targets}
    for source, text in _sources(a.shared):
        for para in text.split("\n"):
            for p, (_, rx) in targets.items():
                n = len(rx.findall(para))
                if n:
                    raw[p] += n
                    paragraphs[p].setdefault(source, []).append(para)

    rng = random.Random(a.seed)
    for p, (lemma_phrase, _) in targets.items():
        hits, read = [], 0
        for source, paras in sorted(paragraphs[p].items()):
            sample = paras if len(paras) <= a.per_source else rng.sample(paras, a.per_source)
            read += len(sample)
            for para in sample:
                for c in nlp(para).cues:
                    if " ".join(lemmas.get(t, t) for t in (lx.phrase_tokens(c.text) or ())) == lemma_phrase:
                        hits.append((source, para[max(0, c.start - 70):c.start] + "[[" +
                                     para[c.start:c.end] + "]]" + para[c.end:c.end + 50]))
        print(f"\n=== {p} ({lemma_phrase}): raw {raw[p]}; paragraphs read {read}; gated matches {len(hits)}")
        for source, context in rng.sample(hits, min(a.show, len(hits))):
            print(f"  {source[:8]:8} | {context}".replace("\n", " "))
    if work is not None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
