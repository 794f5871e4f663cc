"""Corpora beyond one process: :func:`analyze` over a Dask DataFrame or Bag.

    import dask.dataframe as dd
    import presslens.dask

    ddf = dd.read_parquet("articles/")                      # columns id, text, ...
    tables = presslens.dask.analyze(ddf, text="text", id="id")
    tables.entities.groupby("label").size().compute()       # Dask DataFrames, lazy
    local = tables.compute()                                # presslens.Tables of pandas frames

Each partition goes through :func:`presslens.analyze_frame`, so the tables
have its columns and dtypes, rows come in input order, and bad records land in
``errors`` instead of being dropped. Tasks carry the pipeline's recipe (model
directory and entity patterns), never a loaded pipeline: each worker process
loads the model the first time it needs it and keeps it for later tasks.

Needs ``pip install presslens[dask]`` (dask[dataframe]; distributed for a cluster).
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Dict, List, Optional, Tuple, Union

from .frames import Tables, _dtypes, _table, analyze_frame
from .language import DEFAULT_MODEL, Language

__all__ = ["analyze", "DaskTables"]

# A pipeline's recipe: its model directory, entity patterns, added cues and
# replaced cue categories (what it pickles by).
_Recipe = Tuple[str, Tuple[Tuple[str, str, bool, str], ...], Tuple[Tuple[str, str, int, float], ...],
                Tuple[str, ...]]

# Pipelines loaded in this process, by recipe. A worker loads each model once,
# whatever number of tasks and threads use it (a Language may be shared by threads).
_PIPELINES: Dict[_Recipe, Language] = {}
_LOCK = threading.Lock()
# How many pipelines this process has loaded for presslens.dask (the tests read it).
_loads = 0


def _recipe(nlp: Language) -> _Recipe:
    return (str(nlp.model_dir), tuple(tuple(p) for p in nlp.entity_patterns),
            tuple(tuple(c) for c in nlp.cues), tuple(nlp._cue_replace))


def _pipeline(recipe: _Recipe) -> Language:
    """The pipeline for ``recipe`` in this process, loaded on first use."""
    nlp = _PIPELINES.get(recipe)
    if nlp is None:
        with _LOCK:
            nlp = _PIPELINES.get(recipe)
            if nlp is None:
                global _loads
                model_dir, patterns, cues, replace = recipe
                nlp = Language(model_dir)
                if patterns:
                    nlp.add_entity_patterns(patterns)
                if cues or replace:
                    nlp._set_cues(list(cues), list(replace))
                _PIPELINES[recipe] = nlp
                _loads += 1
    return nlp


@dataclass
class DaskTables:
    """:class:`presslens.Tables` as lazy Dask DataFrames, keyed by ``doc_id``.

    All seven tables come from one analysis per partition. Computing them
    together (:meth:`compute`, :meth:`write_parquet`, or ``dask.compute(*...)``)
    analyses each partition once; computing them one at a time analyses it
    again for each table unless you :meth:`persist` first.
    """

    documents: Any
    sentences: Any
    entities: Any
    clusters: Any
    quotes: Any
    cues: Any
    errors: Any
    NAMES: ClassVar[tuple] = Tables.NAMES

    def __iter__(self):
        return iter((n, getattr(self, n)) for n in self.NAMES)

    def compute(self, **kwargs: Any) -> Tables:
        """Compute every table in one pass; returns :class:`presslens.Tables` of
        pandas DataFrames with a fresh ``RangeIndex``. ``kwargs`` go to ``dask.compute``."""
        import dask

        frames = dask.compute(*(frame for _, frame in self), **kwargs)
        return Tables(**{n: f.reset_index(drop=True) for n, f in zip(self.NAMES, frames)})

    def persist(self, **kwargs: Any) -> "DaskTables":
        """Analyse now and keep the tables in (cluster) memory; returns new DaskTables."""
        import dask

        return DaskTables(*dask.persist(*(frame for _, frame in self), **kwargs))

    def write_parquet(self, directory: Union[str, os.PathLike], **kwargs: Any) -> Dict[str, Path]:
        """Write each table as a Parquet dataset ``directory/<name>.parquet/`` (one file
        per partition; needs pyarrow), analysing each partition once. Returns the paths.

        Every dataset is written under a temporary name and renamed into place
        once all of them are complete, replacing any earlier output.
        ``kwargs`` go to ``dask.dataframe.to_parquet``.
        """
        import dask

        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        tmp = {name: out / f".{name}.parquet.tmp" for name in self.NAMES}
        for path in tmp.values():
            shutil.rmtree(path, ignore_errors=True)
        kwargs.setdefault("write_index", False)
        dask.compute(*(frame.to_parquet(str(tmp[name]), compute=False, **kwargs)
                       for name, frame in self))
        paths = {}
        for name in self.NAMES:
            path = out / f"{name}.parquet"
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():          # a single file from Tables.write_parquet
                path.unlink()
            tmp[name].replace(path)
            paths[name] = path
        return paths


def _frame_partition(pdf: Any, text: str, id: str, recipe: _Recipe, n_threads: int,
                     batch_size: int) -> Dict[str, Any]:
    t = analyze_frame(pdf, text=text, id=id, n_threads=n_threads, progress=False,
                      nlp=_pipeline(recipe), batch_size=batch_size)
    return dict(t)


def _bag_partition(records: List[Any], number: int, text: str, id: str, recipe: _Recipe,
                   n_threads: int, batch_size: int) -> Dict[str, Any]:
    import pandas as pd

    ids: List[Any] = []
    texts: List[Any] = []
    bad: List[dict] = []
    for i, record in enumerate(records):
        where = f"partition {number}, record {i}"
        if not isinstance(record, Mapping):
            bad.append({"doc_id": None,
                        "error": f"{where}: a {type(record).__name__}, not a mapping with "
                                 f"{text!r} and {id!r}"})
        elif id not in record:
            bad.append({"doc_id": None, "error": f"{where}: no {id!r} field"})
        else:
            ids.append(record[id])
            texts.append(record.get(text))
    pdf = pd.DataFrame({"id": pd.Series(ids, dtype=object), "text": pd.Series(texts, dtype=object)})
    tables = _frame_partition(pdf, "text", "id", recipe, n_threads, batch_size)
    if bad:
        errors = _table("errors", bad, object)
        tables["errors"] = pd.concat([errors, tables["errors"]], ignore_index=True) \
            if len(tables["errors"]) else errors
    return tables


def analyze(
    data: Any,
    text: str = "text",
    id: str = "id",
    nlp: Optional[Language] = None,
    model: Union[str, os.PathLike, None] = None,
    n_threads: int = 1,
    batch_size: int = 256,
) -> DaskTables:
    """Analyse a Dask DataFrame (columns ``text`` and ``id``) or a Dask Bag of
    mappings (records with ``text`` and ``id`` keys, e.g. JSON lines) and return
    :class:`DaskTables`: lazy Dask DataFrames ``documents``, ``sentences``,
    ``entities``, ``clusters`` and ``errors`` with the columns and dtypes of
    :func:`presslens.analyze_frame`, their ``meta`` given up front.

    The pipeline is ``nlp`` (a :class:`presslens.Language`), else the model
    directory ``model``, else the shipped model; tasks carry only its recipe and
    each worker process loads it once. ``n_threads`` is the number of C++ threads
    per partition (1 suits one Dask thread per core; 0 = all cores). Ids must be
    unique: duplicates within a partition raise ``ValueError`` when computed,
    duplicates across partitions are not detected. Records that cannot be
    analysed (missing or non-text values, invalid UTF-8, lone surrogates; in a
    Bag also records that are not mappings or have no id) go to ``errors``.

    A Bag's ids arrive in an object column, which Dask turns into its string
    dtype unless ``dataframe.convert-string`` is off; to keep integer ids, make
    a DataFrame first (``bag.to_dataframe()``). Likewise, when Dask converts a
    DataFrame's object columns to strings, a number in the text column becomes
    text ("7") and invalid bytes fail inside Dask; with the option off they
    reach presslens as they are and are reported in ``errors``.
    """
    import dask
    import dask.bag as db
    import dask.dataframe as dd

    if nlp is not None and model is not None:
        raise ValueError("pass a pipeline (nlp=) or a model directory (model=), not both")
    if nlp is not None and not isinstance(nlp, Language):
        raise TypeError(f"nlp must be a presslens.Language, not {type(nlp).__name__}")
    if not isinstance(n_threads, int) or isinstance(n_threads, bool) or n_threads < 0:
        raise ValueError(f"n_threads must be an int >= 0 (0 = all cores), got {n_threads!r}")
    if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size < 1:
        raise ValueError(f"batch_size must be a positive int, got {batch_size!r}")
    if nlp is None:
        if model is None:
            model = DEFAULT_MODEL
        if not Path(model).is_dir():
            raise FileNotFoundError(f"presslens model directory not found: {model}")
        recipe: _Recipe = (str(Path(model).resolve()), (), (), ())
    else:
        # Not the caller's object: it may get more patterns after this call,
        # and the tables must be those of the pipeline as it is now.
        recipe = _recipe(nlp)

    if isinstance(data, dd.DataFrame):
        for col, role in ((text, "text"), (id, "id")):
            if col not in data.columns:
                raise KeyError(f"no column {col!r} for the {role} (columns: {list(data.columns)})")
        id_dtype = data._meta[id].dtype
        parts = [dask.delayed(_frame_partition, pure=True)(
                     part, text, id, recipe, n_threads, batch_size)
                 for part in data[[id, text]].to_delayed()]
    elif isinstance(data, db.Bag):
        id_dtype = object
        parts = [dask.delayed(_bag_partition, pure=True)(
                     part, k, text, id, recipe, n_threads, batch_size)
                 for k, part in enumerate(data.to_delayed())]
    else:
        hint = (": use presslens.analyze_frame for a pandas DataFrame"
                if type(data).__name__ == "DataFrame" else "")
        raise TypeError(f"presslens.dask.analyze takes a Dask DataFrame or Bag, "
                        f"not {type(data).__name__}{hint}")

    import pandas as pd

    tables = {}
    for name in Tables.NAMES:
        meta = pd.DataFrame({c: pd.Series([], dtype=t) for c, t in _dtypes(name, id_dtype).items()})
        tables[name] = dd.from_delayed([part[name] for part in parts], meta=meta,
                                       prefix=f"presslens-{name}")
    return DaskTables(**tables)
