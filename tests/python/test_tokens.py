"""Tokens as seen from Python: exact splits on news copy, kinds and flags, and
the offset invariants on arbitrary text (property test)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import presslens


def texts(doc: presslens.Doc) -> list:
    return [t.text for t in doc]


# OntoNotes-style splits, which the NER models downstream are trained on.
@pytest.mark.parametrize("text, expected", [
    ("Russia’s partners", ["Russia", "’s", "partners"]),
    ("Russia's partners", ["Russia", "'s", "partners"]),
    ("the country’s “interim president.”", ["the", "country", "’s", "“", "interim", "president", ".", "”"]),
    ("we don’t and can't", ["we", "do", "n’t", "and", "ca", "n't"]),
    ("O’Brien and rock’n’roll", ["O’Brien", "and", "rock’n’roll"]),
    ("Caracas’ support", ["Caracas", "’", "support"]),
    ("in the ’90s and '80s", ["in", "the", "’90s", "and", "'80s"]),
    ("since January 2019 –when the US", ["since", "January", "2019", "–", "when", "the", "US"]),
    ("a factor – the growing", ["a", "factor", "–", "the", "growing"]),
    ("U.S. Mr. Gen. Jan. Inc. a.m. e.g.", ["U.S.", "Mr.", "Gen.", "Jan.", "Inc.", "a.m.", "e.g."]),
    ("GEN. SMITH of the U.N.", ["GEN.", "SMITH", "of", "the", "U.N."]),
    ("J. K. Rowling", ["J.", "K.", "Rowling"]),
    ("topping $110 per barrel", ["topping", "$", "110", "per", "barrel"]),
    ("€2.5bn", ["€", "2.5", "bn"]),
    ("£1,000.5 or 10% of 3.5m", ["£", "1,000.5", "or", "10", "%", "of", "3.5", "m"]),
    ("the 21st century, 1990s, 10:30", ["the", "21st", "century", ",", "1990s", ",", "10:30"]),
    ("a years-long US-led blockade", ["a", "years", "-", "long", "US", "-", "led", "blockade"]),
    ("Colombia-based mercenaries", ["Colombia", "-", "based", "mercenaries"]),
    ("U.S.-led talks", ["U.S.", "-", "led", "talks"]),
    ("AT&T and S&P 500", ["AT&T", "and", "S&P", "500"]),
    ("We know that [Vladimir] Putin is", ["We", "know", "that", "[", "Vladimir", "]", "Putin", "is"]),
    ("(see www.bbc.co.uk).", ["(", "see", "www.bbc.co.uk", ")", "."]),
    ("Is it?! Yes... no…", ["Is", "it", "?!", "Yes", "...", "no", "…"]),
    ("‘Not Justified’: UN", ["‘", "Not", "Justified", "’", ":", "UN"]),
    ("« Bonjour » „Hallo“", ["«", "Bonjour", "»", "„", "Hallo", "“"]),
], ids=lambda v: v if isinstance(v, str) else None)
def test_token_texts(nlp, check_doc, text, expected):
    doc = nlp(text)
    assert texts(doc) == expected
    check_doc(doc, text)


@pytest.mark.parametrize("text, expected", [
    ("’90s", [("’90s", "number")]),
    ("2019 –when", [("2019", "number"), ("–", "punct"), ("when", "word")]),
    ("$110", [("$", "symbol"), ("110", "number")]),
    ("€2.5bn", [("€", "symbol"), ("2.5", "number"), ("bn", "word")]),
    ("1,000.5 and 10%", [("1,000.5", "number"), ("and", "word"), ("10", "number"), ("%", "symbol")]),
    ("US-led", [("US", "word"), ("-", "punct"), ("led", "word")]),
    ("“Yes,” he said.", [("“", "punct"), ("Yes", "word"), (",", "punct"), ("”", "punct"),
                         ("he", "word"), ("said", "word"), (".", "punct")]),
    ("5G ½ 😀", [("5G", "word"), ("½", "number"), ("😀", "symbol")]),
])
def test_token_kinds(nlp, text, expected):
    assert [(t.text, t.kind) for t in nlp(text)] == expected


_FLAGS = ("like_url", "like_email", "is_handle", "is_hashtag", "is_abbreviation", "is_clitic",
          "is_quote")


def flags_of(tok: presslens.Token) -> set:
    return {name for name in _FLAGS if getattr(tok, name)}


def test_web_tokens_are_single_tokens_with_flags(nlp, check_doc):
    text = ("Read https://example.com/a?b=1&c=2. Or www.bbc.co.uk, mail jane.doe+news@example.org; "
            "follow @press_lens and #Venezuela!")
    doc = nlp(text)
    check_doc(doc, text)
    got = [(t.text, flags_of(t)) for t in doc]
    assert got == [
        ("Read", set()),
        ("https://example.com/a?b=1&c=2", {"like_url"}),
        (".", set()),
        ("Or", set()),
        ("www.bbc.co.uk", {"like_url"}),
        (",", set()),
        ("mail", set()),
        ("jane.doe+news@example.org", {"like_email"}),
        (";", set()),
        ("follow", set()),
        ("@press_lens", {"is_handle"}),
        ("and", set()),
        ("#Venezuela", {"is_hashtag"}),
        ("!", set()),
    ]


def test_web_tokens_inside_quotes_and_brackets(nlp):
    doc = nlp("(https://x.org) “www.example.com” '@handle' [#tag]")
    assert [(t.text, flags_of(t) - {"is_quote"}) for t in doc if t.kind != "punct"] == [
        ("https://x.org", {"like_url"}), ("www.example.com", {"like_url"}),
        ("@handle", {"is_handle"}), ("#tag", {"is_hashtag"})]


def test_not_web_tokens(nlp):
    # A bare sigil, digits after # or @, and a scheme without a host are not tags or URLs.
    doc = nlp("# @ #2020 @123 http:// www.ab")
    assert not any(t.like_url or t.like_email or t.is_handle or t.is_hashtag for t in doc)


def test_abbreviation_and_clitic_flags(nlp):
    doc = nlp("Mr. Smith’s firm, Acme Inc., isn't in the U.S. today.")
    got = {t.text: flags_of(t) for t in doc}
    assert got["Mr."] == {"is_abbreviation"}
    assert got["Inc."] == {"is_abbreviation"}
    assert got["U.S."] == {"is_abbreviation"}
    assert got["’s"] == {"is_clitic"}
    assert got["n't"] == {"is_clitic"}
    assert got["Smith"] == got["firm"] == got["today"] == set()
    assert got["."] == set()


def test_space_before(nlp):
    doc = nlp("“Hi,” he said (twice).")
    assert [(t.text, t.space_before) for t in doc] == [
        ("“", True), ("Hi", False), (",", False), ("”", False), ("he", True), ("said", True),
        ("(", True), ("twice", False), (")", False), (".", False)]


# --- web tokens, clitics and emoji next to other marks ---------------------------

@pytest.mark.parametrize("text, expected", [
    ("@user—who", ["@user", "—", "who"]),
    ("#tag—and", ["#tag", "—", "and"]),
    ("bob@example.com—or", ["bob@example.com", "—", "or"]),
    ("@nytimes’s story", ["@nytimes", "’s", "story"]),
    ("www.example.com’s page", ["www.example.com", "’s", "page"]),
])
def test_web_tokens_stop_at_non_ascii_punctuation(nlp, text, expected):
    assert texts(nlp(text)) == expected


def test_possessive_after_abbreviation(nlp):
    doc = nlp("the U.S.’s role")
    assert texts(doc) == ["the", "U.S.", "’s", "role"]
    assert doc[2].is_clitic


def test_phd_is_one_token(nlp):
    doc = nlp("a Ph.D. from Yale")
    assert texts(doc) == ["a", "Ph.D.", "from", "Yale"]
    assert doc[1].is_abbreviation


def test_keycap_emoji_is_one_symbol(nlp):
    doc = nlp("Press 1\ufe0f\u20e3 now")
    assert [(t.text, t.kind) for t in doc] == [
        ("Press", "word"), ("1\ufe0f\u20e3", "symbol"), ("now", "word")]


# --- property test --------------------------------------------------------------

# Pieces of news copy that exercise the tokenizer's special cases, mixed with
# the separators and code points most likely to break offset arithmetic.
_PIECES = st.sampled_from([
    "a", "Z", "é", "e\u0301", "ß", "ش", "ש", "世", "😀", "👩🏽‍💻", "🇺🇸", "\u20e3", "\ufe0f",
    " ", "\n", "\r\n", "\t", "\u00a0", "\u200b", "\u200d", "\u200f", "\u202e", "\u2028", "\x00", "\x85",
    ".", ",", "’", "'", "\"", "“", "”", "-", "–", "…", "!", "?", "(", ")", "[", "$", "€", "%", "@", "#",
    "1", "2.5", "1,000", "’90s", "U.S.", "Mr.", "Inc.", "J.", "n't", "’s", "The", "He",
    "https://example.com/x", "www.bbc.co.uk", "a@b.org", "@handle", "#tag",
])
_NEWSISH = st.lists(_PIECES, max_size=60).map("".join)
_ANY_TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=200)


def _signature(doc: presslens.Doc) -> tuple:
    return (doc.text, [(t.start, t.end, t.text, t.kind, t._flags) for t in doc],
            [(s.start, s.end) for s in doc.sentences], [(p.start, p.end) for p in doc.paragraphs],
            doc.sentence_token_ranges())


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(_ANY_TEXT, _NEWSISH))
def test_invariants_on_arbitrary_text(nlp, check_doc, text):
    doc = nlp(text)
    check_doc(doc, text)
    # Deterministic, and the same whether given as str or as UTF-8 bytes.
    assert _signature(nlp(text)) == _signature(doc)
    assert _signature(nlp(text.encode("utf-8"))) == _signature(doc)
