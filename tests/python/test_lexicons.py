"""The shipped stance-cue lexicons: format, licences, provenance and reproducibility.

The builder is loaded from the source tree (python/presslens/lexicons.py), so that the
rebuild check uses the curated lists of this checkout, not those of an older install.
"""

from __future__ import annotations

import importlib.util
import json
import pathlib
import sys

import pytest

import presslens

from conftest import REPO, SHARED

LEX_DIR = REPO / "python" / "presslens" / "models" / "en_news" / "lexicons"


def _load_builder():
    name = "_presslens_lexicons_source"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, REPO / "python" / "presslens" / "lexicons.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


lx = _load_builder()


@pytest.fixture(scope="module")
def rows():
    return lx.read_lexicon_dir(LEX_DIR)


@pytest.fixture(scope="module")
def lemmas():
    return lx.read_lemmas(LEX_DIR)


def test_every_category_file_parses(rows):
    by_cat = {}
    for phrase, cat, pol, strength, source in rows:
        by_cat.setdefault(cat, []).append(phrase)
        assert 0 < strength <= 1, (phrase, cat, strength)
        assert pol in (-1, 0, 1)
        srcs = source.split(",")
        assert srcs == sorted(set(srcs)) and set(srcs) <= lx.SOURCE_IDS, (phrase, source)
        assert phrase == phrase.lower() and phrase == phrase.strip() and "  " not in phrase
        assert lx.phrase_tokens(phrase) == phrase.split(" "), phrase
    assert set(by_cat) == set(lx.CATEGORIES)
    for cat, phrases in by_cat.items():
        assert len(phrases) == len(set(phrases)), f"duplicate phrase in {cat}.tsv"
        assert phrases == sorted(phrases)
    assert 1000 < len(rows) < 6000


def test_rows_are_five_tab_separated_columns():
    for cat in lx.CATEGORIES:
        text = (LEX_DIR / f"{cat}.tsv").read_text(encoding="utf-8")
        assert text.endswith("\n") and "\r" not in text
        for line in text.splitlines():
            if not line.startswith("#"):
                parts = line.split("\t")
                # five columns, and a sixth (the use gate) only when the entry has one
                assert len(parts) in (5, 6) and parts[1] == cat and parts[2] in "-0+", line
                assert len(parts) == 5 or lx.parse_use(parts[5]) == parts[5] != "", line
                assert len(parts[3]) == 4 and parts[3][1] == ".", line   # two decimals


def test_phrase_words_are_lemmas_of_the_table(rows, lemmas):
    words = {w for phrase, *_ in rows for w in phrase.split(" ")}
    # Every phrase word is a fixed point: lemmatizing text with the table reaches it.
    assert not (words & set(lemmas)), sorted(words & set(lemmas))[:20]
    # Every lemma the table maps to is used, and the table is idempotent.
    assert set(lemmas.values()) <= words
    assert not (set(lemmas.values()) & set(lemmas))


def test_lemma_table_covers_inflections(lemmas):
    for form in ("cripples", "crippled", "crippling", "crushed", "slapped", "regimes", "thugs",
                 "mercenaries", "claimed", "claims", "admitted", "insisted", "boasted"):
        assert form in lemmas, form
    assert lemmas["crippling"] == "cripple" and lemmas["said"] == "say" and lemmas["n't"] == "not"
    # spaCy lookup errors corrected or kept out of the table
    assert lemmas.get("matter", "matter") == "matter"
    assert lemmas.get("number", "number") == "number"
    assert "interesting" not in lemmas


def _phrases(rows, cat):
    return {p for p, c, *_ in rows if c == cat}


def test_categories_hold_the_cues_the_issue_names(rows):
    hedge, booster, loaded = _phrases(rows, "hedge"), _phrases(rows, "booster"), _phrases(rows, "loaded")
    assert {"reportedly", "allegedly", "say to be", "may", "potential"} <= hedge
    assert {"clearly", "dramatically", "undoubtedly"} <= booster
    assert {"crush", "brazen", "slap", "regime", "mercenary", "thug", "cripple"} <= loaded
    assert {"democratically elect", "landmark"} <= _phrases(rows, "evaluative")
    assert {"so - call", "self - proclaim", "allege"} <= _phrases(rows, "scare_quote_cue")
    assert {"self - proclaim", "proclaim himself"} <= _phrases(rows, "delegitimizing")
    assert {"not", "never", "no"} <= _phrases(rows, "negation")
    rep = {p: pol for p, c, pol, *_ in rows if c == "reporting"}
    assert rep["say"] == 0 and rep["claim"] == -1 and rep["admit"] == -1 and rep["boast"] == -1
    assert rep["reveal"] == 1


def test_loaded_holds_the_force_and_conflict_list(rows):
    loaded = {p: pol for p, c, pol, *_ in rows if c == "loaded"}
    for phrase in ("overthrow", "blockade", "seize", "mastermind", "coup", "smuggle", "bully",
                   "seize power", "gun down", "narco - terrorism", "hold hostage"):
        assert loaded.get(phrase) == -1, phrase
    assert loaded["liberator"] == 1 and loaded["law and order"] == 1
    # factual words stay out of every sentiment-family list
    family = {p for p, c, *_ in rows if c in lx.SENTIMENT_FAMILY}
    assert not {"say", "election", "arrest", "sanction", "storm", "scheme"} & family


def test_hedge_holds_the_sourcing_list(rows, lemmas):
    hedge = _phrases(rows, "hedge")
    assert {"unconfirmed report", "accord to report", "source close to", "anonymous source",
            "could not be independently verify", "not authorize to speak"} <= hedge
    # left out: mostly factual, or another sense in news text
    assert not {"describe as", "accuse of", "bill as", "on background"} & hedge
    # "as" is its own lemma (the lookup table's "as" -> "a" would let "a bit" match "as bit")
    assert "what be describe as" in hedge and "as" not in lemmas


def test_evaluative_holds_the_governance_list(rows):
    evaluative = {p: pol for p, c, pol, *_ in rows if c == "evaluative"}
    for phrase in ("undemocratic", "power - hungry", "mismanagement", "dysfunctional",
                   "stage - manage", "drubbing", "cling to power"):
        assert evaluative.get(phrase) == -1, phrase
    assert evaluative["statesmanlike"] == 1 and evaluative["lawfully elect"] == 1
    # upstream ratings the list leaves alone keep their category
    assert {("chaotic", "evaluative"), ("humiliate", "loaded")} <= {(p, c) for p, c, *_ in rows}
    # words whose usual news sense is factual stay out of every sentiment-family list
    family = {p for p, c, *_ in rows if c in lx.SENTIMENT_FAMILY}
    assert not {"unconstitutional", "landslide", "voter fraud", "transparent"} & family


def test_loaded_holds_the_economy_list(rows):
    loaded = {p: pol for p, c, pol, *_ in rows if c == "loaded"}
    for phrase in ("tax - and - spend", "tax grab", "corporate greed", "profiteer",
                   "sweetheart deal", "vulture fund", "slave wage", "exorbitant", "basket case"):
        assert loaded.get(phrase) == -1, phrase
    assert loaded["tax relief"] == 1 and loaded["fiscally responsible"] == 1
    family = {p for p, c, *_ in rows if c in lx.SENTIMENT_FAMILY}
    assert not {"bailout", "soar", "astronomical", "government - run"} & family
    # upstream ratings and other curated categories keep their words
    assert {("greedy", "evaluative"), ("skyrocket", "booster"), ("fat cat", "figurative")} <= {
        (p, c) for p, c, *_ in rows}


def test_one_sentiment_category_per_phrase(rows):
    seen = {}
    for phrase, cat, *_ in rows:
        if cat in lx.SENTIMENT_FAMILY:
            assert phrase not in seen, (phrase, seen.get(phrase), cat)
            seen[phrase] = cat


def test_licences_and_readme_are_shipped():
    lic = LEX_DIR / "LICENSES"
    names = {p.name for p in lic.iterdir()}
    assert {t for _, _, t in lx.LICENSE_COPIES} <= names
    assert {"hu-liu-opinion-lexicon-CC-BY-4.0.txt", "pattern-PDDL.txt", "spacy-lookups-data-MIT.txt",
            "wordnet-3.0.txt"} <= names
    for name in names:
        text = (lic / name).read_text(encoding="utf-8")
        if name.endswith("MIT.txt"):
            assert "Permission is hereby granted" in text and "Copyright" in text, name
    hu = (lic / "hu-liu-opinion-lexicon-CC-BY-4.0.txt").read_text(encoding="utf-8")
    assert "Creative Commons Attribution 4.0" in hu and "Minqing Hu and Bing Liu" in hu and "Changes" in hu
    assert "WordNet 3.0 Copyright 2006 by Princeton University" in (lic / "wordnet-3.0.txt").read_text()
    readme = (LEX_DIR / "README.md").read_text(encoding="utf-8")
    for cat in lx.CATEGORIES:
        assert f"`{cat}.tsv`" in readme
    for name in names:
        assert name in readme, name


def test_installed_package_ships_the_lexicons():
    installed = pathlib.Path(presslens.DEFAULT_MODEL) / "lexicons"
    for cat in lx.CATEGORIES:
        assert (installed / f"{cat}.tsv").is_file(), cat
    assert (installed / "lemmas.tsv").is_file() and (installed / "LICENSES").is_dir()


def test_sources_are_only_shippable_lists():
    info = json.loads((LEX_DIR / "sources.json").read_text(encoding="utf-8"))
    dirs = {i["file"].split("/")[0] for i in info["inputs"]}
    assert dirs <= lx.ALLOWED_DIRS and not (dirs & lx.RESEARCH_ONLY_DIRS)
    assert lx.ALLOWED_DIRS.isdisjoint(lx.RESEARCH_ONLY_DIRS)
    assert info["lemma_source"]["version"] == lx.LOOKUPS_VERSION
    assert info["rows_total"] == sum(info["rows"].values())


def test_reader_refuses_research_only_lists(tmp_path):
    lex = tmp_path / "data" / "lexicons"
    lex.mkdir(parents=True)
    (lex / "MANIFEST.json").write_text("[]")
    reader = lx.SourceReader(tmp_path)
    for d in sorted(lx.RESEARCH_ONLY_DIRS) + ["somewhere_else"]:
        with pytest.raises(PermissionError):
            reader.bytes(d, "anything.txt")


def _lookups_installed() -> bool:
    return importlib.util.find_spec("spacy_lookups_data") is not None


needs_build_inputs = pytest.mark.skipif(
    not (SHARED / "data" / "lexicons" / "MANIFEST.json").is_file() or not _lookups_installed(),
    reason="needs ../shared and spacy-lookups-data (pip install spacy-lookups-data==1.0.5; `make lexicons` installs it)")


@needs_build_inputs
def test_rebuild_is_byte_identical_and_reads_only_shippable_dirs(tmp_path, monkeypatch):
    lex_root = (SHARED / "data" / "lexicons").resolve()
    opened = []
    real_read_bytes, real_read_text = pathlib.Path.read_bytes, pathlib.Path.read_text

    def record(path):
        p = pathlib.Path(path).resolve()
        if lex_root in p.parents:
            opened.append(p.relative_to(lex_root).parts[0])

    def read_bytes(self):
        record(self)
        return real_read_bytes(self)

    def read_text(self, *a, **k):
        record(self)
        return real_read_text(self, *a, **k)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    monkeypatch.setattr(pathlib.Path, "read_text", read_text)
    stats = lx.build(SHARED, tmp_path)
    monkeypatch.undo()

    dirs = {d for d in opened if d != "MANIFEST.json"}
    assert dirs and dirs <= lx.ALLOWED_DIRS and not (dirs & lx.RESEARCH_ONLY_DIRS), dirs
    assert stats["files"]
    for rel in stats["files"]:
        assert (tmp_path / rel).read_bytes() == (LEX_DIR / rel).read_bytes(), f"{rel} differs: run `make lexicons`"


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_curated_lists_accept_category_and_topic_names(tmp_path):
    for name in ("loaded.tsv", "loaded.force.tsv", "hedge.tsv", "exclude.tsv", "source_map.tsv",
                 "lemma_overrides.tsv", "evaluative.sports_2.tsv"):
        _write(tmp_path / name, "")
    got = [(c, p.name) for c, p in lx.curated_lists(tmp_path)]
    # category order of CATEGORIES, the main list before its topical lists
    assert got == [("hedge", "hedge.tsv"), ("loaded", "loaded.tsv"), ("loaded", "loaded.force.tsv"),
                   ("evaluative", "evaluative.sports_2.tsv")]
    # the shipped directory: every list is read, the force list among them
    shipped = [(c, p.name) for c, p in lx.curated_lists()]
    assert {("loaded", "loaded.force.tsv"), ("hedge", "hedge.sourcing.tsv"),
            ("evaluative", "evaluative.governance.tsv"),
            ("loaded", "loaded.economy.tsv")} <= set(shipped)


@pytest.mark.parametrize("name", ["lodaed.force.tsv", "loaded.Force.tsv", "loaded.a.b.tsv",
                                  "loaded..tsv", "notes.tsv"])
def test_curated_lists_reject_other_names(tmp_path, name):
    _write(tmp_path / name, "")
    with pytest.raises(ValueError, match="category"):
        lx.curated_lists(tmp_path)


def _curated_copy(tmp_path):
    import shutil
    d = tmp_path / "curated_cues"
    shutil.copytree(lx.CURATED_DIR, d)
    return d


@needs_build_inputs
def test_topical_list_is_built_into_its_category(tmp_path, monkeypatch):
    d = _curated_copy(tmp_path)
    _write(d / "loaded.zz_test.tsv", "# a test list\nwaffle-stomp\t-\t0.7\nzorbify the opposition\t-\t0.6\n")
    monkeypatch.setattr(lx, "CURATED_DIR", d)
    stats = lx.build(SHARED, tmp_path / "out")
    rows = lx.read_lexicon_dir(tmp_path / "out")
    got = {(p, c, pol, src) for p, c, pol, _, src in rows if p in ("waffle - stomp", "zorbify the opposition")}
    assert got == {("waffle - stomp", "loaded", -1, "presslens"), ("zorbify the opposition", "loaded", -1, "presslens")}
    assert "presslens/data/curated_cues/loaded.zz_test.tsv" in {c["file"] for c in stats["curated"]}
    lemmas = lx.read_lemmas(tmp_path / "out")
    assert lemmas.get("zorbifies") == "zorbify"      # regular inflections for a new word


@needs_build_inputs
@pytest.mark.parametrize("text, message", [
    ("overthrow\t-\t0.7\n", "already in"),                   # repeats loaded.force.tsv
    ("landmark\t+\t0.5\n", "curated lists put"),             # curated evaluative holds it
    ("blorptify\t-\n", "bad row"),
    ("blorptify\t?\t0.5\n", "bad row"),
    ("blorptify\t-\t1.5\n", "strength"),
    ("anti-\t-\t0.5\n", "bad phrase"),
    # the use column: errors name the file and line
    ("# a list\nblorptify\t-\t0.5\tnoun\nzorbify\t-\t0.5\tadverb\n", r"loaded\.zz_test\.tsv:3: use 'adverb'"),
    ("blorptify\t-\t0.5\tnoun,verb\n", r"loaded\.zz_test\.tsv:1: use"),
    ("blorptify\t-\t0.5\tnoun\textra\n", r"loaded\.zz_test\.tsv:1: bad row"),
])
def test_topical_list_errors(tmp_path, monkeypatch, text, message):
    d = _curated_copy(tmp_path)
    _write(d / "loaded.zz_test.tsv", text)
    monkeypatch.setattr(lx, "CURATED_DIR", d)
    with pytest.raises(ValueError, match=message):
        lx.build(SHARED, tmp_path / "out")


def test_gated_entries_are_shipped_with_their_use(rows):
    uses = lx.read_uses(LEX_DIR)
    assert uses[("lie", "loaded")] == "noun"
    assert uses[("slam", "loaded")] == "verb,not_locative"
    assert uses[("hail", "reporting")] == "verb"
    # "lied" stays an upstream evaluative word of its own, in any use
    assert ("lied", "evaluative") in {(p, c) for p, c, *_ in rows} and ("lied", "evaluative") not in uses


@pytest.mark.parametrize("use, canonical", [("", ""), ("noun", "noun"), ("not_locative,verb", "verb,not_locative")])
def test_parse_use_accepts_gates(use, canonical):
    assert lx.parse_use(use) == canonical


@pytest.mark.parametrize("use", ["nouns", "noun,verb", "noun,noun", "noun,", "Noun"])
def test_parse_use_rejects_others(use):
    with pytest.raises(ValueError, match="use"):
        lx.parse_use(use)


@needs_build_inputs
def test_curated_use_column_is_built_into_the_sixth_column(tmp_path, monkeypatch):
    d = _curated_copy(tmp_path)
    _write(d / "loaded.zz_test.tsv", "waffle-stomp\t-\t0.7\tnot_locative,verb\nzorbify\t-\t0.6\n")
    monkeypatch.setattr(lx, "CURATED_DIR", d)
    lx.build(SHARED, tmp_path / "out")
    uses = lx.read_uses(tmp_path / "out")
    assert uses[("waffle - stomp", "loaded")] == "verb,not_locative"
    assert ("zorbify", "loaded") not in uses
    assert "zorbify\tloaded\t-\t0.60\tpresslens\n" in (tmp_path / "out" / "loaded.tsv").read_text()


def test_model_readme_states_the_shipped_row_count():
    # The model card's lexicon row names the count sources.json records, so a
    # rebuilt lexicon cannot leave the card behind.
    total = json.loads((LEX_DIR / "sources.json").read_text(encoding="utf-8"))["rows_total"]
    card = (LEX_DIR.parent / "README.md").read_text(encoding="utf-8")
    assert f"{total:,} rows" in card
