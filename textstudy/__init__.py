"""textstudy: comparative text analysis of health web articles.

>>> import textstudy
>>> corpus = textstudy.load_corpus("corpus")          # doctest: +SKIP
>>> table = textstudy.analyze(corpus)                # one row per document
>>> hits = textstudy.matches(corpus)                 # one row per match, for auditing
"""

from ._version import __version__
from .corpus import CorpusError, iter_corpus, load_corpus
from .document import Document
from .run import analyze, analyze_with_matches, matches
from .segment import segment
from .tables import blocks, citations, kwic, sentences

__all__ = [
    "CorpusError",
    "Document",
    "__version__",
    "analyze",
    "analyze_with_matches",
    "blocks",
    "citations",
    "iter_corpus",
    "kwic",
    "load_corpus",
    "matches",
    "segment",
    "sentences",
]
