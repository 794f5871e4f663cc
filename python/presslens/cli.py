"""The command line: ``presslens analyze`` turns a corpus into tables.

    presslens analyze articles/ feed.jsonl -o out/ --format parquet
    python -m presslens analyze notes.txt -o out/ --format csv --threads 0

Inputs are read a record at a time and analysed ``--batch-size`` records at a
time; each batch is appended to the output files, so memory stays flat however
large the corpus. The tables (``documents``, ``sentences``, ``entities``,
``clusters``, ``quotes``, ``cues``) have the columns of
:func:`presslens.analyze_frame`; records that
cannot be analysed are listed in ``errors.jsonl`` and on stderr, so that
documents + errors == records read.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, List, Optional, Sequence, Tuple

from ._core import PresslensError
from ._version import __version__
from .language import load

__all__ = ["main", "build_parser", "COLUMNS", "FORMATS"]

FORMATS = ("parquet", "csv", "jsonl")
INPUT_SUFFIXES = (".txt", ".jsonl", ".csv")

#: Output tables and their columns; the same as presslens.analyze_frame's.
COLUMNS = {
    "documents": ("doc_id", "n_chars", "n_tokens", "n_sentences", "n_paragraphs",
                  "n_entities", "n_clusters", "n_quotes", "n_cues"),
    "sentences": ("doc_id", "start", "end", "text"),
    "entities": ("doc_id", "start", "end", "text", "label", "cluster", "title"),
    "clusters": ("doc_id", "id", "label", "canonical", "mentions"),
    "quotes": ("doc_id", "start", "end", "text", "kind", "speaker", "speaker_canonical",
               "speaker_type", "speaker_cluster", "cue", "cue_lemma", "cue_category", "sources",
               "paragraph"),
    "cues": ("doc_id", "start", "end", "text", "category", "family", "polarity", "strength",
             "negated", "voice", "speaker_canonical", "target", "target_cluster"),
}
ERROR_COLUMNS = ("doc_id", "source", "error")
_STRING_COLUMNS = frozenset({"doc_id", "text", "label", "title", "canonical", "kind", "speaker",
                             "speaker_canonical", "speaker_type", "cue", "cue_lemma",
                             "cue_category", "sources", "category", "family", "voice", "target"})
# Parquet types of the columns that are neither text nor int64 (int64 columns may hold nulls).
_ARROW_TYPES = {"strength": "float64", "negated": "bool_"}

_BOM = b"\xef\xbb\xbf"
# One encoder for every row: json.dumps(..., ensure_ascii=False) builds a new one per call.
_JSON = json.JSONEncoder(ensure_ascii=False)
# csv's default field limit (128 KiB) is shorter than a long article.
_CSV_FIELD_LIMIT = 2**31 - 1


# --- arguments -----------------------------------------------------------------


def _int_at_least(low: int, what: str) -> Callable[[str], int]:
    def parse(value: str) -> int:
        try:
            n = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be an integer {what}, got {value!r}") from None
        if n < low:
            raise argparse.ArgumentTypeError(f"must be an integer {what}, got {n}")
        return n
    return parse


def _field_name(value: str) -> str:
    if not value.strip():
        raise argparse.ArgumentTypeError("must be a non-empty field name")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``presslens`` command."""
    parser = argparse.ArgumentParser(
        prog="presslens",
        description="Analyse news text: entities, clusters, sentences, quotes, stance cues.")
    parser.add_argument("--version", action="version", version=f"presslens {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    analyze = commands.add_parser(
        "analyze",
        help="analyse a corpus and write tables",
        description=(
            "Analyse .txt files (one document each), JSONL files (one record per line) and "
            "CSV files (a header row, one record per row), or directories holding them "
            "(searched recursively, in sorted order; hidden files and directories are "
            "skipped). Writes documents, sentences, entities, clusters, quotes and cues tables "
            "to OUTDIR, "
            "and errors.jsonl listing the records that could not be analysed. Files appear "
            "under their final names only when the run completes."),
        epilog="Exit status: 0 on success (even if some records were bad), 1 if no input "
               "could be read, 2 for usage errors.")
    analyze.add_argument("inputs", nargs="+", metavar="INPUT",
                         help="a .txt, .jsonl or .csv file, or a directory")
    analyze.add_argument("-o", "--output", required=True, metavar="OUTDIR",
                         help="directory for the output tables (created if missing)")
    analyze.add_argument("--format", choices=FORMATS, default="parquet",
                         help="output format of the tables (default: parquet, needs pyarrow)")
    analyze.add_argument("--text-field", default="text", type=_field_name, metavar="NAME",
                         help="JSONL key / CSV column holding the text (default: text)")
    analyze.add_argument("--id-field", default="id", type=_field_name, metavar="NAME",
                         help="JSONL key / CSV column holding the document id (default: id); "
                              "records without one are named FILE:LINE")
    analyze.add_argument("--threads", type=_int_at_least(0, ">= 0 (0 = all cores)"), default=0,
                         metavar="N", help="analysis threads, 0 = all cores (default: 0)")
    analyze.add_argument("--batch-size", type=_int_at_least(1, ">= 1"), default=256, metavar="N",
                         help="records analysed and written per batch (default: 256)")
    analyze.add_argument("--no-progress", action="store_true",
                         help="no progress bar (there is none when stderr is not a terminal)")
    custom = analyze.add_argument_group(
        "model and lexicons", "The shipped model and lists unless told otherwise; files are read "
        "as Language.add_cues_from_file and add_entity_patterns_from_file read them.")
    custom.add_argument("--model", metavar="DIR",
                        help="a model directory in place of the shipped one")
    custom.add_argument("--cues", action="append", default=[], metavar="FILE",
                        help="stance cues of your own: a TSV (phrase, category[, polarity[, "
                             "strength[, use]]]) or JSONL file; may be given more than once")
    custom.add_argument("--replace-cues", action="append", default=[], metavar="CATEGORY",
                        help="drop the shipped cues of this category (your --cues stay); "
                             "may be given more than once")
    custom.add_argument("--patterns", action="append", default=[], metavar="FILE",
                        help="entity patterns: a TSV (pattern, label[, case_insensitive[, "
                             "canonical]]) or JSONL file; may be given more than once")
    return parser


# --- inputs --------------------------------------------------------------------


@dataclass(frozen=True)
class _Source:
    """One input file: ``name`` prefixes its ids, ``display`` locates it in messages."""

    path: Path
    name: str
    display: str


@dataclass
class _Record:
    doc_id: str
    source: str
    text: Optional[str] = None
    error: Optional[str] = None
    #: The id came from the record's id field (not made from the file name).
    has_id: bool = False


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def _shown(path: str) -> str:
    """A path as text that can be written anywhere (undecodable bytes escaped)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _expand(args: Sequence[str], outdir: Path) -> Tuple[List[Any], List[str]]:
    """Input files, and directories that could not be listed (as error records),
    in processing order; and warnings."""
    items: List[Any] = []
    warnings: List[str] = []
    skip = outdir.resolve()
    for arg in args:
        path = Path(arg)
        if not path.is_dir():
            items.append(_Source(path, _shown(arg), _shown(arg)))
            continue
        found: List[Path] = []
        failed: List[OSError] = []
        for dirpath, dirnames, filenames in os.walk(path, onerror=failed.append):
            here = Path(dirpath)
            # The output directory may sit inside the corpus: never read it back.
            dirnames[:] = [d for d in dirnames
                           if not _is_hidden(d) and (here / d).resolve() != skip]
            found.extend(here / f for f in filenames
                         if not _is_hidden(f) and Path(f).suffix.lower() in INPUT_SUFFIXES)
        for err in failed:
            where = _shown(str(err.filename or arg))
            items.append(_Record(where, where, error=f"cannot list directory: {err.strerror or err}"))
        if not found and not failed:
            warnings.append(f"no .txt, .jsonl or .csv files under {_shown(arg)}")
        for f in sorted(found, key=lambda p: p.relative_to(path).parts):
            items.append(_Source(f, _shown(f.relative_to(path).as_posix()), _shown(str(f))))
    return items, warnings


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _surrogate(value: str) -> Optional[int]:
    """Index of the first lone surrogate in ``value``, or None."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as err:
        return err.start
    return None


class _Reader:
    """Every record of every input, in order. ``opened`` counts the files that
    could be opened; ``warn`` reports problems that are not a record's."""

    def __init__(self, items: List[Any], text_field: str, id_field: str,
                 warn: Callable[[str], None]) -> None:
        self.items = items
        self.text_field = text_field
        self.id_field = id_field
        self.warn = warn
        self.opened = 0

    def __iter__(self) -> Iterator[_Record]:
        for item in self.items:
            if isinstance(item, _Record):
                yield item
                continue
            suffix = item.path.suffix.lower()
            if suffix == ".jsonl":
                yield from self._jsonl(item)
            elif suffix == ".csv":
                yield from self._csv(item)
            else:
                yield from self._txt(item)

    def _txt(self, src: _Source) -> Iterator[_Record]:
        try:
            data = src.path.read_bytes()
        except OSError as err:
            yield _Record(src.name, src.display, error=f"cannot read: {err.strerror or err}")
            return
        self.opened += 1
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as err:
            yield _Record(src.name, src.display, error=f"invalid UTF-8 at byte offset {err.start} "
                                                       f"(byte 0x{data[err.start]:02x})")
            return
        yield _Record(src.name, src.display, text)

    def _lines(self, src: _Source, failures: List[_Record]) -> Iterator[Tuple[int, bytes]]:
        """Numbered raw lines of ``src``; a failure to read goes to ``failures``."""
        n = 0
        try:
            with src.path.open("rb") as f:
                self.opened += 1
                for n, raw in enumerate(f, 1):
                    yield n, (raw[len(_BOM):] if n == 1 and raw.startswith(_BOM) else raw)
        except OSError as err:
            reason = err.strerror or err
            failures.append(
                _Record(f"{src.name}:{n + 1}", f"{src.display}:{n + 1}",
                        error=f"cannot read line {n + 1}: {reason}") if n else
                _Record(src.name, src.display, error=f"cannot read: {reason}"))

    def _record(self, doc_id: str, where: str, has_id: bool, value: Any, present: bool,
                error: Optional[str]) -> _Record:
        field = self.text_field
        if error is None:
            if not present:
                error = f"missing field {field!r}"
            elif not isinstance(value, str):
                error = f"field {field!r} is {_json_type(value)}, not a string"
            else:
                at = _surrogate(value)
                if at is not None:
                    error = (f"field {field!r} holds a lone surrogate {value[at]!r} at index "
                             f"{at}, which is not a character")
        if error:
            return _Record(doc_id, where, error=error, has_id=has_id)
        return _Record(doc_id, where, value, has_id=has_id)

    def _jsonl(self, src: _Source) -> Iterator[_Record]:
        failures: List[_Record] = []
        for n, raw in self._lines(src, failures):
            if not raw.strip():
                continue  # blank lines (spacing, a final newline) are not records
            fallback, where = f"{src.name}:{n}", f"{src.display}:{n}"
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as err:
                yield _Record(fallback, where, error=f"invalid UTF-8 at byte offset {err.start} "
                                                     f"of the line (byte 0x{raw[err.start]:02x})")
                continue
            try:
                obj = json.loads(line)
            except (ValueError, RecursionError) as err:  # RecursionError: absurdly deep nesting
                yield _Record(fallback, where, error=f"not JSON: {err}")
                continue
            if not isinstance(obj, dict):
                yield _Record(fallback, where, error=f"not a JSON object but {_json_type(obj)}")
                continue
            doc_id, error = fallback, None
            value = obj.get(self.id_field)
            if value is not None and value != "":
                if isinstance(value, str):
                    doc_id = value
                elif isinstance(value, int) and not isinstance(value, bool):
                    doc_id = str(value)
                else:
                    doc_id = json.dumps(value, ensure_ascii=False)
                at = _surrogate(doc_id)
                if at is not None:
                    doc_id, error = fallback, (f"field {self.id_field!r} holds a lone surrogate "
                                               f"{doc_id[at]!r} at index {at}")
            yield self._record(doc_id, where, doc_id != fallback, obj.get(self.text_field),
                               self.text_field in obj, error)
        yield from failures

    def _csv(self, src: _Source) -> Iterator[_Record]:
        failures: List[_Record] = []
        # surrogateescape keeps a bad byte as a marker in its own field, so it
        # costs that record only, not the rest of the file.
        lines = (raw.decode("utf-8", "surrogateescape") for _, raw in self._lines(src, failures))
        reader = csv.reader(lines)
        try:
            header = next(reader, None)
        except csv.Error as err:
            yield _Record(f"{src.name}:1", f"{src.display}:1", error=f"bad CSV header: {err}")
            return
        if header is None:
            yield from failures
            return
        columns: dict = {}
        for i, name in enumerate(header):
            columns.setdefault(name, i)
        text_at, id_at = columns.get(self.text_field), columns.get(self.id_field)
        if text_at is None:
            self.warn(f"{src.display} has no column {self.text_field!r} (columns: {header}): "
                      "every row will be an error; name the text column with --text-field")
        line = reader.line_num
        while True:
            start = line + 1  # a quoted field may span lines: name the record by its first
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as err:
                line = reader.line_num
                yield _Record(f"{src.name}:{start}", f"{src.display}:{start}",
                              error=f"bad CSV: {err}")
                continue
            line = reader.line_num
            if not row:
                continue  # a blank line is not a record
            fallback, where = f"{src.name}:{start}", f"{src.display}:{start}"
            doc_id, error = fallback, None
            if id_at is not None and id_at < len(row) and row[id_at]:
                doc_id = row[id_at]
            for i, cell in enumerate(row):
                at = _surrogate(cell)
                if at is not None:
                    column = header[i] if i < len(header) else f"number {i + 1}"
                    error = (f"invalid UTF-8 in column {column!r} "
                             f"(byte 0x{ord(cell[at]) - 0xDC00:02x})")
                    if i == id_at:
                        doc_id = fallback
                    break
            present = text_at is not None and text_at < len(row)
            yield self._record(doc_id, where, doc_id != fallback,
                               row[text_at] if present else None, present, error)
        yield from failures


# --- outputs -------------------------------------------------------------------


class _Sink:
    """One output table, written to a ``.partial`` file and renamed on commit."""

    def __init__(self, outdir: Path, name: str, fmt: str, columns: Sequence[str]) -> None:
        self.final = outdir / f"{name}.{fmt}"
        # The pid keeps two runs into one directory from sharing a temporary file.
        self.tmp = outdir / f".{name}.{fmt}.{os.getpid()}.partial"
        self.fmt = fmt
        self.columns = tuple(columns)
        self._file: Any = None
        self._writer: Any = None
        if fmt == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            self._schema = pa.schema([
                (c, getattr(pa, _ARROW_TYPES.get(c, "string" if c in _STRING_COLUMNS else "int64"))())
                for c in self.columns])
            self._writer = pq.ParquetWriter(str(self.tmp), self._schema)
        else:
            self._file = self.tmp.open("w", encoding="utf-8", newline="")
            if fmt == "csv":
                self._writer = csv.writer(self._file)
                self._writer.writerow(self.columns)

    def write(self, rows: List[tuple]) -> None:
        """Append ``rows``; for Parquet, one row group."""
        if not rows:
            return
        if self.fmt == "parquet":
            import pyarrow as pa

            arrays = [pa.array(list(col), type=field.type)
                      for col, field in zip(zip(*rows), self._schema)]
            self._writer.write_table(pa.Table.from_arrays(arrays, schema=self._schema))
        elif self.fmt == "csv":
            self._writer.writerows(rows)
        else:
            cols, encode = self.columns, _JSON.encode
            self._file.write("".join([encode(dict(zip(cols, r))) + "\n" for r in rows]))

    def close(self) -> None:
        """Finish the temporary file and flush it to disk."""
        if self.fmt == "parquet":
            self._writer.close()
        else:
            self._file.close()
        fd = os.open(self.tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    def commit(self) -> None:
        os.replace(self.tmp, self.final)

    def discard(self) -> None:
        try:
            if self.fmt == "parquet":
                self._writer.close()
            elif self._file is not None:
                self._file.close()
        except Exception:  # the run is failing already; removing the file is what matters
            pass
        try:
            self.tmp.unlink()
        except OSError:
            pass


def _doc_rows(doc_id: str, doc: Any) -> Tuple[Any, ...]:
    """The document's row, then its rows of each table after ``documents`` in COLUMNS."""
    # Built from the Doc's views, not doc.to_dict(): that makes one dict per token.
    sents, ents, clusters = doc.sentences, doc.entities, doc.clusters
    document = (doc_id, len(doc.text), len(doc), len(sents), len(doc.paragraphs), len(ents),
                len(clusters), len(doc.quotes), len(doc.cues))
    # Quotes and cues as analyze_frame writes them: their to_dict() values, the
    # sourcing chain joined into one string.
    quotes = []
    for q in doc.quotes:
        d = q.to_dict()
        d["sources"] = " | ".join(s["text"] for s in d["sources"])
        quotes.append((doc_id, *(d[c] for c in COLUMNS["quotes"][1:])))
    cues = []
    for c in doc.cues:
        d = c.to_dict()
        cues.append((doc_id, *(d[k] for k in COLUMNS["cues"][1:])))
    return (document,
            [(doc_id, s.start, s.end, s.text) for s in sents],
            [(doc_id, e.start, e.end, e.text, e.label, e.cluster,
              e.title.text if e.title else None) for e in ents],
            [(doc_id, c.id, c.label, c.canonical, len(c.mentions)) for c in clusters],
            quotes, cues)


def _analyse(nlp: Any, good: List[_Record], threads: int) -> List[Tuple[_Record, Any, Optional[str]]]:
    """(record, doc, None) or (record, None, reason) for each record, in order."""
    if not good:
        return []
    try:
        return [(r, doc, None) for doc, r in nlp.pipe(((r.text, r) for r in good),
                                                      batch_size=len(good), n_threads=threads,
                                                      as_tuples=True)]
    except (ValueError, TypeError, PresslensError):
        # The records were checked before, so this should not happen; if it
        # does, analyse one at a time so that only the culprit is lost.
        out: List[Tuple[_Record, Any, Optional[str]]] = []
        for r in good:
            try:
                out.append((r, nlp(r.text), None))
            except (ValueError, TypeError, PresslensError) as err:
                out.append((r, None, str(err)))
        return out


# --- the command ---------------------------------------------------------------


def _pipeline(args: argparse.Namespace, parser: argparse.ArgumentParser):
    """The pipeline the options ask for; a file that cannot be used is a usage error."""
    try:
        nlp = load(args.model)
    except (OSError, ValueError, RuntimeError) as err:
        parser.error(f"--model {args.model}: {err}")
    for path in args.patterns:
        try:
            nlp.add_entity_patterns_from_file(path)
        except (OSError, ValueError) as err:
            parser.error(f"--patterns {path}: {err}")
    for path in args.cues:
        try:
            nlp.add_cues_from_file(path)
        except (OSError, ValueError) as err:
            parser.error(f"--cues {path}: {err}")
    if args.replace_cues:
        unknown = sorted(set(args.replace_cues) - set(nlp.cue_categories))
        if unknown:
            parser.error(f"--replace-cues: no such cue category: {', '.join(unknown)} "
                         f"(categories: {', '.join(nlp.cue_categories)})")
        nlp.add_cues([], replace=args.replace_cues)
    return nlp


def _analyze(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    started = time.perf_counter()
    outdir = Path(args.output)
    if outdir.exists() and not outdir.is_dir():
        parser.error(f"output {args.output} exists and is not a directory")
    if args.text_field == args.id_field:
        parser.error(f"--text-field and --id-field are both {args.text_field!r}; they must differ")
    if args.format == "parquet":
        try:
            import pyarrow.parquet  # noqa: F401
        except ImportError:
            parser.error("--format parquet needs pyarrow: pip install 'presslens[parquet]', "
                         "or choose --format csv or jsonl")

    bar = None

    def say(message: str) -> None:
        line = f"presslens: {message}"
        if bar is not None:
            bar.write(line, file=sys.stderr)
        else:
            print(line, file=sys.stderr)

    missing = [_shown(a) for a in args.inputs if not os.path.exists(a)]
    if missing:
        say("error: input not found: " + ", ".join(missing))
        return 1
    for a in args.inputs:
        if not os.path.isdir(a) and Path(a).suffix.lower() not in INPUT_SUFFIXES:
            parser.error(f"cannot read {_shown(a)}: inputs are .txt, .jsonl or .csv files, "
                         "or directories")
    items, warnings = _expand(args.inputs, outdir)
    for w in warnings:
        say(f"warning: {w}")
    if not items:
        say("error: no input files found in " + ", ".join(map(_shown, args.inputs)))
        return 1

    nlp = _pipeline(args, parser)
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        say(f"error: cannot create output directory {args.output}: {err.strerror or err}")
        return 1

    sinks: List[_Sink] = []
    try:
        for name, columns in COLUMNS.items():
            sinks.append(_Sink(outdir, name, args.format, columns))
        error_sink = _Sink(outdir, "errors", "jsonl", ERROR_COLUMNS)
        sinks.append(error_sink)

        if not args.no_progress and sys.stderr.isatty():
            try:
                from tqdm import tqdm

                bar = tqdm(unit="doc", desc="presslens", file=sys.stderr, dynamic_ncols=True)
            except ImportError:
                bar = None

        reader = _Reader(items, args.text_field, args.id_field, lambda m: say(f"warning: {m}"))
        records = iter(reader)
        n_docs = n_errors = n_entities = n_quotes = n_cues = 0
        while True:
            batch = list(itertools.islice(records, args.batch_size))
            if not batch:
                break
            bad = [(r, r.error) for r in batch if r.error is not None]
            results = _analyse(nlp, [r for r in batch if r.error is None], args.threads)
            bad.extend((r, reason) for r, doc, reason in results if doc is None)
            tables: List[List[tuple]] = [[] for _ in COLUMNS]
            for r, doc, _ in results:
                if doc is None:
                    continue
                document, *items = _doc_rows(r.doc_id, doc)
                tables[0].append(document)
                for rows, more in zip(tables[1:], items):
                    rows.extend(more)
                n_docs += 1
                n_entities += document[5]
                n_quotes += document[7]
                n_cues += document[8]
            for sink, rows in zip(sinks, tables):
                sink.write(rows)
            error_sink.write([(r.doc_id, r.source, reason) for r, reason in bad])
            for r, reason in bad:
                named = f"{r.source} (id {r.doc_id!r})" if r.has_id else r.source
                say(f"{named}: {reason}")
            n_errors += len(bad)
            if bar is not None:
                bar.update(len(batch))
        if bar is not None:
            bar.close()
            bar = None
        for sink in sinks:
            sink.close()
    except BaseException:
        if bar is not None:
            bar.close()
            bar = None
        for sink in sinks:
            sink.discard()
        raise
    for sink in sinks:
        sink.commit()

    elapsed = time.perf_counter() - started
    print(f"{n_docs} documents, {n_errors} errors, {n_entities} entities, {n_quotes} quotes, "
          f"{n_cues} cues in {elapsed:.1f} s")
    if reader.opened == 0:
        say("error: no input could be read (the reasons are in errors.jsonl)")
        return 1
    return 0


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the ``presslens`` command with ``argv`` (default: sys.argv[1:]); returns the exit
    status. Usage errors raise SystemExit(2), as argparse does."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    limit = csv.field_size_limit(_CSV_FIELD_LIMIT)
    try:
        return _analyze(args, parser)
    except KeyboardInterrupt:
        print("presslens: interrupted; no output written (earlier outputs are untouched)",
              file=sys.stderr)
        return 130
    finally:
        csv.field_size_limit(limit)
