"""Corpora as pandas tables: :func:`analyze_frame`.

    tables = presslens.analyze_frame(df, text="text", id="id")
    tables.entities.groupby("label").size()
    tables.write_parquet("out/")

Every table has a ``doc_id`` column holding the input's id, so tables join
with each other and with the input frame.
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Dict, List, Optional, Union

from .doc import _COLUMNS
from .language import Language, _as_str, load

__all__ = ["analyze_frame", "Tables"]


@dataclass
class Tables:
    """Results for a corpus, one DataFrame per kind of item, keyed by ``doc_id``.

    ``documents`` has one row per analysed document (sizes and counts);
    ``errors`` one row per input record that could not be analysed, with the
    reason, so that nothing is dropped silently. A column's dtype does not
    depend on the data: offsets, counts and indexes are int64, text is pandas'
    string dtype (object before pandas 3), ``doc_id`` keeps the input's id dtype.
    """

    documents: Any
    sentences: Any
    entities: Any
    clusters: Any
    quotes: Any
    cues: Any
    errors: Any
    NAMES: ClassVar[tuple] = ("documents", "sentences", "entities", "clusters", "quotes", "cues",
                              "errors")

    def __iter__(self):
        return iter((n, getattr(self, n)) for n in self.NAMES)

    def write_parquet(self, directory: Union[str, Path]) -> Dict[str, Path]:
        """Write each table to ``directory/<name>.parquet`` (needs pyarrow); returns the paths.

        Each file is written to a temporary name and renamed, so a reader
        never sees a half-written file.
        """
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        paths = {}
        for name, frame in self:
            path = out / f"{name}.parquet"
            tmp = out / f".{name}.parquet.tmp"
            frame.to_parquet(tmp, index=False)
            if path.is_dir():            # a dataset from presslens.dask's write_parquet
                shutil.rmtree(path)
            tmp.replace(path)
            paths[name] = path
        return paths


def analyze_frame(
    df: Any,
    text: str = "text",
    id: str = "id",
    n_threads: int = 0,
    progress: bool = True,
    nlp: Optional[Language] = None,
    batch_size: int = 256,
) -> Tables:
    """Analyse every row of a pandas DataFrame and return :class:`Tables`.

    ``text`` and ``id`` name the columns holding the article text and its id
    (ids must be unique). Rows whose text is missing, not text, or not valid
    UTF-8 go to ``tables.errors`` with the reason; the rest are analysed on
    ``n_threads`` threads (0 = all cores). ``progress`` shows a tqdm bar.
    """
    import pandas as pd

    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"analyze_frame takes a pandas DataFrame, not {type(df).__name__}")
    for col, role in ((text, "text"), (id, "id")):
        if col not in df.columns:
            raise KeyError(f"no column {col!r} for the {role} (columns: {list(df.columns)})")
    ids = df[id].tolist()
    id_dtype = df[id].dtype
    if len(set(map(repr, ids))) != len(ids):
        raise ValueError(f"column {id!r} holds duplicate ids; analyze_frame needs unique ids")
    nlp = nlp or load()

    good: List[tuple] = []
    errors: List[dict] = []
    for i, (doc_id, value) in enumerate(zip(ids, df[text].tolist())):
        # The error names the problem; doc_id names the record (a position
        # would mean nothing once a corpus is split into partitions).
        try:
            if value is None or value is pd.NA or (isinstance(value, float) and value != value):
                raise TypeError("text is missing")
            try:
                value = _as_str(value, i)
            except (TypeError, ValueError) as err:
                raise type(err)(str(err).removeprefix(f"record {i}: ")) from None
            if not value.isascii():
                try:
                    value.encode("utf-8")
                except UnicodeEncodeError as err:
                    raise ValueError(f"text contains a lone surrogate at index {err.start}") from None
            good.append((value, doc_id))
        except (TypeError, ValueError) as err:
            errors.append({"doc_id": doc_id, "error": str(err)})

    bar = None
    if progress:
        try:
            from tqdm.auto import tqdm
            bar = tqdm(total=len(ids), unit="doc", desc="presslens")
            bar.update(len(errors))
        except ImportError:
            bar = None
    rows: Dict[str, List[dict]] = {"documents": [], "sentences": [], "entities": [], "clusters": [],
                                   "quotes": [], "cues": []}
    for doc, doc_id in nlp.pipe(good, batch_size=batch_size, n_threads=n_threads, as_tuples=True):
        d = doc.to_dict()
        rows["documents"].append({
            "doc_id": doc_id, "n_chars": len(doc.text), "n_tokens": len(doc),
            "n_sentences": len(d["sentences"]), "n_paragraphs": len(d["paragraphs"]),
            "n_entities": len(d["entities"]), "n_clusters": len(d["clusters"]),
            "n_quotes": len(d["quotes"]), "n_cues": len(d["cues"]),
        })
        for name in ("sentences", "entities", "clusters", "cues"):
            rows[name].extend({"doc_id": doc_id, **r} for r in d[name])
        # The sourcing chain as text: "New York Times | persons familiar with the matter".
        rows["quotes"].extend({"doc_id": doc_id, **q, "sources": " | ".join(s["text"] for s in q["sources"])}
                              for q in d["quotes"])
        if bar is not None:
            bar.update(1)
    if bar is not None:
        bar.close()
    if errors and progress:
        print(f"presslens: {len(errors)} of {len(ids)} records could not be analysed; "
              "see tables.errors", file=sys.stderr)
    frames = {name: _table(name, r, id_dtype) for name, r in rows.items()}
    return Tables(errors=_table("errors", errors, id_dtype), **frames)


#: The columns of each table, in order. Columns in _INT_COLUMNS hold int64,
#: ``doc_id`` keeps the input's id dtype, the rest hold text.
_TABLE_COLUMNS: Dict[str, List[str]] = {
    "documents": ["doc_id", "n_chars", "n_tokens", "n_sentences", "n_paragraphs",
                  "n_entities", "n_clusters", "n_quotes", "n_cues"],
    **{k: ["doc_id"] + v for k, v in _COLUMNS.items()},
    "errors": ["doc_id", "error"],
}
_INT_COLUMNS = frozenset({"n_chars", "n_tokens", "n_sentences", "n_paragraphs", "n_entities",
                          "n_clusters", "n_quotes", "n_cues", "start", "end", "cluster", "id",
                          "mentions", "paragraph", "polarity"})
# Indexes that may be missing (no speaker resolved, no target): pandas' nullable Int64.
_NULLABLE_INT_COLUMNS = frozenset({"speaker_cluster", "target_cluster"})
_OTHER_DTYPES = {"strength": "float64", "negated": "bool"}


def _dtypes(name: str, id_dtype: Any) -> Dict[str, Any]:
    import pandas as pd

    # The dtype pandas itself gives a column of str (object before pandas 3),
    # so a table's dtypes do not depend on whether it happens to be empty or
    # whether any of its optional values (an entity's title) are present.
    text_dtype = pd.Series(["x"]).dtype
    def dtype(c: str) -> Any:
        if c == "doc_id":
            return id_dtype
        if c in _INT_COLUMNS:
            return "int64"
        if c in _NULLABLE_INT_COLUMNS:
            return "Int64"
        return _OTHER_DTYPES.get(c, text_dtype)

    return {c: dtype(c) for c in _TABLE_COLUMNS[name]}


def _table(name: str, rows: List[dict], id_dtype: Any) -> Any:
    """Table ``name`` from row dicts, with the same dtypes whatever the rows hold."""
    import pandas as pd

    frame = pd.DataFrame(rows, columns=_TABLE_COLUMNS[name])
    return frame.astype(_dtypes(name, id_dtype))
