"""The pipeline object returned by :func:`presslens.load`."""

from __future__ import annotations

import itertools
import json
import os
from pathlib import Path
from typing import Any, Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

from . import _core
from .doc import Doc
from .lexicons import parse_use

__all__ = ["Language", "load", "DEFAULT_MODEL"]

#: The model directory shipped inside the package.
DEFAULT_MODEL = Path(__file__).resolve().parent / "models" / "en_news"


def _as_str(item: Any, i: int) -> str:
    """The text of record ``i`` of a batch, as str."""
    if isinstance(item, str):
        return item
    if isinstance(item, (bytes, bytearray, memoryview)):
        data = bytes(item)
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as err:
            raise ValueError(f"record {i}: invalid UTF-8 at byte offset {err.start} "
                             f"(byte 0x{data[err.start]:02x})") from None
    raise TypeError(f"record {i}: presslens analyses str or UTF-8 bytes, not {type(item).__name__}")


def _surrogate_error(text: str, err: UnicodeEncodeError) -> ValueError:
    return ValueError(
        f"text contains a lone surrogate {text[err.start]!r} at index {err.start}; "
        "it is not a character: repair the text, e.g. "
        "text.encode('utf-8', 'replace').decode('utf-8')"
    )


class Language:
    """An English news pipeline. Call it on a text to get a :class:`Doc`.

    Loading reads the model directory once; the object is immutable
    afterwards and may be shared by threads. It pickles by its model path,
    not by memory dump.
    """

    __slots__ = ("_core", "_model_dir", "_patterns", "_compiled", "_cues", "_cue_replace")

    def __init__(self, model_dir: Union[str, os.PathLike] = DEFAULT_MODEL) -> None:
        if not isinstance(model_dir, (str, os.PathLike)):
            raise TypeError(f"model_dir must be a path, not {type(model_dir).__name__}")
        path = Path(model_dir)
        if not path.is_dir():
            raise FileNotFoundError(f"presslens model directory not found: {path}")
        self._model_dir = path
        self._core = _core.Pipeline(str(path))
        self._patterns: List[Tuple[str, str, bool, str]] = []
        self._compiled: Optional[_core.EntityPatterns] = None
        self._cues: List[Tuple[str, str, int, float]] = []
        self._cue_replace: List[str] = []

    @property
    def model_dir(self) -> Path:
        """The directory the pipeline was loaded from."""
        return self._model_dir

    def __call__(self, text: Union[str, bytes]) -> Doc:
        """Analyse ``text`` (a ``str``, or UTF-8 ``bytes``) and return a :class:`Doc`.

        Raises ``TypeError`` for other types and ``ValueError`` for bytes that
        are not UTF-8 (naming the byte offset) or a str holding lone surrogates.
        The GIL is released while the core works.
        """
        patterns = self._compiled
        if isinstance(text, str):
            try:
                return Doc(self._core.analyze(text, patterns))
            except UnicodeEncodeError as err:
                raise _surrogate_error(text, err) from None
        if isinstance(text, (bytes, bytearray, memoryview)):
            return Doc(self._core.analyze_bytes(bytes(text), patterns))
        raise TypeError(f"presslens analyses str or UTF-8 bytes, not {type(text).__name__}")

    def pipe(
        self,
        texts: Iterable[Any],
        batch_size: int = 256,
        n_threads: int = 1,
        as_tuples: bool = False,
    ) -> Iterator[Any]:
        """Analyse a stream of texts; yields :class:`Doc` objects in input order.

        Texts are read lazily, ``batch_size`` at a time, and each batch runs on
        ``n_threads`` C++ threads (0 = all cores) with the GIL released. With
        ``as_tuples=True`` the items are ``(text, context)`` pairs and
        ``(doc, context)`` pairs come back. Items must be ``str`` or UTF-8
        ``bytes``: anything else raises ``TypeError`` and bad bytes or lone
        surrogates raise ``ValueError``, both naming the item's position.
        """
        if isinstance(texts, (str, bytes)):
            raise TypeError("pipe() takes an iterable of texts, not a single text: use nlp(text)")
        if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size < 1:
            raise ValueError(f"batch_size must be a positive int, got {batch_size!r}")
        if not isinstance(n_threads, int) or isinstance(n_threads, bool) or n_threads < 0:
            raise ValueError(f"n_threads must be an int >= 0 (0 = all cores), got {n_threads!r}")
        threads = n_threads or os.cpu_count() or 1
        return self._pipe(iter(texts), batch_size, threads, as_tuples)

    def _pipe(self, it: Iterator[Any], batch_size: int, threads: int, as_tuples: bool) -> Iterator[Any]:
        position = 0
        while True:
            batch = list(itertools.islice(it, batch_size))
            if not batch:
                return
            contexts: List[Any] = []
            texts: List[str] = []
            for k, item in enumerate(batch):
                i = position + k
                if as_tuples:
                    if not isinstance(item, tuple) or len(item) != 2:
                        raise TypeError(f"record {i}: with as_tuples=True items must be (text, context) pairs")
                    item, context = item
                    contexts.append(context)
                texts.append(_as_str(item, i))
            docs = [Doc(d) for d in self._core.analyze_batch(texts, threads, self._compiled, position)]
            position += len(batch)
            if as_tuples:
                yield from zip(docs, contexts)
            else:
                yield from docs

    def add_entity_patterns(self, patterns: Iterable[Union[Mapping[str, object], Sequence[object]]]) -> None:
        """Add entity patterns that take precedence over the model.

        Each pattern is a mapping with ``pattern`` (the phrase) and ``label``,
        and optionally ``case_insensitive`` (default False) and ``canonical``
        (the name its cluster should carry), or a tuple in that order::

            nlp.add_entity_patterns([
                {"label": "ORG", "pattern": "Harbour City Council"},
                {"label": "PARTY", "pattern": "greens", "case_insensitive": True,
                 "canonical": "Green Party"},
            ])

        A match replaces every model mention it overlaps. Where matches
        overlap, the longest wins, then the leftmost; an exact pattern beats a
        case-insensitive one on the same words. Labels may be new ones.
        Documents made earlier are not changed. Errors name the pattern's
        position in ``patterns``; nothing is added if any pattern is invalid.
        """
        self._add((f"entity pattern {i}", p) for i, p in enumerate(patterns))

    def add_entity_patterns_from_file(self, path: Union[str, os.PathLike]) -> None:
        """Add entity patterns from a JSONL file (one mapping per line, as for
        :meth:`add_entity_patterns`) or a TSV file (``pattern<TAB>label`` and
        optional ``case_insensitive`` (true/false) and ``canonical`` columns).
        Blank lines and lines starting with ``#`` are skipped; errors name
        ``file:line``, and nothing is added if any line is invalid."""
        p = Path(path)
        if not p.is_file():
            raise FileNotFoundError(f"entity pattern file not found: {p}")
        rows: list = []
        with p.open(encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                line = line.rstrip("\n").rstrip("\r")
                if not line.strip() or line.startswith("#"):
                    continue
                where = f"{p}:{n}"
                if p.suffix == ".jsonl":
                    try:
                        rows.append((where, json.loads(line)))
                    except json.JSONDecodeError as err:
                        raise ValueError(f"{where}: not JSON: {err}") from None
                else:
                    cols = line.split("\t")
                    if not 2 <= len(cols) <= 4:
                        raise ValueError(f"{where}: expected pattern<TAB>label"
                                         "[<TAB>case_insensitive[<TAB>canonical]], "
                                         f"got {len(cols)} columns")
                    flag = cols[2].strip().lower() if len(cols) > 2 else ""
                    if flag not in ("", "1", "true", "yes", "0", "false", "no"):
                        raise ValueError(f"{where}: case_insensitive is true/false (1/0, yes/no), "
                                         f"not {cols[2]!r}")
                    ci = flag in ("1", "true", "yes")
                    rows.append((where, (cols[0], cols[1], ci, cols[3] if len(cols) > 3 else "")))
        self._add(rows)

    def _add(self, patterns: Iterable[Tuple[str, Any]]) -> None:
        """Validates (where, pattern) pairs, then compiles them after the
        patterns added so far; errors start with ``where``."""
        rows = list(self._patterns)
        for where, p in patterns:
            rows.append(self._pattern_row(where, p))
        compiled = _core.EntityPatterns(self._core, rows)
        self._patterns, self._compiled = rows, compiled

    def _pattern_row(self, where: str, p: Any) -> Tuple[str, str, bool, str]:
        if isinstance(p, Mapping):
            unknown = set(p) - {"pattern", "label", "case_insensitive", "canonical"}
            if unknown:
                raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
            fields = (p.get("pattern"), p.get("label"), p.get("case_insensitive", False),
                      p.get("canonical") or "")
        elif isinstance(p, (tuple, list)) and 2 <= len(p) <= 4:
            fields = (tuple(p) + (False, ""))[:4] if len(p) == 2 else (tuple(p) + ("",))[:4]
        else:
            raise TypeError(f"{where}: expected a dict or a (pattern, label[, "
                            f"case_insensitive[, canonical]]) tuple, not {type(p).__name__}")
        phrase, label, ci, canonical = fields
        if not isinstance(phrase, str) or not phrase.strip():
            raise ValueError(f"{where}: 'pattern' must be a non-empty str")
        if not isinstance(label, str) or not label.strip():
            raise ValueError(f"{where}: 'label' must be a non-empty str")
        if not isinstance(ci, bool):
            raise TypeError(f"{where}: 'case_insensitive' must be a bool")
        if not isinstance(canonical, str):
            raise TypeError(f"{where}: 'canonical' must be a str")
        for key, value in (("pattern", phrase), ("label", label), ("canonical", canonical)):
            if value.isascii():
                continue
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as err:
                raise ValueError(f"{where}: '{key}' contains a lone surrogate "
                                 f"{value[err.start]!r} at index {err.start}, which is not "
                                 "a character") from None
        try:
            _core.EntityPatterns.check(self._core, phrase, label)
        except ValueError as err:
            raise ValueError(f"{where}: {err}") from None
        return (phrase, label, ci, canonical)

    @property
    def entity_patterns(self) -> List[Tuple[str, str, bool, str]]:
        """The patterns added so far, as (pattern, label, case_insensitive, canonical)."""
        return list(self._patterns)

    def __repr__(self) -> str:
        return f"<presslens.Language model_dir={str(self._model_dir)!r}>"

    # --- stance cues ------------------------------------------------------------

    @property
    def cue_categories(self) -> List[str]:
        """The stance-cue categories of the lexicon (hedge, booster, loaded, …)."""
        return list(self._core.cue_categories)

    @property
    def cues(self) -> List[Tuple[str, str, int, float, str]]:
        """The cues added so far, as (phrase, category, polarity, strength, use);
        use is "" for a cue that counts in any use."""
        return list(self._cues)

    def add_cues(self, cues: Iterable[Union[Mapping[str, object], Sequence[object]]],
                 replace: Iterable[str] = ()) -> None:
        """Add stance cues to the lexicon (they win over the shipped entries).

        Each cue is a mapping ``{"phrase": "rogue state", "category": "loaded",
        "polarity": -1, "strength": 0.8}`` or a tuple ``(phrase, category[,
        polarity[, strength[, use]]])``. ``polarity`` is -1, 0 or 1 (or "-",
        "0", "+"; default 0) and ``strength`` in (0, 1] (default 0.7). Phrases
        are matched by lemma, so "cripple" also finds "crippled" and
        "crippling". ``use`` (default none) limits a word with several senses
        to the use where it is a cue, as the shipped lists do: ``"noun"``
        ("his lies", not "lies in ruins"), ``"verb"`` ("they trumpeted", not
        "a trumpet") or ``"not_locative"`` (not when a word of place follows),
        several joined by commas; ``presslens.lexicons.USES`` lists them.
        Categories named in ``replace`` lose their shipped entries first: pass
        ``replace=["loaded"]`` to use your own list of loaded words instead.
        """
        if isinstance(cues, (str, bytes)):
            raise TypeError("add_cues takes a list of cues, not a single string")
        if isinstance(replace, (str, bytes)):
            raise TypeError("replace takes a list of category names, not a single string")
        rows = list(self._cues) + [self._cue_row(f"cue {i}", c) for i, c in enumerate(cues)]
        self._set_cues(rows, list(self._cue_replace) + [str(r) for r in replace])

    def add_cues_from_file(self, path: Union[str, os.PathLike], replace: Iterable[str] = ()) -> None:
        """Add cues from a TSV file (``phrase<TAB>category[<TAB>polarity[<TAB>strength[<TAB>use]]]``,
        ``#`` comments) or a JSON-lines file (``.jsonl``, one mapping per line).
        An unusable line raises ValueError naming ``file:line``."""
        path = Path(path)
        rows = []
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                line = line.rstrip("\r\n")
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                where = f"{path}:{n}"
                if path.suffix == ".jsonl":
                    try:
                        item: Any = json.loads(line)
                    except json.JSONDecodeError as err:
                        raise ValueError(f"{where}: not JSON: {err.msg}") from None
                else:
                    item = line.split("\t")
                rows.append(self._cue_row(where, item))
        self._set_cues(list(self._cues) + rows, list(self._cue_replace) + [str(r) for r in replace])

    def _set_cues(self, rows: List[Tuple[str, str, int, float, str]], replace: List[str]) -> None:
        base = _core.Pipeline(str(self._model_dir))
        self._core = base.with_cues(rows, replace) if rows or replace else base
        self._cues, self._cue_replace = rows, replace

    @staticmethod
    def _cue_row(where: str, c: Any) -> Tuple[str, str, int, float, str]:
        if isinstance(c, Mapping):
            unknown = set(c) - {"phrase", "pattern", "category", "polarity", "strength", "use"}
            if unknown:
                raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
            phrase = c.get("phrase", c.get("pattern"))
            category, polarity, strength = c.get("category"), c.get("polarity", 0), c.get("strength", 0.7)
            use = c.get("use", "")
        elif isinstance(c, Sequence) and not isinstance(c, (str, bytes)) and 2 <= len(c) <= 5:
            phrase, category = c[0], c[1]
            polarity = c[2] if len(c) > 2 else 0
            strength = c[3] if len(c) > 3 else 0.7
            use = c[4] if len(c) > 4 else ""
        else:
            raise ValueError(f"{where}: a cue is a mapping or (phrase, category[, polarity[, strength[, use]]])")
        if not isinstance(phrase, str) or not phrase.strip():
            raise ValueError(f"{where}: the phrase must be a non-empty string")
        if not isinstance(category, str) or not category.strip():
            raise ValueError(f"{where}: the category must be a non-empty string")
        polarity = {"-": -1, "0": 0, "+": 1, "-1": -1, "1": 1}.get(polarity, polarity) \
            if isinstance(polarity, str) else polarity
        if isinstance(polarity, bool) or polarity not in (-1, 0, 1):
            raise ValueError(f"{where}: polarity must be -1, 0 or 1 (or '-', '0', '+'), not {polarity!r}")
        try:
            strength = float(strength)
        except (TypeError, ValueError):
            raise ValueError(f"{where}: strength must be a number in (0, 1], not {strength!r}") from None
        if not 0.0 < strength <= 1.0:
            raise ValueError(f"{where}: strength must be in (0, 1], not {strength}")
        if use is None:
            use = ""
        if not isinstance(use, str):
            raise ValueError(f"{where}: use must be a string such as 'noun', not {use!r}")
        try:
            use = parse_use(use.strip())
        except ValueError as err:
            raise ValueError(f"{where}: {err}") from None
        return (phrase, category.strip(), int(polarity), strength, use)

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (_rebuild, (str(self._model_dir), list(self._patterns), list(self._cues),
                           list(self._cue_replace)))


def _rebuild(model_dir: str, patterns: list, cues: list = (), replace: list = ()) -> "Language":
    nlp = Language(model_dir)
    if patterns:
        nlp.add_entity_patterns(patterns)
    if cues or replace:
        nlp._set_cues([tuple(c) for c in cues], list(replace))
    return nlp


def load(model: Union[str, os.PathLike, None] = None) -> Language:
    """Load a pipeline: the shipped English news model by default, or the
    model directory ``model``. Nothing is downloaded."""
    return Language(DEFAULT_MODEL if model is None else model)
