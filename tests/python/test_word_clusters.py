"""Word clusters (word_clusters.tsv in a model directory) as NER features.

A model directory may carry a cluster table; the tagger then adds each word's
cluster ids as features. A model trained without clusters gives them no
weight, so adding a table to its directory leaves its tags unchanged; a
malformed table is refused at load with the file and line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import presslens

ARTICLE = (
    "President Nicolas Maduro met Venezuelan officials in Caracas on Tuesday, the New York Times "
    "reported. Maduro said Russia’s support mattered.\n"
    "NYT’s sources said the US delegation left. “We are not seduced by lies,” Maduro added."
)

CLUSTERS = "# word<TAB>ids\ncaracas\t1\t10\t100\nmoscow\t1\t10\t101\nmaduro\t2\t20\t200\nsaid\t3\t30\t300\n"


def model_dir(tmp_path: Path, clusters: str) -> Path:
    d = tmp_path / "model"
    d.mkdir()
    for f in Path(presslens.DEFAULT_MODEL).iterdir():
        if f.name != "word_clusters.tsv":
            (d / f.name).symlink_to(f)
    (d / "word_clusters.tsv").write_text(clusters, encoding="utf-8")
    return d


def spans(nlp, text):
    return [(e.start, e.end, e.label) for e in nlp(text).entities]


def test_shipped_model_loads_and_tags(nlp):
    ents = spans(nlp, ARTICLE)
    assert ents, "the shipped model found no entities"
    assert ("Maduro", "PERSON") in {(ARTICLE[s:e], label) for s, e, label in ents}


def test_clusters_unknown_to_the_model_leave_its_tags_unchanged(nlp, tmp_path):
    with_clusters = presslens.load(model_dir(tmp_path, CLUSTERS))
    assert spans(with_clusters, ARTICLE) == spans(nlp, ARTICLE)
    words = ARTICLE.replace("\n", " ").split()
    assert with_clusters._core.tag_words(words) == nlp._core.tag_words(words)


@pytest.mark.parametrize("row", ["caracas\t1\t10", "caracas\t1\tten\t100", "caracas\t1\t2\t70000",
                                 "caracas\t1\t2\t3\t4"])
def test_malformed_cluster_table_names_file_and_line(tmp_path, row):
    d = model_dir(tmp_path, CLUSTERS + row + "\n")
    with pytest.raises(ValueError, match=r"word_clusters\.tsv:6"):
        presslens.load(d)


def test_training_uses_the_base_directorys_clusters(tmp_path):
    bio = tmp_path / "train.bio"
    bio.write_text("".join(f"{p}\tB-PERSON\nsaid\tO\nin\tO\n{c}\tB-GPE\n.\tO\n\n"
                           for p, c in [("Maduro", "Caracas"), ("Putin", "Moscow")] * 5),
                   encoding="utf-8")
    plain = presslens.train_ner([bio], tmp_path / "plain.model", labels=["PERSON", "GPE"],
                                min_feature_count=1)
    clustered = presslens.train_ner([bio], tmp_path / "clustered.model", labels=["PERSON", "GPE"],
                                    model_dir=model_dir(tmp_path, CLUSTERS), min_feature_count=1)
    assert clustered["features"] > plain["features"]
