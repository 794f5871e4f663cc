"""nlp.pipe: streaming, input order, thread counts, errors naming the record."""

import itertools

import pytest

import presslens

TEXTS = [
    "Mayor Elena Vasquez backed the $2.4bn deal on Tuesday. “We listened,” she said.",
    "",
    "Councillor Thomas O’Brien voted against it.\n\nThe Daily Ledger reported the vote.",
    "Short.",
    "Dr. Amara Osei warned that dredging could devastate the bay’s shellfish beds.",
] * 7


def fingerprint(doc):
    return (
        doc.text,
        [(t.start, t.end, t.kind) for t in doc.tokens],
        [(s.start, s.end) for s in doc.sentences],
        [(e.start, e.end, e.label, e.cluster) for e in doc.entities],
        [(c.label, c.canonical) for c in doc.clusters],
    )


@pytest.mark.parametrize("n_threads", [1, 2, 0, 8])
@pytest.mark.parametrize("batch_size", [1, 4, 1000])
def test_pipe_matches_single_calls_in_input_order(nlp, n_threads, batch_size):
    expected = [fingerprint(nlp(t)) for t in TEXTS]
    got = [fingerprint(d) for d in nlp.pipe(TEXTS, batch_size=batch_size, n_threads=n_threads)]
    assert got == expected


def test_pipe_is_lazy(nlp):
    consumed = []

    def source():
        for i in itertools.count():
            consumed.append(i)
            yield f"Text number {i}."

    stream = nlp.pipe(source(), batch_size=3)
    first = next(stream)
    assert first.text == "Text number 0."
    assert len(consumed) == 3  # one batch read, not the endless source


def test_pipe_as_tuples_keeps_context(nlp):
    items = [(t, {"id": i}) for i, t in enumerate(TEXTS[:5])]
    out = list(nlp.pipe(items, as_tuples=True, batch_size=2, n_threads=2))
    assert [ctx["id"] for _, ctx in out] == [0, 1, 2, 3, 4]
    assert [d.text for d, _ in out] == TEXTS[:5]


def test_pipe_accepts_utf8_bytes(nlp):
    text = "Caracas’ support for the “peaceful settlement”."
    (doc,) = list(nlp.pipe([text.encode("utf-8")]))
    assert fingerprint(doc) == fingerprint(nlp(text))


@pytest.mark.parametrize("bad, error, where", [
    (3, TypeError, "record 2"),
    (None, TypeError, "record 2"),
    (b"ok \xff", ValueError, "record 2: invalid UTF-8 at byte offset 3"),
    ("lone \ud800", ValueError, "record 2"),
])
def test_pipe_bad_record_names_its_position(nlp, bad, error, where):
    with pytest.raises(error, match=where):
        list(nlp.pipe(["fine", "also fine", bad], batch_size=2))


@pytest.mark.parametrize("kwargs", [
    {"batch_size": 0}, {"batch_size": -1}, {"batch_size": 2.5}, {"batch_size": True},
    {"n_threads": -1}, {"n_threads": "2"},
])
def test_pipe_rejects_bad_arguments(nlp, kwargs):
    with pytest.raises(ValueError):
        nlp.pipe(["a"], **kwargs)


def test_pipe_rejects_a_single_string(nlp):
    with pytest.raises(TypeError, match="single text"):
        nlp.pipe("one text")


def test_pipe_as_tuples_requires_pairs(nlp):
    with pytest.raises(TypeError, match="record 0"):
        list(nlp.pipe(["not a pair"], as_tuples=True))


def test_pipe_uses_patterns(nlp):
    custom = presslens.load()
    custom.add_entity_patterns([{"label": "PARTY", "pattern": "Harbour Greens"}])
    (doc,) = list(custom.pipe(["The Harbour Greens won two seats."], n_threads=2))
    assert [(e.text, e.label) for e in doc.entities if e.label == "PARTY"] == [("Harbour Greens", "PARTY")]
