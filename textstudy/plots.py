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
        fig.savefig(path.with_suffix(".svg"), format="svg",
                    metadata={"Date": None, "Creator": None})
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


def _outlet_order(df: pd.DataFrame, label: str) -> list:
    return sorted(df[label].astype(str).unique())


def rates_with_intervals(rates: pd.DataFrame, value: str = "per_1k", label: str = "group",
                         measure_labels: dict[str, str] | None = None,
                         xlabel: str = "per 1,000 words", title: str = "") -> plt.Figure:
    """Dot-and-interval plot: one panel per measure, one row per outlet.

    ``rates`` is :func:`textstudy.compare.group_rates` output: ``value`` with ``<value>_low`` and
    ``<value>_high`` columns, ``measure`` and ``label`` columns.
    """
    set_style()
    measures = list(dict.fromkeys(rates["measure"]))
    order = _outlet_order(rates, label)
    fig, axes = plt.subplots(1, len(measures), figsize=(3.6 * len(measures) + 1.5,
                                                        0.5 * len(order) + 1.8),
                             sharey=True, squeeze=False)
    for ax, m, colour in zip(axes[0], measures, PALETTE):
        d = rates[rates["measure"] == m].set_index(rates[label].astype(str)).reindex(order)
        y = range(len(order))
        ax.hlines(y, d[f"{value}_low"], d[f"{value}_high"], color=colour, lw=2.5, alpha=0.6)
        ax.plot(d[value], y, "o", color=colour, ms=7)
        ax.set_title((measure_labels or {}).get(m, m))
        ax.set_xlabel(xlabel)
        ax.set_yticks(list(y), order)
        ax.set_xlim(left=0)
    axes[0][0].invert_yaxis()
    if title:
        fig.suptitle(title, fontweight="bold")
    fig.tight_layout()
    return fig


def stacked_counts(results: pd.DataFrame, columns: list[str], label: str,
                   names: dict[str, str] | None = None, xlabel: str = "count",
                   title: str = "") -> plt.Figure:
    """Horizontal stacked bars of count columns (e.g. categories of a measure) per outlet."""
    set_style()
    d = results.groupby(results[label].astype(str))[columns].sum().sort_index()
    fig, ax = plt.subplots(figsize=(8.5, 0.55 * len(d) + 2.2))
    left = pd.Series(0.0, index=d.index)
    for col, colour in zip(columns, PALETTE * 2):
        ax.barh(d.index, d[col], left=left, color=colour, label=(names or {}).get(col, col))
        left += d[col]
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    ax.legend(ncol=3, loc="upper center", bbox_to_anchor=(0.5, -0.18), frameon=False)
    fig.tight_layout()
    return fig


def positions_strip(positions: pd.DataFrame, label: str, hue: str = "category",
                    title: str = "Where in the article") -> plt.Figure:
    """Strip plot of match positions (0 = start of the document, 1 = end) per outlet."""
    set_style()
    order = _outlet_order(positions, label)
    fig, ax = plt.subplots(figsize=(8.5, 0.55 * len(order) + 2.2))
    sns.stripplot(data=positions.assign(**{label: positions[label].astype(str)}), x="position",
                  y=label, hue=hue, order=order, jitter=0.2, size=6, ax=ax, palette=PALETTE)
    ax.set_xlim(-0.02, 1.02)
    ax.set_xlabel("position in article (0 = start, 1 = end)")
    ax.set_ylabel("")
    ax.set_title(title)
    ax.legend(ncol=3, loc="upper center", bbox_to_anchor=(0.5, -0.2), frameon=False)
    fig.tight_layout()
    return fig


def heatmap(table: pd.DataFrame, title: str, fmt: str = ".2f", cmap: str = "viridis",
            xlabel: str = "", ylabel: str = "", annot: bool = True) -> plt.Figure:
    """Annotated heatmap of a wide table (rows × columns)."""
    set_style()
    fig, ax = plt.subplots(figsize=(0.9 * table.shape[1] + 3.5, 0.5 * table.shape[0] + 2))
    sns.heatmap(table, annot=annot, fmt=fmt, cmap=cmap, ax=ax, cbar_kws={"shrink": 0.7})
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    plt.setp(ax.get_xticklabels(), rotation=35, ha="right")
    fig.tight_layout()
    return fig


def line(table: pd.DataFrame, x: str, ys: list[str], title: str, mark_x=None) -> plt.Figure:
    """Lines of one or more columns against ``x`` (e.g. a coherence curve), optional marker."""
    set_style()
    fig, ax = plt.subplots(figsize=(6.5, 4))
    for y, colour in zip(ys, PALETTE):
        ax.plot(table[x], table[y], "o-", color=colour, label=y)
    if mark_x is not None:
        ax.axvline(mark_x, color="#999999", ls="--", lw=1, label=f"chosen {x} = {mark_x}")
    ax.set_xlabel(x)
    ax.set_title(title)
    ax.legend(frameon=False)
    fig.tight_layout()
    return fig
