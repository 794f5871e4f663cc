"""The command line: `presslens analyze` over mixed inputs, every output format,
bad records reported (never dropped), atomic output and exit statuses."""

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import presslens
from presslens import cli

SUMMARY = re.compile(r"^(\d+) documents, (\d+) errors, (\d+) entities, (\d+) quotes, (\d+) cues "
                     r"in \d+\.\d s$")
TABLES = ("documents", "sentences", "entities", "clusters", "quotes", "cues")

J1 = "The Daily Ledger reported that Meridian Shipping Inc. sought an exemption."
J7 = "“No comment,” said Dr. Amara Osei of Coastal University in Sydney."
TXT = "Mayor Elena Vasquez backed the deal on Tuesday in Paris.\n\nShe spoke to reporters."
CSV_TEXT = "Senator John Smith, of Ohio, spoke.\nA second paragraph in London."


def make_corpus(root: Path) -> dict:
    """A corpus of every input kind, seeded with bad records.

    Returns the paths to pass, the number of records they hold, and the ids
    (as the CLI must name them) of the bad ones.
    """
    corpus = root / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_text(TXT, encoding="utf-8")
    (corpus / "sub" / "bad.txt").write_bytes(b"caf\xe9 au lait")  # Latin-1, not UTF-8
    (corpus / "sub" / "notes.md").write_text("not an input", encoding="utf-8")
    (corpus / ".hidden.txt").write_text("hidden files are skipped", encoding="utf-8")
    lines = [
        json.dumps({"id": "j1", "text": J1}),
        '{"id": "j2", "text": ',                                  # not JSON
        "",                                                        # blank: not a record
        json.dumps({"id": "j3", "body": "the text is elsewhere"}),  # missing field
        json.dumps({"id": 4, "text": 42}),                         # text not a string
        '{"text": "a lone \\ud800 surrogate"}',                    # lone surrogate, no id
        json.dumps({"id": "j7", "text": J7}, ensure_ascii=False),
        json.dumps({"text": ""}),                                  # empty text is a document
        "[1, 2]",                                                  # not an object
    ]
    (corpus / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = io.StringIO()
    w = csv.writer(rows)
    w.writerow(["id", "text", "section"])
    w.writerow(["c1", CSV_TEXT, "politics"])
    w.writerow(["", "A row without an id.", "misc"])
    (corpus / "rows.csv").write_bytes(rows.getvalue().encode("utf-8") + b'c3,"bad \xff byte",x\r\n')
    single = root / "single.txt"
    single.write_text("Councillor Thomas O’Brien voted against it.", encoding="utf-8")
    extra = root / "extra.jsonl"
    extra.write_bytes(b'{"id": "x1", "text": "fine"}\n{"id": "x2", "text": "caf\xe9"}\n')
    return {
        "args": [str(corpus), str(single), str(extra)],
        "records": 2 + 8 + 3 + 1 + 2,
        "bad": {"sub/bad.txt", "feed.jsonl:2", "j3", "4", "feed.jsonl:6", "feed.jsonl:9", "c3",
                f"{extra}:2"},
        "good": {"a.txt", "j1", "j7", "feed.jsonl:8", "c1", "rows.csv:4", str(single), "x1"},
    }


def read_table(path: Path) -> list:
    """Rows of an output table as dicts (CSV cells stay strings)."""
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        return pq.read_table(path).to_pylist()
    if path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def run(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "presslens", *args], capture_output=True,
                          text=True, timeout=120, **kwargs)


def leftovers(outdir: Path) -> list:
    return sorted(p.name for p in outdir.iterdir() if p.name.startswith(".") or "partial" in p.name)


# --- end to end, in a subprocess ------------------------------------------------------


def test_mixed_inputs_from_the_command_line(tmp_path):
    corpus = make_corpus(tmp_path)
    out = tmp_path / "out"
    proc = run("analyze", *corpus["args"], "-o", str(out), "--format", "jsonl", "--batch-size", "3")
    assert proc.returncode == 0, proc.stderr

    summary = SUMMARY.match(proc.stdout.strip().splitlines()[-1])
    assert summary, proc.stdout
    n_docs, n_errors, n_ents, n_quotes, n_cues = map(int, summary.groups())
    assert n_docs + n_errors == corpus["records"]

    docs = read_table(out / "documents.jsonl")
    errors = read_table(out / "errors.jsonl")
    assert {d["doc_id"] for d in docs} == corpus["good"]
    assert {e["doc_id"] for e in errors} == corpus["bad"]
    counts = tuple(len(read_table(out / f"{t}.jsonl")) for t in ("entities", "quotes", "cues"))
    assert (len(docs), len(errors), *counts) == (n_docs, n_errors, n_ents, n_quotes, n_cues)
    assert n_quotes > 0 and n_cues > 0
    # The documents table counts the same rows.
    assert sum(d["n_quotes"] for d in docs) == n_quotes and sum(d["n_cues"] for d in docs) == n_cues
    # Every error is on stderr too, located by file and line.
    for e in errors:
        assert e["source"] in proc.stderr and e["error"] in proc.stderr
    by_id = {e["doc_id"]: e for e in errors}
    assert by_id["feed.jsonl:2"]["source"].endswith("feed.jsonl:2")
    assert "not JSON" in by_id["feed.jsonl:2"]["error"]
    assert "missing field 'text'" in by_id["j3"]["error"]
    assert "not a string" in by_id["4"]["error"]
    assert "surrogate" in by_id["feed.jsonl:6"]["error"]
    assert "invalid UTF-8" in by_id["sub/bad.txt"]["error"]
    assert "invalid UTF-8" in by_id["c3"]["error"] and by_id["c3"]["source"].endswith("rows.csv:5")
    assert leftovers(out) == []


def test_console_entry_points(tmp_path):
    proc = run("--version")
    assert proc.returncode == 0 and proc.stdout.strip() == f"presslens {presslens.__version__}"
    assert run().returncode == 2


def test_missing_input_exits_1_naming_it(tmp_path):
    (tmp_path / "ok.txt").write_text("Fine.", encoding="utf-8")
    missing = tmp_path / "no-such-file.jsonl"
    out = tmp_path / "out"
    proc = run("analyze", str(tmp_path / "ok.txt"), str(missing), "-o", str(out))
    assert proc.returncode == 1
    assert str(missing) in proc.stderr and "not found" in proc.stderr
    assert not out.exists()


def test_bad_format_is_a_usage_error(tmp_path):
    (tmp_path / "ok.txt").write_text("Fine.", encoding="utf-8")
    proc = run("analyze", str(tmp_path / "ok.txt"), "-o", str(tmp_path / "out"), "--format", "xml")
    assert proc.returncode == 2
    assert "--format" in proc.stderr and "xml" in proc.stderr


# --- in-process ----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_each_format_holds_what_nlp_finds(nlp, tmp_path, capsys, fmt):
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    corpus = make_corpus(tmp_path)
    out = tmp_path / "out"
    assert cli.main(["analyze", *corpus["args"], "-o", str(out), "--format", fmt,
                     "--batch-size", "4", "--threads", "2"]) == 0
    captured = capsys.readouterr()
    n_docs, n_errors, _, n_quotes, n_cues = map(int, SUMMARY.match(captured.out.strip()).groups())
    assert n_docs + n_errors == corpus["records"]

    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{t}.{fmt}" for t in TABLES] + ["errors.jsonl"])
    tables = {t: read_table(out / f"{t}.{fmt}") for t in TABLES}
    assert len(tables["documents"]) == n_docs
    assert (len(tables["quotes"]), len(tables["cues"])) == (n_quotes, n_cues)
    assert n_quotes > 0 and n_cues > 0

    # Columns are those of presslens.analyze_frame, doc_id first.
    assert list(tables["entities"][0]) == list(cli.COLUMNS["entities"])
    for name, columns in cli.COLUMNS.items():
        assert columns[0] == "doc_id"

    def typed(row: dict) -> dict:
        # CSV cells are strings; an empty cell is a missing value.
        if fmt != "csv":
            return row
        ints = ("start", "end", "cluster", "id", "mentions", "paragraph", "polarity")
        optional_ints = ("speaker_cluster", "target_cluster")
        optional_text = ("title", "speaker", "speaker_canonical", "cue", "cue_lemma",
                         "cue_category", "target")
        return {k: (int(v) if k in ints else
                    (int(v) if v else None) if k in optional_ints else
                    float(v) if k == "strength" else
                    {"True": True, "False": False}[v] if k == "negated" else
                    (v or None) if k in optional_text else v) for k, v in row.items()}

    for doc_id, text in (("j7", J7), ("a.txt", TXT), ("c1", CSV_TEXT)):
        want = nlp(text).to_dict()
        # The sourcing chain is one string in a table, as in analyze_frame.
        want["quotes"] = [{**q, "sources": " | ".join(s["text"] for s in q["sources"])}
                          for q in want["quotes"]]
        for name in ("entities", "sentences", "clusters", "quotes", "cues"):
            got = [typed({k: v for k, v in r.items() if k != "doc_id"})
                   for r in tables[name] if r["doc_id"] == doc_id]
            assert got == want[name], (doc_id, name)
        [doc_row] = [r for r in tables["documents"] if r["doc_id"] == doc_id]
        assert int(doc_row["n_entities"]) == len(want["entities"])
        assert int(doc_row["n_quotes"]) == len(want["quotes"])
        assert int(doc_row["n_cues"]) == len(want["cues"])
        assert int(doc_row["n_paragraphs"]) == len(want["paragraphs"])
        assert int(doc_row["n_tokens"]) == len(want["tokens"])


def test_columns_match_analyze_frame(nlp):
    pd = pytest.importorskip("pandas")
    tables = presslens.analyze_frame(pd.DataFrame({"id": ["a"], "text": [TXT]}), nlp=nlp,
                                     progress=False)
    assert set(cli.COLUMNS) == set(presslens.Tables.NAMES) - {"errors"}
    for name, columns in cli.COLUMNS.items():
        assert tuple(getattr(tables, name).columns) == columns


def test_parquet_tables_equal_analyze_frame(nlp, tmp_path, capsys):
    """Values and types: the Parquet files read back as analyze_frame's tables
    (floats, booleans and missing indexes included)."""
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    texts = {"j7": J7, "a": TXT, "c1": CSV_TEXT,
             "q": "“It is a disaster,” the so-called “expert” said. Critics probably agree."}
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": k, "text": v}) + "\n" for k, v in texts.items()),
                    encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["analyze", str(feed), "-o", str(out), "--batch-size", "2"]) == 0
    want = presslens.analyze_frame(pd.DataFrame({"id": list(texts), "text": list(texts.values())}),
                                   nlp=nlp, progress=False)
    for name in cli.COLUMNS:
        got = pd.read_parquet(out / f"{name}.parquet")
        expected = getattr(want, name)
        assert len(got) == len(expected) > 0, name
        for column in got.columns:
            a, b = got[column].tolist(), expected[column].tolist()
            assert [None if pd.isna(x) else x for x in a] == [None if pd.isna(x) else x for x in b], \
                (name, column)
    cues = pd.read_parquet(out / "cues.parquet")
    assert cues["strength"].dtype == "float64" and cues["negated"].dtype == "bool"


def test_parquet_is_written_a_batch_at_a_time(tmp_path, capsys):
    pq = pytest.importorskip("pyarrow.parquet")
    pd = pytest.importorskip("pandas")
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": f"d{i}", "text": f"{TXT} Item {i}."}) + "\n"
                            for i in range(10)), encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["analyze", str(feed), "-o", str(out), "--batch-size", "3"]) == 0
    meta = pq.ParquetFile(out / "documents.parquet").metadata
    assert (meta.num_rows, meta.num_row_groups) == (10, 4)
    frame = pd.read_parquet(out / "entities.parquet")
    assert list(frame.columns) == list(cli.COLUMNS["entities"])
    assert frame["doc_id"].nunique() == 10


def test_results_do_not_depend_on_threads_or_batch_size(tmp_path, capsys):
    corpus = make_corpus(tmp_path)
    outs = []
    for threads, batch in (("1", "1"), ("0", "100")):
        out = tmp_path / f"out-{threads}"
        assert cli.main(["analyze", *corpus["args"], "-o", str(out), "--format", "jsonl",
                         "--threads", threads, "--batch-size", batch]) == 0
        outs.append({p.name: p.read_text(encoding="utf-8") for p in out.iterdir()})
    assert outs[0] == outs[1]


def test_fields_can_be_renamed(tmp_path, capsys):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"key": "k1", "body": TXT, "text": 5}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["analyze", str(feed), "-o", str(out), "--format", "jsonl",
                     "--text-field", "body", "--id-field", "key"]) == 0
    assert [d["doc_id"] for d in read_table(out / "documents.jsonl")] == ["k1"]


def test_csv_without_the_text_column_reports_every_row(tmp_path, capsys):
    table = tmp_path / "t.csv"
    table.write_text("id,body\na,one\nb,two\n", encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["analyze", str(table), "-o", str(out), "--format", "csv"]) == 0
    err = capsys.readouterr().err
    assert "no column 'text'" in err and "--text-field" in err
    assert [e["doc_id"] for e in read_table(out / "errors.jsonl")] == ["a", "b"]


def test_output_directory_inside_the_corpus_is_not_read_back(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TXT, encoding="utf-8")
    for _ in range(2):
        assert cli.main(["analyze", str(corpus), "-o", str(corpus / "out"),
                         "--format", "jsonl"]) == 0
        assert SUMMARY.match(capsys.readouterr().out.strip()).group(1) == "1"


@pytest.mark.parametrize("argv, message", [
    (["--threads", "-1"], "--threads"),
    (["--threads", "two"], "--threads"),
    (["--batch-size", "0"], "--batch-size"),
    (["--text-field", ""], "--text-field"),
    (["--id-field", "text"], "must differ"),
    (["--cues", "{bad}"], "bad.tsv:2: polarity must be"),
    (["--cues", "{missing}"], "--cues"),
    (["--patterns", "{bad}"], "--patterns"),
    (["--model", "{missing}"], "--model"),
    (["--replace-cues", "lodaed"], "no such cue category: lodaed"),
])
def test_bad_arguments_are_usage_errors(tmp_path, capsys, argv, message):
    (tmp_path / "a.txt").write_text("Fine.", encoding="utf-8")
    (tmp_path / "bad.tsv").write_text("stooge\tloaded\t-\nlackey\tloaded\tvery\n",
                                      encoding="utf-8")
    files = {"bad": str(tmp_path / "bad.tsv"), "missing": str(tmp_path / "nowhere")}
    with pytest.raises(SystemExit) as exc:
        cli.main(["analyze", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"),
                  *[a.format(**files) for a in argv]])
    assert exc.value.code == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_own_cues_patterns_and_model(tmp_path, capsys):
    doc = tmp_path / "a.txt"
    doc.write_text("The minister told another whopper. Analysts at Harbour Bank called the plan "
                   "reckless.", encoding="utf-8")
    cues = tmp_path / "cues.tsv"
    cues.write_text("# mine\nwhopper\tloaded\t-\t0.8\tnoun\n", encoding="utf-8")
    patterns = tmp_path / "patterns.tsv"
    patterns.write_text("Harbour Bank\tBANK\n", encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["analyze", str(doc), "-o", str(out), "--format", "jsonl",
                     "--model", str(presslens.language.DEFAULT_MODEL), "--cues", str(cues),
                     "--patterns", str(patterns), "--replace-cues", "evaluative"]) == 0
    found = {(c["text"], c["category"]) for c in read_table(out / "cues.jsonl")}
    assert ("whopper", "loaded") in found
    assert not any(cat == "evaluative" for _, cat in found)  # "reckless" is one when shipped
    assert [(e["text"], e["label"]) for e in read_table(out / "entities.jsonl")] == [
        ("Harbour Bank", "BANK")]


def test_unsupported_input_file_is_a_usage_error(tmp_path, capsys):
    (tmp_path / "data.json").write_text("{}", encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        cli.main(["analyze", str(tmp_path / "data.json"), "-o", str(tmp_path / "out")])
    assert exc.value.code == 2
    assert "data.json" in capsys.readouterr().err


def test_directory_without_inputs_exits_1(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert cli.main(["analyze", str(tmp_path / "empty"), "-o", str(tmp_path / "out")]) == 1
    assert "no .txt, .jsonl or .csv files" in capsys.readouterr().err


def test_only_bad_records_still_succeeds(tmp_path, capsys):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("nope\n{}\n", encoding="utf-8")
    assert cli.main(["analyze", str(feed), "-o", str(tmp_path / "out"), "--format", "csv"]) == 0
    assert SUMMARY.match(capsys.readouterr().out.strip()).groups()[:2] == ("0", "2")


# --- atomic output ---------------------------------------------------------------------


class Boom(Exception):
    pass


def failing_pipe(monkeypatch, on_call: int, exc: BaseException):
    """Make the on_call-th call of Language.pipe raise ``exc``."""
    original = presslens.Language.pipe
    calls = []

    def pipe(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == on_call:
            raise exc
        return original(self, *args, **kwargs)

    monkeypatch.setattr(presslens.Language, "pipe", pipe)
    return calls


def test_interrupted_run_leaves_earlier_outputs_complete(tmp_path, capsys, monkeypatch):
    corpus = make_corpus(tmp_path)
    out = tmp_path / "out"
    assert cli.main(["analyze", *corpus["args"], "-o", str(out), "--format", "csv"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert leftovers(out) == []

    calls = failing_pipe(monkeypatch, 2, Boom("disk on fire"))
    with pytest.raises(Boom):
        cli.main(["analyze", *corpus["args"], "-o", str(out), "--format", "csv",
                  "--batch-size", "2"])
    assert len(calls) == 2
    # Nothing half-written under a final name, and the temporary files are gone.
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_interrupted_first_run_writes_nothing(tmp_path, capsys, monkeypatch):
    corpus = make_corpus(tmp_path)
    out = tmp_path / "out"
    failing_pipe(monkeypatch, 2, KeyboardInterrupt())
    assert cli.main(["analyze", *corpus["args"], "-o", str(out), "--batch-size", "2"]) == 130
    assert "interrupted" in capsys.readouterr().err
    assert list(out.iterdir()) == []


def test_killed_run_leaves_only_partial_files(tmp_path):
    corpus = make_corpus(tmp_path)
    out = tmp_path / "out"
    script = (
        "import os, sys, presslens, presslens.cli\n"
        "original = presslens.Language.pipe\n"
        "calls = []\n"
        "def pipe(self, *a, **k):\n"
        "    calls.append(1)\n"
        "    if len(calls) == 3:\n"
        "        os._exit(9)  # as abrupt as SIGKILL: no cleanup runs\n"
        "    return original(self, *a, **k)\n"
        "presslens.Language.pipe = pipe\n"
        "sys.exit(presslens.cli.main(sys.argv[1:]))\n"
    )
    proc = subprocess.run([sys.executable, "-c", script, "analyze", *corpus["args"], "-o", str(out),
                           "--format", "jsonl", "--batch-size", "2"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 9, proc.stderr
    names = [p.name for p in out.iterdir()]
    assert names and all(n.endswith(".partial") for n in names), names


# --- progress bar --------------------------------------------------------------------------


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("tty, flag, bar", [(True, [], True), (True, ["--no-progress"], False),
                                            (False, [], False)])
def test_progress_bar_only_on_a_terminal(tmp_path, capsys, monkeypatch, tty, flag, bar):
    pytest.importorskip("tqdm")
    corpus = make_corpus(tmp_path)
    stderr = FakeTerminal() if tty else io.StringIO()
    monkeypatch.setattr(sys, "stderr", stderr)
    assert cli.main(["analyze", *corpus["args"], "-o", str(tmp_path / "out"), "--format", "jsonl",
                     *flag]) == 0
    text = stderr.getvalue()
    assert ("doc/s" in text or "doc [" in text) == bar, text
    # Error reports go to stderr either way, on lines of their own.
    assert any(line.startswith("presslens: ") and "not JSON" in line
               for line in text.splitlines())
