"""Hostile input through the Python API: clear exceptions, never a crash, no
record lost, and every span still slices the text.

The C++ side has the large cases with time bounds (tests/cpp/adversarial_test.cc);
here the sizes are what a notebook user might paste, and the checks are the
promises of the Python objects.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import presslens
from conftest import REPO, doc_signature


def check_entities(doc: presslens.Doc) -> None:
    """Entities and clusters slice the text, in order, apart, each in its cluster."""
    text = doc.text
    clusters = doc.clusters
    members = [{(m.start, m.end) for m in c.mentions} for c in clusters]
    prev_end = 0
    for i, e in enumerate(doc.entities):
        assert 0 <= e.start < e.end <= len(text) and text[e.start:e.end] == e.text, e
        assert e.start >= prev_end, (i, e)
        assert doc.tokens[e.token_start].start == e.start and doc.tokens[e.token_end - 1].end == e.end
        if e.title is not None:
            assert text[e.title.start:e.title.end] == e.title.text and e.title.end <= e.start
        assert (e.start, e.end) in members[e.cluster] and clusters[e.cluster].label == e.label
        prev_end = e.end
    assert sum(len(c.mentions) for c in clusters) == len(doc.entities)


def light_check(doc: presslens.Doc, text: str, sample: int = 2000) -> None:
    """check_doc is Python loops over every token; for big documents, check a sample."""
    assert doc.text == text
    n = len(doc)
    step = max(1, n // sample)
    prev = -1
    for i in range(0, n, step):
        t = doc[i]
        assert text[t.start:t.end] == t.text and t.start > prev
        prev = t.start
    for s in doc.sentences[::max(1, len(doc.sentences) // sample)]:
        assert text[s.start:s.end] == s.text
    for p in doc.paragraphs[::max(1, len(doc.paragraphs) // sample)]:
        assert text[p.start:p.end] == p.text
    check_entities(doc)


# --- lone surrogates (e.g. bytes decoded with errors="surrogateescape") ---------

SURROGATE_TEXT = b"Mayor Elena V\xe1squez said \xff\xfe.".decode("utf-8", "surrogateescape")


def test_surrogateescape_text_names_the_first_bad_index(nlp):
    assert SURROGATE_TEXT[13] == "\udce1"
    with pytest.raises(ValueError, match=r"lone surrogate '\\udce1' at index 13;") as err:
        nlp(SURROGATE_TEXT)
    assert type(err.value) is ValueError  # not a UnicodeEncodeError from deep inside
    # The message says how to repair it, and the repaired text works.
    assert "errors" in str(err.value) or "replace" in str(err.value)
    doc = nlp(SURROGATE_TEXT.encode("utf-8", "replace").decode("utf-8"))
    assert doc.text.count("?") == 3


def test_pipe_names_record_and_index_of_a_lone_surrogate(nlp):
    with pytest.raises(ValueError, match=r"record 3: text contains a lone surrogate at index 13"):
        list(nlp.pipe(["a", "b", "c", SURROGATE_TEXT, "d"], batch_size=2, n_threads=2))


def test_analyze_frame_reports_surrogate_records_and_keeps_the_rest(nlp):
    pd = pytest.importorskip("pandas")
    texts = ["Elena Vasquez met the council.", SURROGATE_TEXT, "\x00\x00", "", " \n ",
             "“" * 5000, b"ok \xc3\xa9", b"bad \xc3", None, 17, "x\ud800y" * 3, "fine again."]
    df = pd.DataFrame({"id": range(len(texts)), "text": pd.Series(texts, dtype=object)})
    t = presslens.analyze_frame(df, progress=False, n_threads=2, batch_size=3)
    errors = dict(zip(t.errors["doc_id"], t.errors["error"]))
    assert sorted(errors) == [1, 7, 8, 9, 10]
    assert "lone surrogate at index 13" in errors[1]
    assert "byte offset 4" in errors[7]
    assert "lone surrogate at index 1" in errors[10]
    # Nothing dropped: documents + errors == records.
    assert sorted(list(t.documents["doc_id"]) + list(errors)) == list(range(len(texts)))


@pytest.mark.parametrize("field", ["pattern", "label", "canonical"])
def test_entity_pattern_with_a_lone_surrogate_is_a_value_error(field):
    nlp = presslens.load()
    pattern = {"pattern": "Harbour City", "label": "ORG", "canonical": "Harbour"}
    pattern[field] += "\udcff"
    with pytest.raises(ValueError, match=rf"entity pattern 0: '{field}' contains a lone surrogate"):
        nlp.add_entity_patterns([pattern])
    assert nlp.entity_patterns == []  # nothing half-added


def test_pattern_file_that_is_not_utf8_is_a_value_error(tmp_path):
    path = tmp_path / "names.tsv"
    path.write_bytes(b"Harbour City\tORG\nBad \xff name\tORG\n")
    with pytest.raises(ValueError):
        presslens.load().add_entity_patterns_from_file(path)


# --- hostile text ---------------------------------------------------------------

HOSTILE = {
    "100k-character token": "x" * 100_000,
    "100k-character word with marks": "e\u0301" * 50_000,
    "long number": "1,000." * 20_000,
    "initials": "a." * 50_000,
    "abbreviation-like": "ab." * 30_000,
    "url with closing brackets": "see https://example.com/x" + ")" * 100_000,
    "curly quote storm": "“" * 100_000,
    "straight quote storm": '"' * 100_000,
    "mixed quotes": "“”‘’«»\"'" * 10_000,
    "nested brackets": "(" * 50_000 + "x" + ")" * 50_000,
    "only spaces": " " * 100_000,
    "only newlines": "\n" * 100_000,
    "only unicode space": "\u00a0\u2028\u2029\u200b\u3000\ufeff" * 10_000,
    "nul bytes": "\x00" * 10_000 + "Mayor\x00Elena\x00Vasquez" + "\x00" * 10_000,
    "very long line": "Mayor Elena Vasquez backed the $2.4bn deal on Tuesday, officials said " * 3_000,
    "many paragraphs": "a\n" * 100_000,
    "many short paragraphs of names": "Elena Vasquez.\n\n" * 10_000,
    "deep repetition": "the " * 50_000,
    "repeated names": "Mayor Elena Vasquez met Vasquez. " * 5_000,
    "mixed scripts": "Κόσμε мир 世界 हिन्दी। Harbour City " * 2_000,
    "rtl with controls": "\u202bשלום עולם\u202c \u200fمرحبا بالعالم؟\u200e " * 3_000,
    "combining marks": ("a" + "\u0301\u0308\u0323" * 30 + " ") * 1_000,
    "lone combining marks": "\u0301" * 10_000,
    "emoji zwj sequences": "👩🏽‍💻 👨‍👩‍👧‍👦 🏳️‍🌈 🇺🇸 1️⃣ " * 3_000,
    "zwj chain": "👩\u200d" * 20_000,
    "amounts across lines": "$5\nmillion\n" * 5_000,
    "quotes after abbreviations": "Mr. “A.” Gen. ‘B.’ U.S. (C.) " * 5_000,
    "openers of one kind, closers of another": "«" * 50_000 + "”" * 50_000,
    "low openers, straight closers": "„" * 30_000 + "' " * 30_000,
    "double single marks": "''a'' " * 10_000,
    "nested quotes of every kind": "“‘«‹„‚" * 5_000 + "x" + "‘›»’”" * 5_000,
    "quotes and cues in one long line": (
        "“It was, frankly, a ‘disaster’,” Mayor Elena Vasquez said, citing officials, "
        "and the council claimed that the deal was not fair, according to the Ledger. ") * 800,
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_text_gives_a_sound_doc(nlp, name):
    text = HOSTILE[name]
    doc = nlp(text)
    light_check(doc, text)
    # The same as UTF-8 bytes, and the same again (no state left behind).
    want = doc_signature(doc)
    assert doc_signature(nlp(text.encode("utf-8"))) == want
    assert doc_signature(pickle.loads(pickle.dumps(doc))) == want


def test_small_hostile_texts_keep_every_promise(nlp, check_doc):
    for name, text in HOSTILE.items():
        piece = text[:3000]
        doc = nlp(piece)
        check_doc(doc, piece)
        check_entities(doc)


def test_hostile_texts_in_a_threaded_batch_match_single_calls(nlp):
    texts = [t[:20_000] for t in HOSTILE.values()]
    docs = list(nlp.pipe(texts, batch_size=5, n_threads=4))
    for text, doc in zip(texts, docs):
        assert doc_signature(doc) == doc_signature(nlp(text))


def test_eight_threads_share_a_pipeline_while_pipe_runs(nlp):
    """One pipeline, eight Python threads calling it and a threaded pipe() at once:
    everyone gets what a single thread gets."""
    from concurrent.futures import ThreadPoolExecutor

    # Hostile text, and news copy full of quotes and stance cues.
    article = (REPO / "examples" / "article.txt").read_text(encoding="utf-8")
    texts = ([t[:30_000] for t in HOSTILE.values()] + [article, article * 5]) * 2
    sig = doc_signature  # tokens to entities, quotes, scare quotes, cues and stance

    want = [sig(nlp(t)) for t in texts]
    assert sum(len(s[6]) for s in want) > 100 and sum(len(s[8]) for s in want) > 100
    with ThreadPoolExecutor(max_workers=9) as pool:
        piped = pool.submit(lambda: [sig(d) for d in nlp.pipe(texts, batch_size=7, n_threads=4)])
        called = list(pool.map(lambda t: sig(nlp(t)), texts * 4))
        assert piped.result() == want
    assert called == want * 4


# --- arbitrary strings, surrogates included -------------------------------------

_PIECES = st.sampled_from([
    "Mayor", "Elena", "Vasquez", "said", "$", "5", "million", "per", "cent", "%", "Mr.", "U.S.",
    "“", "”", "’s", "n't", "(", ")", "[", "]", ".", " ", " ", "\n", "\u20e3", "\u0301", "\u200d",
    "👩", "🏽", "\u200f", "ש", "\x00", "\ud800", "\udcff",
    # quote marks of every kind and the words around quotes and stance cues
    "‘", "’", "«", "»", "‹", "›", "„", "‚", '"', "'", "''", "=", ":", ",", "\n\n", "he", "told",
    "according to", "citing", "officials", "claimed", "that", "not", "unfair", "frankly", "so-called",
])
_ANY = st.one_of(
    st.text(alphabet=st.characters(), max_size=120),  # every category, surrogates too
    st.lists(_PIECES, max_size=40).map("".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_ANY)
def test_any_str_gives_a_sound_doc_or_names_its_surrogate(nlp, check_doc, text):
    bad = next((i for i, c in enumerate(text) if 0xD800 <= ord(c) <= 0xDFFF), None)
    if bad is not None:
        with pytest.raises(ValueError, match=rf"lone surrogate .* at index {bad};"):
            nlp(text)
        return
    doc = nlp(text)
    check_doc(doc, text)  # quotes, scare quotes and cues included
    check_entities(doc)
    want = doc_signature(doc)
    restored = pickle.loads(pickle.dumps(doc))
    assert restored.text == doc.text and list(restored) == list(doc)
    assert doc_signature(restored) == want
    assert doc_signature(presslens.Doc.from_bytes(doc.to_bytes())) == want
    assert doc_signature(nlp(text)) == want  # deterministic


# --- the interpreter survives ------------------------------------------------------

def test_hostile_session_never_crashes_the_interpreter(tmp_path):
    """A child interpreter throws everything at the API; only Python exceptions may come back."""
    script = textwrap.dedent(r'''
        import os, pickle, random, sys
        import presslens
        nlp = presslens.load()
        rng = random.Random(8)
        expected = (ValueError, TypeError, IndexError)
        n = 0
        def attempt(f, *args):
            global n
            try:
                f(*args)
            except expected:
                pass
            n += 1
        pieces = ["“", "”", "(", ")", ".", "a.", "Mr.", "$5", "million", "\n", "\u0301", "\u200d",
                  "👩", "\x00", " ", "Elena Vasquez", "https://x.com/", "'", "n't", "\ud800"]
        for _ in range(300):
            data = bytes(rng.randrange(256) for _ in range(rng.randrange(200)))
            attempt(nlp, data)
            attempt(nlp, data.decode("utf-8", "surrogateescape"))
            attempt(nlp, data.decode("latin-1"))
            attempt(nlp, "".join(rng.choice(pieces) for _ in range(rng.randrange(300))))
            attempt(presslens.Doc.from_bytes, data)
        for bad in (None, 3, 2.5, object(), [b"x"], {"a": 1}, bytearray(b"\xff"), memoryview(b"ok")):
            attempt(nlp, bad)
            attempt(lambda b: list(nlp.pipe(["ok", b, "ok"], n_threads=3)), bad)
        attempt(lambda: list(nlp.pipe([("x", 1)], as_tuples=False)))
        attempt(lambda: nlp.add_entity_patterns([{"pattern": "\udcff", "label": "X"}]))
        attempt(lambda: nlp.add_entity_patterns([("a", "")]))
        doc = nlp("Mayor Elena Vasquez said.")
        for i in (10**9, -10**9, 2**63):
            attempt(doc.__getitem__, i)
        print("survived", n)
    ''')
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, (run.returncode, run.stderr[-3000:])
    assert "survived" in run.stdout
