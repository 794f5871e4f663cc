"""The public package surface: exports, version, stubs, docstrings, pickling
and sharing one pipeline between threads."""

from __future__ import annotations

import importlib.metadata
import inspect
import pickle
import socket
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import presslens
from conftest import doc_signature
from presslens import _core


def _signature(doc: presslens.Doc) -> tuple:
    # Every layer: tokens to entities, quotes, scare quotes, cues and sentence stance.
    return doc_signature(doc) + (doc.sentence_token_ranges(),)


SAMPLES = [
    "“We will appeal,” the minister said on Tuesday.",
    "Gen. Smith met Mr. Jones at the U.S. Senate on Jan. 5. They talked.\n\nWorld",
    "Russia’s partners 👩🏽‍💻 Cafe\u0301\r\nשלום \u200fمرحبا\u200e.\x00 €2.5bn, 10% and $110.",
    "Follow @press_lens, #Venezuela and https://example.com/a?b=1 or mail a@b.org!",
    "",
    "Κόσμε мир 世界. " * 400,
    "“It was, frankly, a ‘disaster’,” Mayor Elena Vasquez said, citing officials. "
    "The council claimed that the deal was unfair, according to the Daily Ledger.\n\n"
    "''Not at all,'' he told reporters. «Non», dit-il.",
]


# --- exports and version -------------------------------------------------------

def test_all_names_exist_and_are_unique():
    assert len(set(presslens.__all__)) == len(presslens.__all__)
    missing = [name for name in presslens.__all__ if not hasattr(presslens, name)]
    assert missing == []
    for name in ("load", "Language", "Doc", "Span", "Token", "PresslensError"):
        assert name in presslens.__all__


def test_version():
    assert isinstance(presslens.__version__, str)
    assert presslens.__version__ == importlib.metadata.version("presslens")


def test_exception_hierarchy():
    assert issubclass(presslens.PresslensError, RuntimeError)
    assert presslens.PresslensError is _core.PresslensError


def test_load_needs_no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("presslens tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    nlp = presslens.load()
    assert [t.text for t in nlp("It works.")] == ["It", "works", "."]


def test_load_default_and_explicit_paths_agree(nlp):
    assert isinstance(nlp, presslens.Language)
    assert nlp.model_dir == presslens.DEFAULT_MODEL
    assert (presslens.DEFAULT_MODEL / "abbreviations.tsv").is_file()
    for model in (presslens.DEFAULT_MODEL, str(presslens.DEFAULT_MODEL)):
        other = presslens.load(model)
        assert other.model_dir == nlp.model_dir
        assert _signature(other(SAMPLES[1])) == _signature(nlp(SAMPLES[1]))


def test_package_ships_stubs_and_py_typed():
    pkg = Path(presslens.__file__).parent
    assert (pkg / "py.typed").is_file()
    assert (pkg / "_core.pyi").is_file()


# --- pickling ---------------------------------------------------------------

@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_pickle_round_trip(nlp, protocol):
    data = pickle.dumps(nlp, protocol=protocol)
    # By recipe (the model path), not by memory dump.
    assert len(data) < 1000
    clone = pickle.loads(data)
    assert isinstance(clone, presslens.Language)
    assert clone is not nlp
    assert clone.model_dir == nlp.model_dir
    for text in SAMPLES:
        assert _signature(clone(text)) == _signature(nlp(text))


# --- threads ------------------------------------------------------------------

def test_one_pipeline_shared_by_threads(nlp, seed_text):
    texts = (SAMPLES + [seed_text]) * 12
    sequential = [_signature(nlp(t)) for t in texts]
    with ThreadPoolExecutor(max_workers=8) as pool:
        concurrent = list(pool.map(lambda t: _signature(nlp(t)), texts))
    assert concurrent == sequential


def test_threads_with_bytes_and_large_documents(nlp):
    # Large inputs keep the GIL released long enough for threads to overlap.
    big = "Le président a dit « Ça va ». 😀 Gen. Smith left. " * 4000
    texts = [big, big.encode("utf-8"), big.upper(), big[:-7]] * 4
    sequential = [_signature(nlp(t)) for t in texts]
    with ThreadPoolExecutor(max_workers=8) as pool:
        concurrent = list(pool.map(lambda t: _signature(nlp(t)), texts))
    assert concurrent == sequential


# The stub file against the compiled module: test_stubs.py.


# --- docstrings ---------------------------------------------------------------

def _documented_by_comment(name: str) -> bool:
    """True if a Sphinx ``#:`` comment precedes ``name = ...`` in the
    package module that defines it (constants carry no ``__doc__`` of their own)."""
    pkg = Path(presslens.__file__).parent
    for path in sorted(pkg.glob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for k, line in enumerate(lines):
            if line.startswith((f"{name} =", f"{name}:")) and k > 0 and lines[k - 1].startswith("#:"):
                return True
    return False


_CALLABLE_EXPORTS = [n for n in presslens.__all__
                     if inspect.isclass(getattr(presslens, n)) or inspect.isfunction(getattr(presslens, n))]
# __version__ is the packaging convention documented by its name; everything
# else that is data needs a doc comment.
_DATA_EXPORTS = [n for n in presslens.__all__ if n not in _CALLABLE_EXPORTS and n != "__version__"]


@pytest.mark.parametrize("name", [
    n for n in _CALLABLE_EXPORTS
])
def test_public_classes_and_functions_have_docstrings(name):
    obj = getattr(presslens, name)
    # A class's __doc__ is not inherited, so this is the object's own text.
    doc = obj.__doc__
    assert doc and doc.strip(), f"presslens.{name} has no docstring"


@pytest.mark.parametrize("name", _DATA_EXPORTS)
def test_public_constants_have_doc_comments(name):
    assert _documented_by_comment(name), f"presslens.{name} has no '#:' doc comment"


def test_public_methods_and_properties_have_docstrings():
    undocumented = []
    classes = [getattr(presslens, n) for n in presslens.__all__ if inspect.isclass(getattr(presslens, n))]
    for cls in classes:
        for name, member in vars(cls).items():
            if name.startswith("_"):
                continue
            if isinstance(member, property) or inspect.isfunction(member):
                if not (member.__doc__ or "").strip():
                    undocumented.append(f"{cls.__name__}.{name}")
    assert undocumented == []
