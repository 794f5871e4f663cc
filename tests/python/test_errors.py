"""Bad input raises the documented exception with a message that locates the
problem; empty input is not an error."""

from __future__ import annotations

import shutil

import pytest

import presslens


def _signature(doc: presslens.Doc) -> tuple:
    return (doc.text, list(doc), doc.sentences, doc.paragraphs, doc.sentence_token_ranges())


# --- invalid UTF-8 ----------------------------------------------------------

@pytest.mark.parametrize("data, offset, byte", [
    (b"abc\xffdef", 3, 0xFF),
    (b"\xc3", 0, 0xC3),                       # truncated at the very end
    (b"Caf\xc3", 3, 0xC3),
    (b"ok \xe2\x80 ok", 3, 0xE2),             # truncated three-byte sequence
    (b"a\x80", 1, 0x80),                      # lone continuation byte
    (b"\xc0\x80", 0, 0xC0),                   # overlong NUL
    (b"ab\xed\xa0\x80", 2, 0xED),             # an encoded surrogate
    (b"\xf4\x90\x80\x80", 0, 0xF4),           # above U+10FFFF
    (b"x" * 1000 + b"\xff", 1000, 0xFF),      # after the eight-bytes-at-a-time ASCII skip
    ("é".encode() * 3 + b"\xfe", 6, 0xFE),    # the offset counts bytes, not characters
    ("😀 ok".encode() + b"\xf0\x9f", 7, 0xF0),
], ids=lambda v: repr(v)[:24] if isinstance(v, bytes) else None)
def test_invalid_utf8_names_the_byte_offset(nlp, data, offset, byte):
    with pytest.raises(ValueError, match=rf"byte offset {offset} \(byte 0x{byte:02x}\)"):
        nlp(data)


def test_invalid_utf8_message_says_what_to_do(nlp):
    with pytest.raises(ValueError) as err:
        nlp(b"\xff")
    assert "errors='replace'" in str(err.value)
    # Plain ValueError from presslens, not a codec error from a later decode.
    assert not isinstance(err.value, UnicodeError)


def test_invalid_utf8_also_fails_as_bytearray_and_memoryview(nlp):
    for data in (bytearray(b"ab\xff"), memoryview(b"ab\xff")):
        with pytest.raises(ValueError, match="byte offset 2"):
            nlp(data)


# --- lone surrogates in str -------------------------------------------------

@pytest.mark.parametrize("text, index", [
    ("\ud800", 0),
    ("ab\ud800c", 2),
    ("x\udfff", 1),
    ("😀\ud83d", 1),            # str indexes: the emoji before it is one character
    ("é" * 5 + "\udc00 tail", 5),
    ("\ud83d\ude00", 0),        # a UTF-16 pair spelt as two code points is still two lone surrogates
])
def test_lone_surrogate_names_its_index(nlp, text, index):
    with pytest.raises(ValueError, match=rf"lone surrogate .* at index {index};"):
        nlp(text)


# --- wrong types ------------------------------------------------------------

@pytest.mark.parametrize("value", [None, 3, 3.5, ["a"], ("a",), object(), {"text": "a"}],
                         ids=lambda v: type(v).__name__)
def test_non_text_raises_type_error(nlp, value):
    with pytest.raises(TypeError, match=type(value).__name__):
        nlp(value)


# --- empty documents --------------------------------------------------------

@pytest.mark.parametrize("text", ["", "   ", "\n\r\n\t \u00a0\u200b\u2028", "\x00\x00", b"", b" \n "],
                         ids=["empty", "spaces", "mixed-space", "nul", "empty-bytes", "space-bytes"])
def test_empty_or_blank_text_gives_an_empty_doc(nlp, text):
    doc = nlp(text)
    assert len(doc) == 0
    assert list(doc) == [] and list(doc.tokens) == []
    assert doc.sentences == [] and doc.paragraphs == []
    assert doc.sentence_token_ranges() == []
    expected = text.decode() if isinstance(text, bytes) else text
    assert doc.text == expected
    with pytest.raises(IndexError):
        doc[0]


# --- model loading ------------------------------------------------------------

def test_missing_model_directory():
    with pytest.raises(FileNotFoundError, match="/no/such/dir"):
        presslens.load("/no/such/dir")


def test_model_directory_without_files(tmp_path):
    with pytest.raises(FileNotFoundError, match="abbreviations.tsv"):
        presslens.load(tmp_path)


def test_model_directory_missing_one_file(tmp_path):
    model = tmp_path / "m"
    shutil.copytree(presslens.DEFAULT_MODEL, model)
    (model / "sentence_starters.txt").unlink()
    with pytest.raises(FileNotFoundError, match="sentence_starters.txt"):
        presslens.load(model)


def test_malformed_model_file_is_a_value_error(tmp_path):
    model = tmp_path / "m"
    shutil.copytree(presslens.DEFAULT_MODEL, model)
    with open(model / "abbreviations.tsv", "a", encoding="utf-8") as f:
        f.write("Xyz.\tnonsense\n")
    with pytest.raises(ValueError, match=r"abbreviations.tsv.*unknown kind 'nonsense'"):
        presslens.load(model)


def test_model_path_of_wrong_type():
    with pytest.raises(TypeError):
        presslens.load(3)


# --- token indexes --------------------------------------------------------------

def test_token_index_out_of_range(nlp):
    doc = nlp("a b c")
    assert doc[-3].text == "a"
    for i in (3, 100, -4):
        with pytest.raises(IndexError):
            doc[i]
        with pytest.raises(IndexError):
            doc.tokens[i]
    with pytest.raises(IndexError, match="token index 3 out of range for a document of 3 tokens"):
        doc[3]
    with pytest.raises(TypeError):
        doc["0"]


def test_negative_index_error_names_the_index_given(nlp):
    with pytest.raises(IndexError, match="token index -4 out of range"):
        nlp("a b c")[-4]


# --- bytes and str agree -----------------------------------------------------

@pytest.mark.parametrize("text", [
    "Gen. Smith met Mr. Jones in the U.S. on Jan. 5. They talked.",
    "Russia’s partners 👩🏽‍💻 Cafe\u0301\r\n\r\nשלום \u200fمرحبا\u200e.\x00 €2.5bn",
    "Κόσμε мир 世界 " * 50,
])
def test_utf8_bytes_give_the_same_doc_as_str(nlp, text):
    want = _signature(nlp(text))
    data = text.encode("utf-8")
    for variant in (data, bytearray(data), memoryview(data)):
        got = nlp(variant)
        assert isinstance(got.text, str)
        assert _signature(got) == want
