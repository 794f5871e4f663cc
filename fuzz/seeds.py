"""Writes the seed corpora of the fuzz targets from the repository's own text.

    python fuzz/seeds.py OUTDIR      # OUTDIR/<target>/<sha1> files

Seeds come from examples/article.txt, the string literals of the tests
(tests/python via ast, tests/cpp by a small C-literal reader), the model
directory's tables, and synthetic hostile inputs (broken UTF-8, quote and
bracket storms, long tokens). Nothing is read from ../shared. The output is
deterministic, so a run can be replayed; crash inputs worth keeping are
committed under fuzz/regressions/<target>/ and copied in as seeds too.
"""

from __future__ import annotations

import ast
import hashlib
import re
import shutil
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "python" / "presslens" / "models" / "en_news"
TARGETS = ("fuzz_utf8", "fuzz_segment", "fuzz_analyze", "fuzz_quotes", "fuzz_gazetteer",
           "fuzz_ner_model")
MAX_SEED = 4096  # libFuzzer's default -max_len; longer seeds are cut


def article_pieces() -> list[bytes]:
    text = (ROOT / "examples" / "article.txt").read_text(encoding="utf-8")
    out = [text.encode()]
    paragraphs = [p for p in text.splitlines() if p.strip()]
    out += [p.encode() for p in paragraphs]
    for p in paragraphs:
        out += [s.encode() for s in re.split(r"(?<=[.!?”])\s+", p) if len(s) > 8]
    return out


def python_test_strings() -> list[bytes]:
    out = []
    for path in sorted((ROOT / "tests" / "python").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant):
                if isinstance(node.value, str) and len(node.value) >= 4:
                    out.append(node.value.encode("utf-8", "surrogatepass"))
                elif isinstance(node.value, bytes) and node.value:
                    out.append(node.value)
    return out


_C_LITERAL = re.compile(r'(?:u8)?"((?:[^"\\\n]|\\.)*)"')
_C_ESCAPE = re.compile(rb"\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)")
_SIMPLE = {b"n": b"\n", b"t": b"\t", b"r": b"\r", b"0": b"\0", b"\\": b"\\", b'"': b'"',
           b"'": b"'", b"v": b"\v", b"f": b"\f", b"a": b"\a", b"b": b"\b", b"?": b"?"}


def _c_unescape(raw: bytes) -> bytes:
    def one(m: re.Match) -> bytes:
        e = m.group(1)
        if e[:1] == b"x":
            return bytes([int(e[1:], 16)])
        if e[:1].isdigit() and e != b"0":
            return bytes([int(e, 8) & 0xFF])
        return _SIMPLE.get(e, e)
    return _C_ESCAPE.sub(one, raw)


def cpp_test_strings() -> list[bytes]:
    out = []
    for path in sorted((ROOT / "tests" / "cpp").glob("*.cc")):
        source = path.read_text(encoding="utf-8")
        # Adjacent literals ("a" "b") are one string in C++.
        for block in re.findall(r'(?:(?:u8)?"(?:[^"\\\n]|\\.)*"\s*)+', source):
            parts = _C_LITERAL.findall(block)
            value = b"".join(_c_unescape(p.encode("utf-8")) for p in parts)
            if len(value) >= 4:
                out.append(value)
    return out


def hostile() -> list[bytes]:
    q = "“”‘’\"'«»„‚"
    out = [
        b"", b" ", b"\n" * 64, b"\r\n" * 32, b"\x00" * 16, b"a\x00b", b"\t \xc2\xa0\xe2\x80\x8b",
        b"\xff", b"abc\xffdef", b"\xc3", b"\xe2\x80", b"\xed\xa0\x80", b"\xf4\x90\x80\x80",
        b"\xc0\x80", b"\xf0\x9f\x98", "😀".encode() + b"\x80",
        ("“" * 200).encode(), ("”" * 200).encode(), (q * 40).encode(), b'"' * 300, b"'" * 300,
        b"(" * 500, b")" * 500, b"([{" * 100 + b"}])" * 100, b"http://x" + b")" * 600,
        b"http://en.wikipedia.org/wiki/Foo_(bar))).", b"www.example.com/a(b)c).",
        b"a." * 300, b"ab." * 300, b"U.S." * 100, b"Mr. " * 100, b"Gen.Smith.Jr.Ph.D.",
        b"a'" * 300, b"don't " * 50, "Russia’s officials’ ‘90s ’90s '90s".encode(),
        b"1,000.5,2:30/4 " * 20, b"1" * 2000, b"x" * 4000, b"-" * 500, b"--- -- -",
        b"... !!! ?!? \xe2\x80\xa6\xe2\x80\xa6", b"$2.4bn \xe2\x82\xac5m 10% 3 per cent",
        b"@user #tag @1 #2 a@b.co x@y", b"mail me at jo.doe+x@news.example.org.",
        "👩🏽‍💻 👨‍👩‍👧‍👦 🇺🇸🇬🇧 1️⃣ #️⃣ 🏳️‍🌈".encode(), ("e\u0301" * 100).encode(),
        ("a" + "\u0301" * 300).encode(), "שלום עולם. مرحبا بالعالم؟ 你好。".encode(),
        "\u202e\u2066abc\u2069\u202c \u200f\u200e\ufeff".encode(),
        "Κόσμε мир 世界 हिन्दी। ".encode() * 10, "AT&T S&P R&D &&&".encode(),
        "\u2028\u2029\x85\x0b\x0c".encode(), ("word " * 800).encode(),
        ("Smith said. " * 200).encode(), ("Mayor Elena Vasquez " * 100).encode(),
        ("$5\nmillion\n" * 50).encode(), "President\nNicolas Maduro".encode(),
        ("“Quote,” he said. " * 100).encode(), ("[Vladimir] Putin " * 50).encode(),
    ]
    return out


def quote_seeds() -> list[bytes]:
    """Quote pairing: storms, nesting, every mark style, '' marks, continued paragraphs."""
    marks = ["“", "”", "‘", "’", "«", "»", "‹", "›", "„", "‚", "‟", "‛", '"', "'", "''"]
    out = [
        # storms of one mark, of openers then closers of another family, mixed
        *[(m * 300).encode() for m in marks],
        *[(o * 150 + c * 150).encode() for o in "«„‚“‘‹" for c in ["”", "'", "’", "»", '" ', "›"]],
        ("“”‘’«»\"'" * 60).encode(), ("„“‚‘«»‹›" * 60).encode(), ('" ' * 300).encode(),
        ("“a” " * 200).encode(), (".” " * 200).encode(), ("''a'' " * 150).encode(),
        # nesting
        ("“" + "‘«„" * 50 + "x" + "“»’" * 50 + "”").encode(),
        "“He said ‘they called it “fair” at the time’ and left,” Lopez said.".encode(),
        "«Nous ‹gagnerons›, dit-il», said Lopez. „Wir ‚gewinnen‘“, said Weber.".encode(),
        "“We will ‘win this, ” said Lopez.".encode(),
        # '' as a double mark, and apostrophes that are not marks
        "''It refreshes the library,'' said Peter Rice. ''Yes.''".encode(),
        "The officials' plan, the '90s and rock 'n' roll, 'tis said.".encode(),
        "tweet-id=\"123\" data-x='y' said \"ok\"".encode(),
        # attribution shapes
        "“The vote was fair,” he said, “and we accept it.”".encode(),
        "Lopez said the plan was “ready” and left. “Another one,” she added.".encode(),
        "Rep. Trey Gowdy (R-S.C.): “We will see.”".encode(),
        "“We won!” Smith said. “Why?” asked Jones.".encode(),
        "The so-called “experts” backed the film “Arrogant”.".encode(),
        "The officials said, citing “persons familiar with the matter,” that it failed.".encode(),
        # unclosed marks and paragraphs that continue a quote
        "He said “this never closes.\n\nLopez said the plan was “ready”.".encode(),
        "“First paragraph of the speech.\n\n“Second paragraph.\n\n“Last one,” he said.".encode(),
        "“Open\n“\n“\n\n”".encode(), ("“a\n" * 200).encode(), ("“\n" * 300).encode(),
        "Speaker said:\n“A quotation on its own line.”".encode(),
    ]
    return out


def gazetteer_lines() -> list[bytes]:
    out = []
    for name in ("gazetteer.tsv", "aliases.tsv", "abbreviations.tsv", "quote_cues.tsv",
                 "speaker_nouns.tsv", "lexicons/lemmas.tsv", "lexicons/hedge.tsv",
                 "lexicons/loaded.tsv"):
        lines = (MODEL / name).read_bytes().splitlines(keepends=True)
        step = max(1, len(lines) // 60)
        out.append(b"".join(lines[:40]))
        out += [b"".join(lines[i:i + 8]) for i in range(0, len(lines), step)]
    out += [
        b"Harbour City Council\tORG\n", b"greens\tPARTY\t1\tGreen Party\n",
        b"New York\tgpe\nNew York Times\tmedia\n", b"# comment\n\n\tgpe\n", b"x\tnonsense\n",
        b"\xff\tgpe\n", "“\tQUOTE\n".encode(), b"a a a a a a\tgpe\r\n", b"\t\t\t\n",
        # quote_cues.tsv, speaker_nouns.tsv and lexicon rows, whole and broken
        b"say\tneutral\tverb\nclaim\tassertive\tverb\taccording to\n",
        b"according to\tneutral\tprep\ntell\tneutral\ttell\ttold,tells\n",
        b"say\tneutral\tnoun\t,,\n", b"say\tloud\tverb\n", b"say\tneutral\tsing\n",
        b" \tneutral\tverb\n", b"officials\tanonymous\nTimes\tmedia_name\n", b"x\tnobody\n",
        b"allegedly\thedge\t0\t0.6\nslam\tloaded\t-\t1\n", b"a\thedge\t+\t0\n",
        b"a\thedge\t*\t0.5\n", b"a\t\t-\t0.5\n", b"\thedge\t-\tnan\n", b"said\tsay\nran\trun\n",
    ]
    return out


def ner_seeds() -> list[bytes]:
    """A tiny valid model (format version 1), damaged copies, and BIO corpora."""
    labels = [b"PERSON", b"ORG"]
    k = 1 + 2 * len(labels)
    head = b"PLNER\0\0\0" + struct.pack("<II", 1, len(labels))
    for label in labels:
        head += struct.pack("<I", len(label)) + label
    rows = [(0x1234, [1, -2, 3, 0, 5]), (0xFFFF_FFFF_0000_0001, [0, 0, 0, 0, 0]),
            (42, [-32767, 32767, 0, 1, -1])]
    body = struct.pack("<IQf", k, len(rows), 0.001)
    for h, w in rows:
        body += struct.pack("<Q", h) + struct.pack(f"<{k}h", *w)
    trans = struct.pack(f"<{(k + 1) * k}f", *[0.1 * i for i in range((k + 1) * k)])
    model = head + body + trans
    out = [model, model[:len(head) + 4], model[:-4], model[:8], b"PLNER\0\0\0" + b"\xff" * 40]
    bio = ("Elena\tB-PERSON\nVasquez\tI-PERSON\nsaid\tO\n.\tO\n\n"
           "-DOCSTART-\tO\n\nMeridian\tB-ORG\nShipping\tI-ORG\nin\tO\nParis\tB-GPE\n"
           "Smith\tB-MISC\n\n")
    out += [bio.encode(), b"a\tI-PERSON\nb\tI-PERSON\n", b"x\tB-\n", b"\tO\n", b"a\tX\n",
            b"a\tO\r\n\r\nb\tB-ORG\r\n"]
    return out


def write(out_dir: Path, target: str, seeds: list[bytes]) -> int:
    d = out_dir / target
    d.mkdir(parents=True, exist_ok=True)
    n = 0
    for s in seeds:
        s = s[:MAX_SEED]
        path = d / hashlib.sha1(s).hexdigest()
        if not path.exists():
            path.write_bytes(s)
            n += 1
    regressions = ROOT / "fuzz" / "regressions" / target
    if regressions.is_dir():
        for f in sorted(regressions.iterdir()):
            shutil.copy(f, d / f.name)
            n += 1
    return n


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out_dir = Path(sys.argv[1])
    if out_dir.exists():
        shutil.rmtree(out_dir)
    text = article_pieces() + python_test_strings() + cpp_test_strings() + hostile()
    counts = {
        "fuzz_utf8": write(out_dir, "fuzz_utf8", text),
        "fuzz_segment": write(out_dir, "fuzz_segment", text),
        "fuzz_analyze": write(out_dir, "fuzz_analyze", text + quote_seeds()),
        "fuzz_quotes": write(out_dir, "fuzz_quotes", quote_seeds() + text),
        "fuzz_gazetteer": write(out_dir, "fuzz_gazetteer", gazetteer_lines() + hostile()[:20]),
        "fuzz_ner_model": write(out_dir, "fuzz_ner_model", ner_seeds()),
    }
    print("seeds:", ", ".join(f"{t} {n}" for t, n in counts.items()))


if __name__ == "__main__":
    main()
