"""Time of :func:`textstudy.evidence.framing` and its figure on a 1,000-article corpus.

The corpus is built by resampling (``random.Random(SEED)``) the non-blank lines — headings,
paragraphs, list items, table rows — of the seed articles in ``corpus/`` and of the synthetic
articles in ``tests/fixtures/webcorpus``: each article gets a heading and 30 lines, and an outlet
out of 50 (``label`` metadata), so the figure has the 2–50 outlets it is designed for.

Usage::

    PYTHONPATH=. .venv/bin/python benchmarks/bench_evidence.py [--n 1000]

``--unique`` appends a distinct word to every line, so that no sentence repeats (repeated
sentences are read and linked once). Prints the corpus size and the seconds for

- ``matches``: :func:`textstudy.matches` of the hedging, citations, commercial and disclaimers
  measures — what ``textstudy analyze`` has already written to ``matches.csv`` when notebook 08
  runs (with ``--matches FILE``, the table is written there by a first run and read back, not
  timed, by later runs);
- ``framing(corpus, matches=…)``: the evidence steps on given matches (mentions, linking and
  the piece × outlet table);
- ``plots.evidence_framing``: the figure;

and the full path ``framing(corpus)`` = matches + evidence steps (one process, one core).
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
    p.add_argument("--matches", type=Path, help="matches.csv of this corpus (written when "
                   "missing); with it, the matches are not timed")
    args = p.parse_args()
    import textstudy
    from textstudy import plots
    from textstudy.evidence import framing

    corpus = build_corpus(args.n, args.unique)
    mb = corpus["text"].str.len().sum() / 1e6
    t0 = time.perf_counter()
    if args.matches is not None and args.matches.exists():
        hits = pd.read_csv(args.matches, dtype={"doc_id": str}, keep_default_na=False)
        timed = "read"
    else:
        hits = textstudy.matches(corpus, measures=["hedging", "citations", "commercial",
                                                   "disclaimers"])
        timed = f"{time.perf_counter() - t0:.1f} s"
        if args.matches is not None:
            hits.to_csv(args.matches, index=False)
    t1 = time.perf_counter()
    frame = framing(corpus, matches=hits)
    t2 = time.perf_counter()
    fig = plots.evidence_framing(frame)
    fig.savefig(Path("/dev/null"), format="png")
    t3 = time.perf_counter()
    full = "" if timed == "read" else f", full path {t3 - t0:.1f} s"
    print(f"{args.n} articles, {mb:.1f} MB: matches {timed}; evidence steps on given matches: "
          f"framing {t2 - t1:.1f} s ({frame['piece_id'].nunique()} shared pieces, "
          f"{len(frame)} rows), figure {t3 - t2:.1f} s, total {t3 - t1:.1f} s{full}")


if __name__ == "__main__":
    main()
