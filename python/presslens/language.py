"""The pipeline object returned by :func:`presslens.load`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Union

from . import _core
from .doc import Doc

__all__ = ["Language", "load", "DEFAULT_MODEL"]

#: The model directory shipped inside the package.
DEFAULT_MODEL = Path(__file__).resolve().parent / "models" / "en_news"


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

    __slots__ = ("_core", "_model_dir")

    def __init__(self, model_dir: Union[str, os.PathLike] = DEFAULT_MODEL) -> None:
        if not isinstance(model_dir, (str, os.PathLike)):
            raise TypeError(f"model_dir must be a path, not {type(model_dir).__name__}")
        path = Path(model_dir)
        if not path.is_dir():
            raise FileNotFoundError(f"presslens model directory not found: {path}")
        self._model_dir = path
        self._core = _core.Pipeline(str(path))

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
        if isinstance(text, str):
            try:
                return Doc(self._core.analyze(text))
            except UnicodeEncodeError as err:
                raise _surrogate_error(text, err) from None
        if isinstance(text, (bytes, bytearray, memoryview)):
            return Doc(self._core.analyze_bytes(bytes(text)))
        raise TypeError(f"presslens analyses str or UTF-8 bytes, not {type(text).__name__}")

    def __repr__(self) -> str:
        return f"<presslens.Language model_dir={str(self._model_dir)!r}>"

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (Language, (str(self._model_dir),))


def load(model: Union[str, os.PathLike, None] = None) -> Language:
    """Load a pipeline: the shipped English news model by default, or the
    model directory ``model``. Nothing is downloaded."""
    return Language(DEFAULT_MODEL if model is None else model)
