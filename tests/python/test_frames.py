"""Doc serialisation (pickle, bytes, dict, JSON), DataFrames and analyze_frame."""

import json
import pickle
from concurrent.futures import ProcessPoolExecutor

import pytest

pd = pytest.importorskip("pandas")

import presslens  # noqa: E402

ARTICLES = [
    ("a1", "Mayor Elena Vasquez backed the deal on Tuesday. “We listened,” she said."),
    ("a2", "The Daily Ledger reported that Meridian Shipping Inc. sought an exemption."),
    ("a3", ""),
    ("a4", "Dr. Amara Osei, a biologist at Coastal University, warned of damage. 🌊"),
]


def test_doc_pickles_and_round_trips_through_bytes(nlp):
    for _, text in ARTICLES:
        doc = nlp(text)
        for copy in (pickle.loads(pickle.dumps(doc)), presslens.Doc.from_bytes(doc.to_bytes())):
            assert copy.to_dict() == doc.to_dict()
            assert [repr(e) for e in copy.entities] == [repr(e) for e in doc.entities]
            assert len(copy) == len(doc)


def _analyse(text):
    # Runs in a worker process: the pipeline pickles by recipe, the Doc by bytes.
    return presslens.load()(text)


def test_docs_cross_process_boundaries(nlp):
    with ProcessPoolExecutor(max_workers=2) as pool:
        docs = list(pool.map(_analyse, [t for _, t in ARTICLES]))
    assert [d.to_dict() for d in docs] == [nlp(t).to_dict() for _, t in ARTICLES]


@pytest.mark.parametrize("bad", [b"", b"not a doc", pickle.dumps((9, "x", {}, [], []))])
def test_from_bytes_rejects_other_bytes(bad):
    with pytest.raises(ValueError):
        presslens.Doc.from_bytes(bad)


def test_from_bytes_rejects_non_bytes():
    with pytest.raises(TypeError):
        presslens.Doc.from_bytes("text")


def test_to_dict_and_json_offsets_slice_the_text(nlp):
    doc = nlp(ARTICLES[0][1])
    d = json.loads(doc.to_json())
    assert d["text"] == doc.text
    for key in ("tokens", "sentences", "paragraphs", "entities"):
        for item in d[key]:
            assert doc.text[item["start"]:item["end"]] == item["text"]
    assert [c["canonical"] for c in d["clusters"]] == [c.canonical for c in doc.clusters]


def test_to_pandas_has_one_row_per_item(nlp):
    doc = nlp(ARTICLES[1][1])
    tables = doc.to_pandas(doc_id="a2")
    assert set(tables) == {"sentences", "entities", "clusters", "quotes", "scare_quotes", "cues"}
    assert len(tables["quotes"]) == len(doc.quotes)
    assert len(tables["sentences"]) == len(doc.sentences)
    assert len(tables["entities"]) == len(doc.entities)
    assert (tables["entities"]["doc_id"] == "a2").all()


def test_analyze_frame_keys_tables_by_id_and_reports_bad_records(nlp, tmp_path):
    rows = ARTICLES + [("bad-none", None), ("bad-bytes", b"\xff ok"), ("bad-int", 7),
                       ("bad-surrogate", "half \ud800 a character")]
    df = pd.DataFrame({"id": [r[0] for r in rows], "text": pd.Series([r[1] for r in rows], dtype=object)})
    t = presslens.analyze_frame(df, progress=False, n_threads=2)
    # Nothing is dropped: every record is a document or an error.
    assert sorted(t.documents["doc_id"]) + sorted(t.errors["doc_id"]) == \
        sorted(r[0] for r in ARTICLES) + sorted(["bad-bytes", "bad-int", "bad-none", "bad-surrogate"])
    assert "byte offset 0" in t.errors.set_index("doc_id").loc["bad-bytes", "error"]
    for doc_id, text in ARTICLES:
        doc = nlp(text)
        ents = t.entities[t.entities["doc_id"] == doc_id]
        assert list(ents["text"]) == [e.text for e in doc.entities]
        row = t.documents.set_index("doc_id").loc[doc_id]
        assert row["n_tokens"] == len(doc) and row["n_sentences"] == len(doc.sentences)
    merged = t.entities.merge(df, left_on="doc_id", right_on="id")
    assert all(tx[s:e] == et for tx, s, e, et in zip(merged["text_y"], merged["start"],
                                                      merged["end"], merged["text_x"]))
    pytest.importorskip("pyarrow")
    paths = t.write_parquet(tmp_path / "out")
    assert set(paths) == {"documents", "sentences", "entities", "clusters", "quotes", "cues", "errors"}
    assert pd.read_parquet(paths["entities"]).shape == t.entities.shape
    assert not list((tmp_path / "out").glob(".*tmp"))


def test_analyze_frame_argument_errors(nlp):
    df = pd.DataFrame({"id": [1, 2], "text": ["a", "b"]})
    with pytest.raises(TypeError):
        presslens.analyze_frame([("1", "a")])
    with pytest.raises(KeyError, match="body"):
        presslens.analyze_frame(df, text="body", progress=False)
    with pytest.raises(KeyError, match="doc"):
        presslens.analyze_frame(df, id="doc", progress=False)
    with pytest.raises(ValueError, match="duplicate"):
        presslens.analyze_frame(pd.DataFrame({"id": [1, 1], "text": ["a", "b"]}), progress=False)


def test_analyze_frame_dtypes_do_not_depend_on_the_data(nlp):
    def dtypes(df):
        return {name: t.dtypes.to_dict() for name, t in presslens.analyze_frame(df, progress=False)}

    full = dtypes(pd.DataFrame({"id": ["a", "b"], "text": ["President Ana Ruiz spoke.", "Rain."]}))
    assert full == dtypes(pd.DataFrame({"id": pd.Series([], dtype=full["documents"]["doc_id"]),
                                        "text": pd.Series([], dtype=object)}))
    assert full == dtypes(pd.DataFrame({"id": ["c"], "text": ["It rained."]}))   # no entity, no title
    assert full["entities"]["start"] == "int64" and full["clusters"]["mentions"] == "int64"
    assert dtypes(pd.DataFrame({"id": [3, 4], "text": ["x", None]}))["errors"]["doc_id"] == "int64"


def test_analyze_frame_errors_name_the_problem_not_the_position():
    df = pd.DataFrame({"id": [10, 11, 12], "text": pd.Series(["ok", pd.NA, b"a\xffb"], dtype=object)})
    t = presslens.analyze_frame(df, progress=False)
    assert t.errors.values.tolist() == [[11, "text is missing"],
                                        [12, "invalid UTF-8 at byte offset 1 (byte 0xff)"]]


def test_quote_and_cue_tables(nlp):
    text = ("The Daily Ledger reported, citing officials, that the brutal plan failed. "
            "“It was a disgrace,” Ana Ruiz said.")
    df = pd.DataFrame({"id": ["a", "b"], "text": [text, "Nothing here."]})
    t = presslens.analyze_frame(df, nlp=nlp, progress=False)
    quotes, cues = t.quotes, t.cues
    assert list(t.documents["n_quotes"]) == [len(nlp(text).quotes), 0]
    assert set(quotes["doc_id"]) == {"a"} and "a" in set(cues["doc_id"])
    reported = quotes[quotes["cue_lemma"] == "report"].iloc[0]
    assert reported["sources"] == "The Daily Ledger | officials"
    assert str(quotes["speaker_cluster"].dtype) == "Int64"
    assert str(cues["strength"].dtype) == "float64" and str(cues["negated"].dtype) == "bool"
    assert set(cues["voice"]) == {"author", "quoted"}
    # An empty corpus gives the same columns and dtypes.
    empty = presslens.analyze_frame(df.iloc[:0], nlp=nlp, progress=False)
    assert dict(empty.quotes.dtypes) == dict(quotes.dtypes)
    assert dict(empty.cues.dtypes) == dict(cues.dtypes)
