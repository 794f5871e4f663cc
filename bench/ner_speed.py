"""Entity-stage speed of candidate NER models, side by side in one process.

    python bench/ner_speed.py --shared ../shared --model DIR [--model DIR2 ...] [--mb 4]

Each model directory is loaded without the quote and stance-cue files, so
analysis is segmentation + entities; a copy without ner.model times the
segmentation alone. NER tokens/s = tokens / (entities time - segmentation
time), best of the passes, the variants timed round-robin so that machine
load hits each alike (the same arithmetic as `make bench`).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import presslens

SKIP = {"quote_cues.tsv", "speaker_nouns.tsv", "lexicons"}


def news(shared: Path, mb: float) -> list:
    texts, size = [], 0
    for path in sorted((shared / "data" / "text").glob("wikinews*/part-*.jsonl")):
        with path.open(encoding="utf-8") as f:
            for line in f:
                texts.append(json.loads(line)["text"])
                size += len(texts[-1].encode("utf-8"))
                if size >= mb * 1e6:
                    return texts
    return texts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, required=True)
    ap.add_argument("--model", type=Path, action="append", required=True)
    ap.add_argument("--mb", type=float, default=4.0)
    ap.add_argument("--passes", type=int, default=5)
    a = ap.parse_args()
    texts = news(a.shared, a.mb)
    with tempfile.TemporaryDirectory() as tmp:
        cores = {}
        for i, m in enumerate([a.model[0]] + a.model):
            d = Path(tmp) / str(i)
            d.mkdir()
            for f in m.iterdir():
                if f.name not in SKIP and not (i == 0 and f.name == "ner.model"):
                    (d / f.name).symlink_to(f.resolve())
            t0 = time.perf_counter()
            cores["segmentation" if i == 0 else str(m)] = presslens.load(d)._core
            if i:
                print(f"{m}: loaded in {time.perf_counter() - t0:.2f} s")
        tokens = sum(len(cores["segmentation"].analyze(t).token_start()) for t in texts)
        best = {name: float("inf") for name in cores}
        for _ in range(a.passes):
            for name, core in cores.items():
                t0 = time.perf_counter()
                for t in texts:
                    core.analyze(t)
                best[name] = min(best[name], time.perf_counter() - t0)
    seg = best.pop("segmentation")
    print(f"{tokens:,} tokens, {a.mb} MB of Wikinews; segmentation {tokens / seg:,.0f} tokens/s")
    for name, s in best.items():
        print(f"{name}: NER {tokens / (s - seg):,.0f} tokens/s")


if __name__ == "__main__":
    main()
