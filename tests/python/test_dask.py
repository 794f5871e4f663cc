"""presslens.dask on a real two-process cluster: the same tables as
analyze_frame in one process, bad records reported, one model load per worker."""

from __future__ import annotations

import json
from itertools import islice

import pytest

pd = pytest.importorskip("pandas")
dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
db = pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")

import presslens  # noqa: E402
import presslens.dask  # noqa: E402

from conftest import SHARED  # noqa: E402

CORPUS = SHARED / "data" / "text" / "wikinews_en_2019_2020" / "part-00000.jsonl"
N_ARTICLES = 48

# Records analyze_frame reports instead of analysing; with object columns
# (dataframe.convert-string off) Dask hands them to presslens unchanged.
BAD = [("bad-none", None), ("bad-bytes", b"\xff not UTF-8"), ("bad-int", 7),
       ("bad-surrogate", "half \ud800 a character")]


@pytest.fixture(scope="module")
def articles() -> list:
    if not CORPUS.is_file():
        pytest.skip(f"news text not found at {CORPUS} (the shared/ data sits next to the repo)")
    with CORPUS.open(encoding="utf-8") as f:
        return [(r["id"], r["text"]) for r in map(json.loads, islice(f, N_ARTICLES))]


@pytest.fixture(scope="module")
def frame(articles):
    rows = articles[:20] + BAD[:2] + articles[20:] + BAD[2:]
    return pd.DataFrame({"id": [r[0] for r in rows],
                         "text": pd.Series([r[1] for r in rows], dtype=object)})


@pytest.fixture(scope="module")
def patterned():
    nlp = presslens.load()
    nlp.add_entity_patterns([{"label": "AGENCY", "pattern": "Wikinews"},
                             {"label": "ORG", "pattern": "police", "case_insensitive": True,
                              "canonical": "The police"}])
    return nlp


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, scheduler_port=0,
                                  worker_dashboard_address=None) as cluster, \
            distributed.Client(cluster) as c:
        yield c


def _values(frame) -> list:
    """Rows as plain Python values, missing values as None (dtypes aside)."""
    return frame.astype(object).where(frame.notna(), None).values.tolist()


def _loads_per_worker(client) -> dict:
    return client.run(lambda: __import__("presslens.dask").dask._loads)


def test_cluster_tables_equal_the_single_process_tables(client, frame, patterned):
    loads_before = _loads_per_worker(client)
    # The same input frame in both cases: Dask's string conversion is off so
    # that the bad records reach presslens as they are.
    with dask.config.set({"dataframe.convert-string": False}):
        ddf = dd.from_pandas(frame, npartitions=6)
        ddf = dd.concat([ddf.partitions[:3], dd.from_pandas(frame.iloc[:0], npartitions=1),
                         ddf.partitions[3:]])          # an empty partition must fit the meta too
        assert ddf.npartitions == 7
        tables = presslens.dask.analyze(ddf, text="text", id="id", nlp=patterned)
        result = tables.compute()
    expected = presslens.analyze_frame(frame, text="text", id="id", nlp=patterned,
                                       progress=False, n_threads=1)
    for name, want in expected:
        got = getattr(result, name)
        pd.testing.assert_frame_equal(got, want, check_exact=True, obj=name)
        # The lazy frames announced these columns and dtypes before computing.
        assert getattr(tables, name).dtypes.to_dict() == want.dtypes.to_dict(), name
    assert len(result.documents) == N_ARTICLES
    assert sorted(result.errors["doc_id"]) == sorted(r[0] for r in BAD)
    assert result.errors.set_index("doc_id")["error"].to_dict() == {
        "bad-none": "text is missing",
        "bad-bytes": "invalid UTF-8 at byte offset 0 (byte 0xff)",
        "bad-int": "presslens analyses str or UTF-8 bytes, not int",
        "bad-surrogate": "text contains a lone surrogate at index 5",
    }
    # The recipe carried the patterns to the workers.
    assert (result.entities["label"] == "AGENCY").any()
    assert "The police" in set(result.clusters["canonical"])
    # Seven partitions, two worker processes: each worker loaded this pipeline
    # (a new recipe for them) at most once, not once per task.
    loads = _loads_per_worker(client)
    new = [loads[w] - loads_before[w] for w in loads]
    assert len(new) == 2 and set(new) <= {0, 1} and sum(new) >= 1


def test_cluster_writes_parquet_once_per_partition(client, frame, tmp_path):
    pytest.importorskip("pyarrow")
    good = frame[frame["id"].str.startswith("bad") == False]  # noqa: E712
    tables = presslens.dask.analyze(dd.from_pandas(good, npartitions=3))
    paths = tables.write_parquet(tmp_path / "out")
    assert set(paths) == set(presslens.Tables.NAMES)
    assert not list((tmp_path / "out").glob(".*tmp"))
    expected = presslens.analyze_frame(good, progress=False)
    got = pd.read_parquet(paths["entities"])
    assert list(got["text"]) == list(expected.entities["text"])
    assert list(got["doc_id"]) == list(expected.entities["doc_id"])
    assert len(pd.read_parquet(paths["documents"])) == len(good)
    # Writing again replaces the earlier output, also analyze_frame's single files.
    expected.write_parquet(tmp_path / "out")
    assert paths["entities"].is_file()
    tables.write_parquet(tmp_path / "out")
    assert paths["entities"].is_dir()
    assert list(pd.read_parquet(paths["entities"])["text"]) == list(expected.entities["text"])


def test_cluster_bag_of_records_reports_bad_ones(client, articles):
    records = [{"id": i, "text": t, "title": "ignored"} for i, t in articles[:12]]
    junk = ["a bare string", {"text": "no id here"}, {"id": "no-text"}, {"id": "bytes", "text": b"\xc3("}]
    bag = db.from_sequence(records[:6] + junk + records[6:], npartitions=3)
    tables = presslens.dask.analyze(bag, text="text", id="id")
    result = tables.compute()
    expected = presslens.analyze_frame(pd.DataFrame(records), progress=False)
    for name in ("documents", "sentences", "entities", "clusters"):
        got, want = getattr(result, name), getattr(expected, name)
        assert got.columns.tolist() == want.columns.tolist()
        assert _values(got) == _values(want), name
    errors = result.errors["error"].tolist()
    assert len(errors) == len(junk)
    assert any("a str, not a mapping" in e for e in errors)
    assert any("no 'id' field" in e for e in errors)
    by_id = dict(zip(result.errors["doc_id"], errors))
    assert by_id["no-text"] == "text is missing"
    assert by_id["bytes"] == "invalid UTF-8 at byte offset 0 (byte 0xc3)"


def test_string_columns_with_missing_values(articles):
    # Dask's default string dtype: a missing text is pd.NA and is reported.
    df = pd.DataFrame({"id": ["a", "b", "c"], "text": [articles[0][1], None, articles[1][1]]})
    ddf = dd.from_pandas(df, npartitions=2)
    result = presslens.dask.analyze(ddf).compute(scheduler="sync")
    assert list(result.documents["doc_id"]) == ["a", "c"]
    assert result.errors.values.tolist() == [["b", "text is missing"]]


def test_persist_and_lazy_tables(frame):
    good = frame[frame["id"].str.startswith("bad") == False]  # noqa: E712
    tables = presslens.dask.analyze(dd.from_pandas(good, npartitions=2)).persist(scheduler="sync")
    counts = tables.entities.groupby("label").size().compute(scheduler="sync")
    expected = presslens.analyze_frame(good, progress=False).entities.groupby("label").size()
    assert counts.sort_index().to_dict() == expected.sort_index().to_dict()


def test_duplicate_ids_within_a_partition_raise_when_computed():
    ddf = dd.from_pandas(pd.DataFrame({"id": [1, 1], "text": ["a", "b"]}), npartitions=1)
    tables = presslens.dask.analyze(ddf)
    with pytest.raises(ValueError, match="duplicate"):
        tables.compute(scheduler="sync")


def test_argument_errors(frame, tmp_path):
    ddf = dd.from_pandas(frame.iloc[:4], npartitions=1)
    with pytest.raises(TypeError, match="analyze_frame"):
        presslens.dask.analyze(frame)
    with pytest.raises(TypeError):
        presslens.dask.analyze([("1", "a")])
    with pytest.raises(KeyError, match="body"):
        presslens.dask.analyze(ddf, text="body")
    with pytest.raises(KeyError, match="doc"):
        presslens.dask.analyze(ddf, id="doc")
    with pytest.raises(ValueError, match="not both"):
        presslens.dask.analyze(ddf, nlp=presslens.load(), model=presslens.DEFAULT_MODEL)
    with pytest.raises(TypeError):
        presslens.dask.analyze(ddf, nlp=str(presslens.DEFAULT_MODEL))
    with pytest.raises(FileNotFoundError):
        presslens.dask.analyze(ddf, model=tmp_path / "no-model")
    for bad in (-1, 1.5, True):
        with pytest.raises(ValueError):
            presslens.dask.analyze(ddf, n_threads=bad)
    with pytest.raises(ValueError):
        presslens.dask.analyze(ddf, batch_size=0)


def test_the_pipeline_as_it_was_when_called(articles):
    # Patterns added after analyze() do not change the tables it returns.
    nlp = presslens.load()
    ddf = dd.from_pandas(pd.DataFrame({"id": ["a"], "text": [articles[0][1]]}), npartitions=1)
    before = presslens.dask.analyze(ddf, nlp=nlp)
    nlp.add_entity_patterns([{"label": "PLACE", "pattern": "Magnitogorsk"}])
    after = presslens.dask.analyze(ddf, nlp=nlp)
    labels_before = set(before.entities.compute(scheduler="sync")["label"])
    labels_after = set(after.entities.compute(scheduler="sync")["label"])
    assert "PLACE" not in labels_before and "PLACE" in labels_after
