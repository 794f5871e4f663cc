"""Entities, clusters and user patterns: promises that hold whatever the model.

The shipped model is retrained from time to time, so these tests check
structure and rules, and accuracy only as a floor on the seed article.
"""

import json
import pickle
from concurrent.futures import ThreadPoolExecutor

import pytest

import presslens

ARTICLE = (
    "President Nicolas Maduro met Venezuelan officials in Caracas on Tuesday, the New York Times "
    "reported. Maduro said Russia’s support mattered.\n"
    "NYT’s sources said the US delegation left. “We are not seduced by lies,” Maduro added."
)


def test_entities_slice_the_text_in_order_without_overlap(nlp):
    doc = nlp(ARTICLE)
    assert doc.entities
    last_end = 0
    for e in doc.entities:
        assert doc.text[e.start:e.end] == e.text
        assert e.start >= last_end
        last_end = e.end
        assert not e.text.endswith(("’s", "'s")), e
        assert not e.text.lower().startswith("the "), e
        if e.title is not None:
            assert doc.text[e.title.start:e.title.end] == e.title.text
            assert doc.text[e.title.end:e.start].strip() == ""


def test_clusters_list_their_mentions(nlp):
    doc = nlp(ARTICLE)
    for i, e in enumerate(doc.entities):
        assert e in doc.clusters[e.cluster].mentions
    for c in doc.clusters:
        assert {m.label for m in c.mentions} == {c.label}
    firsts = [c.mentions[0].start for c in doc.clusters]
    assert firsts == sorted(firsts)


def test_seed_core_types_floor(nlp, seed_text, seed_gold):
    # Regression floor; the product bar is 0.90 (eval/RESULTS.md tracks it).
    doc = nlp(seed_text)
    core = {"PERSON", "ORG", "GPE", "LOC", "NORP"}
    gold = {(e["start"], e["end"], e["label"]) for e in seed_gold["entities"] if e["label"] in core}
    pred = {(e.start, e.end, e.label) for e in doc.entities if e.label in core}
    tp = len(gold & pred)
    f1 = 2 * tp / (len(gold) + len(pred))
    assert f1 >= 0.85


def test_patterns_override_the_model(nlp):
    custom = presslens.load()
    custom.add_entity_patterns([
        {"label": "MEDIA", "pattern": "New York Times", "canonical": "The New York Times"},
        {"label": "MEDIA", "pattern": "NYT", "canonical": "The New York Times"},
        ("caracas", "CITY", True),
    ])
    doc = custom(ARTICLE)
    media = [e for e in doc.entities if e.label == "MEDIA"]
    assert [e.text for e in media] == ["New York Times", "NYT"]
    assert len({e.cluster for e in media}) == 1
    assert doc.clusters[media[0].cluster].canonical == "The New York Times"
    assert [e.text for e in doc.entities if e.label == "CITY"] == ["Caracas"]
    # No model mention overlaps a pattern match.
    for e in doc.entities:
        if e.label not in ("MEDIA", "CITY"):
            assert not any(e.start < m.end and m.start < e.end for m in media)
    # Pipelines pickle with their patterns.
    again = pickle.loads(pickle.dumps(custom))
    assert [(e.start, e.end, e.label) for e in again(ARTICLE).entities] == \
        [(e.start, e.end, e.label) for e in doc.entities]


def test_longest_pattern_wins(nlp):
    custom = presslens.load()
    custom.add_entity_patterns([("New York", "CITY"), ("New York Times", "MEDIA")])
    labels = [(e.text, e.label) for e in custom("The New York Times sued New York.").entities]
    assert ("New York Times", "MEDIA") in labels and ("New York", "CITY") in labels


def test_pattern_files(nlp, tmp_path):
    jl = tmp_path / "p.jsonl"
    jl.write_text(json.dumps({"pattern": "Harbour Greens", "label": "PARTY"}) + "\n", encoding="utf-8")
    tsv = tmp_path / "p.tsv"
    tsv.write_text("# comment\nmeridian shipping\tCOMPANY\ttrue\tMeridian\n", encoding="utf-8")
    custom = presslens.load()
    custom.add_entity_patterns_from_file(jl)
    custom.add_entity_patterns_from_file(tsv)
    doc = custom("The Harbour Greens and MERIDIAN SHIPPING agreed.")
    assert [(e.text, e.label) for e in doc.entities] == [("Harbour Greens", "PARTY"),
                                                          ("MERIDIAN SHIPPING", "COMPANY")]
    assert doc.clusters[doc.entities[1].cluster].canonical == "Meridian"
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"pattern": "x", "label": "Y"}\nnot json\n', encoding="utf-8")
    with pytest.raises(ValueError, match=":2:"):
        presslens.load().add_entity_patterns_from_file(bad)
    with pytest.raises(FileNotFoundError):
        presslens.load().add_entity_patterns_from_file(tmp_path / "missing.tsv")


@pytest.mark.parametrize("pattern, error", [
    ({"pattern": "", "label": "X"}, ValueError),
    ({"pattern": "x"}, ValueError),
    ({"pattern": "x", "label": "X", "case_insensitive": "yes"}, TypeError),
    ({"pattern": "x", "label": "X", "colour": "red"}, ValueError),
    ("x", TypeError),
])
def test_bad_patterns_raise(pattern, error):
    with pytest.raises(error):
        presslens.load().add_entity_patterns([pattern])


def test_threads_share_a_pipeline_with_patterns():
    custom = presslens.load()
    custom.add_entity_patterns([("Caracas", "CITY")])
    texts = [ARTICLE, ARTICLE.upper(), ARTICLE[::-1], ARTICLE * 3] * 4
    want = [[(e.start, e.end, e.label) for e in custom(t).entities] for t in texts]
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda t: [(e.start, e.end, e.label) for e in custom(t).entities], texts))
    assert got == want
