"""Document objects: :class:`Doc`, :class:`Span` and :class:`Token`.

Every offset is a Python ``str`` index into ``Doc.text``, so
``doc.text[span.start:span.end] == span.text`` holds for every span.
Token objects are made on demand: a ``Doc`` keeps compact arrays, not one
Python object per token.
"""

from __future__ import annotations

import json
import pickle
from array import array
from typing import Iterator, List, Sequence, overload

from . import _core

__all__ = ["Doc", "Span", "Token", "Entity", "Cluster", "Quote", "Source", "Cue", "TOKEN_KINDS"]

_COLUMNS = {
    "sentences": ["start", "end", "text"],
    "entities": ["start", "end", "text", "label", "cluster", "title"],
    "clusters": ["id", "label", "canonical", "mentions"],
    "quotes": ["start", "end", "text", "kind", "speaker", "speaker_canonical", "speaker_type",
               "speaker_cluster", "cue", "cue_lemma", "cue_category", "sources", "paragraph"],
    "scare_quotes": ["start", "end", "text", "paragraph"],
    "cues": ["start", "end", "text", "category", "family", "polarity", "strength", "negated",
             "voice", "speaker_canonical", "target", "target_cluster"],
}

#: Cue categories grouped the way stance is usually counted. ``framing``: the
#: writer's choice of words and marks that cast someone in a light (loaded and
#: evaluative words, scare quotes, a reporting verb with a connotation:
#: `claimed`, `slammed`); ``epistemic``: how sure the text is (hedges,
#: boosters, factive and assertive verbs); ``attribution``: neutral reporting
#: verbs (`said`, `told`); ``negation``. Categories of your own are ``other``.
CUE_FAMILIES = {
    "framing": ("loaded", "evaluative", "subjective", "affect", "delegitimizing", "figurative",
                "euphemism", "scare_quote", "scare_quote_cue"),
    "epistemic": ("hedge", "booster", "intensifier", "factive", "assertive"),
    "attribution": ("reporting",),
    "negation": ("negation",),
}
_FAMILY_OF = {c: f for f, cs in CUE_FAMILIES.items() for c in cs}


def cue_family(category: str, polarity: int = 0) -> str:
    """The family of a cue category (see ``CUE_FAMILIES``); a reporting verb
    with a polarity (`claimed`, `hailed`) is framing, a neutral one attribution."""
    if category == "reporting" and polarity != 0:
        return "framing"
    return _FAMILY_OF.get(category, "other")


#: Token kinds, indexed by the core's kind code.
TOKEN_KINDS = ("word", "number", "punct", "symbol")
_FLAGS = dict(_core.TOKEN_FLAGS)


class Span:
    """A stretch of a document: ``start`` and ``end`` are ``str`` indexes."""

    __slots__ = ("start", "end", "text", "label")

    def __init__(self, start: int, end: int, text: str, label: str = "") -> None:
        self.start = start
        self.end = end
        self.text = text
        self.label = label

    def __repr__(self) -> str:
        label = f", label={self.label!r}" if self.label else ""
        return f"Span(start={self.start}, end={self.end}, text={self.text!r}{label})"

    def __len__(self) -> int:
        return self.end - self.start

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Span):
            return NotImplemented
        return (self.start, self.end, self.text, self.label) == (
            other.start, other.end, other.text, other.label)

    def __hash__(self) -> int:
        return hash((self.start, self.end, self.text, self.label))


class Entity(Span):
    """A mention of a named entity or numeric expression.

    ``label`` is an OntoNotes type (PERSON, ORG, GPE, LOC, NORP, EVENT, LAW,
    DATE, MONEY, PERCENT, QUANTITY); ``cluster`` the index of its
    :class:`Cluster` in ``doc.clusters``; ``title`` a leading title trimmed off
    a person's name ("President"), else None. ``token_start``/``token_end``
    are token indexes.
    """

    __slots__ = ("cluster", "title", "token_start", "token_end")

    def __init__(self, start: int, end: int, text: str, label: str, cluster: int,
                 title: "Span | None" = None, token_start: int = 0, token_end: int = 0) -> None:
        super().__init__(start, end, text, label)
        self.cluster = cluster
        self.title = title
        self.token_start = token_start
        self.token_end = token_end

    def __repr__(self) -> str:
        title = f", title={self.title.text!r}" if self.title else ""
        return (f"Entity(start={self.start}, end={self.end}, text={self.text!r}, "
                f"label={self.label!r}, cluster={self.cluster}{title})")


class Cluster:
    """Mentions of one entity: ``canonical`` is the name they are filed under."""

    __slots__ = ("id", "label", "canonical", "mentions")

    def __init__(self, id: int, label: str, canonical: str, mentions: List[Entity]) -> None:
        self.id = id
        self.label = label
        self.canonical = canonical
        self.mentions = mentions

    def __repr__(self) -> str:
        return f"Cluster(id={self.id}, label={self.label!r}, canonical={self.canonical!r}, mentions={len(self.mentions)})"

    def __len__(self) -> int:
        return len(self.mentions)


class Source(Span):
    """Who a quote comes from, as the text names them ("he", "officials").

    ``type`` is one of person, organization, media, anonymous, unknown;
    ``cluster`` the index of the entity cluster it resolves to (None if
    none) and ``canonical`` that cluster's name.
    """

    __slots__ = ("type", "cluster", "canonical")

    def __init__(self, start: int, end: int, text: str, type: str, cluster: "int | None",
                 canonical: "str | None") -> None:
        super().__init__(start, end, text)
        self.type = type
        self.cluster = cluster
        self.canonical = canonical

    def __repr__(self) -> str:
        return f"Source({self.text!r}, type={self.type!r}, canonical={self.canonical!r})"


class Quote(Span):
    """Something someone said, as the text reports it.

    ``start``/``end``/``text`` are the quoted content without its quote marks.
    ``kind`` is ``direct`` (quoted sentences), ``partial`` (a quoted fragment in
    the writer's sentence) or ``indirect`` (reported speech). ``speaker`` and
    ``cue`` are :class:`Span` objects or None; ``speaker_canonical`` is the
    name of the entity the speaker resolves to ("he" → "Nicolas Maduro");
    ``speaker_type`` is person, organization, media, anonymous or unknown;
    ``cue_lemma``/``cue_category`` describe the reporting verb (say/neutral,
    claim/assertive, …); ``sources`` is the sourcing chain, speaker first
    ("the New York Times", then "persons said to be familiar with the matter").
    """

    __slots__ = ("kind", "speaker", "speaker_canonical", "speaker_type", "speaker_cluster",
                 "cue", "cue_lemma", "cue_category", "sources", "paragraph")

    def __init__(self, kind: str, start: int, end: int, text: str, speaker: "Span | None",
                 speaker_canonical: "str | None", speaker_type: str, speaker_cluster: "int | None",
                 cue: "Span | None", cue_lemma: "str | None", cue_category: "str | None",
                 sources: "List[Source]", paragraph: int) -> None:
        super().__init__(start, end, text)
        self.kind = kind
        self.speaker = speaker
        self.speaker_canonical = speaker_canonical
        self.speaker_type = speaker_type
        self.speaker_cluster = speaker_cluster
        self.cue = cue
        self.cue_lemma = cue_lemma
        self.cue_category = cue_category
        self.sources = sources
        self.paragraph = paragraph

    def __repr__(self) -> str:
        text = self.text if len(self.text) <= 50 else self.text[:49] + "…"
        who = self.speaker_canonical or (self.speaker.text if self.speaker else None)
        cue = self.cue.text if self.cue else None
        return f"Quote({self.kind}, {text!r}, speaker={who!r}, cue={cue!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Quote):
            return NotImplemented
        return (self.kind, self.start, self.end, self.speaker, self.cue) == (
            other.kind, other.start, other.end, other.speaker, other.cue)

    def __hash__(self) -> int:
        return hash((self.kind, self.start, self.end))

    def to_dict(self) -> dict:
        """The quote as a dict of plain values (the columns of the ``quotes`` table)."""
        return {
            "start": self.start, "end": self.end, "text": self.text, "kind": self.kind,
            "speaker": self.speaker.text if self.speaker else None,
            "speaker_canonical": self.speaker_canonical, "speaker_type": self.speaker_type,
            "speaker_cluster": self.speaker_cluster,
            "cue": self.cue.text if self.cue else None, "cue_lemma": self.cue_lemma,
            "cue_category": self.cue_category,
            "sources": [{"text": s.text, "type": s.type, "canonical": s.canonical}
                        for s in self.sources],
            "paragraph": self.paragraph,
        }


class Cue(Span):
    """A word or phrase that shows stance (``label`` is its category).

    ``category``: hedge, booster, loaded, evaluative, subjective, affect,
    factive, assertive, reporting, intensifier, negation, delegitimizing,
    euphemism, figurative, scare_quote_cue, scare_quote, or one of your own.
    ``polarity`` is -1, 0 or 1 after negation (``negated`` says a negation in
    scope flipped it); ``strength`` in (0, 1]. ``voice`` is ``author`` or
    ``quoted``; for quoted cues ``speaker_canonical`` names the speaker and
    ``quote`` is the index of the quote in ``doc.quotes``. ``target`` is the
    canonical name of the entity the cue is about (``target_cluster`` its
    index in ``doc.clusters``), or None.
    """

    __slots__ = ("category", "polarity", "strength", "negated", "voice", "speaker_canonical",
                 "quote", "target", "target_cluster")

    def __init__(self, start: int, end: int, text: str, category: str, polarity: int,
                 strength: float, negated: bool, voice: str, speaker_canonical: "str | None",
                 quote: "int | None", target: "str | None", target_cluster: "int | None") -> None:
        super().__init__(start, end, text, category)
        self.category = category
        self.polarity = polarity
        self.strength = strength
        self.negated = negated
        self.voice = voice
        self.speaker_canonical = speaker_canonical
        self.quote = quote
        self.target = target
        self.target_cluster = target_cluster

    def __repr__(self) -> str:
        sign = "+" if self.polarity > 0 else "-" if self.polarity < 0 else "0"
        who = f", speaker={self.speaker_canonical!r}" if self.voice == "quoted" else ""
        return (f"Cue({self.text!r}, {self.category}, {sign}, voice={self.voice!r}{who}, "
                f"target={self.target!r})")

    @property
    def family(self) -> str:
        """framing, epistemic, attribution, negation or other (``cue_family``)."""
        return cue_family(self.category, self.polarity)

    def to_dict(self) -> dict:
        """The cue as a dict of plain values (the columns of the ``cues`` table)."""
        return {"start": self.start, "end": self.end, "text": self.text, "category": self.category,
                "family": self.family, "polarity": self.polarity, "strength": round(self.strength, 4),
                "negated": self.negated, "voice": self.voice,
                "speaker_canonical": self.speaker_canonical, "target": self.target,
                "target_cluster": self.target_cluster}


class Token:
    """One token: ``i`` is its index in the document, ``kind`` one of
    ``word``, ``number``, ``punct``, ``symbol``."""

    __slots__ = ("i", "start", "end", "text", "kind", "_flags")

    def __init__(self, i: int, start: int, end: int, text: str, kind: str, flags: int = 0) -> None:
        self.i = i
        self.start = start
        self.end = end
        self.text = text
        self.kind = kind
        self._flags = flags

    def __repr__(self) -> str:
        return f"Token(i={self.i}, start={self.start}, end={self.end}, text={self.text!r}, kind={self.kind!r})"

    def __len__(self) -> int:
        return self.end - self.start

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Token):
            return NotImplemented
        return (self.i, self.start, self.end, self.text, self.kind, self._flags) == (
            other.i, other.start, other.end, other.text, other.kind, other._flags)

    def __hash__(self) -> int:
        return hash((self.i, self.start, self.end, self.text))

    def _has(self, name: str) -> bool:
        return bool(self._flags & _FLAGS[name])

    @property
    def like_url(self) -> bool:
        """True for web addresses (``https://…``, ``www.…``)."""
        return self._has("url")

    @property
    def like_email(self) -> bool:
        """True for e-mail addresses."""
        return self._has("email")

    @property
    def is_handle(self) -> bool:
        """True for ``@handles``."""
        return self._has("handle")

    @property
    def is_hashtag(self) -> bool:
        """True for ``#hashtags``."""
        return self._has("hashtag")

    @property
    def is_quote(self) -> bool:
        """True for quotation marks, including a ``’`` that may be an apostrophe."""
        return self._has("quote")

    @property
    def is_abbreviation(self) -> bool:
        """True when the token ends in a period that belongs to it (``U.S.``, ``Gen.``)."""
        return self._has("abbreviation")

    @property
    def is_clitic(self) -> bool:
        """True for clitics split off a word (``’s``, ``n't``)."""
        return self._has("clitic")

    @property
    def space_before(self) -> bool:
        """True when white space (or the start of a paragraph) precedes the token."""
        return self._has("space_before")


class _TokenList(Sequence[Token]):
    """The tokens of a document, created when indexed."""

    __slots__ = ("_doc",)

    def __init__(self, doc: "Doc") -> None:
        self._doc = doc

    def __len__(self) -> int:
        return len(self._doc._starts)

    @overload
    def __getitem__(self, i: int) -> Token: ...
    @overload
    def __getitem__(self, i: slice) -> List[Token]: ...

    def __getitem__(self, i):  # type: ignore[no-untyped-def]
        if isinstance(i, slice):
            return [self._doc._token(k) for k in range(*i.indices(len(self)))]
        n = len(self)
        if not isinstance(i, int):
            raise TypeError(f"token indices must be integers or slices, not {type(i).__name__}")
        k = i + n if i < 0 else i
        if not 0 <= k < n:
            raise IndexError(f"token index {i} out of range for a document of {n} tokens")
        return self._doc._token(k)

    def __iter__(self) -> Iterator[Token]:
        return (self._doc._token(k) for k in range(len(self)))

    def __repr__(self) -> str:
        return f"<{len(self)} tokens>"


_STATE_VERSION = 3


class _StoredDoc:
    """The interface of ``_core.Doc`` over state restored from bytes (pickling)."""

    __slots__ = ("text", "_a", "_entities", "_clusters", "_quotes", "_scare_quotes", "_cues",
                 "_stance")

    def __init__(self, text: str, arrays: dict, entities: list, clusters: list,
                 quotes: list, scare_quotes: list, cues: list, stance: list) -> None:
        self._cues = cues
        self._stance = stance
        self.text = text
        self._a = arrays
        self._entities = entities
        self._clusters = clusters
        self._quotes = quotes
        self._scare_quotes = scare_quotes

    def token_kind(self) -> bytes:
        return bytes(self._a["token_kind"])

    def token_flags(self) -> bytes:
        return self._a["token_flags"].tobytes()

    def entities(self) -> list:
        return self._entities

    def clusters(self) -> list:
        return self._clusters

    def quotes(self) -> list:
        return self._quotes

    def scare_quotes(self) -> list:
        return self._scare_quotes

    def cues(self) -> list:
        return self._cues

    def sentence_stance(self) -> list:
        return self._stance


def _array_view(name: str):
    return lambda self: memoryview(self._a[name])


def _array_list(name: str):
    return lambda self: list(self._a[name])


# The offset arrays come back as the compiled module returns them.
for _name in ("token_start", "token_end", "sentence_start", "sentence_end",
              "paragraph_start", "paragraph_end"):
    setattr(_StoredDoc, _name, _array_view(_name))
for _name in ("sentence_tokens", "paragraph_tokens"):
    setattr(_StoredDoc, _name, _array_list(_name))


def _doc_from_state(state: tuple) -> "Doc":
    version = state[0]
    if version != _STATE_VERSION:
        raise ValueError(f"document bytes are version {version}; this presslens reads version "
                         f"{_STATE_VERSION}: analyse the text again")
    _, text, raw, entities, clusters, quotes, scare_quotes, cues, stance = state
    arrays = {}
    for name, (code, data) in raw.items():
        a = array(code)
        a.frombytes(data)
        arrays[name] = a
    return Doc(_StoredDoc(text, arrays, [tuple(e) for e in entities],
                          [(l, c, list(m)) for l, c, m in clusters],
                          [tuple(q) for q in quotes], [tuple(q) for q in scare_quotes],
                          [tuple(c) for c in cues], [tuple(x) for x in stance]))


class Doc:
    """An analysed document. Create it with ``presslens.load()(text)``.

    ``len(doc)`` is the number of tokens; ``doc[i]`` is token ``i``.
    """

    __slots__ = ("_c", "text", "_starts", "_ends", "_kinds", "_flags", "_sentences", "_paragraphs",
                 "_entities", "_clusters", "_quotes", "_scare_quotes", "_cues")

    def __init__(self, core_doc: "_core.Doc") -> None:
        self._c = core_doc
        #: The text as analysed; all offsets index into it.
        self.text: str = core_doc.text
        self._starts = core_doc.token_start()
        self._ends = core_doc.token_end()
        self._kinds = core_doc.token_kind()
        self._flags = memoryview(core_doc.token_flags()).cast("H")
        self._sentences: List[Span] | None = None
        self._paragraphs: List[Span] | None = None
        self._entities: List[Entity] | None = None
        self._clusters: List[Cluster] | None = None
        self._quotes: List[Quote] | None = None
        self._scare_quotes: List[Span] | None = None
        self._cues: List[Cue] | None = None

    def _token(self, i: int) -> Token:
        s, e = self._starts[i], self._ends[i]
        return Token(i, s, e, self.text[s:e], TOKEN_KINDS[self._kinds[i]], self._flags[i])

    def __len__(self) -> int:
        return len(self._starts)

    def __getitem__(self, i: int) -> Token:
        return self.tokens[i]

    def __iter__(self) -> Iterator[Token]:
        return iter(self.tokens)

    def __repr__(self) -> str:
        head = self.text[:40].replace("\n", " ")
        more = "…" if len(self.text) > 40 else ""
        return f"<presslens.Doc {len(self)} tokens, {len(self.sentences)} sentences: {head!r}{more}>"

    @property
    def tokens(self) -> Sequence[Token]:
        """All tokens, in text order (a lazy sequence)."""
        return _TokenList(self)

    def _spans(self, starts: memoryview, ends: memoryview) -> List[Span]:
        text = self.text
        return [Span(s, e, text[s:e]) for s, e in zip(starts, ends)]

    @property
    def sentences(self) -> List[Span]:
        """Sentences, in text order. A sentence never crosses a paragraph."""
        if self._sentences is None:
            self._sentences = self._spans(self._c.sentence_start(), self._c.sentence_end())
        return self._sentences

    @property
    def paragraphs(self) -> List[Span]:
        """Paragraphs (lines of text, trimmed; blank lines are not paragraphs)."""
        if self._paragraphs is None:
            self._paragraphs = self._spans(self._c.paragraph_start(), self._c.paragraph_end())
        return self._paragraphs

    @property
    def entities(self) -> List[Entity]:
        """Entity mentions in text order (empty when the model has no NER)."""
        if self._entities is None:
            text = self.text
            ents = []
            for s, e, label, tb, te, ts, tend, cluster in self._c.entities():
                title = Span(ts, tend, text[ts:tend]) if ts is not None else None
                ents.append(Entity(s, e, text[s:e], label, cluster, title, tb, te))
            self._entities = ents
        return self._entities

    @property
    def ents(self) -> List[Entity]:
        """Alias of :attr:`entities`, as in spaCy."""
        return self.entities

    @property
    def clusters(self) -> List[Cluster]:
        """Entities: mentions grouped under a canonical name, in order of first mention."""
        if self._clusters is None:
            ents = self.entities
            self._clusters = [Cluster(i, label, canonical, [ents[m] for m in mentions])
                              for i, (label, canonical, mentions) in enumerate(self._c.clusters())]
        return self._clusters

    def _source(self, t: "tuple | None") -> "Source | None":
        if t is None:
            return None
        s, e, kind, cluster = t
        cluster = cluster if cluster >= 0 else None
        canonical = self.clusters[cluster].canonical if cluster is not None else None
        return Source(s, e, self.text[s:e], kind, cluster, canonical)

    @property
    def quotes(self) -> List[Quote]:
        """Quotes in text order: direct, partial and indirect, with speakers and cues."""
        if self._quotes is None:
            text = self.text
            out = []
            for kind, s, e, speaker, cue, lemma, category, sources, par in self._c.quotes():
                sp = self._source(speaker)
                cue_span = Span(cue[0], cue[1], text[cue[0]:cue[1]]) if cue else None
                out.append(Quote(
                    kind, s, e, text[s:e],
                    Span(sp.start, sp.end, sp.text) if sp else None,
                    sp.canonical if sp else None,
                    sp.type if sp else "unknown",
                    sp.cluster if sp else None,
                    cue_span, lemma or None, category or None,
                    [self._source(x) for x in sources], par))
            self._quotes = out
        return self._quotes

    @property
    def scare_quotes(self) -> List[Span]:
        """Quoted words that are nobody's speech: scare quotes, titles, so-called terms."""
        if self._scare_quotes is None:
            text = self.text
            self._scare_quotes = [Span(s, e, text[s:e], "SCARE_QUOTE")
                                  for s, e, _ in self._c.scare_quotes()]
        return self._scare_quotes

    @property
    def cues(self) -> List[Cue]:
        """Stance cues in text order, each with its voice and target."""
        if self._cues is None:
            text, quotes, clusters = self.text, self.quotes, self.clusters
            out = []
            for s, e, category, polarity, strength, negated, quote, target in self._c.cues():
                q = quotes[quote] if quote >= 0 else None
                out.append(Cue(s, e, text[s:e], category, polarity, float(strength), bool(negated),
                               "quoted" if q is not None else "author",
                               (q.speaker_canonical or (q.speaker.text if q.speaker else None))
                               if q is not None else None,
                               quote if quote >= 0 else None,
                               clusters[target].canonical if target >= 0 else None,
                               target if target >= 0 else None))
            self._cues = out
        return self._cues

    @property
    def sentence_stance(self) -> List[tuple]:
        """``(subjectivity, polarity)`` per sentence: subjectivity in [0, 1] from
        the weight of opinion cues per word, polarity in [-1, 1] as the
        strength-weighted mean polarity of its polar cues (0 if none)."""
        return [(float(a), float(b)) for a, b in self._c.sentence_stance()]

    def stance_summary(self):
        """A pandas DataFrame, one row per entity cluster: mentions, cues about it
        in the author's voice (positive, negative, hedges) and in quoted voice,
        and the share of its mentions that sit inside quotes."""
        import pandas as pd

        quoted = sorted((q.start, q.end) for q in self.quotes if q.kind != "indirect")
        rows = []
        for c in self.clusters:
            row = {"cluster": c.id, "canonical": c.canonical, "label": c.label,
                   "mentions": len(c.mentions), "author_positive": 0, "author_negative": 0,
                   "author_hedge": 0, "quoted_positive": 0, "quoted_negative": 0, "quoted_hedge": 0}
            inside = sum(any(s <= m.start and m.end <= e for s, e in quoted) for m in c.mentions)
            row["quoted_mention_share"] = inside / len(c.mentions) if c.mentions else 0.0
            rows.append(row)
        for cue in self.cues:
            if cue.target_cluster is None:
                continue
            row = rows[cue.target_cluster]
            voice = "author" if cue.voice == "author" else "quoted"
            if cue.category == "hedge":
                row[f"{voice}_hedge"] += 1
            elif cue.polarity > 0:
                row[f"{voice}_positive"] += 1
            elif cue.polarity < 0:
                row[f"{voice}_negative"] += 1
        cols = ["cluster", "canonical", "label", "mentions", "author_positive", "author_negative",
                "author_hedge", "quoted_positive", "quoted_negative", "quoted_hedge",
                "quoted_mention_share"]
        return pd.DataFrame(rows, columns=cols)

    def _repr_html_(self) -> str:
        """Jupyter display: see :func:`presslens.render`."""
        from .render import render

        return render(self)

    # --- serialisation --------------------------------------------------------

    def _state(self) -> tuple:
        c = self._c
        raw = {
            "token_start": ("I", bytes(self._starts)),
            "token_end": ("I", bytes(self._ends)),
            "token_kind": ("B", bytes(self._kinds)),
            "token_flags": ("H", bytes(self._flags)),
            "sentence_start": ("I", bytes(c.sentence_start())),
            "sentence_end": ("I", bytes(c.sentence_end())),
            "sentence_tokens": ("I", array("I", c.sentence_tokens()).tobytes()),
            "paragraph_start": ("I", bytes(c.paragraph_start())),
            "paragraph_end": ("I", bytes(c.paragraph_end())),
            "paragraph_tokens": ("I", array("I", c.paragraph_tokens()).tobytes()),
        }
        return (_STATE_VERSION, self.text, raw, list(c.entities()),
                [(l, canon, list(m)) for l, canon, m in c.clusters()],
                [tuple(q) for q in c.quotes()], [tuple(q) for q in c.scare_quotes()],
                [tuple(x) for x in c.cues()], [tuple(x) for x in c.sentence_stance()])

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (_doc_from_state, (self._state(),))

    def to_bytes(self) -> bytes:
        """The document as compact bytes (text and offset arrays), for storage."""
        return pickle.dumps(self._state(), protocol=pickle.HIGHEST_PROTOCOL)

    @staticmethod
    def from_bytes(data: bytes) -> "Doc":
        """A document from :meth:`to_bytes` output. Only load bytes you trust."""
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise TypeError(f"from_bytes takes bytes, not {type(data).__name__}")
        try:
            state = pickle.loads(bytes(data))
        except Exception as err:  # pickle raises many types for damaged input
            raise ValueError(f"not presslens document bytes: {err}") from None
        if not isinstance(state, tuple) or len(state) < 2 or not isinstance(state[0], int):
            raise ValueError("not presslens document bytes")
        if state[0] == _STATE_VERSION and len(state) != 9:
            raise ValueError("not presslens document bytes")
        return _doc_from_state(state)

    def to_dict(self) -> dict:
        """Plain Python data: text, tokens, sentences, paragraphs, entities, clusters."""
        return {
            "text": self.text,
            "tokens": [{"start": t.start, "end": t.end, "text": t.text, "kind": t.kind} for t in self.tokens],
            "sentences": [{"start": s.start, "end": s.end, "text": s.text} for s in self.sentences],
            "paragraphs": [{"start": p.start, "end": p.end, "text": p.text} for p in self.paragraphs],
            "entities": [{"start": e.start, "end": e.end, "text": e.text, "label": e.label,
                          "cluster": e.cluster, "title": e.title.text if e.title else None}
                         for e in self.entities],
            "clusters": [{"id": c.id, "label": c.label, "canonical": c.canonical,
                          "mentions": len(c.mentions)} for c in self.clusters],
            "quotes": [q.to_dict() for q in self.quotes],
            "scare_quotes": [{"start": q.start, "end": q.end, "text": q.text,
                              "paragraph": self._paragraph_of(q.start)}
                             for q in self.scare_quotes],
            "cues": [c.to_dict() for c in self.cues],
        }

    def _paragraph_of(self, offset: int) -> int:
        import bisect

        starts = [p.start for p in self.paragraphs]
        return max(0, bisect.bisect_right(starts, offset) - 1)

    def to_json(self, **kwargs) -> str:
        """:meth:`to_dict` as JSON (keyword arguments go to ``json.dumps``)."""
        kwargs.setdefault("ensure_ascii", False)
        return json.dumps(self.to_dict(), **kwargs)

    def to_pandas(self, doc_id: object = None) -> dict:
        """A dict of pandas DataFrames: ``sentences``, ``entities``, ``clusters``,
        ``quotes``, ``scare_quotes``, ``cues``, one row per item, each with a ``doc_id``
        column (``doc_id`` or None)."""
        import pandas as pd

        d = self.to_dict()
        tables = {}
        for name in ("sentences", "entities", "clusters", "quotes", "scare_quotes", "cues"):
            frame = pd.DataFrame(d[name], columns=_COLUMNS[name])
            frame.insert(0, "doc_id", [doc_id] * len(frame))
            tables[name] = frame
        return tables

    def sentence_token_ranges(self) -> List[tuple]:
        """``(first_token, end_token, paragraph)`` for each sentence."""
        flat = self._c.sentence_tokens()
        return [tuple(flat[i:i + 3]) for i in range(0, len(flat), 3)]
