"""Doc, paragraphs and sentences: offsets slice their text on any input, and
the paragraph and sentence splits match what a reader of news copy expects."""

from __future__ import annotations

import random

import pytest

import presslens

# Texts that break offset arithmetic done in bytes or UTF-16 units, or that
# hide separators a naive tokenizer keeps inside tokens.
OFFSET_SAMPLES = {
    "emoji": (
        "👩🏽‍💻 wrote 👨‍👩‍👧‍👦 code. Then 🇺🇸 won! 👍🏿👍 "
        "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f ok 😀😀 🙂x"
    ),
    "combining_marks": "Cafe\u0301 au lait. Re\u0301sume\u0301 sen\u0303or. A\u0308\u0304 x\u0301\u0302\u0303.",
    "crlf": "Line one.\r\nLine two.\r\n\r\nThree\r\n",
    "nbsp": "10\u00a0000 km.\u00a0Next\u00a0sentence.\u202fThin\u2009space\u3000here.",
    "zero_width": "a\u200bb zero\u200bwidth jo\u200din\u200cer \u2060word\ufeff end.",
    "rtl_bidi": (
        "He said \u200fשָׁלוֹם עולם\u200e. \u202bمرحبا بالعالم\u202c and "
        "\u2067עברית\u2069 ok. \u061cعربي\u200f.\n\u202eReversed\u202c line."
    ),
    "mixed_scripts": "Κόσμε мир 世界 hello 東京 Ελλάδα मनमोहन सिंह ไทย 한국어 ٣٤٥ १२३ text.",
    "nul": "a\x00b \x00\x00 cat.\x00 Next.\x00",
    "line_separators": "a\rb\u2028c\u2029d\x85e\x0bf\x0cg",
    "only_marks": "\u0301\u0301 \u200d \u00ad",
}


@pytest.mark.parametrize("text", OFFSET_SAMPLES.values(), ids=OFFSET_SAMPLES.keys())
def test_offsets_round_trip(nlp, check_doc, text):
    doc = nlp(text)
    assert len(doc) > 0
    check_doc(doc, text)


def test_offsets_count_code_points_not_bytes_or_utf16_units(nlp):
    # 😀 is 4 UTF-8 bytes and 2 UTF-16 units, but one str index.
    doc = nlp("😀 é\u0301 a")
    assert [(t.text, t.start, t.end) for t in doc] == [
        ("😀", 0, 1), ("é\u0301", 2, 4), ("a", 5, 6)]


def test_emoji_sequences_are_single_tokens(nlp):
    doc = nlp(OFFSET_SAMPLES["emoji"])
    texts = [t.text for t in doc]
    assert texts[:9] == ["👩🏽‍💻", "wrote", "👨‍👩‍👧‍👦", "code", ".", "Then", "🇺🇸", "won", "!"]
    assert texts[9:] == [
        "👍🏿", "👍", "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",
        "ok", "😀", "😀", "🙂", "x"]
    assert {t.kind for t in doc if t.text[0] in "👩👨🇺👍🏴😀🙂"} == {"symbol"}


def test_combining_marks_stay_in_their_word(nlp):
    doc = nlp(OFFSET_SAMPLES["combining_marks"])
    words = [t.text for t in doc if t.kind == "word"]
    assert words == ["Cafe\u0301", "au", "lait", "Re\u0301sume\u0301", "sen\u0303or",
                     "A\u0308\u0304", "x\u0301\u0302\u0303"]


def test_crlf_is_a_line_break_not_part_of_a_paragraph(nlp):
    doc = nlp(OFFSET_SAMPLES["crlf"])
    assert [p.text for p in doc.paragraphs] == ["Line one.", "Line two.", "Three"]
    assert [s.text for s in doc.sentences] == ["Line one.", "Line two.", "Three"]


def test_invisible_separators_split_tokens_but_joiners_do_not(nlp):
    doc = nlp(OFFSET_SAMPLES["zero_width"])
    assert [t.text for t in doc] == [
        "a", "b", "zero", "width", "jo\u200din\u200cer", "word", "end", "."]
    doc = nlp(OFFSET_SAMPLES["nbsp"])
    assert [t.text for t in doc][:4] == ["10", "000", "km", "."]


def test_bidi_controls_are_not_part_of_rtl_words(nlp):
    doc = nlp(OFFSET_SAMPLES["rtl_bidi"])
    words = [t.text for t in doc if t.kind == "word"]
    assert words == ["He", "said", "שָׁלוֹם", "עולם", "مرحبا", "بالعالم", "and",
                     "עברית", "ok", "عربي", "Reversed", "line"]
    assert [p.text for p in doc.paragraphs] == [
        "He said \u200fשָׁלוֹם עולם\u200e. \u202bمرحبا بالعالم\u202c and \u2067עברית\u2069 ok. \u061cعربي\u200f.",
        "Reversed\u202c line.",
    ]


def test_nul_characters_separate_tokens(nlp):
    doc = nlp(OFFSET_SAMPLES["nul"])
    assert [t.text for t in doc] == ["a", "b", "cat", ".", "Next", "."]
    assert [s.text for s in doc.sentences] == ["a\x00b \x00\x00 cat.", "Next."]


def test_doc_is_a_lazy_sequence_of_tokens(nlp):
    doc = nlp("Gen. Smith left.")
    assert len(doc) == 4
    assert [t.text for t in doc] == ["Gen.", "Smith", "left", "."]
    assert doc[0] == doc.tokens[0]
    assert (doc[-1].i, doc[-1].text) == (3, ".")
    assert [t.text for t in doc.tokens[1:3]] == ["Smith", "left"]
    assert [t.i for t in doc.tokens[::-1]] == [3, 2, 1, 0]
    assert doc.tokens[10:] == []


# --- paragraphs -------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("One.\n\nTwo.\nThree.", ["One.", "Two.", "Three."]),
    ("  Lead space.  \n \t \n\n\u00a0\u200b\nTrail\t\n", ["Lead space.", "Trail"]),
    ("a\rb\u2028c\u2029d\x85e\x0bf\x0cg", list("abcdefg")),
    ("Title\n\n\n\nBody text here.\n", ["Title", "Body text here."]),
    ("\n\n  \r\n\t", []),
], ids=["blank-and-single-newlines", "whitespace-lines", "all-line-breaks", "many-blank-lines",
        "only-blank-lines"])
def test_paragraphs(nlp, check_doc, text, expected):
    doc = nlp(text)
    assert [p.text for p in doc.paragraphs] == expected
    check_doc(doc, text)


# --- sentences --------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    # Titles, months and letter abbreviations keep the sentence going.
    ("Gen. Smith met Mr. Jones at the U.S. Senate on Jan. 5. They talked.",
     ["Gen. Smith met Mr. Jones at the U.S. Senate on Jan. 5.", "They talked."]),
    ("J. K. Rowling wrote it. She was pleased.",
     ["J. K. Rowling wrote it.", "She was pleased."]),
    ("Shares of Acme Inc. rose 5%, the company said at 10 a.m. on Tuesday.",
     ["Shares of Acme Inc. rose 5%, the company said at 10 a.m. on Tuesday."]),
    ("No. 10 Downing Street said so. See Fig. 3 for details.",
     ["No. 10 Downing Street said so.", "See Fig. 3 for details."]),
    # An abbreviation at the end of a sentence still ends it before an opener.
    ("He works for Acme Inc. The firm is big.", ["He works for Acme Inc.", "The firm is big."]),
    ("They met in Washington, D.C. The talks went well.",
     ["They met in Washington, D.C.", "The talks went well."]),
    # Quotes: a comma inside the quote does not end the sentence; a period does.
    ("“We observe how NATO intends to end Russia and a multipolar world, which is "
     "already a reality,” he added.",
     ["“We observe how NATO intends to end Russia and a multipolar world, which is "
      "already a reality,” he added."]),
    ("“It is a reality,” he added. Then he left.",
     ["“It is a reality,” he added.", "Then he left."]),
    ("She called it “a reality.” Along with that came more.",
     ["She called it “a reality.”", "Along with that came more."]),
    ("“We will win,” he said. “We must.”", ["“We will win,” he said.", "“We must.”"]),
    # Other terminal marks and numbers.
    ("Is it true? Yes! Really... I think so.", ["Is it true?", "Yes!", "Really...", "I think so."]),
    ("Wait… what happened?", ["Wait… what happened?"]),
    ("Prices rose 3.5 percent. 42 people came.", ["Prices rose 3.5 percent.", "42 people came."]),
    ("Visit www.example.com. It works.", ["Visit www.example.com.", "It works."]),
], ids=["titles-months-letters", "initials", "inc-lowercase", "no-fig-number", "inc-before-the",
        "dc-before-the", "quote-comma-he-added", "quote-comma-then-new", "quote-period-new",
        "two-quotes", "question-exclaim-ellipsis", "ellipsis-lowercase", "decimal-and-digit-start",
        "url-then-sentence"])
def test_sentences(nlp, check_doc, text, expected):
    doc = nlp(text)
    assert [s.text for s in doc.sentences] == expected
    check_doc(doc, text)


def test_headlines_and_one_line_paragraphs_are_sentences(nlp, check_doc):
    text = ("Senior Officials Visit Caracas: Report\n\n"
            "Washington said on Monday it would talk to Caracas.\n"
            "Sputnik\n"
            "‘Not Justified’: UN Rapporteur Calls on Nations to Lift Sanctions\n"
            "World\n"
            "He said\n"
            "that it was over.\n"
            "Discuss")
    doc = nlp(text)
    assert [s.text for s in doc.sentences] == [
        "Senior Officials Visit Caracas: Report",
        "Washington said on Monday it would talk to Caracas.",
        "Sputnik",
        "‘Not Justified’: UN Rapporteur Calls on Nations to Lift Sanctions",
        "World",
        # A sentence never crosses a paragraph, even mid-clause.
        "He said",
        "that it was over.",
        "Discuss",
    ]
    assert [r[2] for r in doc.sentence_token_ranges()] == list(range(8))
    check_doc(doc, text)


def test_sentence_ends_after_phd(nlp):
    doc = nlp("He earned a Ph.D. The degree took years.")
    assert [s.text for s in doc.sentences] == ["He earned a Ph.D.", "The degree took years."]


def test_sentence_ends_before_a_caseless_script(nlp):
    doc = nlp("He greeted them in Hebrew. שלום לכולם. Then in Arabic. مرحبا بكم.")
    assert [s.text for s in doc.sentences] == [
        "He greeted them in Hebrew.", "שלום לכולם.", "Then in Arabic.", "مرحبا بكم."]


# --- a large document -------------------------------------------------------

# Non-ASCII throughout so that every offset goes through the code point map,
# and CRLF / blank-line separators so that paragraphs are found both ways.
_BIG_PARAGRAPH = (
    "Le président Émile Zola a dit : « Ça va ». Κόσμε мир 世界 😀 👩🏽‍💻 naïve "
    "Cafe\u0301 — שלום, مرحبا. Gen. Smith visited the U.S. on Jan. 5 with\u00a0€2.5bn."
)
_SEPARATORS = ("\n\n", "\r\n", "\n \u2028")


@pytest.mark.slow
def test_fifty_megabyte_document(nlp):
    unit = "".join(_BIG_PARAGRAPH + sep for sep in _SEPARATORS)
    reps = 50_000_000 // len(unit.encode("utf-8"))
    text = unit * reps
    assert len(text.encode("utf-8")) > 49_000_000

    base = nlp(unit)
    assert len(base.paragraphs) == 3
    base_tokens = list(base)
    base_sents = base.sentences
    doc = nlp(text)

    # Counts scale exactly with the repetitions.
    assert len(doc) == reps * len(base_tokens)
    assert len(doc.paragraphs) == reps * 3
    sentences = doc.sentences
    assert len(sentences) == reps * len(base_sents)

    # A sample of spans, from the start, the end and random places, must be
    # the base document's spans shifted by whole repetitions.
    rng = random.Random(20240229)
    nt, ns = len(base_tokens), len(base_sents)
    token_ids = [0, 1, len(doc) - 1] + rng.sample(range(len(doc)), 2000)
    for i in token_ids:
        tok = doc[i]
        rep, k = divmod(i, nt)
        want = base_tokens[k]
        shift = rep * len(unit)
        assert (tok.start, tok.end, tok.text, tok.kind) == (
            want.start + shift, want.end + shift, want.text, want.kind)
        assert text[tok.start:tok.end] == tok.text
    for j in [0, len(sentences) - 1] + rng.sample(range(len(sentences)), 2000):
        s = sentences[j]
        rep, k = divmod(j, ns)
        assert (s.start, s.end) == (base_sents[k].start + rep * len(unit),
                                    base_sents[k].end + rep * len(unit))
        assert text[s.start:s.end] == s.text == base_sents[k].text
    last = doc.paragraphs[-1]
    assert last.end == len(text) - len(_SEPARATORS[-1])
    assert last.text == _BIG_PARAGRAPH
