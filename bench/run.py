"""Tokenizer benchmark: presslens tokens + sentences (and the full pipeline)
against ICU's word BreakIterator on the same news text, in one run,
reported as ratios.

    python bench/run.py --shared ../shared --binary build/bench/bench_tokenize

Writes bench/RESULTS.md and bench/results.json. Absolute figures vary from
machine to machine; the ratios, measured in one run, are what to compare.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import time
from pathlib import Path

import presslens

HERE = Path(__file__).resolve().parent


def load_corpus(shared: Path, min_bytes: int) -> tuple[list[str], list[str]]:
    """Articles from every source in shared/data/text, an equal share of
    bytes from each, in file order."""
    texts: list[str] = []
    sources: list[str] = []
    dirs = sorted(p for p in (shared / "data" / "text").iterdir() if p.is_dir())
    share = min_bytes // max(1, len(dirs)) + 1
    for d in dirs:
        size = 0
        for path in sorted(d.glob("part-*.jsonl")):
            if size >= share:
                break
            sources.append(str(path.relative_to(shared)))
            with path.open(encoding="utf-8") as f:
                for line in f:
                    text = json.loads(line)["text"]
                    texts.append(text)
                    size += len(text.encode("utf-8"))
                    if size >= share:
                        break
    return texts, sources


def python_throughput(texts: list[str], min_seconds: float) -> tuple[float, int]:
    nlp = presslens.load()
    passes = 0
    start = time.perf_counter()
    while True:
        for t in texts:
            nlp(t)
        passes += 1
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds:
            return elapsed / passes, passes


def pipe_scaling(texts: list[str], n_docs: int = 1000) -> dict:
    """Seconds for nlp.pipe over the first n_docs articles with 1 thread and
    with every core, best of three runs each."""
    nlp = presslens.load()
    docs = texts[:n_docs]
    cores = os.cpu_count() or 1
    out = {"documents": len(docs), "cores": cores}
    for threads in sorted({1, cores}):
        best = float("inf")
        for _ in range(3):
            t0 = time.perf_counter()
            for _doc in nlp.pipe(docs, batch_size=64, n_threads=threads):
                pass
            best = min(best, time.perf_counter() - t0)
        out[f"seconds_{threads}"] = best
    out["speedup"] = out["seconds_1"] / out[f"seconds_{cores}"]
    return out


def stage_overhead(texts: list[str], passes: int = 5) -> dict:
    """Seconds to analyse the corpus (best of `passes`) with the entity stage
    only, with quotes added, and with quotes and stance cues: the model
    directory is the shipped one without the later stages' data files."""
    import shutil
    import tempfile

    model = Path(presslens.DEFAULT_MODEL)
    skip = {"entities": {"quote_cues.tsv", "speaker_nouns.tsv", "lexicons"},
            "quotes": {"lexicons"}, "cues": set()}
    out = {name: float("inf") for name in skip}
    with tempfile.TemporaryDirectory() as tmp:
        cores = {}
        for name, leave_out in skip.items():
            d = Path(tmp) / name
            d.mkdir()
            for f in model.iterdir():
                if f.name not in leave_out:
                    (d / f.name).symlink_to(f)
            cores[name] = presslens.load(d)._core
        # Round-robin, so that a change in machine load hits every variant alike.
        for _ in range(passes):
            for name, core in cores.items():
                t0 = time.perf_counter()
                for t in texts:
                    core.analyze(t)
                out[name] = min(out[name], time.perf_counter() - t0)
    out["quotes_added"] = out["quotes"] / out["entities"] - 1
    out["cues_added"] = out["cues"] / out["quotes"] - 1
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    ap.add_argument("--binary", type=Path, default=HERE.parent / "build/bench/bench_tokenize")
    ap.add_argument("--min-bytes", type=int, default=4_000_000)
    ap.add_argument("--seconds", type=float, default=3.0)
    args = ap.parse_args()

    texts, sources = load_corpus(args.shared, args.min_bytes)
    out_dir = HERE.parent / "build" / "bench"
    out_dir.mkdir(parents=True, exist_ok=True)
    corpus = out_dir / "corpus.bin"
    corpus.write_bytes(b"\0".join(t.encode("utf-8") for t in texts))

    raw = subprocess.run(
        [str(args.binary), str(presslens.DEFAULT_MODEL), str(corpus), str(args.seconds)],
        check=True, capture_output=True, text=True).stdout
    r = json.loads(raw)
    mb = r["bytes"] / 1e6
    py_seconds, py_passes = python_throughput(texts, args.seconds)
    rows = [
        ("presslens tokens + paragraphs + sentences (C++)", r["presslens_seconds"]),
        ("presslens full pipeline: entities, quotes, stance cues (C++)", r["full_seconds"]),
        ("presslens `nlp(text)` from Python, full pipeline, 1 thread", py_seconds),
        ("ICU word BreakIterator (UTF-8 UText), boundaries only", r["icu_seconds"]),
    ]
    icu = r["icu_seconds"]
    result = {
        "machine": platform.platform(),
        "corpus": {"sources": sources, "documents": r["documents"], "bytes": r["bytes"]},
        "raw": r,
        "python_seconds": py_seconds,
        "rows": [{"system": name, "seconds": s, "mb_per_s": mb / s, "vs_icu": icu / s} for name, s in rows],
    }
    lines = [
        "# Tokenizer benchmark",
        "",
        f"Corpus: {r['documents']} articles, {mb:.2f} MB of UTF-8 from "
        + ", ".join(f"`{s}`" for s in sources)
        + f" (read at run time). One thread, {platform.machine()}.",
        f"presslens: {r['presslens_tokens']:,} tokens, {r['presslens_sentences']:,} sentences, "
        f"{r['full_entities']:,} entities; "
        f"ICU: {r['icu_word_boundaries']:,} word boundaries.",
        "",
        "| system | MB/s | speed relative to ICU word BreakIterator |",
        "|---|---:|---:|",
    ]
    for row in result["rows"]:
        lines.append(f"| {row['system']} | {row['mb_per_s']:.1f} | {row['vs_icu']:.2f}× |")
    scaling = pipe_scaling(texts)
    result["pipe_scaling"] = scaling
    stages = stage_overhead(texts)
    result["stages"] = stages
    # The C++ full pipeline includes quotes and cues; the entity stage's share
    # comes from the stage timings above (same corpus, same run).
    ner_seconds = r["full_seconds"] * stages["entities"] / stages["cues"] - r["presslens_seconds"]
    ner_rate = r["presslens_tokens"] / ner_seconds if ner_seconds > 0 else float("nan")
    result["ner_tokens_per_s"] = ner_rate
    lines += ["", "| stages (`_core.analyze`, 1 thread, best of 5, round-robin) | seconds | added |",
              "|---|---:|---:|",
              f"| segmentation + entities | {stages['entities']:.2f} | |",
              f"| + quotes | {stages['quotes']:.2f} | {stages['quotes_added']:+.1%} |",
              f"| + stance cues | {stages['cues']:.2f} | {stages['cues_added']:+.1%} |",
              "", f"Entity stage alone (full pipeline × entity share − segmentation): {ner_rate:,.0f} tokens/s on one thread.",
              "", f"`nlp.pipe` over {scaling['documents']} articles: {scaling['seconds_1']:.2f} s on 1 thread, "
              f"{scaling['seconds_' + str(scaling['cores'])]:.2f} s on {scaling['cores']} threads: "
              f"{scaling['speedup']:.2f}× (best of three).",
              "", "Ratios are measured within one run; absolute MB/s vary between machines.", ""]
    md = "\n".join(lines)
    print(md)
    (HERE / "RESULTS.md").write_text(md, encoding="utf-8")
    (HERE / "results.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
