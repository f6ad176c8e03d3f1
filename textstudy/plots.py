"""Figures: one function per figure kind, each returning a matplotlib Figure.

Plots know only the tables' columns, never how a measure is computed. :func:`save_figure`
writes PNG (and optionally SVG) with fixed metadata, so that re-running a notebook on the same
inputs and package versions gives byte-identical files.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402

#: Okabe–Ito colour-blind-safe palette (Okabe & Ito 2008).
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#000000"]
BLOCK_COLOURS = {"heading": "#0072B2", "paragraph": "#56B4E9", "list_item": "#009E73",
                 "table_row": "#E69F00", "quote": "#CC79A7", "link": "#F0E442",
                 "boilerplate": "#999999"}


def set_style() -> None:
    """Seaborn/matplotlib settings shared by every figure (fixed fonts, DPI, hash salt)."""
    sns.set_theme(context="notebook", style="whitegrid", palette=PALETTE, font="DejaVu Sans")
    plt.rcParams.update({
        "figure.dpi": 100,
        "savefig.dpi": 150,
        "savefig.bbox": "tight",
        "svg.hashsalt": "textstudy",
        "svg.fonttype": "none",
        "axes.titleweight": "bold",
    })


def save_figure(fig: plt.Figure, path: str | Path, svg: bool = False) -> Path:
    """Save ``fig`` as PNG (and SVG) with fixed metadata; returns the PNG path."""
    path = Path(path).with_suffix(".png")
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, format="png", metadata={"Software": None})
    if svg:
        fig.savefig(path.with_suffix(".svg"), format="svg", metadata={"Date": None, "Creator": None})
    plt.close(fig)
    return path


def block_composition(blocks: pd.DataFrame, label: str = "doc_id") -> plt.Figure:
    """Stacked horizontal bars: each document's words by block kind.

    Parameters
    ----------
    blocks : DataFrame
        Long table with columns ``label``, ``kind`` and ``words`` (one row per kind per doc).
    """
    set_style()
    wide = blocks.pivot_table(index=label, columns="kind", values="words", aggfunc="sum",
                              fill_value=0, sort=False)
    kinds = [k for k in BLOCK_COLOURS if k in wide.columns]
    wide = wide[kinds]
    fig, ax = plt.subplots(figsize=(8, 0.6 * len(wide) + 1.6))
    left = pd.Series(0.0, index=wide.index)
    for k in kinds:
        ax.barh(wide.index.astype(str), wide[k], left=left, color=BLOCK_COLOURS[k], label=k)
        left += wide[k]
    ax.invert_yaxis()
    ax.set_xlabel("words")
    ax.set_ylabel("")
    ax.set_title("Article composition by block kind")
    ax.legend(ncol=min(4, len(kinds)), loc="upper center", bbox_to_anchor=(0.5, -0.15),
              frameon=False)
    fig.tight_layout()
    return fig
