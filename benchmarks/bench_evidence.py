"""Time of :func:`textstudy.evidence.framing` and its figure on a 1,000-article corpus.

The corpus is built by resampling (``random.Random(SEED)``) the non-blank lines — headings,
paragraphs, list items, table rows — of the seed articles in ``corpus/`` and of the synthetic
articles in ``tests/fixtures/webcorpus``: each article gets a heading and 30 lines, and an outlet
out of 50 (``label`` metadata), so the figure has the 2–50 outlets it is designed for.

Usage::

    PYTHONPATH=. .venv/bin/python benchmarks/bench_evidence.py [--n 1000]

``--unique`` appends a distinct word to every line, so that no sentence repeats (repeated
sentences are read and linked once). Prints the corpus size and the seconds for
``framing(corpus)`` (mentions, linking and the piece × outlet table) and for
``plots.evidence_framing`` (one process, one core).
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SEED = 20261207
LINES_PER_ARTICLE = 30
N_OUTLETS = 50


def line_pool() -> list[str]:
    """Non-blank lines of the seed and fixture articles, in a fixed order."""
    files = sorted((ROOT / "corpus").glob("*.txt")) + sorted(
        (ROOT / "tests" / "fixtures" / "webcorpus").glob("*.txt"))
    return [ln.strip() for f in files for ln in f.read_text(encoding="utf-8").splitlines()
            if ln.strip()]


def build_corpus(n: int, unique: bool = False) -> pd.DataFrame:
    """``n`` resampled articles with ``doc_id, text, label``; with ``unique``, every line gets
    its own closing word ("… (note qzk)"), so no sentence repeats across the corpus."""
    rng = random.Random(SEED)
    pool = line_pool()
    rows = []
    for i in range(n):
        lines = [f"Article {i}"] + rng.sample(pool, LINES_PER_ARTICLE)
        if unique:
            lines = [ln + f" (note {_word(i * LINES_PER_ARTICLE + j)})"
                     for j, ln in enumerate(lines)]
        rows.append({"doc_id": f"doc{i:05d}", "text": "\n\n".join(lines) + "\n",
                     "label": f"outlet {rng.randrange(N_OUTLETS):02d}"})
    return pd.DataFrame(rows)


def _word(k: int) -> str:
    """A distinct letters-only word for each k (base 26)."""
    out = ""
    while True:
        out += "abcdefghijklmnopqrstuvwxyz"[k % 26]
        k //= 26
        if not k:
            return "q" + out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=1000, help="number of articles")
    p.add_argument("--unique", action="store_true", help="make every line unique")
    args = p.parse_args()
    from textstudy import plots
    from textstudy.evidence import framing

    corpus = build_corpus(args.n, args.unique)
    mb = corpus["text"].str.len().sum() / 1e6
    t0 = time.perf_counter()
    frame = framing(corpus)
    t1 = time.perf_counter()
    fig = plots.evidence_framing(frame)
    fig.savefig(Path("/dev/null"), format="png")
    t2 = time.perf_counter()
    print(f"{args.n} articles, {mb:.1f} MB: framing {t1 - t0:.1f} s "
          f"({frame['piece_id'].nunique()} shared pieces, {len(frame)} rows), "
          f"figure {t2 - t1:.1f} s, total {t2 - t0:.1f} s")


if __name__ == "__main__":
    main()
