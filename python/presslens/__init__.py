"""presslens: who is quoted saying what in news text, which people,
organisations and places appear, and the cues of the writer's stance.

    >>> import presslens
    >>> nlp = presslens.load()
    >>> doc = nlp("“We will appeal,” the minister said on Tuesday.")
    >>> [s.text for s in doc.sentences]
    ['“We will appeal,” the minister said on Tuesday.']
"""

from ._core import PresslensError
from ._version import __version__
from .doc import CUE_FAMILIES, TOKEN_KINDS, Cluster, Cue, Doc, Entity, Quote, Span, Token, cue_family
from .frames import Tables, analyze_frame
from .render import render, to_displacy
from .training import train_ner
from .language import DEFAULT_MODEL, Language, load

PresslensError.__doc__ = (
    "Raised for failures inside presslens that are not the caller's fault "
    "(bad arguments raise ValueError, TypeError, FileNotFoundError or IndexError).")

__all__ = [
    "CUE_FAMILIES",
    "Cluster",
    "Cue",
    "DEFAULT_MODEL",
    "Entity",
    "Doc",
    "Language",
    "PresslensError",
    "Quote",
    "Span",
    "Tables",
    "TOKEN_KINDS",
    "Token",
    "__version__",
    "analyze_frame",
    "cue_family",
    "load",
    "render",
    "to_displacy",
    "train_ner",
]
