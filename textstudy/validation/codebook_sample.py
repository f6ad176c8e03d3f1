"""A blind, hand-coded validation sample of non-seed text, labelled by ``CODEBOOK.md``.

:func:`draw_sample` draws a stratified random sample of paragraph-sized *blocks* (the unit a
content analyst codes) from the development data in ``../shared/data``; a human coder labels
each block 0/1 per construct (hedge, booster, specific citation, vague attribution, commercial,
disclaimer) by the codebook, and the labels live in
``benchmarks/codebook_sample/labels.csv`` as ids, text hashes and labels only (no data text).
:func:`load_codebook_sample` joins the labels back to the text read from the data directory and
fails loudly when a text no longer matches its recorded SHA-1.

Strata (sizes in :data:`STRATA`), all drawn with ``numpy.random.default_rng(SEED)`` in the order
listed, each without replacement from the units of at least :data:`MIN_WORDS` words:

- OneStopEnglish (Vajjala & Lučić 2018) ``adv`` texts split on line breaks: 55 paragraphs, each
  from a different text;
- BioScope abstracts (Vincze et al. 2008): 20 sentences with ``uncertain`` = 1, 20 with 0;
- Pei & Jurgens (2021) findings: 5 from each of four bands of ``sentence-level-certainty``
  ([1, 3.5), [3.5, 4.5), [4.5, 5.5), [5.5, 6]);
- Facebook ads (Inside0ut/PFE): 17 ``commercial``, 18 ``informational``;
- Pinterest pin descriptions (Mathur et al. 2018): 10 with ``disclosure`` = 1, 10 with 0.

The data sets' own labels are used only to stratify. ``item`` is ``L<line>:P<paragraph>`` (1-based
line of the JSON-lines file, 0-based paragraph index within that line's text; ``P0`` for files
whose rows are single units).
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pandas as pd

from . import read_jsonl

#: Seed of the sample's random generator.
SEED = 20261206
#: Units shorter than this many whitespace-separated words are skipped.
MIN_WORDS = 4
#: The six 0/1 label columns of the labels file, one per codebook construct.
CONSTRUCTS = ("hedge", "booster", "specific_citation", "vague_attribution", "commercial",
              "disclaimer")
#: Where the hand-coded labels are kept (in a source checkout).
LABELS = Path(__file__).resolve().parents[2] / "benchmarks" / "codebook_sample" / "labels.csv"
#: Sample B's labels (:data:`SEED_B`, :data:`STRATA_B`).
LABELS_B = LABELS.with_name("labels_b.csv")
#: Sample C's labels (:data:`SEED_C`, the strata of sample B).
LABELS_C = LABELS.with_name("labels_c.csv")
#: Sample D's labels (:data:`SEED_D`, the strata of sample B).
LABELS_D = LABELS.with_name("labels_d.csv")

ONESTOP = Path("readability") / "onestop.jsonl"
BIOSCOPE = Path("hedging") / "bioscope_abstracts.jsonl"
PEI = Path("hedging") / "pei_certainty_trainval.jsonl"
FB_ADS = Path("commercial") / "fb_ads_dev.jsonl"
PINTEREST = Path("commercial") / "pinterest_affiliate_disclosures.jsonl"

#: (dataset, file, stratum name, number of units drawn), in drawing order.
STRATA: tuple[tuple[str, Path, str, int], ...] = (
    ("onestop", ONESTOP, "adv", 55),
    ("bioscope", BIOSCOPE, "uncertain=1", 20),
    ("bioscope", BIOSCOPE, "uncertain=0", 20),
    ("pei", PEI, "certainty[1,3.5)", 5),
    ("pei", PEI, "certainty[3.5,4.5)", 5),
    ("pei", PEI, "certainty[4.5,5.5)", 5),
    ("pei", PEI, "certainty[5.5,6]", 5),
    ("fb_ads", FB_ADS, "commercial", 17),
    ("fb_ads", FB_ADS, "informational", 18),
    ("pinterest", PINTEREST, "disclosure=1", 10),
    ("pinterest", PINTEREST, "disclosure=0", 10),
)
#: Sample B: a second blind sample drawn after sample A had been used to refine the measures,
#: weighted towards ads and pins (commercial intent and disclosures), none of sample A's blocks
#: or OneStopEnglish texts.
SEED_B = 20261207
STRATA_B: tuple[tuple[str, Path, str, int], ...] = (
    ("onestop", ONESTOP, "adv", 30),
    ("bioscope", BIOSCOPE, "uncertain=1", 10),
    ("bioscope", BIOSCOPE, "uncertain=0", 10),
    ("pei", PEI, "certainty[1,3.5)", 5),
    ("pei", PEI, "certainty[3.5,4.5)", 5),
    ("pei", PEI, "certainty[4.5,5.5)", 5),
    ("pei", PEI, "certainty[5.5,6]", 5),
    ("fb_ads", FB_ADS, "commercial", 25),
    ("fb_ads", FB_ADS, "informational", 25),
    ("pinterest", PINTEREST, "disclosure=1", 15),
    ("pinterest", PINTEREST, "disclosure=0", 15),
)

#: Sample C: a third blind sample, drawn on 2026-12-07 after samples A and B had been used to
#: refine the measures, with sample B's strata and none of A's or B's blocks or news texts.
SEED_C = 20261208
#: Sample D: a fourth, drawn the same day after sample C's errors had been read, with sample
#: B's strata and none of A's, B's or C's blocks or news texts: the clean check of this round.
SEED_D = 20261209

#: The text field of each file's rows.
_TEXT_FIELD = {ONESTOP: "text", BIOSCOPE: "text", PEI: "finding", FB_ADS: "text",
               PINTEREST: "text"}


def sha1(text: str) -> str:
    """Hex SHA-1 of ``text`` encoded as UTF-8."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _row_units(file: Path, row: dict) -> list[str]:
    """A row's units: a OneStop text's lines (stripped, blanks kept empty), else the whole row."""
    text = row[_TEXT_FIELD[file]]
    return [p.strip() for p in text.splitlines()] if file == ONESTOP else [text.strip()]


def _units(data_dir: Path, file: Path) -> Iterator[tuple[int, int, str, dict]]:
    """Every (line, paragraph index, text, row) of ``file``; one unit per row except OneStop."""
    for line, row in enumerate(read_jsonl(data_dir / file), start=1):
        for i, para in enumerate(_row_units(file, row)):
            yield line, i, para, row


def _long_enough(text: str) -> bool:
    return len(text.split()) >= MIN_WORDS


def _certainty_filter(stratum: str) -> Callable[[dict], bool]:
    """Rows whose Pei & Jurgens certainty lies in the stratum's band, e.g. ``certainty[3.5,4.5)``.

    The bands split the 1–6 scale where the ratings' mass allows four non-empty groups (the
    ratings are half-points and averages; quartiles would tie at 5).
    """
    lo, hi = (float(x) for x in stratum[len("certainty["):-1].split(","))
    if stratum.endswith("]"):
        return lambda row: lo <= row["sentence-level-certainty"] <= hi
    return lambda row: lo <= row["sentence-level-certainty"] < hi


def _stratum_filter(file: Path, stratum: str) -> Callable[[dict], bool]:
    if file == ONESTOP:
        return lambda row: row["level"] == "adv"
    if file == BIOSCOPE:
        want = int(stratum.split("=")[1])
        return lambda row: row["uncertain"] == want
    if file == PEI:
        return _certainty_filter(stratum)
    if file == FB_ADS:
        return lambda row: row["label"] == stratum
    want = int(stratum.split("=")[1])
    return lambda row: row["disclosure"] == want


def draw_sample(data_dir: str | Path, seed: int = SEED,
                strata: tuple[tuple[str, Path, str, int], ...] = STRATA,
                exclude: pd.DataFrame | None = None) -> pd.DataFrame:
    """Draw the stratified codebook sample from ``data_dir`` (``../shared/data``).

    Parameters
    ----------
    data_dir
        The shared data directory holding the five source files.
    seed, strata
        The generator's seed and the strata drawn (default: sample A, :data:`SEED` and
        :data:`STRATA`; sample B is :data:`SEED_B` and :data:`STRATA_B`).
    exclude
        Blocks (``dataset, item``) never drawn: sample B excludes sample A's blocks, and
        OneStopEnglish texts sample A drew from.

    Returns
    -------
    pandas.DataFrame
        One row per drawn block, columns ``dataset, item, text`` (with ``stratum`` kept for the
        record), in drawing order (strata as in :data:`STRATA`, file order within a stratum).
        The same files give the same sample: the generator is ``default_rng(SEED)`` and every
        stratum's candidates are taken in file order.
    """
    data_dir = Path(data_dir)
    rng = np.random.default_rng(seed)
    taken_lines = set() if exclude is None else {
        (d, i.split(":")[0]) for d, i in zip(exclude["dataset"], exclude["item"])}
    out = []
    for dataset, file, stratum, n in strata:
        keep = _stratum_filter(file, stratum)
        cands = [(line, i, text) for line, i, text, row in _units(data_dir, file)
                 if keep(row) and _long_enough(text) and (dataset, f"L{line}") not in taken_lines]
        if file == ONESTOP:
            # one paragraph per text: draw texts, then one paragraph within each
            by_line: dict[int, list[tuple[int, int, str]]] = {}
            for c in cands:
                by_line.setdefault(c[0], []).append(c)
            lines = sorted(by_line)
            chosen_lines = sorted(rng.choice(len(lines), size=n, replace=False))
            picks = [by_line[lines[k]][rng.integers(len(by_line[lines[k]]))]
                     for k in chosen_lines]
        else:
            picks = [cands[k] for k in sorted(rng.choice(len(cands), size=n, replace=False))]
        out += [{"dataset": dataset, "item": f"L{line}:P{i}", "text": text, "stratum": stratum}
                for line, i, text in picks]
    return pd.DataFrame(out, columns=["dataset", "item", "text", "stratum"])


def _text_of(data_dir: Path, dataset: str, item: str, cache: dict[Path, list[dict]]) -> str:
    file = next(f for d, f, _, _ in STRATA if d == dataset)
    line_s, para_s = item.split(":")
    line, para = int(line_s[1:]), int(para_s[1:])
    if file not in cache:
        cache[file] = read_jsonl(data_dir / file)
    rows = cache[file]
    if not 1 <= line <= len(rows):
        raise ValueError(f"{dataset} {item}: line {line} is not in {data_dir / file}")
    paras = _row_units(file, rows[line - 1])
    if para >= len(paras):
        raise ValueError(f"{dataset} {item}: paragraph {para} is not in line {line}")
    return paras[para]


def load_codebook_sample(data_dir: str | Path, labels_path: str | Path = LABELS) -> pd.DataFrame:
    """The hand-coded blocks with their text read from ``data_dir``.

    Parameters
    ----------
    data_dir
        The shared data directory (``../shared/data``).
    labels_path
        The labels CSV (columns ``dataset, item, sha1`` + :data:`CONSTRUCTS` + ``note``).

    Returns
    -------
    pandas.DataFrame
        The labels file's rows with a ``text`` column; label columns as ``int`` (0/1).

    Raises
    ------
    ValueError
        When a block's text no longer hashes to the recorded ``sha1`` (the data file changed),
        when an item does not exist in its file, or when a label is not 0 or 1.
    """
    data_dir = Path(data_dir)
    with open(labels_path, encoding="utf-8", newline="") as f:
        labels = pd.DataFrame(list(csv.DictReader(f)))
    texts = []
    cache: dict[Path, list[dict]] = {}
    for row in labels.itertuples(index=False):
        text = _text_of(data_dir, row.dataset, row.item, cache)
        if sha1(text) != row.sha1:
            raise ValueError(
                f"{row.dataset} {row.item}: the text in {data_dir} has SHA-1 {sha1(text)}, "
                f"the labels file recorded {row.sha1}; the data file changed, so these labels "
                "no longer describe it"
            )
        texts.append(text)
    for col in CONSTRUCTS:
        bad = ~labels[col].isin(["0", "1"])
        if bad.any():
            raise ValueError(f"{col}: labels must be 0 or 1, got {labels.loc[bad, col].tolist()}")
        labels[col] = labels[col].astype(int)
    labels["text"] = texts
    return labels
