"""Structure counts: words, sentences and blocks of each kind.

Columns: ``n_words`` and ``n_sentences`` over body blocks (``body_kinds``), ``n_blocks`` over
all blocks, and ``n_<kind>`` for every block kind (``n_heading``, ``n_paragraph`` ...).
These are the denominators the other measures use and a first view of an article's layout.
"""

from __future__ import annotations

from ..document import BLOCK_KINDS, BODY_KINDS, Document, MeasureResult
from ..structure import BOILERPLATE
from . import Measure, register


@register
class StructureCounts(Measure):
    """Counts of words, sentences and blocks.

    Parameters
    ----------
    body_kinds : tuple of str
        Block kinds whose words and sentences are counted (default: all but boilerplate).
    """

    name = "structure"

    def __init__(self, body_kinds: tuple[str, ...] = tuple(sorted(BODY_KINDS))):
        self.body_kinds = tuple(body_kinds)

    def lexicon_hashes(self) -> dict[str, str]:
        return {BOILERPLATE.name: BOILERPLATE.sha256}

    def columns(self) -> list[str]:
        return ["n_words", "n_sentences", "n_blocks"] + [f"n_{k}" for k in BLOCK_KINDS]

    def __call__(self, doc: Document) -> MeasureResult:
        kinds = set(self.body_kinds)
        values: dict[str, float] = {
            "n_words": doc.n_words(kinds),
            "n_sentences": len(doc.sentences_in(kinds)),
            "n_blocks": len(doc.blocks),
        }
        for k in BLOCK_KINDS:
            values[f"n_{k}"] = sum(1 for b in doc.blocks if b.kind == k)
        return MeasureResult(values)
