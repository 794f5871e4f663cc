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
                assert len(parts) == 5 and parts[1] == cat and parts[2] in "-0+", line
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
