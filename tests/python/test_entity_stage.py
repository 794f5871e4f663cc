"""Entities, titles, clusters and user entity patterns.

The shipped statistical model is retrained from time to time, so these tests
hold it to structural promises on any text, and to accuracy only as a floor on
the annotated seed article. Pattern tests use labels the model never produces
(PARTY, MEDIA, CITY) so that a match can only come from the pattern. The
trimming rules themselves are tested on hand-made tags in
tests/cpp/entities_test.cc.
"""

from __future__ import annotations

import json
import pickle
from concurrent.futures import ThreadPoolExecutor

import pytest

import presslens

CORE = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP"})

ARTICLE = (
    "President Nicolas Maduro met Venezuelan officials in Caracas on Tuesday, the New York Times "
    "reported. Maduro said Russia’s support mattered.\n"
    "NYT’s sources said the US delegation left. “We are not seduced by lies,” Maduro added."
)

# Texts that exercise titles, possessives, leading articles, numbers, headlines
# and paragraph breaks; the invariants must hold whatever the model finds.
TEXTS = [
    ARTICLE,
    "Former US President Barack Obama and Defense Secretary Lloyd Austin met Dr. Jane Smith "
    "and Sen. Bernie Sanders in Washington on Monday.",
    "Acting Attorney General Sally Yates left. Pope Francis visited Kenya. Chief Executive "
    "Officer Tim Cook spoke to the Financial Times.",
    "The European Union and the United Nations said Russia's army and Biden’s plan had failed. "
    "The Kremlin’s spokesman, Dmitry Peskov, declined to comment.",
    "Prices rose 5% to $4.2 billion in March 2021, the Federal Reserve said, and 12 tonnes of "
    "grain left Odesa last week.",
    "UN Rapporteur Calls on Nations to Lift Sanctions on Venezuela\n\n"
    "GENEVA (Reuters) - The United Nations special rapporteur, Alena Douhan, said on Friday that "
    "sanctions imposed by the United States had hurt Venezuelans.",
    "ANGELA MERKEL AND EMMANUEL MACRON MET IN BERLIN.\nThe Bundestag voted on Thursday.",
    "Secretary of State Mike Pompeo and Prime Minister Boris Johnson’s aides met the Chinese "
    "delegation in London; Apple’s Tim Cook was not there.",
    "",
    "   \n  ",
]


@pytest.fixture(scope="module")
def person_titles(nlp) -> frozenset:
    """Lower-cased person titles of the model (gazetteer category ``title``)."""
    titles = set()
    with open(nlp.model_dir / "gazetteer.tsv", encoding="utf-8") as f:
        for line in f:
            phrase, _, cat = line.rstrip("\n").rpartition("\t")
            if cat == "title":
                titles.add(phrase.lower())
    assert titles, "the model's gazetteer lists no person titles"
    return frozenset(titles)


def check_entities(doc: presslens.Doc, titles: frozenset, user_patterns: bool = False) -> None:
    """Asserts the structural promises of ``doc.entities`` and ``doc.clusters``."""
    text = doc.text
    ents = doc.entities
    assert doc.ents == ents
    sents = doc.sentences
    prev_end = 0
    for e in ents:
        assert isinstance(e, presslens.Entity)
        assert 0 <= e.start < e.end <= len(text), e
        assert text[e.start:e.end] == e.text, e
        assert isinstance(e.label, str) and e.label, e
        # In text order and never overlapping.
        assert e.start >= prev_end, (e, prev_end)
        prev_end = e.end
        # A mention never crosses a sentence boundary.
        assert any(s.start <= e.start and e.end <= s.end for s in sents), e
        assert doc[e.token_start].start == e.start and doc[e.token_end - 1].end == e.end, e
        # "Russia’s" is a mention of Russia; the clitic is not part of the name.
        assert not e.text.endswith(("’s", "'s")), e
        if not user_patterns:
            assert not e.text.startswith(("the ", "The ")) and e.text not in ("the", "The"), e
        if e.title is not None:
            t = e.title
            assert isinstance(t, presslens.Span)
            assert 0 <= t.start < t.end <= e.start, (t, e)
            assert text[t.start:t.end] == t.text, t
            # Immediately before the name: only white space between them.
            gap = text[t.end:e.start]
            assert gap and gap.isspace(), (t, gap, e)
            assert e.label == "PERSON", e
            assert t.text.split()[-1].lower() in titles, (t, e)
            assert any(s.start <= t.start and e.end <= s.end for s in sents), (t, e)
            # A title is an attribute, never part of another mention.
            assert not any(o.start < t.end and t.start < o.end for o in ents), (t, e)

    clusters = doc.clusters
    assert [c.id for c in clusters] == list(range(len(clusters)))
    for e in ents:
        assert 0 <= e.cluster < len(clusters), e
        assert any(m is e for m in clusters[e.cluster].mentions), e
    seen = 0
    for c in clusters:
        assert c.mentions, c
        assert isinstance(c.canonical, str) and c.canonical, c
        assert {m.label for m in c.mentions} == {c.label}, c
        starts = [m.start for m in c.mentions]
        assert starts == sorted(starts), c
        assert all(m.cluster == c.id for m in c.mentions), c
        seen += len(c.mentions)
    assert seen == len(ents), "every entity belongs to exactly one cluster"
    firsts = [c.mentions[0].start for c in clusters]
    assert firsts == sorted(firsts), "clusters are ordered by first mention"


def key(doc: presslens.Doc) -> tuple:
    """Everything a user sees of a doc's entities, for comparing runs."""
    ents = [(e.start, e.end, e.text, e.label, e.cluster,
             None if e.title is None else (e.title.start, e.title.end)) for e in doc.entities]
    clusters = [(c.label, c.canonical, [m.start for m in c.mentions]) for c in doc.clusters]
    return ents, clusters


def fresh() -> presslens.Language:
    """A pipeline of its own: patterns must never leak into the shared ``nlp``."""
    return presslens.load()


def require_model_tags(nlp, text: str, tags: dict) -> None:
    """Skips unless the shipped model still tags the given tokens of ``text``
    as listed: the regression cases below need that model output to exercise
    their rule, and would pass vacuously on a retrained model's other tags."""
    words = [t.text for t in nlp(text).tokens]
    got = dict(zip(words, nlp._core.tag_words(words)))
    if any(got.get(w) != t for w, t in tags.items()):
        pytest.skip(f"the model no longer tags {tags} here (got {got}); the case needs new input")


# --- invariants of the default pipeline -----------------------------------------


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_entity_invariants(nlp, check_doc, person_titles, text):
    doc = nlp(text)
    check_doc(doc, text)
    check_entities(doc, person_titles)
    if not text.strip():
        assert doc.entities == [] and doc.clusters == []


def test_entity_invariants_hold_for_bytes_and_pipe(nlp, person_titles):
    # The same text through every entry point gives the same entities.
    want = [key(nlp(t)) for t in TEXTS]
    assert [key(nlp(t.encode("utf-8"))) for t in TEXTS] == want
    assert [key(d) for d in nlp.pipe(TEXTS, batch_size=3, n_threads=2)] == want


def test_titles_are_trimmed_off_a_person(nlp, person_titles):
    # "President" is in every title list: whether or not the model puts it
    # inside the PERSON mention, the name comes back without it.
    text = "President Nicolas Maduro met Venezuelan officials in Caracas on Tuesday."
    words = [t.text for t in nlp(text).tokens]
    tags = dict(zip(words, nlp._core.tag_words(words)))
    if not (tags["Nicolas"].endswith("-PERSON") and tags["Maduro"] == "I-PERSON"):
        pytest.skip(f"the model does not tag 'Nicolas Maduro' as one PERSON here: {tags}")
    doc = nlp(text)
    check_entities(doc, person_titles)
    first = [e for e in doc.entities if e.text.endswith("Maduro")][0]
    assert first.text == "Nicolas Maduro" and first.label == "PERSON"
    assert first.title is not None and first.title.text == "President"


def test_amount_split_at_its_sign_is_one_mention(nlp, person_titles):
    # The tagger ends one MONEY at "$" and starts another at "30"; both
    # would claim the sign, so they become one mention.
    text = "Some states charge an enrollment fee of up to $30; others may charge less."
    require_model_tags(nlp, text, {"up": "B-MONEY", "$": "I-MONEY", "30": "B-MONEY"})
    doc = nlp(text)
    check_entities(doc, person_titles)
    assert [e.text for e in doc.entities if e.label == "MONEY"] == ["up to $30"]


def test_title_is_not_read_across_brackets(nlp, person_titles):
    text = "After listening to [Prime Minister Narendra] Modi's address, our life changed."
    require_model_tags(nlp, text, {"Narendra": "B-PERSON", "]": "I-PERSON", "Modi": "I-PERSON"})
    doc = nlp(text)
    check_entities(doc, person_titles)
    modi = [e for e in doc.entities if e.label == "PERSON"]
    assert [(e.text, e.title) for e in modi] == [("Modi", None)]


def test_title_trimming_leaves_no_leading_punctuation(nlp, person_titles):
    require_model_tags(nlp, "Prime Minister - Modi spoke.", {"-": "B-PERSON", "Modi": "I-PERSON"})
    doc = nlp("Prime Minister - Modi spoke.")
    check_entities(doc, person_titles)
    persons = [e for e in doc.entities if e.label == "PERSON"]
    # The dash separates title and name, so "Prime Minister" is no title.
    assert [(e.text, e.title) for e in persons] == [("Modi", None)]


def test_secretary_of_state_title(nlp, person_titles):
    # The model reads "State" as an ORG; it is part of the office's name.
    text = "Secretary of State Mike Pompeo arrived on Monday."
    require_model_tags(nlp, text, {"State": "B-ORG", "Mike": "B-PERSON", "Pompeo": "I-PERSON"})
    doc = nlp(text)
    check_entities(doc, person_titles)
    pompeo = [e for e in doc.entities if e.text == "Mike Pompeo"]
    assert pompeo and pompeo[0].title is not None
    assert pompeo[0].title.text == "Secretary of State"
    assert "State" not in [e.text for e in doc.entities]


def test_country_before_a_title_stays_a_mention(nlp, person_titles):
    text = "US Secretary of State Mike Pompeo arrived on Monday."
    require_model_tags(nlp, text, {"US": "B-GPE", "Mike": "B-PERSON", "Pompeo": "I-PERSON"})
    doc = nlp(text)
    check_entities(doc, person_titles)
    assert [(e.text, e.label, e.title and e.title.text) for e in doc.entities][:2] == [
        ("US", "GPE", None), ("Mike Pompeo", "PERSON", "Secretary of State")]


# --- the seed article -------------------------------------------------------------


def test_seed_invariants(nlp, check_doc, person_titles, seed_text):
    doc = nlp(seed_text)
    check_doc(doc, seed_text)
    check_entities(doc, person_titles)


def test_seed_core_types_f1_floor(nlp, seed_text, seed_gold):
    # Regression guard only: the product bar is 0.90 micro F1 on the core
    # types (eval/RESULTS.md tracks it); 0.85 leaves room for retraining noise.
    gold = {(e["start"], e["end"], e["label"]) for e in seed_gold["entities"] if e["label"] in CORE}
    assert gold
    for s, e, _ in gold:
        assert seed_text[s:e], (s, e)
    pred = {(e.start, e.end, e.label) for e in nlp(seed_text).entities if e.label in CORE}
    tp = len(gold & pred)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(gold)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    assert f1 >= 0.85, (f1, sorted(pred - gold), sorted(gold - pred))


def test_seed_maduro_mentions_share_a_cluster(nlp, seed_text):
    doc = nlp(seed_text)
    full = [e for e in doc.entities if e.text == "Nicolas Maduro" and e.label == "PERSON"]
    assert full, "'Nicolas Maduro' not found as PERSON"
    later = [e for e in doc.entities
             if e.text == "Maduro" and e.label == "PERSON" and e.start > full[0].start]
    assert later, "no later 'Maduro' PERSON mention"
    cluster = doc.clusters[full[0].cluster]
    assert cluster.canonical == "Nicolas Maduro"
    assert all(e.cluster == full[0].cluster for e in later)
    assert cluster.label == "PERSON"


def test_seed_nyt_and_new_york_times_share_a_cluster(nlp, seed_text):
    doc = nlp(seed_text)
    orgs = {e.text: e for e in doc.entities if e.label == "ORG"}
    if "NYT" not in orgs or "New York Times" not in orgs:
        pytest.skip("the model does not tag both 'NYT' and 'New York Times' as ORG here; "
                    "clustering them is only checkable when both are found")
    assert orgs["NYT"].cluster == orgs["New York Times"].cluster


def test_seed_possessive_is_not_part_of_a_name(nlp, seed_text):
    doc = nlp(seed_text)
    assert "Russia’s" in seed_text
    assert not any("’s" in e.text or "'s" in e.text for e in doc.entities)
    at = seed_text.index("Russia’s")
    for e in doc.entities:
        if e.start < at + len("Russia’s") and at < e.end:
            assert e.text == "Russia", e


# --- entity patterns --------------------------------------------------------------


def test_pattern_takes_precedence_over_the_model(nlp, person_titles):
    base = nlp(ARTICLE)
    custom = fresh()
    custom.add_entity_patterns([("Caracas", "CITY"), ("York Times", "MEDIA"),
                                ("Maduro met", "PHRASE")])
    doc = custom(ARTICLE)
    check_entities(doc, person_titles)
    got = [(e.text, e.label) for e in doc.entities]
    assert ("Caracas", "CITY") in got and ("Caracas", "GPE") not in got
    assert ("York Times", "MEDIA") in got
    # A match replaces every model mention it overlaps, not only the exact ones.
    assert not any(e.text in ("New York Times", "New York", "Nicolas Maduro", "Nicolas")
                   for e in doc.entities), got
    matches = [e for e in doc.entities if e.label in ("CITY", "MEDIA", "PHRASE")]
    assert len(matches) == 3
    for m in matches:
        assert not any(o is not m and o.start < m.end and m.start < o.end for o in doc.entities)
    # The model's mentions away from the matches are untouched.
    far = [k for k in key(base)[0] if k[2] in ("Venezuelan", "Tuesday")]
    assert [k[:4] for k in far] == [k[:4] for k in key(doc)[0] if k[2] in ("Venezuelan", "Tuesday")]


def test_case_insensitive_patterns(person_titles):
    text = "The HARBOUR GREENS won. Harbour Greens’ leader spoke of harbour greens voters."
    strict = fresh()
    strict.add_entity_patterns([("Harbour Greens", "PARTY")])
    assert [e.text for e in strict(text).entities if e.label == "PARTY"] == ["Harbour Greens"]
    loose = fresh()
    loose.add_entity_patterns([{"pattern": "harbour greens", "label": "PARTY",
                                "case_insensitive": True}])
    doc = loose(text)
    check_entities(doc, person_titles, user_patterns=True)
    assert [e.text for e in doc.entities if e.label == "PARTY"] == [
        "HARBOUR GREENS", "Harbour Greens", "harbour greens"]


def test_pattern_matches_whole_tokens_only():
    custom = fresh()
    custom.add_entity_patterns([("NYT", "MEDIA")])
    doc = custom("NYTimes readers and NYT’s readers.")
    assert [(e.start, e.text) for e in doc.entities if e.label == "MEDIA"] == [(20, "NYT")]


def test_canonical_names_become_the_cluster_canonical(person_titles):
    custom = fresh()
    custom.add_entity_patterns([
        {"label": "MEDIA", "pattern": "New York Times", "canonical": "The New York Times"},
        ("NYT", "MEDIA", False, "The New York Times"),
        ("greens", "PARTY", True, "Green Party"),
    ])
    doc = custom(ARTICLE + "\nThe Greens and the GREENS agreed.")
    check_entities(doc, person_titles)
    media = [e for e in doc.entities if e.label == "MEDIA"]
    assert [e.text for e in media] == ["New York Times", "NYT"]
    assert len({e.cluster for e in media}) == 1
    assert doc.clusters[media[0].cluster].canonical == "The New York Times"
    party = [e for e in doc.entities if e.label == "PARTY"]
    assert [e.text for e in party] == ["Greens", "GREENS"]
    assert {doc.clusters[e.cluster].canonical for e in party} == {"Green Party"}
    assert len({e.cluster for e in party}) == 1


def test_new_labels_appear(person_titles):
    custom = fresh()
    custom.add_entity_patterns([("Harbour Greens", "PARTY")])
    doc = custom("Voters in the port backed Harbour Greens on Sunday.")
    check_entities(doc, person_titles)
    party = [e for e in doc.entities if e.label == "PARTY"]
    assert [e.text for e in party] == ["Harbour Greens"]
    assert doc.clusters[party[0].cluster].label == "PARTY"
    assert [(d["text"], d["label"]) for d in doc.to_dict()["entities"] if d["label"] == "PARTY"] == [
        ("Harbour Greens", "PARTY")]


@pytest.mark.parametrize("patterns", [
    [("New York", "CITY"), ("New York Times", "MEDIA")],
    [("New York Times", "MEDIA"), ("New York", "CITY")],
    [("Times", "CITY"), ("New York Times", "MEDIA")],
])
def test_longest_nested_match_wins_whatever_the_order(patterns):
    custom = fresh()
    custom.add_entity_patterns(patterns)
    doc = custom("The New York Times sued New York over the Times Square plan.")
    got = [(e.text, e.label) for e in doc.entities if e.label in ("CITY", "MEDIA")]
    assert got[0] == ("New York Times", "MEDIA")
    assert ("New York", "CITY") in got or ("Times", "CITY") in got


@pytest.mark.parametrize("patterns", [
    [("New York", "CITY"), ("York Times Company", "MEDIA")],
    [("York Times Company", "MEDIA"), ("New York", "CITY")],
])
def test_longest_overlapping_match_wins(patterns):
    custom = fresh()
    custom.add_entity_patterns(patterns)
    doc = custom("The New York Times Company sued.")
    assert [(e.text, e.label) for e in doc.entities if e.label in ("CITY", "MEDIA")] == [
        ("York Times Company", "MEDIA")]


def test_equally_long_overlapping_matches_go_to_the_leftmost():
    custom = fresh()
    custom.add_entity_patterns([("York Times", "MEDIA"), ("New York", "CITY")])
    doc = custom("The New York Times sued.")
    assert [(e.text, e.label) for e in doc.entities if e.label in ("CITY", "MEDIA")] == [
        ("New York", "CITY")]


def test_patterns_added_later_extend_earlier_ones():
    text = "The Green Party of Harbour City won."
    once = fresh()
    once.add_entity_patterns([("Green Party", "PARTY"), ("Harbour City", "CITY")])
    twice = fresh()
    twice.add_entity_patterns([("Green Party", "PARTY")])
    assert [e.label for e in twice(text).entities if e.label in ("PARTY", "CITY")] == ["PARTY"]
    twice.add_entity_patterns([{"pattern": "Harbour City", "label": "CITY"}])
    assert twice.entity_patterns == once.entity_patterns == [
        ("Green Party", "PARTY", False, ""), ("Harbour City", "CITY", False, "")]
    assert key(twice(text)) == key(once(text))
    assert [(e.text, e.label) for e in twice(text).entities if e.label in ("PARTY", "CITY")] == [
        ("Green Party", "PARTY"), ("Harbour City", "CITY")]


def test_docs_made_before_adding_patterns_are_unchanged():
    custom = fresh()
    seen = custom(ARTICLE)
    before = key(seen)  # entities read before the add
    unread = custom(ARTICLE)  # entities first read after the add
    custom.add_entity_patterns([("Caracas", "CITY"), ("Maduro", "PERSONA")])
    assert key(seen) == before
    assert key(unread) == before
    assert key(custom(ARTICLE)) != before


@pytest.mark.parametrize("pattern, error", [
    ({"pattern": "", "label": "PARTY"}, ValueError),
    ({"pattern": "   ", "label": "PARTY"}, ValueError),
    (("", "PARTY"), ValueError),
    ({"pattern": "Greens"}, ValueError),
    ({"pattern": "Greens", "label": ""}, ValueError),
    (("Greens", None), ValueError),
    ({"pattern": "Greens", "label": "PARTY", "case_insensitive": "yes"}, TypeError),
    ({"pattern": "Greens", "label": "PARTY", "case_insensitive": 1}, TypeError),
    (("Greens", "PARTY", "true"), TypeError),
    ({"pattern": "Greens", "label": "PARTY", "canonical": 5}, TypeError),
    ({"pattern": "Greens", "label": "PARTY", "colour": "green"}, ValueError),
    ("Greens", TypeError),
    (42, TypeError),
    (("Greens",), TypeError),
    (("Greens", "PARTY", False, "", "extra"), TypeError),
], ids=lambda v: repr(v)[:40])
def test_bad_patterns_raise(pattern, error):
    custom = fresh()
    custom.add_entity_patterns([("Harbour City", "CITY")])
    with pytest.raises(error, match="entity pattern 1"):
        custom.add_entity_patterns([("Green Party", "PARTY"), pattern])
    # A rejected batch adds nothing, not even its valid rows.
    assert custom.entity_patterns == [("Harbour City", "CITY", False, "")]
    assert [e.label for e in custom("The Green Party of Harbour City.").entities
            if e.label in ("PARTY", "CITY")] == ["CITY"]


def test_patterns_from_jsonl_and_tsv(tmp_path, person_titles):
    jl = tmp_path / "p.jsonl"
    jl.write_text("# parties\n\n"
                  + json.dumps({"pattern": "Harbour Greens", "label": "PARTY"}) + "\n"
                  + json.dumps({"pattern": "nyt", "label": "MEDIA", "case_insensitive": True,
                                "canonical": "The New York Times"}) + "\n", encoding="utf-8")
    tsv = tmp_path / "p.tsv"
    tsv.write_text("# comment\nmeridian shipping\tCOMPANY\ttrue\tMeridian Shipping Ltd\r\n"
                   "Harbour City\tCITY\n", encoding="utf-8")
    custom = fresh()
    custom.add_entity_patterns_from_file(jl)
    custom.add_entity_patterns_from_file(str(tsv))
    assert custom.entity_patterns == [
        ("Harbour Greens", "PARTY", False, ""),
        ("nyt", "MEDIA", True, "The New York Times"),
        ("meridian shipping", "COMPANY", True, "Meridian Shipping Ltd"),
        ("Harbour City", "CITY", False, ""),
    ]
    doc = custom("The Harbour Greens of Harbour City and MERIDIAN SHIPPING told the NYT.")
    check_entities(doc, person_titles)
    assert [(e.text, e.label) for e in doc.entities
            if e.label in ("PARTY", "CITY", "COMPANY", "MEDIA")] == [
        ("Harbour Greens", "PARTY"), ("Harbour City", "CITY"),
        ("MERIDIAN SHIPPING", "COMPANY"), ("NYT", "MEDIA")]
    assert doc.clusters[doc.entities[2].cluster].canonical == "Meridian Shipping Ltd"
    assert doc.clusters[doc.entities[3].cluster].canonical == "The New York Times"


def test_pattern_file_errors(tmp_path):
    with pytest.raises(FileNotFoundError):
        fresh().add_entity_patterns_from_file(tmp_path / "missing.jsonl")
    with pytest.raises(FileNotFoundError):
        fresh().add_entity_patterns_from_file(tmp_path)  # a directory is not a file
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"pattern": "Harbour Greens", "label": "PARTY"}\n\n{"pattern": "x", "label"\n',
                   encoding="utf-8")
    custom = fresh()
    with pytest.raises(ValueError, match=r"bad\.jsonl:3\b"):
        custom.add_entity_patterns_from_file(bad)
    assert custom.entity_patterns == []
    tsv = tmp_path / "bad.tsv"
    tsv.write_text("Harbour Greens\tPARTY\nno label here\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.tsv:2\b"):
        fresh().add_entity_patterns_from_file(tsv)


@pytest.mark.parametrize("name, content, error", [
    ("bad.jsonl", '# comment\n\n{"pattern": "Harbour Greens"}\n', ValueError),
    ("bad.jsonl", '{"pattern": "Greens", "label": "PARTY"}\n\n{"pattern": "x", "label": 5}\n',
     ValueError),
    ("bad.jsonl", '{"pattern": "Greens", "label": "PARTY"}\n\n["Greens"]\n', TypeError),
    ("bad.jsonl", '{"pattern": "Greens", "label": "PARTY"}\n\n{"pattern": "\u200b", "label": "X"}\n',
     ValueError),
    ("bad.tsv", "Harbour Greens\tPARTY\n# comment\nHarbour City\t \n", ValueError),
    ("bad.tsv", "Harbour Greens\tPARTY\n\nHarbour City\tGPE\tture\n", ValueError),
    ("bad.tsv", "Harbour Greens\tPARTY\n\nHarbour City\tGPE\tno\tHC\textra\n", ValueError),
], ids=["no-label", "label-not-str", "not-a-mapping", "no-words", "tsv-blank-label",
        "tsv-flag-not-a-bool", "tsv-five-columns"])
def test_invalid_pattern_in_a_file_names_its_line(tmp_path, name, content, error):
    bad = tmp_path / name
    bad.write_text(content, encoding="utf-8")
    custom = fresh()
    with pytest.raises(error, match=rf"{name.replace('.', '[.]')}:3: "):
        custom.add_entity_patterns_from_file(bad)
    assert custom.entity_patterns == []


def test_phrase_without_words_raises_naming_the_pattern():
    # U+200B separates tokens without being str.isspace(): the phrase has no words.
    custom = fresh()
    custom.add_entity_patterns([("Harbour City", "CITY")])
    with pytest.raises(ValueError, match="entity pattern 1: the phrase has no words"):
        custom.add_entity_patterns([("Green Party", "PARTY"), ("\u200b", "PARTY")])
    with pytest.raises(ValueError, match="entity pattern 0: 'pattern' contains a lone surrogate"):
        custom.add_entity_patterns([("Green \ud800", "PARTY")])
    assert custom.entity_patterns == [("Harbour City", "CITY", False, "")]


def test_pickled_pipeline_keeps_its_patterns(person_titles):
    custom = fresh()
    custom.add_entity_patterns([("Caracas", "CITY"), ("nyt", "MEDIA", True, "The New York Times"),
                                {"pattern": "New York Times", "label": "MEDIA",
                                 "canonical": "The New York Times"}])
    again = pickle.loads(pickle.dumps(custom))
    assert again.entity_patterns == custom.entity_patterns
    assert again.model_dir == custom.model_dir
    for text in TEXTS:
        assert key(again(text)) == key(custom(text))
    doc = again(ARTICLE)
    check_entities(doc, person_titles)
    assert [e.text for e in doc.entities if e.label == "MEDIA"] == ["New York Times", "NYT"]
    # The copy is independent: patterns added to it do not reach the original.
    again.add_entity_patterns([("Tuesday", "DAY")])
    assert len(custom.entity_patterns) == 3
    assert "DAY" not in {e.label for e in custom(ARTICLE).entities}


def test_threads_sharing_a_pipeline_with_patterns(person_titles):
    custom = fresh()
    custom.add_entity_patterns([("Caracas", "CITY"), ("maduro", "PERSON", True, "Nicolás Maduro"),
                                ("New York Times", "MEDIA")])
    texts = [t for t in TEXTS if t.strip()]
    texts = (texts + [ARTICLE.upper(), ARTICLE * 3, ARTICLE[::-1]]) * 4
    want = [key(custom(t)) for t in texts]
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda t: key(custom(t)), texts))
    assert got == want
    assert [key(d) for d in custom.pipe(texts, batch_size=5, n_threads=8)] == want
    doc = custom(ARTICLE)
    check_entities(doc, person_titles)
    assert {doc.clusters[e.cluster].canonical for e in doc.entities if "Maduro" in e.text} == {
        "Nicolás Maduro"}



def test_long_sentence_with_patterns_and_titles(person_titles):
    # Over 1,024 tokens with no sentence end: tagged in windows, and the
    # one-pass merge of pattern hits still drops the mentions a hit overlaps
    # and the titles a hit takes ("Secretary of State" before Mike Pompeo).
    clause = "President Nicolas Maduro met Secretary of State Mike Pompeo in Caracas"
    alone = presslens.load()(clause + ".")
    require_titles = {e.text: e.title and e.title.text for e in alone.entities}
    if require_titles.get("Mike Pompeo") != "Secretary of State":
        pytest.skip("the shipped model no longer reads Mike Pompeo's title here")
    custom = fresh()
    custom.add_entity_patterns([("Nicolas Maduro", "LEADER"), ("Secretary of State", "OFFICE")])
    doc = custom(", and ".join([clause] * 150) + ".")
    assert len(doc.sentences) == 1 and len(doc) > 1024
    check_entities(doc, person_titles, user_patterns=True)
    got = [(e.text, e.label, e.title) for e in doc.entities]
    assert got.count(("Nicolas Maduro", "LEADER", None)) == 150
    assert got.count(("Secretary of State", "OFFICE", None)) == 150
    assert got.count(("Mike Pompeo", "PERSON", None)) == 150
