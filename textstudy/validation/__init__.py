"""Validation of textstudy's measures against human-labelled text in ``../shared/data``.

One module per measure (``textstudy validate <measure> --data ../shared/data``); each writes its
numbers, never the data, to ``benchmarks/results/<measure>_validation.json``.
"""

from __future__ import annotations

import json
from pathlib import Path

#: Where the validation numbers are written (in a source checkout).
RESULTS = Path(__file__).resolve().parents[2] / "benchmarks" / "results"
#: ``../shared/data`` relative to the project root.
SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"


def read_jsonl(path: str | Path) -> list[dict]:
    """Rows of a JSON-lines file."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def write_result(result: dict, path: str | Path, indent: int = 2) -> Path:
    """Write ``result`` as stable JSON (sorted keys, trailing newline)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=indent, sort_keys=True) + "\n", encoding="utf-8")
    return path
