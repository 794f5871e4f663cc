"""Training an NER model from Python (``presslens.train_ner``) and scoring it
(``presslens.eval``), on a small synthetic corpus written into a temp dir.

The corpus is made of a few sentence templates over small name lists; the
held-out sentences use first names, surnames and cities never seen in
training, so passing means the model learned context and shape, not a list.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

import presslens
from presslens.eval import evaluate_ner, read_bio, score_spans, spans_from_tags

LABELS = ("PERSON", "GPE", "DATE")

FIRST = ["Anna", "Boris", "Chloe", "Dmitri", "Elena", "Farid", "Grace", "Hugo",
         "Ines", "Jonas", "Kwame", "Leila"]
LAST = ["Alvarez", "Brennan", "Castillo", "Dubois", "Eriksen", "Fischer", "Garcia",
        "Haddad", "Ivanova", "Jensen"]
CITIES = ["Lisbon", "Nairobi", "Quito", "Oslo", "Hanoi", "Lima", "Accra", "Riga",
          "Dakar", "Tbilisi"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]

# Seen in training / only in the held-out file.
TRAIN_NAMES = (FIRST[:8], LAST[:7], CITIES[:7])
HELD_OUT_NAMES = (FIRST[8:], LAST[7:], CITIES[7:])

P, GPE, D = ("B-PERSON", "I-PERSON"), "B-GPE", "B-DATE"


def sentence(template: int, first: str, last: str, city: str, day: str):
    """(words, tags) for one of three templates."""
    if template == 0:
        return ([first, last, "met", "officials", "in", city, "on", day, "."],
                [*P, "O", "O", "O", GPE, "O", D, "O"])
    if template == 1:
        return (["Officials", "in", city, "said", first, last, "left", "on", day, "."],
                ["O", "O", GPE, "O", *P, "O", "O", D, "O"])
    return (["On", day, ",", first, last, "flew", "to", city, "."],
            ["O", D, "O", *P, "O", "O", GPE, "O"])


def text_of(words) -> str:
    return " ".join(words).replace(" ,", ",").replace(" .", ".")


def make(rng: random.Random, names, n: int):
    firsts, lasts, cities = names
    return [sentence(i % 3, rng.choice(firsts), rng.choice(lasts), rng.choice(cities),
                     rng.choice(DAYS)) for i in range(n)]


def write_bio(path: Path, sents, keep=LABELS, docstart: bool = False) -> Path:
    """A 2-column BIO file; tags of labels not in ``keep`` are written as O."""
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        if docstart:
            f.write("-DOCSTART-\tO\n\n")
        for words, tags in sents:
            for w, t in zip(words, tags):
                f.write(f"{w}\t{t if t == 'O' or t[2:] in keep else 'O'}\n")
            f.write("\n")
    return path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("bio")
    rng = random.Random(7)
    train = make(rng, TRAIN_NAMES, 300)
    write_bio(d / "train.bio", train)
    write_bio(d / "test.bio", make(rng, HELD_OUT_NAMES, 45), docstart=True)
    write_bio(d / "persons.bio", train[:150], keep=("PERSON",))
    write_bio(d / "places.bio", train[150:], keep=("GPE",))
    return d


def model_dir_with(model: Path, where: Path) -> Path:
    """A copy of the shipped model directory with ``model`` as its ner.model."""
    d = where / "model"
    d.mkdir(parents=True)
    for name in ("abbreviations.tsv", "sentence_starters.txt", "gazetteer.tsv", "aliases.tsv"):
        shutil.copy(presslens.DEFAULT_MODEL / name, d / name)
    shutil.copy(model, d / "ner.model")
    return d


@pytest.fixture(scope="module")
def trained(corpus, tmp_path_factory):
    """(model file, model dir, stats) of a model trained on train.bio."""
    d = tmp_path_factory.mktemp("trained")
    out = d / "ner.bin"
    stats = presslens.train_ner([corpus / "train.bio"], out, labels=LABELS, epochs=5, seed=1)
    return out, model_dir_with(out, d), stats


def held_out_cases():
    firsts, lasts, cities = HELD_OUT_NAMES
    return [sentence(t, f, l, c, DAYS[(t + i) % 5])
            for i, (f, l, c) in enumerate((f, l, c) for f in firsts for l in lasts for c in cities)
            for t in range(3)][::5]


def test_train_returns_counts_and_writes_the_file(trained):
    out, _, stats = trained
    assert stats["sentences"] == 300
    assert stats["features"] > 0
    assert out.is_file() and out.stat().st_size > 0


def test_trained_model_tags_unseen_names_in_raw_text(trained):
    nlp = presslens.load(trained[1])
    cases = held_out_cases()
    assert len(cases) >= 10
    for words, tags in cases:
        text = text_of(words)
        want = [(" ".join(words[s:e]), label) for s, e, label in spans_from_tags(tags)]
        doc = nlp(text)
        assert [(e.text, e.label) for e in doc.entities] == want, text
        for e in doc.entities:
            assert text[e.start:e.end] == e.text


def test_trained_model_tags_unseen_names_as_word_lists(trained):
    nlp = presslens.load(trained[1])
    for words, tags in held_out_cases():
        assert nlp._core.tag_words(words) == tags, words


def test_shipped_model_is_not_what_we_trained(trained):
    # Guards the two tests above against passing by accident on the default
    # model: a model trained on three labels cannot produce any other label.
    nlp = presslens.load(trained[1])
    assert set(nlp._core.entity_labels) == set(LABELS)
    assert set(presslens.load()._core.entity_labels) != set(LABELS)


def test_same_seed_gives_byte_identical_files(corpus, tmp_path):
    stats = []
    for name in ("a", "b"):
        stats.append(presslens.train_ner([corpus / "train.bio"], tmp_path / name, labels=LABELS,
                                         epochs=5, seed=1))
    assert (tmp_path / "a").read_bytes() == (tmp_path / "b").read_bytes()
    assert stats[0] == stats[1]


def test_progress_is_reported_once_per_epoch(corpus, tmp_path):
    calls = []
    presslens.train_ner([corpus / "train.bio"], tmp_path / "m", labels=LABELS, epochs=3, seed=1,
                        progress=lambda epoch, acc: calls.append((epoch, acc)))
    assert [e for e, _ in calls] == [1, 2, 3]
    assert all(0.0 <= acc <= 1.0 for _, acc in calls)


def test_partial_annotation_trains_both_labels(corpus, tmp_path):
    # persons.bio marks only PERSON and places.bio only GPE: each file's O
    # tokens may be the other label, so neither file teaches "city = O".
    out = tmp_path / "p.model"
    presslens.train_ner([(corpus / "persons.bio", ["PERSON"]), (corpus / "places.bio", ("GPE",), 1)],
                        out, labels=("PERSON", "GPE"), epochs=6, seed=1)
    nlp = presslens.load(model_dir_with(out, tmp_path))
    found = Counter()
    for words, tags in held_out_cases():
        doc = nlp(text_of(words))
        found.update(e.label for e in doc.entities)
        assert {e.label for e in doc.entities} <= {"PERSON", "GPE"}
    n = len(held_out_cases())
    assert found["PERSON"] >= 0.9 * n and found["GPE"] >= 0.9 * n, found


# --- errors ---------------------------------------------------------------------


def test_label_no_corpus_annotates_raises(corpus, tmp_path):
    with pytest.raises(ValueError, match="DATE"):
        presslens.train_ner([(corpus / "persons.bio", ["PERSON"]), (corpus / "places.bio", ["GPE"])],
                            tmp_path / "m", labels=("PERSON", "GPE", "DATE"))
    assert not (tmp_path / "m").exists()


def test_missing_corpus_raises(corpus, tmp_path):
    with pytest.raises(FileNotFoundError, match="missing.bio"):
        presslens.train_ner([corpus / "train.bio", tmp_path / "missing.bio"], tmp_path / "m",
                            labels=LABELS)
    with pytest.raises(FileNotFoundError, match="missing.bio"):
        presslens.train_ner([(str(tmp_path / "missing.bio"), ["PERSON"])], tmp_path / "m",
                            labels=("PERSON",))
    assert not (tmp_path / "m").exists()


@pytest.mark.parametrize("epochs", [0, -1])
def test_epochs_below_one_raise(corpus, tmp_path, epochs):
    with pytest.raises(ValueError, match="epochs"):
        presslens.train_ner([corpus / "train.bio"], tmp_path / "m", labels=LABELS, epochs=epochs)


def test_empty_corpora_raise(tmp_path):
    with pytest.raises(ValueError):
        presslens.train_ner([], tmp_path / "m", labels=LABELS)
    empty = tmp_path / "empty.bio"
    empty.write_text("\n\n", encoding="utf-8")
    with pytest.raises(ValueError):
        presslens.train_ner([empty], tmp_path / "m", labels=("PERSON",))


def test_malformed_bio_raises_naming_the_line(tmp_path):
    bad = tmp_path / "bad.bio"
    bad.write_text("Anna\tB-PERSON\nno tab here\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.bio:2\b"):
        presslens.train_ner([bad], tmp_path / "m", labels=("PERSON",))
    bad.write_text("Anna\tB-PERSON\n\nmet\tO\nOslo\tX-GPE\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.bio:4\b"):
        presslens.train_ner([bad], tmp_path / "m", labels=("PERSON",))


def test_wrong_number_of_labels_raises(corpus, tmp_path):
    with pytest.raises(ValueError):
        presslens.train_ner([corpus / "train.bio"], tmp_path / "m", labels=())


@pytest.mark.parametrize("kwargs, error, match", [
    # A str is a sequence of letters: it would train on the labels P, E, R, S, O, N.
    ({"labels": "PERSON"}, TypeError, r"^labels must be a list .* not a single str: write \['PERSON'\]"),
    ({"labels": ("PERSON", "GPE", "PERSON")}, ValueError, r"^labels: duplicate labels \['PERSON'\]"),
    ({"labels": ("PERSON", None)}, TypeError, r"^labels: each label must be a non-empty str"),
    ({"labels": ("PERSON", "")}, TypeError, r"^labels: each label must be a non-empty str"),
    ({"epochs": True}, TypeError, r"^epochs must be an int, not bool"),
    ({"epochs": 2.5}, TypeError, r"^epochs must be an int, not float"),
    ({"seed": "1"}, TypeError, r"^seed must be an int, not str"),
    ({"min_feature_count": False}, TypeError, r"^min_feature_count must be an int, not bool"),
    ({"prune": "0.1"}, TypeError, r"^prune must be a number, not str"),
    ({"progress": 3}, TypeError, r"^progress must be callable"),
], ids=["labels-str", "labels-duplicate", "label-none", "label-empty", "epochs-bool",
        "epochs-float", "seed-str", "min-count-bool", "prune-str", "progress-int"])
def test_bad_arguments_raise_naming_the_argument(corpus, tmp_path, kwargs, error, match):
    args = {"labels": LABELS, "epochs": 1, **kwargs}
    with pytest.raises(error, match=match):
        presslens.train_ner([corpus / "train.bio"], tmp_path / "m", **args)
    assert not (tmp_path / "m").exists()


def test_bad_corpora_raise_naming_the_argument(corpus, tmp_path):
    train = corpus / "train.bio"
    cases = [
        (str(train), TypeError, r"^corpora must be a list of corpora, not a single path"),
        (train, TypeError, r"^corpora must be a list of corpora, not a single path"),
        (None, TypeError, r"^corpora must be a list of corpora, not NoneType"),
        ([(train, "PERSON")], TypeError, r"^corpora\[0\] annotated labels must be a list .* "
                                         r"write \['PERSON'\]"),
        ([train, (train, ["PERSON", "PERSON"])], ValueError, r"^corpora\[1\] annotated labels: duplicate"),
        ([(train, ["PERSON"], "2")], TypeError, r"^corpora\[0\]: repeat must be an int, not str"),
        ([(train, ["PERSON"], True)], TypeError, r"^corpora\[0\]: repeat must be an int, not bool"),
        ([(train, ["PERSON"], 0)], ValueError, r"^corpora\[0\]: repeat must be at least 1"),
        ([(train,)], TypeError, r"^corpora\[0\] must be a path, \(path, annotated_labels\)"),
        ([(5, ["PERSON"])], TypeError, r"^corpora\[0\]: the path must be a str or path, not int"),
    ]
    for corpora, error, match in cases:
        with pytest.raises(error, match=match):
            presslens.train_ner(corpora, tmp_path / "m", labels=("PERSON",), epochs=1)
    assert not (tmp_path / "m").exists()


# --- evaluation -----------------------------------------------------------------


def test_read_bio(corpus):
    sents = read_bio(corpus / "test.bio")
    assert len(sents) == 45  # -DOCSTART- is not a sentence
    assert all(len(w) == len(t) and w for w, t in sents)
    assert all(w[0] != "-DOCSTART-" for w, _ in sents)


def test_evaluate_ner_on_held_out_file(corpus, trained):
    nlp = presslens.load(trained[1])
    res = evaluate_ner(corpus / "test.bio", nlp)
    assert res["sentences"] == 45
    micro = res["micro"]
    assert micro["f"] > 0.9, res
    # Every sentence has one span of each label.
    assert micro["tp"] + micro["fn"] == 3 * 45
    assert set(res["labels"]) == set(LABELS)
    only = evaluate_ner(corpus / "test.bio", nlp, labels={"PERSON"})
    assert set(only["labels"]) == {"PERSON"}
    assert only["micro"]["tp"] + only["micro"]["fn"] == 45


def test_eval_command_line(corpus, trained):
    cmd = [sys.executable, "-m", "presslens.eval", "ner", str(corpus / "test.bio"),
           "--model", str(trained[1])]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    micro = [line for line in run.stdout.splitlines() if line.split()[:1] == ["micro"]]
    assert len(micro) == 1, run.stdout
    p, r, f1, gold = micro[0].split()[1:]
    assert float(f1) > 0.9 and int(gold) == 3 * 45
    only = subprocess.run(cmd + ["--labels", "PERSON,GPE"], capture_output=True, text=True, timeout=60)
    assert only.returncode == 0, only.stderr
    rows = [line.split()[0] for line in only.stdout.splitlines()[2:] if line.strip()]
    assert rows == ["GPE", "PERSON", "micro"], only.stdout
    missing = subprocess.run(cmd[:4] + [str(corpus / "missing.bio")], capture_output=True, text=True,
                             timeout=60)
    assert missing.returncode != 0 and "missing.bio" in missing.stderr


def totals(counts) -> tuple:
    c = sum(counts.values(), Counter())
    return c["tp"], c["fp"], c["fn"]


def test_spans_from_tags():
    assert spans_from_tags([]) == []
    assert spans_from_tags(["O", "O"]) == []
    assert spans_from_tags(["B-PER", "I-PER", "O", "B-ORG"]) == [(0, 2, "PER"), (3, 4, "ORG")]
    # B- always starts a new span, even after the same label.
    assert spans_from_tags(["B-PER", "B-PER", "I-PER"]) == [(0, 1, "PER"), (1, 3, "PER")]
    # A stray I- (after O, at the start, or after another label) starts a span.
    assert spans_from_tags(["I-GPE"]) == [(0, 1, "GPE")]
    assert spans_from_tags(["O", "I-ORG", "I-ORG", "O"]) == [(1, 3, "ORG")]
    assert spans_from_tags(["B-PER", "I-ORG", "I-ORG"]) == [(0, 1, "PER"), (1, 3, "ORG")]


def test_score_spans_counts():
    gold = [(0, 2, "PERSON"), (5, 6, "GPE")]
    assert totals(score_spans(gold, gold)) == (2, 0, 0)
    # A boundary error is one FP and one FN; a wrong label likewise.
    assert totals(score_spans(gold, [(0, 1, "PERSON"), (5, 6, "LOC")])) == (0, 2, 2)
    per_label = score_spans(gold, [(0, 2, "PERSON"), (7, 8, "DATE")])
    assert per_label["PERSON"]["tp"] == 1 and per_label["DATE"]["fp"] == 1 and per_label["GPE"]["fn"] == 1
    # Counts accumulate into the dict passed in.
    acc = {}
    score_spans(gold, gold, counts=acc)
    score_spans(gold, [], counts=acc)
    assert totals(acc) == (2, 0, 2)


def test_score_spans_masks_misc():
    gold = [(0, 2, "PERSON"), (3, 5, "MISC")]
    # Predictions overlapping a gold MISC span count neither way...
    assert totals(score_spans(gold, [(0, 2, "PERSON"), (3, 5, "ORG")])) == (1, 0, 0)
    assert totals(score_spans(gold, [(4, 6, "NORP")])) == (0, 0, 1)
    # ...a MISC span is never a miss, and a prediction beside it is still an FP.
    assert totals(score_spans(gold, [(0, 2, "PERSON")])) == (1, 0, 0)
    assert totals(score_spans(gold, [(0, 2, "PERSON"), (5, 6, "ORG")])) == (1, 1, 0)


def test_score_spans_label_restriction():
    gold = [(0, 2, "PERSON"), (3, 4, "ORG"), (5, 6, "GPE")]
    pred = [(0, 2, "PERSON"), (3, 4, "GPE"), (7, 8, "DATE")]
    assert totals(score_spans(gold, pred)) == (1, 2, 2)
    only = score_spans(gold, pred, labels={"PERSON", "GPE"})
    # DATE is not scored; ORG gold is masked, so the GPE guess on it is no FP;
    # the GPE at 5-6 is still missed.
    assert set(only) <= {"PERSON", "GPE"}
    assert totals(only) == (1, 0, 1)


# --- JSONL annotations ----------------------------------------------------------------

def jsonl_record(words, tags, as_lists: bool = False) -> dict:
    """One sentence as {"text", "entities"} with str offsets into text_of(words)."""
    text = text_of(words)
    offsets, at = [], 0
    for w in words:
        at = text.index(w, at)
        offsets.append((at, at + len(w)))
        at += len(w)
    ents = [(offsets[s][0], offsets[e - 1][1], label) for s, e, label in spans_from_tags(tags)]
    return {"text": text, "entities": [list(e) for e in ents] if as_lists else
            [{"start": s, "end": e, "label": label} for s, e, label in ents]}


def write_jsonl(path: Path, records) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_jsonl_annotations_train_the_same_model_as_bio(corpus, trained, tmp_path):
    rng = random.Random(7)
    train = make(rng, TRAIN_NAMES, 300)   # the sentences of train.bio, in order
    records = [jsonl_record(w, t, as_lists=i % 2 == 1) for i, (w, t) in enumerate(train)]
    path = write_jsonl(tmp_path / "train.jsonl", records)
    out = tmp_path / "ner.bin"
    stats = presslens.train_ner([path], out, labels=LABELS, epochs=5, seed=1)
    assert stats["sentences"] == 300
    assert out.read_bytes() == trained[0].read_bytes()


@pytest.mark.parametrize("record, match", [
    ({"text": "Anna Alvarez left.", "entities": [[0, 7, "PERSON"]]},
     r"train\.jsonl:2: entity 'Anna Al' \(0\.\.7\) does not start and end at token boundaries"),
    ({"text": "Anna Alvarez left.", "entities": [[0, 12, "ORG"]]},
     r"train\.jsonl:2: label 'ORG' of 'Anna Alvarez' is not one of the labels trained"),
    ({"text": "Anna Alvarez left.", "entities": [[0, 12, "PERSON"], [5, 12, "PERSON"]]},
     r"train\.jsonl:2: entities 'Anna Alvarez' \(0\.\.12\) and 'Alvarez' \(5\.\.12\) overlap"),
    ({"text": "Anna left.", "entities": [[0, 40, "PERSON"]]},
     r"train\.jsonl:2: entity 0 has offsets 0\.\.40, not within the text's 10 characters"),
    ({"entities": []}, r"train\.jsonl:2: a record needs a 'text' string"),
])
def test_bad_jsonl_records_raise_naming_file_and_line(tmp_path, record, match):
    good = {"text": "Anna Alvarez left Lisbon.", "entities": [[0, 12, "PERSON"], [18, 24, "GPE"]]}
    path = write_jsonl(tmp_path / "train.jsonl", [good, record])
    with pytest.raises(ValueError, match=match):
        presslens.train_ner([path], tmp_path / "ner.bin", labels=LABELS, epochs=1)
    assert not (tmp_path / "ner.bin").exists()


def test_jsonl_that_is_not_json_raises_naming_the_line(tmp_path):
    path = tmp_path / "train.jsonl"
    path.write_text('{"text": "Anna left.", "entities": []}\n{not json\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"train\.jsonl:2: not JSON"):
        presslens.train_ner([path], tmp_path / "ner.bin", labels=LABELS, epochs=1)
