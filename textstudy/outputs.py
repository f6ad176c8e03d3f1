"""Reading back the tables the main job wrote (``textstudy analyze CORPUS -o FOLDER``).

The notebooks make their figures from these tables, so that the figures and the committed tables
can never drift apart: the analysis runs once, in ``textstudy analyze``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

RESULTS_FILE = "results.csv"
MATCHES_FILE = "matches.csv"
SENTENCES_FILE = "sentences.csv"
PROVENANCE_FILE = "provenance.json"


@dataclass
class Outputs:
    """The main job's tables: ``results`` (one row per document), ``matches`` (one row per
    match), ``sentences`` (one row per sentence) and the ``provenance`` record."""

    results: pd.DataFrame
    matches: pd.DataFrame
    sentences: pd.DataFrame
    provenance: dict = field(default_factory=dict)


def read_outputs(folder: str | Path, corpus: pd.DataFrame | None = None) -> Outputs:
    """Read ``results.csv``, ``matches.csv``, ``sentences.csv`` and ``provenance.json``.

    Parameters
    ----------
    folder : str or Path
        The output folder of ``textstudy analyze``.
    corpus : DataFrame, optional
        The corpus that was analysed; only needed when the folder has no ``sentences.csv``
        (older output), whose table is then computed from it.

    Raises
    ------
    FileNotFoundError
        When ``results.csv`` or ``matches.csv`` is missing, naming the command that writes them.
    """
    folder = Path(folder)
    for name in (RESULTS_FILE, MATCHES_FILE):
        if not (folder / name).exists():
            raise FileNotFoundError(f"{folder / name} is missing: run `textstudy analyze CORPUS "
                                    f"-o {folder}` first (make all does)")
    ids = {"doc_id": str}
    results = pd.read_csv(folder / RESULTS_FILE, dtype=ids)
    matches = pd.read_csv(folder / MATCHES_FILE, dtype=ids, keep_default_na=False)
    if (folder / SENTENCES_FILE).exists():
        sentences = pd.read_csv(folder / SENTENCES_FILE, dtype=ids, keep_default_na=False)
    elif corpus is not None:
        from .tables import sentences as sentence_table

        sentences = sentence_table(corpus)
    else:
        raise FileNotFoundError(f"{folder / SENTENCES_FILE} is missing and no corpus was given")
    prov_path = folder / PROVENANCE_FILE
    provenance = json.loads(prov_path.read_text()) if prov_path.exists() else {}
    return Outputs(results, matches, sentences, provenance)
