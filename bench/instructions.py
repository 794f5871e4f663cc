"""Instruction counts per MB of news text for the full pipeline, with callgrind.

    python bench/instructions.py --shared ../shared --binary build/bench/bench_tokenize

Counts are repeatable for the same binary and input, whatever else the
machine is doing, so they make a stable figure for spotting regressions.
The sample is built here, the way `make bench` builds its corpus
(bench/run.py's load_corpus: an equal share of bytes from each source in
../shared, PolNeAR's train texts included), so no earlier `make bench` run
is needed; `--corpus FILE` (NUL-separated articles, e.g. the
build/bench/corpus.bin that `make bench` writes) takes whole articles from
the start of a file instead. The cost of loading the model is measured on an
empty corpus and subtracted. Each stage's share comes from the same run
(callgrind's inclusive count of the function that runs it). Writes
bench/INSTRUCTIONS.md.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import presslens

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import describe_sources, load_corpus  # noqa: E402

# The function that runs each stage of Pipeline::Run, as callgrind names it.
STAGES = [
    ("segmentation (paragraphs, tokens, sentences)", "presslens::Pipeline::Segment("),
    ("entities (tagger, gazetteer, patterns)", "presslens::EntityRecognizer::Recognize("),
    ("entity clusters", "presslens::EntityClusterer::Cluster("),
    ("quotes", "presslens::QuoteFinder::Find("),
    ("stance cues", "presslens::CueLexicon::Find("),
]


def callgrind(binary: Path, corpus: Path, tmp: Path) -> tuple[int, dict[str, int]]:
    """Total instructions of running `binary` on `corpus`, and the inclusive
    count of each stage's function (absent if callgrind did not see it)."""
    out_file = tmp / f"cg.{corpus.name}.out"
    out = subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out_file}", str(binary),
         str(presslens.DEFAULT_MODEL), str(corpus), "0", "full-only"],
        capture_output=True, text=True, check=True)
    m = re.search(r"Collected\s*:\s*(\d+)", out.stderr)
    if not m:
        raise SystemExit("callgrind printed no instruction count:\n" + out.stderr[-2000:])
    stages: dict[str, int] = {}
    try:
        ann = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100",
                              str(out_file)], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return int(m.group(1)), stages
    for line in ann.splitlines():
        count = re.match(r"\s*([\d,]+)\s", line)
        if not count:
            continue
        for name, func in STAGES:
            # Only the function's own entry: "file:presslens::X(...) [binary]".
            if f":{func}" in line and name not in stages:
                stages[name] = int(count.group(1).replace(",", ""))
    return int(m.group(1)), stages


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", type=Path, default=HERE.parent / "build/bench/bench_tokenize")
    ap.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared",
                    help="where the corpora are (default ../shared)")
    ap.add_argument("--corpus", type=Path, default=None,
                    help="use whole articles from the start of this NUL-separated file instead")
    ap.add_argument("--bytes", type=int, default=500_000)
    ap.add_argument("--out", type=Path, default=HERE / "INSTRUCTIONS.md")
    a = ap.parse_args()
    if not a.binary.is_file():
        raise SystemExit(f"{a.binary} not found: build it with `make bench-instructions`")
    if a.corpus is not None:
        if not a.corpus.is_file():
            raise SystemExit(f"{a.corpus} not found")
        data = a.corpus.read_bytes()[: a.bytes]
        data = data[: data.rfind(b"\0")] if b"\0" in data else data  # whole articles only
        what = f"whole articles from the start of `{a.corpus}`"
    else:
        if not (a.shared / "data" / "text").is_dir():
            raise SystemExit(f"{a.shared}/data/text not found: pass --shared DIR")
        texts, used = load_corpus(a.shared, a.bytes)
        data = b"\0".join(t.encode("utf-8") for t in texts)
        what = (f"{len(texts):,} articles read from `../shared` as `make bench` reads its corpus: "
                + describe_sources(used))
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        sample, empty = tmp / "sample.bin", tmp / "empty.bin"
        sample.write_bytes(data)
        empty.write_bytes(b"")
        base, _ = callgrind(a.binary, empty, tmp)
        total, stages = callgrind(a.binary, sample, tmp)
    mb = len(data) / 1e6
    per_mb = (total - base) / mb
    md = (f"# Instructions per MB (callgrind)\n\n{len(data):,} bytes of news text ({what}); "
          f"{per_mb / 1e6:,.0f} M instructions per MB for the full pipeline (segmentation, "
          f"entities, quotes, stance cues; model loading, {base / 1e6:,.0f} M, subtracted). "
          "Compare runs of the same binary and input only.\n")
    if stages:
        md += ("\n| stage | M instructions per MB | share of the pipeline |\n|---|---:|---:|\n")
        for name, _ in STAGES:
            if name in stages:
                md += (f"| {name} | {stages[name] / mb / 1e6:,.0f} | "
                       f"{stages[name] / (total - base):.1%} |\n")
        if "quotes" in stages and "stance cues" in stages:
            before = sum(v for k, v in stages.items() if k != "stance cues")
            md += (f"\nStance cues add {stages['stance cues'] / before:.1%} to the instructions of "
                   "the stages before them (`make bench` times the same, in seconds).\n")
    print(md)
    a.out.write_text(md, encoding="utf-8")


if __name__ == "__main__":
    main()
