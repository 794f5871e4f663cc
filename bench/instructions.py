"""Instruction counts per MB of news text for the full pipeline, with callgrind.

    python bench/instructions.py --binary build/bench/bench_tokenize

Counts are repeatable for the same binary and input, whatever else the
machine is doing, so they make a stable figure for spotting regressions.
The cost of loading the model is measured on an empty corpus and
subtracted. Writes bench/INSTRUCTIONS.md.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import tempfile
from pathlib import Path

import presslens

HERE = Path(__file__).resolve().parent


def instructions(binary: Path, corpus: Path) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={tmp}/cg.out", str(binary),
             str(presslens.DEFAULT_MODEL), str(corpus), "0", "full-only"],
            capture_output=True, text=True, check=True)
    m = re.search(r"Collected\s*:\s*(\d+)", out.stderr)
    if not m:
        raise SystemExit("callgrind printed no instruction count:\n" + out.stderr[-2000:])
    return int(m.group(1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", type=Path, default=HERE.parent / "build/bench/bench_tokenize")
    ap.add_argument("--corpus", type=Path, default=HERE.parent / "build/bench/corpus.bin",
                    help="written by bench/run.py (make bench)")
    ap.add_argument("--bytes", type=int, default=500_000)
    a = ap.parse_args()
    if not a.corpus.is_file():
        raise SystemExit(f"{a.corpus} not found: run `make bench` first")
    data = a.corpus.read_bytes()[: a.bytes]
    data = data[: data.rfind(b"\0")] if b"\0" in data else data  # whole articles only
    with tempfile.TemporaryDirectory() as tmp:
        sample, empty = Path(tmp) / "sample.bin", Path(tmp) / "empty.bin"
        sample.write_bytes(data)
        empty.write_bytes(b"")
        base = instructions(a.binary, empty)
        total = instructions(a.binary, sample)
    mb = len(data) / 1e6
    per_mb = (total - base) / mb
    md = (f"# Instructions per MB (callgrind)\n\n{len(data):,} bytes of news text; "
          f"{per_mb / 1e6:,.0f} M instructions per MB for the full pipeline (segmentation and entities; "
          f"model loading, {base / 1e6:,.0f} M, subtracted). Compare runs of the same binary and "
          "input only.\n")
    print(md)
    (HERE / "INSTRUCTIONS.md").write_text(md, encoding="utf-8")


if __name__ == "__main__":
    main()
