"""Stance cues through the Python API: voice, target, negation, user cues,
per-entity summaries, sentence scores, and the seed article's quoted cues."""

import pickle

import pytest

import presslens
from presslens.doc import Cue, Doc


def _cues(doc, text):
    return [c for c in doc.cues if c.text == text]


def test_seed_quoted_cues_carry_speaker(nlp, seed_text, seed_gold):
    doc = nlp(seed_text)
    by_speaker = {}
    for q in seed_gold["quotes"]:
        if q["required"] and q["kind"] in ("direct", "partial"):
            by_speaker.setdefault(q["speaker_canonical"], []).append((q["start"], q["end"]))
    assert set(by_speaker) == {"Nicolas Maduro", "Samuel Moncada"}
    for speaker, spans in by_speaker.items():
        inside = [c for c in doc.cues if any(s <= c.start and c.end <= e for s, e in spans)]
        assert inside, f"no cues inside {speaker}'s quotes"
        for c in inside:
            assert (c.voice, c.speaker_canonical) == ("quoted", speaker), c
    # Gold cues listed in the quoted voice are found in it.
    for g in seed_gold["stance_cues"]:
        found = [c for c in doc.cues if c.start < g["end"] and g["start"] < c.end]
        if found and g["voice"] == "quoted":
            assert all(c.voice == "quoted" for c in found)


SIGN = {"+": 1, "-": -1}


def test_seed_cue_recall_bar(nlp, seed_text, seed_gold):
    # The bar: recall 0.75 on the listed cues, each found with the
    # right category family and voice.
    doc = nlp(seed_text)
    gold = seed_gold["stance_cues"]
    hit = sum(any(c.start < g["end"] and g["start"] < c.end and c.voice == g["voice"]
                  and c.family == presslens.cue_family(g["category"], SIGN.get(g["polarity"], 0))
                  for c in doc.cues)
              for g in gold)
    assert hit / len(gold) >= 0.75


@pytest.mark.parametrize("text, word, counts", [
    ("The minister repeated his lies about the deal.", "lies", True),
    ("The old village lies in ruins after the flood.", "lies", False),
    ("The union slammed the decision.", "slammed", True),
    ("The car slammed into a wall.", "slammed", False),
    ("The senator blasted the plan.", "blasted", True),
    ("A bomb blast killed three people.", "blast", False),
])
def test_use_gates_of_the_shipped_lexicons(nlp, text, word, counts):
    # Polysemous entries count only in the use where they are evaluative
    # (curated_cues/README.md, "Sense gates").
    assert bool(_cues(nlp(text), word)) == counts


def test_scare_quote_is_an_author_cue(nlp):
    doc = nlp("The so-called “reform” passed on Tuesday.")
    scare = [c for c in doc.cues if c.category == "scare_quote"]
    assert [c.text for c in scare] == ["reform"]
    assert scare[0].voice == "author"


def test_sourcing_hedges_are_found(nlp):
    # hedge.sourcing.tsv, in a sentence written for this test
    doc = nlp("The governor cut the budget, according to unconfirmed reports that could not be "
              "independently verified, a person familiar with the talks said.")
    got = {(c.text, c.category, c.polarity, c.voice) for c in doc.cues}
    assert {("unconfirmed reports", "hedge", 0, "author"),
            ("could not be independently verified", "hedge", 0, "author"),
            ("person familiar with", "hedge", 0, "author")} <= got
    # "not" inside the hedge is part of it: nothing is negated
    assert not any(c.negated for c in doc.cues)


def test_governance_evaluatives_are_found(nlp):
    # evaluative.governance.tsv, in sentences written for this test
    doc = nlp("The power-hungry governor has mismanaged the budget and clung to power.")
    got = {(c.text, c.category, c.polarity) for c in doc.cues}
    assert {("power-hungry", "evaluative", -1), ("mismanaged", "evaluative", -1),
            ("clung to power", "evaluative", -1)} <= got
    doc = nlp("The statesmanlike premier won a resounding victory over the dysfunctional party.")
    got = {(c.text, c.category, c.polarity) for c in doc.cues}
    assert {("statesmanlike", "evaluative", 1), ("resounding", "evaluative", 1),
            ("dysfunctional", "evaluative", -1)} <= got
    # negation flips a governance evaluative like any other
    neg = [c for c in nlp("The vote was not undemocratic.").cues if c.text == "undemocratic"]
    assert neg and neg[0].negated and neg[0].polarity == 1


def test_economy_loaded_words_are_found(nlp):
    # loaded.economy.tsv, in a sentence written for this test
    doc = nlp("Critics called the levy a stealth tax and a sweetheart deal for vulture funds, "
              "while the minister promised tax relief.")
    got = {(c.text, c.category, c.polarity) for c in doc.cues}
    assert {("stealth tax", "loaded", -1), ("sweetheart deal", "loaded", -1),
            ("vulture funds", "loaded", -1), ("tax relief", "loaded", 1)} <= got


def test_politics_loaded_words_are_found(nlp):
    # loaded.politics.tsv, in a sentence written for this test
    doc = nlp("Her rival called the vote a political stunt, accused the obstructionist "
              "majority of grandstanding and said the spat had become a media circus.")
    got = {(c.text, c.category, c.polarity) for c in doc.cues}
    assert {("political stunt", "loaded", -1), ("obstructionist", "loaded", -1),
            ("grandstanding", "loaded", -1), ("spat", "loaded", -1),
            ("media circus", "loaded", -1)} <= got
    # spat is gated to the noun: the past tense of spit is no quarrel
    assert not [c for c in nlp("He spat on the ground.").cues if c.text == "spat"]


def test_negation_flips_polarity(nlp):
    plain = [c for c in nlp("The decision was justified.").cues if c.text == "justified"]
    negated = [c for c in nlp("The decision was not justified.").cues if c.text == "justified"]
    assert plain and negated
    assert plain[0].polarity == 1 and not plain[0].negated
    assert negated[0].polarity == -1 and negated[0].negated


def test_target_is_a_named_entity_in_the_sentence(nlp):
    doc = nlp("Officials in Caracas denounced the brutal crackdown by Nicolas Maduro's government.")
    brutal = _cues(doc, "brutal")
    assert brutal and brutal[0].target is not None
    assert brutal[0].target in {c.canonical for c in doc.clusters}
    none = nlp("It was a brutal winter.").cues
    assert all(c.target is None for c in none)


def test_target_of_a_loaded_verb_is_its_agent(nlp):
    doc = nlp("The United States slapped sanctions on Nicolas Maduro on Friday.")
    slapped = _cues(doc, "slapped")
    assert slapped and slapped[0].target == "United States"
    doc = nlp("Officials in Caracas condemned the brutal crackdown by Nicolas Maduro.")
    assert _cues(doc, "brutal")[0].target == "Nicolas Maduro"


def test_no_target_across_a_speech_verb(nlp):
    doc = nlp("Maria Lopez said the measures were draconian.")
    assert _cues(doc, "draconian") and _cues(doc, "draconian")[0].target is None


def test_add_cues_and_replace(nlp_fresh):
    nlp = nlp_fresh
    text = "The junta's flunkeys met on Friday with henchmen."
    assert not _cues(nlp(text), "flunkeys")
    nlp.add_cues([{"phrase": "flunkey", "category": "loaded", "polarity": "-", "strength": 0.9}])
    (c,) = _cues(nlp(text), "flunkeys")  # a regular inflection of the added word
    assert (c.category, c.polarity, c.strength) == ("loaded", -1, pytest.approx(0.9))
    assert _cues(nlp(text), "henchmen")  # the shipped entries stay
    nlp.add_cues([("junta", "regime_word", -1)], replace=["loaded"])
    cats = {c.text: c.category for c in nlp(text).cues}
    assert cats.get("junta") == "regime_word"
    assert "henchmen" not in cats and cats.get("flunkeys") == "loaded"  # replace keeps your own
    assert nlp.cues[-1] == ("junta", "regime_word", -1, 0.7, "")
    back = pickle.loads(pickle.dumps(nlp))
    assert {c.text: c.category for c in back(text).cues} == cats


@pytest.mark.parametrize("bad, message", [
    ([("x", "loaded", 2)], "polarity must be"),
    ([("x", "loaded", 0, 1.5)], "strength must be in"),
    ([("", "loaded")], "phrase must be"),
    ([{"phrase": "x", "category": "loaded", "colour": "red"}], "unknown keys"),
    ("stooge", "not a single string"),
    ([("x", "loaded", -1, 0.5, "adverb")], "use 'adverb' is not one of"),
    ([{"phrase": "x", "category": "loaded", "use": "noun,verb"}], "not noun and verb"),
])
def test_add_cues_rejects_bad_input(nlp_fresh, bad, message):
    with pytest.raises((ValueError, TypeError), match=message):
        nlp_fresh.add_cues(bad)


def test_add_cues_with_a_use_gate(nlp_fresh, tmp_path):
    nlp = nlp_fresh
    nlp.add_cues([{"phrase": "whopper", "category": "loaded", "polarity": -1, "use": "noun"},
                  ("bulldoze", "loaded", -1, 0.8, "verb,not_locative")])
    assert _cues(nlp("He told another whopper."), "whopper")
    assert not _cues(nlp("Whopper sales rose."), "Whopper")  # no noun context
    assert _cues(nlp("They bulldozed the bill through the Senate."), "bulldozed")
    assert not _cues(nlp("Crews bulldozed down the old wall."), "bulldozed")
    assert nlp.cues[-1] == ("bulldoze", "loaded", -1, 0.8, "verb,not_locative")
    back = pickle.loads(pickle.dumps(nlp))
    assert not _cues(back("Crews bulldozed down the old wall."), "bulldozed")
    f = tmp_path / "gated.tsv"
    f.write_text("fib\tloaded\t-\t0.6\tnoun\nsmear\tloaded\t-\t0.6\tnoun,sometimes\n",
                 encoding="utf-8")
    with pytest.raises(ValueError, match=r"gated\.tsv:2: use 'noun,sometimes'"):
        nlp.add_cues_from_file(f)


def test_add_cues_from_file_names_line(nlp_fresh, tmp_path):
    good = tmp_path / "cues.tsv"
    good.write_text("# mine\nflunkey\tloaded\t-\t0.9\n", encoding="utf-8")
    nlp_fresh.add_cues_from_file(good)
    assert _cues(nlp_fresh("Two flunkeys."), "flunkeys")
    bad = tmp_path / "bad.tsv"
    bad.write_text("stooge\tloaded\t-\t0.9\nlackey\tloaded\tvery\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.tsv:2: polarity"):
        nlp_fresh.add_cues_from_file(bad)


def test_stance_summary_counts_by_voice(nlp):
    pd = pytest.importorskip("pandas")
    doc = nlp("Critics said Maria Lopez ran a brutal, corrupt campaign. "
              "“Lopez is a disgrace,” Juan Perez said.")
    summary = doc.stance_summary()
    assert isinstance(summary, pd.DataFrame)
    assert len(summary) == len(doc.clusters)
    lopez = summary[summary["canonical"] == "Maria Lopez"].iloc[0]
    assert lopez["author_negative"] >= 1
    assert lopez["quoted_negative"] >= 1
    assert 0 < lopez["quoted_mention_share"] < 1


def test_sentence_stance_ranges(nlp, seed_text):
    doc = nlp(seed_text)
    scores = doc.sentence_stance
    assert len(scores) == len(doc.sentences)
    assert all(0.0 <= s <= 1.0 and -1.0 <= p <= 1.0 for s, p in scores)
    assert any(s > 0 for s, _ in scores) and any(p < 0 for _, p in scores)
    flat = nlp("The meeting is on Tuesday at noon.").sentence_stance
    assert flat == [(0.0, 0.0)]


def test_cues_survive_bytes_and_tables(nlp, seed_text):
    doc = nlp(seed_text)
    back = Doc.from_bytes(doc.to_bytes())
    assert [c.to_dict() for c in back.cues] == [c.to_dict() for c in doc.cues]
    assert back.sentence_stance == doc.sentence_stance
    assert all(isinstance(c, Cue) for c in doc.cues)
    pytest.importorskip("pandas")
    table = doc.to_pandas()["cues"]
    assert len(table) == len(doc.cues)
    assert set(table["voice"]) == {"author", "quoted"}


def test_cue_families_group_categories(nlp):
    doc = nlp("Officials claimed the brazen regime said it may comply.")
    fam = {(c.text, c.category): c.family for c in doc.cues}
    assert fam[("brazen", "loaded")] == "framing"
    assert fam[("claimed", "reporting")] == "framing"      # a reporting verb with a connotation
    assert fam[("said", "reporting")] == "attribution"     # a neutral one
    assert fam[("may", "hedge")] == "epistemic"
    assert presslens.cue_family("my_category") == "other"
    assert set(presslens.CUE_FAMILIES) == {"framing", "epistemic", "attribution", "negation"}
    frame = doc.to_pandas()["cues"]
    assert list(frame["family"]) == [c.family for c in doc.cues]
    assert frame.columns.get_loc("family") == frame.columns.get_loc("category") + 1
