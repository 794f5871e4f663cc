"""Training an NER model from Python on a small synthetic corpus, and scoring it."""

import random
import shutil
import subprocess
import sys
from collections import Counter

import pytest

import presslens
from presslens.eval import evaluate_ner, read_bio, score_spans, spans_from_tags

FIRST = ["Anna", "Boris", "Chloe", "Dmitri", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas"]
LAST = ["Alvarez", "Brennan", "Castillo", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad"]
CITIES = ["Lisbon", "Nairobi", "Quito", "Oslo", "Hanoi", "Lima", "Accra", "Riga"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def sentence(rng, first, last, city, day):
    words = [first, last, "met", "officials", "in", city, "on", day, "."]
    tags = ["B-PERSON", "I-PERSON", "O", "O", "O", "B-GPE", "O", "B-DATE", "O"]
    if rng.random() < 0.5:
        words = ["Officials", "in", city, "said", first, last, "left", "on", day, "."]
        tags = ["O", "O", "B-GPE", "O", "B-PERSON", "I-PERSON", "O", "O", "B-DATE", "O"]
    return words, tags


def write_bio(path, sents, keep=("PERSON", "GPE", "DATE")):
    with open(path, "w", encoding="utf-8") as f:
        for words, tags in sents:
            f.write("-DOCSTART-\n\n")
            for w, t in zip(words, tags):
                f.write(f"{w}\t{t if t == 'O' or t[2:] in keep else 'O'}\n")
            f.write("\n")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    rng = random.Random(7)
    d = tmp_path_factory.mktemp("bio")
    train = [sentence(rng, rng.choice(FIRST[:7]), rng.choice(LAST[:6]), rng.choice(CITIES[:6]),
                      rng.choice(DAYS)) for _ in range(300)]
    # Held out: names and cities never seen in training.
    test = [sentence(rng, rng.choice(FIRST[7:]), rng.choice(LAST[6:]), rng.choice(CITIES[6:]),
                     rng.choice(DAYS)) for _ in range(40)]
    write_bio(d / "train.bio", train)
    write_bio(d / "test.bio", test)
    write_bio(d / "persons.bio", train[:150], keep=("PERSON",))
    write_bio(d / "places.bio", train[150:], keep=("GPE",))
    return d


def model_dir_with(tmp_path, model):
    d = tmp_path / "model"
    shutil.copytree(presslens.DEFAULT_MODEL, d)
    shutil.copy(model, d / "ner.model")
    return d


LABELS = ("PERSON", "GPE", "DATE")


def test_trained_model_tags_unseen_names(corpus, tmp_path):
    out = tmp_path / "m.model"
    stats = presslens.train_ner([corpus / "train.bio"], out, labels=LABELS, epochs=5, seed=1)
    assert stats["sentences"] == 300 and stats["features"] > 0
    nlp = presslens.load(model_dir_with(tmp_path, out))
    res = evaluate_ner(corpus / "test.bio", nlp)
    assert res["micro"]["f"] > 0.9
    doc = nlp("Officials in Accra said Hugo Haddad left on Friday.")
    assert [(e.text, e.label) for e in doc.entities] == [
        ("Accra", "GPE"), ("Hugo Haddad", "PERSON"), ("Friday", "DATE")]
    cli = subprocess.run([sys.executable, "-m", "presslens.eval", "ner", str(corpus / "test.bio"),
                          "--model", str(model_dir_with(tmp_path / "x", out))],
                         capture_output=True, text=True, check=True)
    assert "micro" in cli.stdout


def test_same_seed_gives_identical_files(corpus, tmp_path):
    for name in ("a", "b"):
        presslens.train_ner([corpus / "train.bio"], tmp_path / name, labels=LABELS, epochs=2, seed=3)
    assert (tmp_path / "a").read_bytes() == (tmp_path / "b").read_bytes()


def test_partial_annotation_trains_both_labels(corpus, tmp_path):
    out = tmp_path / "p.model"
    presslens.train_ner([(corpus / "persons.bio", ["PERSON"]), (corpus / "places.bio", ["GPE"])],
                        out, labels=("PERSON", "GPE"), epochs=6, seed=1)
    nlp = presslens.load(model_dir_with(tmp_path, out))
    labels = {e.label for e in nlp("Officials in Accra said Hugo Haddad left on Friday.").entities}
    assert labels == {"PERSON", "GPE"}


def test_training_errors(corpus, tmp_path):
    with pytest.raises(ValueError, match="DATE"):
        presslens.train_ner([(corpus / "persons.bio", ["PERSON"])], tmp_path / "m",
                            labels=("PERSON", "DATE"))
    with pytest.raises(FileNotFoundError):
        presslens.train_ner([tmp_path / "missing.bio"], tmp_path / "m")
    with pytest.raises(ValueError):
        presslens.train_ner([], tmp_path / "m")
    with pytest.raises(ValueError):
        presslens.train_ner([corpus / "train.bio"], tmp_path / "m", labels=LABELS, epochs=0)
    bad = tmp_path / "bad.bio"
    bad.write_text("word\tB-PERSON\nno tab here\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.bio:2"):
        presslens.train_ner([bad], tmp_path / "m", labels=("PERSON",))


def test_span_scoring_rules():
    assert spans_from_tags(["B-PER", "I-PER", "O", "I-ORG", "I-ORG", "B-ORG"]) == [
        (0, 2, "PER"), (3, 5, "ORG"), (5, 6, "ORG")]
    gold = [(0, 2, "PERSON"), (3, 4, "MISC"), (5, 6, "GPE")]
    pred = [(0, 2, "PERSON"), (3, 4, "ORG"), (5, 6, "LOC"), (7, 8, "DATE")]
    c = score_spans(gold, pred)
    total = sum(c.values(), Counter())
    # MISC masks the overlapping ORG; LOC for GPE is one FP and one FN; DATE is an FP.
    assert (total["tp"], total["fp"], total["fn"]) == (1, 2, 1)
    only = score_spans(gold, pred, labels={"PERSON", "GPE"})
    total = sum(only.values(), Counter())
    assert (total["tp"], total["fp"], total["fn"]) == (1, 0, 1)


def test_read_bio_round_trip(corpus):
    sents = read_bio(corpus / "test.bio")
    assert len(sents) == 40 and all(len(w) == len(t) for w, t in sents)
