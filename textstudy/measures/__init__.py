"""Measure families and their registry.

A measure is an object with its parameters set in ``__init__`` (scikit-learn style) and a
``__call__(doc: Document) -> MeasureResult`` that is pure: no I/O, no global state. Modules
register their class with :func:`register`; :func:`textstudy.run.analyze` finds them by name.
"""

from __future__ import annotations

import importlib
from typing import Any

from ..document import Document, MeasureResult

_REGISTRY: dict[str, type[Measure]] = {}

#: Modules imported (in this order) to populate the registry.
MEASURE_MODULES: tuple[str, ...] = (
    "structure_counts",
    "hedging",
    "readability",
    "citations",
    "commercial",
)


class Measure:
    """Base class: subclasses set ``name`` and implement ``__call__``.

    ``get_params()`` returns the ``__init__`` arguments (recorded in provenance);
    ``lexicon_hashes()`` returns ``{lexicon name: sha256}`` for the data files it uses.
    """

    name: str = ""

    def __call__(self, doc: Document) -> MeasureResult:  # pragma: no cover - interface
        raise NotImplementedError

    def get_params(self) -> dict[str, Any]:
        return {k: v for k, v in vars(self).items() if not k.startswith("_")}

    def lexicon_hashes(self) -> dict[str, str]:
        return {}

    def columns(self) -> list[str]:
        """The wide-table columns this measure fills (NaN for documents it cannot analyse)."""
        raise NotImplementedError

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in self.get_params().items())
        return f"{type(self).__name__}({args})"


def register(cls: type[Measure]) -> type[Measure]:
    """Class decorator: make ``cls`` available to ``analyze(measures=[cls.name])``."""
    if not cls.name:
        raise ValueError(f"{cls.__name__} has no name")
    _REGISTRY[cls.name] = cls
    return cls


_BUILT: dict[tuple, Measure] = {}


def build(cls: type[Measure], **params: Any) -> Measure:
    """``cls(**params)``, built once per process and reused (a measure is pure; building one
    loads lexicons and compiles its rules). Parameters that cannot be hashed (a lexicon given
    as a table) give a new instance each time."""
    try:
        key = (cls, tuple(sorted(params.items())))
        hash(key)
    except TypeError:
        return cls(**params)
    if key not in _BUILT:
        _BUILT[key] = cls(**params)
    return _BUILT[key]


def available() -> list[str]:
    """Names of all registered measures, in registration order."""
    _load_all()
    return list(_REGISTRY)


def get(name: str) -> type[Measure]:
    _load_all()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise ValueError(f"unknown measure {name!r}; available: {', '.join(_REGISTRY)}") from None


def _load_all() -> None:
    for mod in MEASURE_MODULES:
        importlib.import_module(f"{__name__}.{mod}")
