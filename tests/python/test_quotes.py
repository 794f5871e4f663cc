"""The quote stage through the Python API, the seed article's bars, and the
quote scorer behind ``python -m presslens.eval quotes``."""

import json
import pickle
import subprocess
import sys

import pytest

import presslens
from presslens import quote_eval
from presslens.doc import Doc, Quote


@pytest.fixture(scope="module")
def seed(seed_text, seed_gold):
    return seed_text, seed_gold


@pytest.fixture(scope="module")
def seed_doc(nlp, seed):
    return nlp(seed[0])


def _find(doc, start, end):
    return [q for q in doc.quotes if (q.start, q.end) == (start, end)]


def test_seed_required_quotes_exact(seed, seed_doc):
    _, gold = seed
    required = [q for q in gold["quotes"] if q["required"]]
    assert required
    for g in required:
        found = _find(seed_doc, g["start"], g["end"])
        assert found, f"missing {g['kind']} quote {g['text'][:60]!r}"
        q = next((f for f in found if f.kind == g["kind"]), None)
        assert q is not None, f"{g['text'][:40]!r}: kinds {[f.kind for f in found]}, want {g['kind']}"
        assert q.text == g["text"]
        assert q.cue is not None and (q.cue.start, q.cue.end) == (g["cue"]["start"], g["cue"]["end"])
        assert q.speaker is not None
        assert q.speaker.start < g["speaker"]["end"] and g["speaker"]["start"] < q.speaker.end
        assert q.speaker_canonical == g["speaker_canonical"]
        assert q.speaker_type == g["source_type"].replace("organisation", "organization")


def test_seed_sourcing_chain(seed, seed_doc):
    text, _ = seed
    start = text.index("Senior US State Department and White House officials have traveled")
    q = next(q for q in seed_doc.quotes if q.start == start)
    assert q.speaker_type == "media"
    assert [s.text for s in q.sources] == [
        "the New York Times", "persons said to be familiar with the matter"]
    assert [s.type for s in q.sources] == ["media", "anonymous"]
    assert q.sources[1].canonical is None


def test_seed_scare_quote(seed, seed_doc):
    _, gold = seed
    assert [(s.start, s.end) for s in seed_doc.scare_quotes] == [
        (g["start"], g["end"]) for g in gold["scare_quotes"]]
    spans = {(q.start, q.end) for q in seed_doc.quotes}
    assert all((g["start"], g["end"]) not in spans for g in gold["scare_quotes"])


def test_quote_fields_and_offsets(nlp):
    text = "“We will build it,” Ana Ruiz, the mayor, said on Friday. Officials said costs would rise."
    doc = nlp(text)
    assert len(doc.quotes) == 2
    for q in doc.quotes:
        assert isinstance(q, Quote)
        assert text[q.start:q.end] == q.text
        if q.speaker:
            assert text[q.speaker.start:q.speaker.end] == q.speaker.text
        if q.cue:
            assert text[q.cue.start:q.cue.end] == q.cue.text
    direct, indirect = doc.quotes
    assert (direct.kind, direct.text, direct.speaker_canonical) == ("direct", "We will build it,", "Ana Ruiz")
    assert direct.cue_lemma == "say" and direct.cue_category == "neutral"
    assert (indirect.kind, indirect.text, indirect.speaker_type) == (
        "indirect", "costs would rise", "anonymous")
    assert indirect.speaker_canonical is None and indirect.speaker_cluster is None


def test_offsets_are_str_indexes_after_astral_characters(nlp):
    text = "Good news 🇺🇸😀.\n“Taxes will fall,” Ana Ruiz said."
    doc = nlp(text)
    (q,) = doc.quotes
    assert q.text == "Taxes will fall,"
    assert text[q.speaker.start:q.speaker.end] == "Ana Ruiz"


@pytest.mark.parametrize("text, lemma, category", [
    ("Ruiz claimed that the vote was rigged.", "claim", "assertive"),
    ("Ruiz admitted that the plan had failed.", "admit", "concessive"),
    ("Ruiz urged that the talks resume.", "urge", "directive"),
    ("Ruiz complained that nobody listened.", "complain", "emotive"),
    ("Ruiz denied that she had resigned.", "deny", "denial"),
])
def test_cue_categories(nlp, text, lemma, category):
    (q,) = nlp(text).quotes
    assert (q.cue_lemma, q.cue_category, q.kind) == (lemma, category, "indirect")


def test_quotes_survive_pickle_and_bytes(nlp, seed):
    doc = nlp(seed[0])
    for back in (pickle.loads(pickle.dumps(doc)), Doc.from_bytes(doc.to_bytes())):
        assert [q.to_dict() for q in back.quotes] == [q.to_dict() for q in doc.quotes]
        assert back.scare_quotes == doc.scare_quotes


def test_quotes_table(nlp, seed):
    pd = pytest.importorskip("pandas")
    tables = nlp(seed[0]).to_pandas(doc_id="seed")
    quotes = tables["quotes"]
    assert isinstance(quotes, pd.DataFrame)
    assert {"kind", "speaker_canonical", "speaker_type", "cue_lemma", "sources"} <= set(quotes.columns)
    assert (quotes["doc_id"] == "seed").all()
    assert "Nicolas Maduro" in set(quotes["speaker_canonical"].dropna())
    assert list(tables["scare_quotes"]["text"]) == ["interim president."]


# --- the scorer ----------------------------------------------------------


def _record(text, quotes, rid="r1"):
    return {"id": rid, "text": text, "quotes": quotes}


def test_scorer_counts_match_and_speaker(nlp):
    text = "“Prices will fall,” Ana Ruiz said. The sky is blue."
    gold_polnear = {"quote_spans": [[0, 19]], "kind": "direct", "speaker_spans": [[20, 28]]}
    res = quote_eval.evaluate_quotes([_record(text, [gold_polnear])], nlp)
    d = res["scores"]["direct"]
    assert (d["gold"], d["pred"], d["p"], d["r"], d["exact_f"], d["speaker_acc"]) == (1, 1, 1.0, 1.0, 1.0, 1.0)


def test_scorer_misses_and_false_alarms(nlp):
    text = "“Prices will fall,” Ana Ruiz said. The sky is blue today."
    # Gold says the second sentence is a quote and the first is not.
    gold = {"start": 35, "end": 57, "kind": "indirect", "speaker": None}
    res = quote_eval.evaluate_quotes([_record(text, [gold])], nlp)
    a = res["scores"]["all"]
    assert (a["gold"], a["pred"], a["p"], a["r"]) == (1, 1, 0.0, 0.0)


def test_scorer_ignores_items_not_required(nlp):
    text = "“Prices will fall,” Ana Ruiz said."
    gold = {"start": 1, "end": 18, "kind": "direct", "speaker": None, "required": False}
    res = quote_eval.evaluate_quotes([_record(text, [gold])], nlp)
    assert res["scores"]["all"]["gold"] == 0 and res["scores"]["all"]["pred"] == 0


def test_scorer_groups_a_split_quote(nlp):
    text = "“The vote was fair,” he said, “and we accept it.”"
    gold = {"quote_spans": [[0, 20], [30, 48]], "kind": "direct", "speaker_spans": [[21, 23]]}
    res = quote_eval.evaluate_quotes([_record(text, [gold])], nlp)
    d = res["scores"]["direct"]
    assert (d["pred"], d["p"], d["r"], d["exact_r"]) == (1, 1.0, 1.0, 1.0)


def test_eval_cli_quotes(tmp_path):
    path = tmp_path / "q.jsonl"
    text = "“Prices will fall,” Ana Ruiz said."
    path.write_text(json.dumps(_record(text, [
        {"quote_spans": [[0, 19]], "kind": "direct", "speaker_spans": [[20, 28]]}])) + "\n",
        encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "presslens.eval", "quotes", str(path), "--json"],
                         capture_output=True, text=True, check=True).stdout
    res = json.loads(out)
    assert res["scores"]["direct+partial"]["f"] == 1.0
    table = subprocess.run([sys.executable, "-m", "presslens.eval", "quotes", str(path)],
                           capture_output=True, text=True, check=True).stdout
    assert "direct+partial" in table and "spk acc" in table


def test_eval_cli_names_bad_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "x", "quotes": []}\n{not json\n', encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "presslens.eval", "quotes", str(path)],
                       capture_output=True, text=True)
    assert r.returncode != 0
    assert f"{path}:2" in r.stderr


def test_read_records_rejects_records_without_text(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text('{"id": 1}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"r\.jsonl:1: a record needs a 'text' string"):
        quote_eval.read_records(path)


def test_unbalanced_marks_do_not_lose_the_document(nlp):
    body = "“Another one,” Ana Ruiz said.\n"
    doc = nlp("He said “this never closes.\n" + body * 50)
    assert sum(q.text == "Another one," for q in doc.quotes) >= 49
