"""Command line for training; the functions live in presslens.training.

    python -m presslens.train gazetteer --shared ../shared
    python -m presslens.train clusters --shared ../shared
    python -m presslens.train silver --shared ../shared --out build/silver.bio
    python -m presslens.train ner --shared ../shared --silver build/silver.bio
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import List, Optional

from .language import DEFAULT_MODEL
from .training import (_GOLD, LABELS, __doc__ as _TRAINING_DOC, _gum_without_share_alike,
                       build_common_words, build_gazetteer, build_silver, build_word_clusters, train_ner)

# --- command line -------------------------------------------------------------

def main(argv: Optional[List[str]] = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m presslens.train", description=_TRAINING_DOC,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("gazetteer", help="compile shared/data/gazetteers")
    g.add_argument("--shared", type=Path, required=True)
    g.add_argument("--out", type=Path, default=DEFAULT_MODEL / "gazetteer.tsv")
    s = sub.add_parser("silver", help="teacher-label news text (needs spaCy)")
    s.add_argument("--shared", type=Path, required=True)
    s.add_argument("--out", type=Path, required=True)
    s.add_argument("--limit", type=int)
    s.add_argument("--senate-every", type=int, default=20)
    c = sub.add_parser("clusters", help="learn word clusters from unlabelled news (needs fasttext)")
    c.add_argument("--shared", type=Path, required=True)
    c.add_argument("--out", type=Path, default=DEFAULT_MODEL / "word_clusters.tsv")
    c.add_argument("--work", type=Path, default=Path("build/clusters"))
    c.add_argument("--senate-every", type=int, default=3)
    c.add_argument("--max-words", type=int, default=80000)
    c.add_argument("--min-count", type=int, default=5)
    c.add_argument("--dim", type=int, default=100)
    c.add_argument("--window", type=int, default=3)
    c.add_argument("--epochs", type=int, default=5)
    c.add_argument("--threads", type=int, default=1)
    n = sub.add_parser("ner", help="train the NER model")
    n.add_argument("--shared", type=Path, required=True)
    n.add_argument("--silver", type=Path, action="append", default=[])
    n.add_argument("--model-dir", type=Path, default=DEFAULT_MODEL,
                   help="model directory whose tokenizer and gazetteer give the features")
    n.add_argument("--out", type=Path, help="default: MODEL_DIR/ner.model")
    n.add_argument("--epochs", type=int, default=8)
    n.add_argument("--seed", type=int, default=1)
    n.add_argument("--min-count", type=int, default=2)
    n.add_argument("--prune", type=float, default=1e-3)
    n.add_argument("--no-gold", action="store_true")
    a = ap.parse_args(argv)
    if a.cmd == "gazetteer":
        print(f"{build_gazetteer(a.shared, a.out)} phrases -> {a.out}")
        common = a.out.parent / "common_words.txt"
        print(f"{build_common_words(a.shared, common)} common words -> {common}")
    elif a.cmd == "clusters":
        print(json.dumps(build_word_clusters(a.shared, a.out, a.work, senate_every=a.senate_every,
                                             max_words=a.max_words, min_count=a.min_count, dim=a.dim, window=a.window,
                                             epochs=a.epochs, threads=a.threads)))
    elif a.cmd == "silver":
        print(json.dumps(build_silver(a.shared, a.out, a.limit, a.senate_every)))
    else:
        ner = a.shared / "data" / "ner"
        corpora: list = []
        tmp = tempfile.TemporaryDirectory(prefix="presslens-train-")
        if not a.no_gold:
            for p, lab, rep in _GOLD:
                path = ner / p
                if p.startswith("gum/"):
                    path = _gum_without_share_alike(ner / "gum", path, Path(tmp.name))
                corpora.append((str(path), list(lab), rep))
        corpora += [(str(p), list(LABELS), 1) for p in a.silver]
        labels = [l for l in LABELS if any(l in c[1] for c in corpora)]
        t0 = time.perf_counter()
        out = a.out or a.model_dir / "ner.model"
        stats = train_ner(corpora, out, labels=labels, model_dir=a.model_dir, epochs=a.epochs, seed=a.seed,
                          min_feature_count=a.min_count, prune=a.prune,
                          progress=lambda e, acc: print(f"epoch {e}: {acc:.3f} of sentences inside their tags",
                                                        file=sys.stderr))
        stats["seconds"] = round(time.perf_counter() - t0, 1)
        print(json.dumps(stats))


if __name__ == "__main__":
    main()
