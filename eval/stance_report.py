#!/usr/bin/env python3
"""Writes eval/STANCE.md: eval/stance_babe.py run on every cue category and on the
bias categories (the cues that by definition mark loaded or opinionated wording).

    python eval/stance_report.py --shared ../shared --out eval/STANCE.md
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BIAS = "loaded,evaluative,subjective,affect,delegitimizing,figurative"


def run(shared: Path, categories: str | None) -> str:
    cmd = [sys.executable, str(HERE / "stance_babe.py"), "--shared", str(shared), "--matcher", "cues"]
    if categories:
        cmd += ["--categories", categories]
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def table(md: str) -> str:
    return "\n".join(line for line in md.splitlines() if line.startswith("|"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    ap.add_argument("--out", type=Path, default=HERE / "STANCE.md")
    a = ap.parse_args()
    every, bias = run(a.shared, None), run(a.shared, BIAS)
    head = every.split("\n\n")[1]
    md = f"""# Stance cues on BABE

`python eval/stance_report.py` (`make eval`) runs `eval/stance_babe.py --matcher cues` twice.
{head}
BABE is AGPL data used for evaluation only; nothing shipped was built or tuned on it.

**All cue categories.** The baseline row is the plain union of the shipped lexicons.

{table(every)}

**Bias categories only** ({BIAS.replace(",", ", ")}): the cues that by definition mark loaded
or opinionated wording. Hedges, boosters, intensifiers, negation, factive, assertive and
reporting verbs and euphemisms are left out: BABE's annotators mark biased words, not those.
The set was fixed by that definition (narrower sets, `loaded,evaluative,affect` and `loaded`
alone, score lower).

{table(bias)}

The context rules of `doc.cues` (names, entity spans, reporting verbs only at quote cues,
negation) move the union's numbers very little; which categories count is what matters.
BABE's best published sentence-level model (a fine-tuned transformer) reaches macro F1 0.804.
"""
    a.out.write_text(md, encoding="utf-8")
    print(md)


if __name__ == "__main__":
    main()
