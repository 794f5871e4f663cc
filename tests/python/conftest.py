"""Shared fixtures for the presslens Python tests.

The invariants every Doc must satisfy live here (as the ``check_doc``
fixture) so that the hand-written cases, the property test and the seed
article all hold the library to the same promise.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

import presslens

#: Repository root (…/main) and the read-only data every developer has next to it.
REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
SEED_ARTICLE = SHARED / "data" / "seed" / "article.txt"
SEED_GOLD = SHARED / "data" / "seed" / "gold.json"

# Characters that separate tokens without being str.isspace(): the zero-width
# separators and the bidirectional controls. ZWJ/ZWNJ are deliberately absent:
# they join emoji and Indic letters, so they may sit inside a token.
INVISIBLE_SEPARATORS = frozenset(
    "\u200b\u2060\ufeff\u061c\u200e\u200f"
    + "".join(chr(c) for c in range(0x202A, 0x202F))
    + "".join(chr(c) for c in range(0x2066, 0x206A))
)

# Everything presslens ends a paragraph on (str.splitlines() also splits on
# \x1c-\x1e, which presslens treats as plain control characters).
LINE_BREAKS = frozenset("\n\r\x0b\x0c\x85\u2028\u2029")


def is_space_like(ch: str) -> bool:
    """White space in the tokenizer's sense: may separate tokens, never inside one."""
    return ch.isspace() or ch in INVISIBLE_SEPARATORS or unicodedata.category(ch) == "Cc"


def _check_doc(doc: presslens.Doc, text: str) -> None:
    """Asserts every structural promise of a Doc analysed from ``text``."""
    assert isinstance(doc, presslens.Doc)
    assert doc.text == text
    n = len(doc)
    assert len(doc.tokens) == n

    # Tokens: slice their text, are non-empty, in order, do not overlap, hold
    # no white space, and only white space lies between them.
    prev_end = 0
    starts, ends = set(), set()
    for i, tok in enumerate(doc.tokens):
        assert tok.i == i
        assert tok.kind in presslens.TOKEN_KINDS
        assert 0 <= tok.start < tok.end <= len(text), tok
        assert text[tok.start:tok.end] == tok.text, tok
        assert tok.start >= prev_end, (tok, prev_end)
        assert not any(is_space_like(c) for c in tok.text), tok
        gap = text[prev_end:tok.start]
        assert all(is_space_like(c) for c in gap), (gap, tok)
        prev_end = tok.end
        starts.add(tok.start)
        ends.add(tok.end)
    assert all(is_space_like(c) for c in text[prev_end:]), text[prev_end:]

    # Paragraphs: trimmed, no line break inside, separated by a line break,
    # and together they hold every non-space character.
    paras = doc.paragraphs
    prev_end = 0
    for k, p in enumerate(paras):
        assert isinstance(p, presslens.Span)
        assert p.start < p.end
        assert text[p.start:p.end] == p.text
        assert not is_space_like(p.text[0]) and not is_space_like(p.text[-1]), p
        assert not any(c in LINE_BREAKS for c in p.text), p
        gap = text[prev_end:p.start]
        assert all(is_space_like(c) for c in gap)
        if k > 0:
            assert any(c in LINE_BREAKS for c in gap), (paras[k - 1], p)
        prev_end = p.end
    assert all(is_space_like(c) for c in text[prev_end:])

    # Sentences: slice their text, start and end on token boundaries, tile
    # each paragraph exactly, and never cross one.
    sents = doc.sentences
    ranges = doc.sentence_token_ranges()
    assert len(ranges) == len(sents)
    next_token = 0
    for s, (first, end, para) in zip(sents, ranges):
        assert text[s.start:s.end] == s.text
        assert s.start in starts and s.end in ends, s
        assert first == next_token and first < end <= n
        assert doc[first].start == s.start and doc[end - 1].end == s.end
        p = paras[para]
        assert p.start <= s.start and s.end <= p.end, (s, p)
        next_token = end
    assert next_token == n
    by_para: dict = {}
    for s, r in zip(sents, ranges):
        by_para.setdefault(r[2], []).append(s)
    assert sorted(by_para) == list(range(len(paras)))
    for k, p in enumerate(paras):
        mine = by_para[k]
        assert mine[0].start == p.start and mine[-1].end == p.end
        for a, b in zip(mine, mine[1:]):
            assert a.end <= b.start
            assert all(is_space_like(c) for c in text[a.end:b.start])

    _check_quotes_and_cues(doc, text)


def _slices(span, text: str) -> bool:
    return 0 <= span.start < span.end <= len(text) and text[span.start:span.end] == span.text


def _check_quotes_and_cues(doc: presslens.Doc, text: str) -> None:
    """Quotes, scare quotes and stance cues slice the text, in order; quotations
    (direct and partial quotes, scare quotes) lie apart; a quoted cue sits in its quote."""
    quotes = doc.quotes
    for a, b in zip(quotes, quotes[1:]):
        assert a.start <= b.start, (a, b)
    for q in quotes:
        assert _slices(q, text) and q.kind in ("direct", "partial", "indirect"), q
        assert 0 <= q.paragraph < len(doc.paragraphs), q
        assert q.cue is None or _slices(q.cue, text), q
        assert q.speaker is None or _slices(q.speaker, text), q
        assert all(_slices(s, text) for s in q.sources), q
        if q.speaker is None:
            assert q.sources == [], q
        else:
            assert (q.sources[0].start, q.sources[0].end) == (q.speaker.start, q.speaker.end), q
    scare = doc.scare_quotes
    assert all(_slices(s, text) for s in scare)
    assert [s.start for s in scare] == sorted(s.start for s in scare)
    quotations = sorted([(q.start, q.end) for q in quotes if q.kind != "indirect"] +
                        [(s.start, s.end) for s in scare])
    for (_, a_end), (b_start, _) in zip(quotations, quotations[1:]):
        assert a_end <= b_start, quotations
    cues = doc.cues
    for a, b in zip(cues, cues[1:]):
        assert a.start <= b.start, (a, b)
    for c in cues:
        assert _slices(c, text), c
        assert c.polarity in (-1, 0, 1) and 0 < c.strength <= 1, c
        assert (c.voice == "quoted") == (c.quote is not None), c
        if c.quote is not None:
            q = quotes[c.quote]
            assert q.kind != "indirect" and q.start <= c.start and c.end <= q.end, (c, q)
        if c.target_cluster is not None:
            assert c.target == doc.clusters[c.target_cluster].canonical, c
    stance = doc.sentence_stance
    assert len(stance) in (0, len(doc.sentences))
    assert all(0 <= subj <= 1 and -1 <= pol <= 1 for subj, pol in stance), stance


def doc_signature(doc: presslens.Doc) -> tuple:
    """Everything an analysis produces, as plain data: equal for equal analyses."""
    return (doc.text,
            [(t.start, t.end, t.kind, t._flags) for t in doc],
            [(s.start, s.end) for s in doc.sentences],
            [(p.start, p.end) for p in doc.paragraphs],
            [(e.start, e.end, e.label, e.cluster, e.title.text if e.title else None)
             for e in doc.entities],
            [(c.label, c.canonical, [(m.start, m.end) for m in c.mentions]) for c in doc.clusters],
            [q.to_dict() for q in doc.quotes],
            [(s.start, s.end) for s in doc.scare_quotes],
            [(c.to_dict(), c.quote) for c in doc.cues],
            doc.sentence_stance)


@pytest.fixture(scope="session")
def nlp() -> presslens.Language:
    return presslens.load()


@pytest.fixture(scope="session")
def check_doc():
    """``check_doc(doc, text)`` asserts the invariants every Doc must hold."""
    return _check_doc


@pytest.fixture(scope="session")
def signature():
    """``signature(doc)``: every layer of the analysis as plain data, for comparisons."""
    return doc_signature


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED_ARTICLE.is_file():
        pytest.skip(f"seed article not found at {SEED_ARTICLE} (the shared/ data sits next to the repo)")
    return SEED_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_gold() -> dict:
    if not SEED_GOLD.is_file():
        pytest.skip(f"seed annotation not found at {SEED_GOLD}")
    return json.loads(SEED_GOLD.read_text(encoding="utf-8"))


@pytest.fixture
def nlp_fresh() -> presslens.Language:
    """A pipeline of its own, for tests that add patterns or cues to it."""
    return presslens.load()
