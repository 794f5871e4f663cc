"""Stance-cue lexicons shipped in ``models/en_news/lexicons/`` and how they are built.

    python -m presslens.lexicons build --shared ../shared --out python/presslens/models/en_news/lexicons
    python python/presslens/lexicons.py build ...      # the same, without importing the compiled core

The builder is pure standard-library Python and deterministic: the same inputs give
byte-identical files. Its inputs are

* the lexicon lists under ``shared/data/lexicons`` whose licence allows shipping them in an
  Apache-2.0 package (``SHIP_SOURCES``; each file's sha256 is checked against the
  directory's ``MANIFEST.json``). The research-only lists (MPQA, hutto2015_bsd, islam2020,
  Recasens/Berant) are never opened: :class:`SourceReader` refuses any other directory;
* the lists written for presslens in ``presslens/data/curated_cues/`` (hedges, boosters,
  loaded political vocabulary, reporting-verb connotation, ...): ``<category>.tsv`` and topical
  lists ``<category>.<topic>.tsv`` (``loaded.force.tsv``) that go into the same output file,
  plus three tables that say
  how the mixed upstream lists are used (``source_map.tsv``), which upstream entries are left
  out and why (``exclude.tsv``), and corrections to the lemma table (``lemma_overrides.tsv``);
* spaCy's English lemma lookup table from the ``spacy-lookups-data`` package (MIT; English data
  under the WordNet 3.0 licence), version ``LOOKUPS_VERSION``; a development-time dependency
  only (``pip install spacy-lookups-data==1.0.5``).

Output, one file per category ``<category>.tsv`` with rows
``phrase<TAB>category<TAB>polarity<TAB>strength<TAB>source[<TAB>use]`` (``use``: the use gate of
a polysemous curated entry, ``USES``), plus ``lemmas.tsv``
(``form<TAB>lemma``), ``sources.json`` (inputs, their sha256, row counts), the upstream
licence texts and our attribution notices (``presslens/data/lexicon_notices/``) in ``LICENSES/``. See the README.md of the output directory for the format
contract the matcher relies on.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Set, Tuple

__all__ = [
    "CATEGORIES", "SHIP_SOURCES", "RESEARCH_ONLY_DIRS", "LOOKUPS_VERSION", "SourceReader",
    "USES", "build", "curated_lists", "parse_use", "phrase_tokens", "read_lexicon_dir", "read_lemmas",
    "read_uses", "main",
]

#: Every category a shipped lexicon file may hold, in file order.
CATEGORIES = (
    "hedge", "booster", "intensifier", "negation", "factive", "assertive", "reporting",
    "scare_quote_cue", "delegitimizing", "euphemism", "loaded", "evaluative", "affect",
    "subjective", "figurative",
)

#: Categories that describe a word's evaluative load. A phrase sits in at most one of them:
#: a presslens-curated assignment wins, else the first in this order.
SENTIMENT_FAMILY = ("affect", "loaded", "evaluative", "subjective")

#: Shipped upstream lists: source id -> (directory under shared/data/lexicons, data files).
SHIP_SOURCES: Dict[str, Tuple[str, Tuple[str, ...]]] = {
    "vader": ("vader", ("vader_lexicon.txt",)),
    "pattern": ("pattern_en_sentiment", ("en-sentiment.xml",)),
    "empath": ("empath", ("categories.tsv",)),
    "hedges": ("words_hedges_weasels", ("hedges.txt",)),
    "weasels": ("words_hedges_weasels", ("weasels.txt",)),
    "ggt": ("reporting_verbs_ggt", ("quote_verb_list.txt",)),
    "huliu": ("hu_liu_opinion", ("positive-words.txt", "negative-words.txt")),
}
ALLOWED_DIRS = frozenset(d for d, _ in SHIP_SOURCES.values())
#: Lists that may be used for evaluation only, never to build shipped files.
RESEARCH_ONLY_DIRS = frozenset({
    "mpqa_subjectivity", "hutto2015_bsd", "islam2020_hedges_boosters", "recasens2013_bias",
})
#: Source ids a shipped row may name: the upstream lists and our own curation.
SOURCE_IDS = frozenset(SHIP_SOURCES) | {"presslens"}

#: Upstream licence files copied into LICENSES/: (directory, file, name in LICENSES/).
LICENSE_COPIES = (
    ("vader", "LICENSE.txt", "vader-MIT.txt"),
    ("empath", "LICENSE.txt", "empath-MIT.txt"),
    ("words_hedges_weasels", "LICENSE-hedges", "words-hedges-MIT.txt"),
    ("words_hedges_weasels", "LICENSE-weasels", "words-weasels-MIT.txt"),
    ("reporting_verbs_ggt", "LICENSE", "gender-gap-tracker-MIT.txt"),
)

LOOKUPS_VERSION = "1.0.5"
LOOKUPS_TABLE = "en_lemma_lookup.json.gz"

CURATED_DIR = Path(__file__).resolve().parent / "data" / "curated_cues"
NOTICES_DIR = Path(__file__).resolve().parent / "data" / "lexicon_notices"
DEFAULT_OUT = Path(__file__).resolve().parent / "models" / "en_news" / "lexicons"

# Empath categories that name one emotion ("affect"), with the valence their terms must carry
# in VADER (0: either sign). The broad ones (positive_emotion, negative_emotion, suffering,
# pain, love, hate, ...) are left out: they hold event words such as "kill" and "accident".
# Empath's terms are noisy; one counts only if VADER rates it at least AFFECT_MIN_VALENCE.
EMPATH_AFFECT = {
    "joy": 1, "cheerfulness": 1, "contentment": 1, "optimism": 1, "affection": 1, "sympathy": 1,
    "anger": -1, "rage": -1, "fear": -1, "sadness": -1, "disgust": -1, "shame": -1,
    "nervousness": -1, "horror": -1, "disappointment": -1, "irritability": -1, "exasperation": -1,
    "envy": -1,
    "surprise": 0,
}
AFFECT_MIN_VALENCE = 1.0      # VADER mean valence, scale -4..4
EVALUATIVE_MIN_STRENGTH = 0.25  # Hu & Liu words kept when VADER/pattern rate them this strongly
LOADED_MIN_STRENGTH = 0.6       # ... and counted as loaded from this strength on
SUBJECTIVE_MIN = 0.7            # pattern: mean subjectivity of the word's senses
VADER_SIGN_MIN = 0.5            # a VADER mean below this says nothing about the sign
PATTERN_SIGN_MIN = 0.1

_WORD_RE = re.compile(r"[a-z]+(?:'[a-z]+)?|'s|n't|-")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2010": "-", "\u2011": "-"})


# --- phrases ------------------------------------------------------------------

def phrase_tokens(text: str) -> Optional[List[str]]:
    """Splits a lexicon entry into tokens as presslens's tokenizer splits text.

    Lower-cases, folds curly apostrophes, splits on white space, makes a hyphen between
    words a token of its own (``so-called`` -> ``so - called``) and splits off the clitics
    ``n't`` and ``'s`` (``don't`` -> ``do n't``, ``can't`` -> ``ca n't``). Returns None for an
    entry that is not made of letters, inner apostrophes and hyphens (``a+``, ``f**k``, ``anti-``).
    """
    out: List[str] = []
    for chunk in text.translate(_APOSTROPHES).lower().split():
        parts = [p for p in re.split(r"(-)", chunk) if p]
        if chunk != "-" and (parts[0] == "-" or parts[-1] == "-"):   # "anti-", "-ish"
            return None
        for p in parts:
            if p != "-" and p.endswith("n't") and len(p) > 3:
                out += [p[:-3], "n't"]
            elif p != "-" and p.endswith("'s") and len(p) > 2:
                out += [p[:-2], "'s"]
            else:
                out.append(p)
    if not out or out[0] == "-" or out[-1] == "-" or not all(_WORD_RE.fullmatch(t) for t in out):
        return None
    return out


# --- reading inputs -------------------------------------------------------------

class SourceReader:
    """Reads upstream lexicon files, only from the directories that may ship.

    Every read is checked against ``MANIFEST.json`` (sha256) and recorded in ``self.read``.
    """

    def __init__(self, shared: Path):
        self.root = Path(shared) / "data" / "lexicons"
        manifest = json.loads((self.root / "MANIFEST.json").read_text(encoding="utf-8"))
        self.sha = {(m["dir"], m["file"]): m["sha256"] for m in manifest}
        self.origin = {(m["dir"], m["file"]): (m["source_repo"], m["source_path"], m["commit"]) for m in manifest}
        self.read: List[str] = []

    def bytes(self, directory: str, name: str) -> bytes:
        if directory in RESEARCH_ONLY_DIRS or directory not in ALLOWED_DIRS:
            raise PermissionError(f"{directory}/ is not a shippable lexicon source; the builder may not read it")
        data = (self.root / directory / name).read_bytes()
        want = self.sha.get((directory, name))
        got = hashlib.sha256(data).hexdigest()
        if want is None or want != got:
            raise ValueError(f"{directory}/{name}: sha256 {got} does not match MANIFEST.json ({want})")
        self.read.append(f"{directory}/{name}")
        return data

    def lines(self, directory: str, name: str, comment: str, encoding: str = "utf-8") -> List[str]:
        text = self.bytes(directory, name).decode(encoding)
        out = []
        for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            line = line.strip()
            if line and not line.startswith(comment):
                out.append(line)
        return out


def _curated(name: str) -> List[List[str]]:
    return [row for _, row in _curated_numbered(name)]


def _curated_numbered(name: str) -> List[Tuple[int, List[str]]]:
    """The rows of a curated file with their 1-based line numbers."""
    rows = []
    for n, line in enumerate((CURATED_DIR / name).read_text(encoding="utf-8").split("\n"), 1):
        if line.strip() and not line.startswith("#"):
            rows.append((n, line.rstrip("\r").split("\t")))
    return rows


#: Use gates a curated entry may carry (fourth column; several joined by commas). The matcher
#: (CueLexicon::Find) counts a gated entry only in that use: ``noun`` after a determiner,
#: possessive, quantifier, preposition, nationality or evaluative word; ``verb`` not after a
#: determiner, possessive, quantifier or preposition; ``not_locative`` not before a word of place.
USES = ("noun", "verb", "not_locative")


def parse_use(text: str) -> str:
    """The canonical form of a use gate ("" for none); ValueError if it is not one."""
    if not text:
        return ""
    parts = text.split(",")
    if (any(p not in USES for p in parts) or len(set(parts)) != len(parts)
            or {"noun", "verb"} <= set(parts)):
        raise ValueError(f"use {text!r} is not one of {', '.join(USES)} "
                         "(several joined by commas; not noun and verb)")
    return ",".join(sorted(parts, key=USES.index))


@dataclass(frozen=True)
class Raw:
    """One entry as a source gives it, before lemmatization."""
    text: str
    tokens: Tuple[str, ...]
    category: str
    polarity: int
    strength: float
    source: str
    use: str = ""


_POL = {"-": -1, "0": 0, "+": 1}
_POL_OUT = {-1: "-", 0: "0", 1: "+"}


def _sign(x: float) -> int:
    return (x > 0) - (x < 0)


def _strength(x: float) -> float:
    return min(1.0, max(0.05, round(x + 1e-9, 2)))


class _Collector:
    def __init__(self) -> None:
        self.rows: List[Raw] = []
        self.dropped: Dict[str, int] = {}

    def add(self, text: str, category: str, polarity: int, strength: float, source: str,
            use: str = "") -> None:
        toks = phrase_tokens(text)
        if toks is None:
            self.dropped[source] = self.dropped.get(source, 0) + 1
            return
        self.rows.append(Raw(text, tuple(toks), category, polarity, _strength(strength), source, use))


def _excluded(excl: Dict[str, Set[str]], category: str, phrase: str) -> bool:
    return (phrase in excl.get(category, ()) or phrase in excl.get("*", ())
            or (category in SENTIMENT_FAMILY and phrase in excl.get("sentiment", ())))


def _read_exclusions(lem) -> Dict[str, Set[str]]:
    """exclude.tsv as {scope: lemma phrases}: an exclusion covers every inflection."""
    out: Dict[str, Set[str]] = {}
    for row in _curated("exclude.tsv"):
        scope, phrase = row[0], row[1]
        toks = phrase_tokens(phrase)
        if toks is None:
            raise ValueError(f"exclude.tsv: bad phrase {phrase!r}")
        out.setdefault(scope, set()).add(" ".join(lem(t) for t in toks))
    return out


#: Curated files that are not cue lists of one category.
CURATED_TABLES = frozenset({"exclude.tsv", "lemma_overrides.tsv", "source_map.tsv"})
_TOPIC_RE = re.compile(r"[a-z][a-z0-9_]*")


def curated_lists(directory: Optional[Path] = None) -> List[Tuple[str, Path]]:
    """The curated cue lists as ``(category, path)``, in a fixed order.

    A list is ``<category>.tsv`` or, for a topical list kept in a file of its own,
    ``<category>.<topic>.tsv`` (``loaded.force.tsv``); the topic is lower-case letters, digits
    and ``_``. Any other ``.tsv`` file except the three tables (exclusions, source map, lemma
    corrections) is an error, so a misspelt category does not drop a list silently.
    """
    out = []
    for path in sorted(Path(directory or CURATED_DIR).glob("*.tsv")):
        if path.name in CURATED_TABLES:
            continue
        parts = path.name[:-len(".tsv")].split(".")
        if (parts[0] not in CATEGORIES or len(parts) > 2
                or (len(parts) == 2 and not _TOPIC_RE.fullmatch(parts[1]))):
            raise ValueError(f"curated_cues/{path.name}: not <category>.tsv or <category>.<topic>.tsv "
                             f"with a category of {', '.join(CATEGORIES)}")
        out.append((parts[0], path))
    # The category's main list first, then its topical lists by name.
    return sorted(out, key=lambda cp: (CATEGORIES.index(cp[0]), cp[1].name != f"{cp[0]}.tsv", cp[1].name))


def _collect(reader: SourceReader, col: _Collector) -> None:
    # Our own lists: a phrase may appear once per category over its main and topical lists.
    seen: Dict[Tuple[str, Tuple[str, ...]], str] = {}
    for cat, path in curated_lists():
        for line, row in _curated_numbered(path.name):
            where = f"curated_cues/{path.name}:{line}"
            if len(row) not in (3, 4) or row[1] not in _POL:
                raise ValueError(f"{where}: bad row {row!r} "
                                 "(want phrase<TAB>polarity<TAB>strength[<TAB>use], polarity - 0 +)")
            phrase, pol, strength = row[0], row[1], row[2]
            try:
                use = parse_use(row[3] if len(row) == 4 else "")
            except ValueError as e:
                raise ValueError(f"{where}: {e}") from None
            toks = phrase_tokens(phrase)
            if toks is None:
                raise ValueError(f"curated_cues/{path.name}: bad phrase {phrase!r}")
            if not 0 < float(strength) <= 1:
                raise ValueError(f"curated_cues/{path.name}: strength of {phrase!r} not in (0, 1]")
            if (cat, tuple(toks)) in seen:
                raise ValueError(f"curated_cues/{path.name}: {phrase!r} is already in {seen[(cat, tuple(toks))]}")
            seen[(cat, tuple(toks))] = path.name
            col.add(phrase, cat, _POL[pol], float(strength), "presslens", use)

    # words/hedges, words/weasels: each entry's use is decided in source_map.tsv.
    decisions = {(r[0], r[1]): (r[2], float(r[3])) for r in _curated("source_map.tsv")}
    for src in ("hedges", "weasels"):
        d, (name,) = SHIP_SOURCES[src]
        for entry in reader.lines(d, name, "%"):
            if (src, entry) not in decisions:
                raise ValueError(f"source_map.tsv does not say how to use {src} entry {entry!r}")
            cat, strength = decisions[(src, entry)]
            if cat != "drop":
                col.add(entry, cat, 0, strength, src)

    # Gender Gap Tracker reporting verbs: connotation comes from curated reporting.tsv
    # (the lemma step merges them with it); verbs it does not list are neutral.
    d, (name,) = SHIP_SOURCES["ggt"]
    for entry in reader.lines(d, name, "#"):
        col.add(entry, "reporting", 0, 0.2, "ggt")

    # VADER valences, pattern polarity/subjectivity, Hu & Liu polarity.
    d, (name,) = SHIP_SOURCES["vader"]
    vader: Dict[str, float] = {}
    for line in reader.lines(d, name, "\x00"):
        parts = line.split("\t")
        vader.setdefault(parts[0].lower(), float(parts[1]))

    d, (name,) = SHIP_SOURCES["pattern"]
    xml = reader.bytes(d, name).decode("utf-8")
    senses: Dict[str, List[Tuple[float, float]]] = {}
    for m in re.finditer(r"<word ([^>]*?)/>", xml):
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1)))
        if attrs.get("pos") == "UH":   # interjections: "aww", "lol", "grr"
            continue
        senses.setdefault(attrs["form"].lower(), []).append(
            (float(attrs["polarity"]), float(attrs["subjectivity"])))
    pattern = {w: (sum(p for p, _ in s) / len(s), sum(q for _, q in s) / len(s)) for w, s in senses.items()}
    for w, (c, s) in sorted(((r[1], (r[2], float(r[3]))) for r in _curated("source_map.tsv")
                             if r[0] == "pattern")):
        if w not in pattern:
            raise ValueError(f"source_map.tsv: pattern has no entry {w!r}")
        if c != "drop":
            col.add(w, c, 0, s, "pattern")

    d, (pos_name, neg_name) = SHIP_SOURCES["huliu"]
    huliu: Dict[str, int] = {}
    for w in reader.lines(d, pos_name, ";", "latin-1"):
        huliu[w.lower()] = 1
    for w in reader.lines(d, neg_name, ";", "latin-1"):
        huliu[w.lower()] = -1 if w.lower() not in huliu else 0  # listed on both sides: no polarity

    # Affect: Empath emotion categories, confirmed by VADER.
    d, (name,) = SHIP_SOURCES["empath"]
    affect: Dict[str, Tuple[int, float]] = {}
    for line in reader.lines(d, name, "\x00"):
        cat, *terms = line.split("\t")
        want = EMPATH_AFFECT.get(cat)
        if want is None:
            continue
        for term in terms:
            w = term.replace("_", " ").lower()
            v = vader.get(w)
            if v is None or abs(v) < AFFECT_MIN_VALENCE or (want and _sign(v) != want):
                continue
            affect[w] = (_sign(v), abs(v) / 4)
    for w in sorted(affect):
        for src in ("empath", "vader"):   # Empath names the emotion, VADER gives polarity and strength
            col.add(w, "affect", affect[w][0], affect[w][1], src)

    # Evaluative and loaded: Hu & Liu words that VADER or pattern confirm with the same sign.
    for w in sorted(huliu):
        pol = huliu[w]
        if pol == 0:
            continue
        signs, strengths, srcs = [], [], ["huliu"]
        if w in vader and abs(vader[w]) >= VADER_SIGN_MIN:
            signs.append(_sign(vader[w]))
            strengths.append(abs(vader[w]) / 4)
            srcs.append("vader")
        if w in pattern and abs(pattern[w][0]) >= PATTERN_SIGN_MIN:
            signs.append(_sign(pattern[w][0]))
            strengths.append(abs(pattern[w][0]))
            srcs.append("pattern")
        if not signs or any(s != pol for s in signs):
            continue
        strength = max(strengths)
        if strength < EVALUATIVE_MIN_STRENGTH:
            continue
        cat = "loaded" if strength >= LOADED_MIN_STRENGTH else "evaluative"
        for s in srcs:
            col.add(w, cat, pol, strength, s)

    # Subjective: pattern words, not opinion words of Hu & Liu, that are mostly subjective.
    for w in sorted(pattern):
        p, s = pattern[w]
        if w in huliu or s < SUBJECTIVE_MIN:
            continue
        col.add(w, "subjective", _sign(p) if abs(p) >= PATTERN_SIGN_MIN else 0, s, "pattern")


# --- lemmas -----------------------------------------------------------------------

def _lookups_path(explicit: Optional[Path]) -> Tuple[Path, Path, str]:
    """The lemma table, the package's licence file and the package version."""
    if explicit is not None:
        table = Path(explicit)
        if table.is_dir():
            table = table / LOOKUPS_TABLE
        version = "unknown"
        pkg = table.parent.parent
    else:
        import importlib.metadata
        import importlib.util
        spec = importlib.util.find_spec("spacy_lookups_data")
        if spec is None or not spec.submodule_search_locations:
            raise FileNotFoundError(
                "spacy-lookups-data is not installed: pip install spacy-lookups-data==" + LOOKUPS_VERSION)
        pkg = Path(list(spec.submodule_search_locations)[0])
        table = pkg / "data" / LOOKUPS_TABLE
        version = importlib.metadata.version("spacy-lookups-data")
    if version not in (LOOKUPS_VERSION, "unknown"):
        raise RuntimeError(f"spacy-lookups-data {version} found; the shipped files are built from "
                           f"{LOOKUPS_VERSION}: pip install spacy-lookups-data=={LOOKUPS_VERSION}")
    lic = None
    for cand in sorted(pkg.parent.glob("spacy_lookups_data-*.dist-info/LICENSE*")):
        lic = cand
        break
    return table, lic if lic is not None else Path(), version


def _base_lemmas(table_bytes: bytes) -> Dict[str, str]:
    raw = json.loads(gzip.decompress(table_bytes).decode("utf-8"))
    out: Dict[str, str] = {}
    # Lower-case keys first, so that "Us" never overrides "us".
    for k in sorted(raw, key=lambda k: (k != k.lower(), k)):
        form, lemma = k.lower().translate(_APOSTROPHES), str(raw[k]).lower().translate(_APOSTROPHES)
        if form not in out and _WORD_RE.fullmatch(form) and _WORD_RE.fullmatch(lemma) and form != "-":
            out[form] = lemma
    for row in _curated("lemma_overrides.tsv"):
        form, lemma = row[0], row[1]
        if lemma == form:
            out.pop(form, None)
        else:
            out[form] = lemma
    return out


_NO_INFLECTION_SUFFIXES = ("ly", "ous", "ful", "less", "ive", "ish", "ible", "able", "ic", "al", "est")
_CLOSED_CLASS = frozenset("""a an the and or but nor not no never none nobody nothing nowhere neither
either this that these those it its he she they them his her their him himself herself itself themselves
of in on at to for from by with without about around into onto over under than as so such very too quite
may might could would should must can will shall cannot be is are was were been being have has had do does
did done all some any each every most more much many few little less least out off up down if then there
here where when what which who whom whose why how also just only even still yet ever always""".split())


def _regular_forms(w: str) -> List[str]:
    """Regular English inflections of a word spaCy's table does not know (nouns and verbs)."""
    if w.endswith("e") and not w.endswith("ee"):
        return [w + "s", w + "d", w[:-1] + "ing"]
    if w.endswith("y") and len(w) > 2 and w[-2] not in "aeiou":
        return [w[:-1] + "ies", w[:-1] + "ied", w + "ing"]
    if w.endswith(("s", "x", "z", "ch", "sh")):
        return [w + "es", w + "ed", w + "ing"]
    return [w + "s", w + "ed", w + "ing"]


def _plural_or_third_person(form: str, lemma: str) -> bool:
    return form in (lemma + "s", lemma + "es") or (lemma.endswith("y") and form == lemma[:-1] + "ies")


def _lemmatize(rows: List[Raw], base: Dict[str, str]):
    """The lemma function over the words of the lexicons, and the forms kept as their own lemma.

    A single-word affect/loaded/evaluative/subjective entry whose lemma in spaCy's table is not
    itself an entry keeps its own form (``interesting`` would otherwise become ``interest`` and
    match "interest rates"; ``striking`` would match "strike"), unless it is only the plural or
    third-person form of that lemma (``villains`` -> ``villain``).
    """
    singles = {r.tokens[0] for r in rows if len(r.tokens) == 1}
    keep = {r.tokens[0] for r in rows
            if len(r.tokens) == 1 and r.category in SENTIMENT_FAMILY
            and base.get(r.tokens[0], r.tokens[0]) != r.tokens[0]
            and base[r.tokens[0]] not in singles
            and not _plural_or_third_person(r.tokens[0], base[r.tokens[0]])}

    def lem(w: str) -> str:
        seen = {w}
        while w not in keep and base.get(w, w) != w:
            w = base[w]
            if w in seen:
                break
            seen.add(w)
        return w

    return lem, keep


def _lemma_table(vocab: Set[str], base: Dict[str, str], keep: Set[str]) -> List[Tuple[str, str]]:
    def lem(w: str) -> str:
        seen = {w}
        while w not in keep and base.get(w, w) != w:
            w = base[w]
            if w in seen:
                break
            seen.add(w)
        return w

    rows = {}
    for form in base:
        if form in keep:
            continue
        lemma = lem(form)
        if lemma != form and lemma in vocab:
            rows[form] = lemma
    known = set(base) | set(base.values())
    generated: Dict[str, Set[str]] = {}
    for w in sorted(vocab):
        if (w in known or len(w) < 4 or not w.isalpha() or w in _CLOSED_CLASS
                or w.endswith(_NO_INFLECTION_SUFFIXES)):
            continue
        for f in _regular_forms(w):
            if f not in known and f not in vocab:
                generated.setdefault(f, set()).add(w)
    for f, lemmas in generated.items():
        if len(lemmas) == 1:
            rows[f] = next(iter(lemmas))
    return sorted(rows.items())


# --- building -----------------------------------------------------------------------

HEADER = ("# presslens stance-cue lexicon, category {cat}: {n} rows.\n"
          "# Columns: phrase<TAB>category<TAB>polarity<TAB>strength<TAB>source[<TAB>use]\n"
          "# phrase = space-separated lemmas of presslens tokens (see lemmas.tsv); polarity - 0 +;\n"
          "# strength in (0, 1]; source = the lists the entry came from (README.md); use = the\n"
          "# use gate of a polysemous entry (noun, verb, not_locative), absent for none.\n"
          "# Generated by `python -m presslens.lexicons build`; do not edit: edit the inputs.\n")


def build(shared: Path, out: Path, lookups: Optional[Path] = None) -> dict:
    """Builds every generated file into ``out`` and returns statistics (also in sources.json)."""
    shared, out = Path(shared), Path(out)
    reader = SourceReader(shared)
    col = _Collector()
    _collect(reader, col)

    table_path, lic_path, version = _lookups_path(lookups)
    table_bytes = table_path.read_bytes()
    base = _base_lemmas(table_bytes)
    lem, keep = _lemmatize(col.rows, base)
    excluded = _read_exclusions(lem)

    # Group by (category, lemma phrase); upstream entries that exclude.tsv names are left out.
    groups: Dict[Tuple[str, str], List[Raw]] = {}
    n_excluded = 0
    for r in col.rows:
        phrase = " ".join(lem(t) for t in r.tokens)
        if r.source != "presslens" and _excluded(excluded, r.category, phrase):
            n_excluded += 1
            continue
        groups.setdefault((r.category, phrase), []).append(r)

    def pick(rs: List[Raw], phrase: str) -> Raw:
        return min(rs, key=lambda r: (r.source != "presslens", " ".join(r.tokens) != phrase,
                                      -r.strength, r.text, r.source))

    entries: Dict[Tuple[str, str], Tuple[int, float, str, str]] = {}
    for (cat, phrase), rs in groups.items():
        best = pick(rs, phrase)
        sources = ",".join(sorted({r.source for r in rs}))
        # The use gate is the curated entry's (upstream lists have none).
        entries[(cat, phrase)] = (best.polarity, best.strength, sources, best.use)

    # One sentiment-family category per phrase.
    family: Dict[str, List[str]] = {}
    for (cat, phrase) in entries:
        if cat in SENTIMENT_FAMILY:
            family.setdefault(phrase, []).append(cat)
    for phrase, cats in family.items():
        if len(cats) < 2:
            continue
        curated = [c for c in cats if "presslens" in entries[(c, phrase)][2].split(",")]
        if len(curated) > 1:
            raise ValueError(f"curated lists put {phrase!r} in {sorted(curated)}: one of them only")
        winners = set(curated) if curated else {min(cats, key=SENTIMENT_FAMILY.index)}
        for c in cats:
            if c not in winners:
                del entries[(c, phrase)]

    vocab = {t for (_, phrase) in entries for t in phrase.split(" ")}
    lemmas = _lemma_table(vocab, base, keep)

    out.mkdir(parents=True, exist_ok=True)
    written: Dict[str, bytes] = {}
    counts: Dict[str, int] = {}
    for cat in CATEGORIES:
        rows = sorted((phrase, e) for (c, phrase), e in entries.items() if c == cat)
        counts[cat] = len(rows)
        body = "".join(f"{phrase}\t{cat}\t{_POL_OUT[pol]}\t{strength:.2f}\t{src}"
                       + (f"\t{use}" if use else "") + "\n"
                       for phrase, (pol, strength, src, use) in rows)
        written[f"{cat}.tsv"] = (HEADER.format(cat=cat, n=len(rows)) + body).encode("utf-8")
    written["lemmas.tsv"] = (
        "# presslens lemma table for the stance-cue lexicons: form<TAB>lemma, "
        f"{len(lemmas)} rows.\n"
        "# A token whose lower-cased form (curly apostrophes folded) is not listed is its own lemma.\n"
        f"# From spacy-lookups-data {version} (en_lemma_lookup; MIT, English data WordNet 3.0 licence),\n"
        "# restricted to lemmas used in the lexicons, with presslens corrections and regular\n"
        "# inflections for words the table lacks. Generated by `python -m presslens.lexicons build`.\n"
        + "".join(f"{f}\t{l}\n" for f, l in lemmas)).encode("utf-8")

    lic_dir = out / "LICENSES"
    lic_dir.mkdir(exist_ok=True)
    for d, name, target in LICENSE_COPIES:
        written[f"LICENSES/{target}"] = reader.bytes(d, name)
    if lic_path != Path():
        written["LICENSES/spacy-lookups-data-MIT.txt"] = lic_path.read_bytes()
    wn = table_path.parent / "en_license.txt"
    if wn.exists():
        written["LICENSES/wordnet-3.0.txt"] = wn.read_bytes()
    for notice in sorted(NOTICES_DIR.glob("*.txt")):   # notices written for presslens (CC BY, PDDL)
        written[f"LICENSES/{notice.name}"] = notice.read_bytes()

    inputs = []
    for rel in sorted(set(reader.read)):
        d, name = rel.split("/", 1)
        repo, path, commit = reader.origin[(d, name)]
        inputs.append({"file": rel, "sha256": reader.sha[(d, name)], "source_repo": repo,
                       "source_path": path, "commit": commit})
    curated = [{"file": f"presslens/data/curated_cues/{p.name}",
                "sha256": hashlib.sha256(p.read_bytes()).hexdigest()}
               for p in sorted(CURATED_DIR.glob("*.tsv"))]
    stats = {
        "builder": "python -m presslens.lexicons build",
        "inputs": inputs,
        "curated": curated,
        "lemma_source": {"package": "spacy-lookups-data", "version": version, "table": LOOKUPS_TABLE,
                         "sha256": hashlib.sha256(table_bytes).hexdigest(),
                         "licence": "MIT (package); English lemma data: WordNet 3.0 licence"},
        "rows": counts,
        "rows_total": sum(counts.values()),
        "lemma_rows": len(lemmas),
        "kept_as_own_lemma": len(keep),
        "malformed_entries_skipped": dict(sorted(col.dropped.items())),
        "upstream_entries_excluded": n_excluded,
    }
    written["sources.json"] = (json.dumps(stats, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
    for rel, data in written.items():
        (out / rel).write_bytes(data)
    stats["files"] = sorted(written)
    return stats


# --- reading the shipped files ------------------------------------------------------

def read_lexicon_dir(path: Path = DEFAULT_OUT) -> List[Tuple[str, str, int, float, str]]:
    """Rows ``(phrase, category, polarity, strength, source)`` of every ``<category>.tsv``.

    The optional sixth column, the use gate, is checked but not returned: see
    :func:`read_uses`.
    """
    rows = []
    for cat in CATEGORIES:
        f = Path(path) / f"{cat}.tsv"
        for n, line in enumerate(f.read_text(encoding="utf-8").split("\n"), 1):
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) not in (5, 6) or parts[1] != cat or parts[2] not in _POL:
                raise ValueError(f"{f}:{n}: bad row {line!r}")
            if len(parts) == 6 and (not parts[5] or parse_use(parts[5]) != parts[5]):
                raise ValueError(f"{f}:{n}: bad use {parts[5]!r}")
            rows.append((parts[0], parts[1], _POL[parts[2]], float(parts[3]), parts[4]))
    return rows


def read_uses(path: Path = DEFAULT_OUT) -> Dict[Tuple[str, str], str]:
    """The use gate of every gated row, ``{(phrase, category): use}``."""
    out = {}
    for cat in CATEGORIES:
        for line in (Path(path) / f"{cat}.tsv").read_text(encoding="utf-8").split("\n"):
            parts = line.split("\t")
            if line and not line.startswith("#") and len(parts) == 6:
                out[(parts[0], cat)] = parts[5]
    return out


def read_lemmas(path: Path = DEFAULT_OUT) -> Dict[str, str]:
    out = {}
    for line in (Path(path) / "lemmas.tsv").read_text(encoding="utf-8").split("\n"):
        if line and not line.startswith("#"):
            form, lemma = line.split("\t")
            out[form] = lemma
    return out


# --- command line -------------------------------------------------------------------

def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m presslens.lexicons", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="build the shipped stance-cue lexicons")
    b.add_argument("--shared", type=Path, required=True, help="the shared data directory (../shared)")
    b.add_argument("--out", type=Path, default=DEFAULT_OUT)
    b.add_argument("--lookups", type=Path, help="en_lemma_lookup.json.gz or its directory "
                   "(default: the installed spacy-lookups-data package)")
    a = ap.parse_args(argv)
    stats = build(a.shared, a.out, a.lookups)
    print(json.dumps({k: stats[k] for k in ("rows", "rows_total", "lemma_rows")}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
