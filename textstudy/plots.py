"""Figures: one function per figure kind, each returning a matplotlib Figure.

Plots know only the tables' columns, never how a measure is computed. :func:`save_figure`
writes PNG (and optionally SVG) with fixed metadata, so that re-running a notebook on the same
inputs and package versions gives byte-identical files.
"""

from __future__ import annotations

import json
import os
import textwrap
import zlib
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402

#: Okabe–Ito colour-blind-safe palette (Okabe & Ito 2008), then grey and Tol's wine for a
#: ninth and tenth series.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#000000", "#999999", "#882255"]
BLOCK_COLOURS = {"heading": "#0072B2", "paragraph": "#56B4E9", "list_item": "#009E73",
                 "table_row": "#E69F00", "quote": "#CC79A7", "link": "#F0E442",
                 "boilerplate": "#999999"}
#: One colour per measure and per category, the same in every figure. Measures and the
#: commercial categories use Okabe & Ito (2008); disclaimer categories Tol's (2021) muted
#: scheme, so that the two families never share a colour.
CATEGORY_COLOURS = {
    # measures
    "hedges": "#0072B2", "boosters": "#E69F00", "approximators": "#999999",
    "hypotheticals": "#BBBBBB",
    "citations_specific": "#009E73", "citations_vague": "#CC79A7",
    "commercial": "#D55E00", "disclaimers": "#332288",
    # commercial intent
    "call_to_action": "#D55E00", "consultation_offer": "#E69F00",
    "product_or_service": "#CC79A7", "pricing": "#0072B2", "self_promotion": "#009E73",
    "business_link": "#56B4E9",
    # disclaimers and disclosures
    "medical_disclaimer": "#332288", "legal_disclaimer": "#88CCEE",
    "consult_professional": "#44AA99", "funding_disclosure": "#117733",
    "conflict_of_interest": "#999933", "affiliate_disclosure": "#882255",
    "disclosure": "#DDCC77",
}
#: Colours for names not in :data:`CATEGORY_COLOURS` (a user's lexicon categories), picked by
#: a hash of the name so that a name keeps its colour from figure to figure.
EXTRA_COLOURS = ["#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377", "#BBBBBB",
                 "#EE7733", "#0077BB", "#33BBEE", "#EE3377", "#CC3311", "#009988", "#000000"]
#: Marker of values the package flags (e.g. SMOG on fewer than 30 sentences) in figures.
FLAG_MARK = "†"


def colour_for(name: str) -> str:
    """The colour of a measure or category: fixed for known names, stable for any other."""
    return CATEGORY_COLOURS.get(name) or EXTRA_COLOURS[zlib.crc32(name.encode()) %
                                                       len(EXTRA_COLOURS)]


def add_note(fig: plt.Figure, text: str, width: int = 110) -> None:
    """A wrapped footnote under the figure (what a reader needs to read it correctly)."""
    fig.text(0.01, 0.0, textwrap.fill(text, width), ha="left", va="top", fontsize=8.5,
             color="#444444", transform=fig.transFigure)


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


def save_figure(fig: plt.Figure, path: str | Path, caption: str, svg: bool = False) -> Path:
    """Save ``fig`` as PNG (and SVG) with fixed metadata; returns the PNG path.

    ``caption`` (one line on what the figure shows) is recorded in ``captions.json`` beside the
    figure, with the notebook that made it (``TEXTSTUDY_NOTEBOOK``), for the figure index
    (:func:`write_figure_index`).
    """
    path = Path(path).with_suffix(".png")
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, format="png", metadata={"Software": None})
    _record_caption(path, caption)
    if svg:
        fig.savefig(path.with_suffix(".svg"), format="svg",
                    metadata={"Date": None, "Creator": None})
    plt.close(fig)
    return path


CAPTIONS_FILE = "captions.json"


def _record_caption(path: Path, caption: str) -> None:
    index = path.parent / CAPTIONS_FILE
    entries = json.loads(index.read_text()) if index.exists() else {}
    entries[path.name] = {"caption": caption,
                          "notebook": os.environ.get("TEXTSTUDY_NOTEBOOK", "")}
    index.write_text(json.dumps(entries, indent=2, sort_keys=True) + "\n")


def write_figure_index(folder: str | Path) -> Path:
    """Write ``folder/README.md``: each figure, the notebook that makes it, and its caption."""
    folder = Path(folder)
    index = folder / CAPTIONS_FILE
    entries = json.loads(index.read_text()) if index.exists() else {}
    lines = ["# Figures", "",
             "Generated by `make all` (`textstudy figures`), which executes `notebooks/`; "
             "do not edit by hand.", "",
             "| figure | notebook | what it shows |", "|---|---|---|"]
    for name, e in sorted(entries.items()):
        lines.append(f"| [{name}]({name}) | `{e['notebook']}` | {e['caption']} |")
    out = folder / "README.md"
    out.write_text("\n".join(lines) + "\n")
    return out


def block_composition(blocks: pd.DataFrame, label: str = "doc_id") -> plt.Figure:
    """Stacked horizontal bars: each document's words by block kind.

    Parameters
    ----------
    blocks : DataFrame
        Long table with columns ``label``, ``kind`` and ``words`` (one row per kind per doc).
    """
    set_style()
    wide = blocks.pivot_table(index=label, columns="kind", values="words", aggfunc="sum",
                              fill_value=0).sort_index()
    kinds = [k for k in BLOCK_COLOURS if k in wide.columns]
    wide = wide[kinds]
    fig, ax = plt.subplots(figsize=(8, 0.3 * len(wide) + 2.0))
    left = pd.Series(0.0, index=wide.index)
    for k in kinds:
        ax.barh(wide.index.astype(str), wide[k], left=left, color=BLOCK_COLOURS[k], label=k)
        left += wide[k]
    ax.invert_yaxis()
    ax.set_xlabel("words")
    ax.set_ylabel("")
    ax.set_title("Article composition by block kind")
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    fig.tight_layout()
    return fig


def _outlet_order(df: pd.DataFrame, label: str) -> list:
    return sorted(df[label].astype(str).unique())


ONE_DOC_NOTE = ("Dotted intervals: the outlet has one article, so the 95% bootstrap interval "
                "resamples that article's sentences. It shows how stable the rate is within the "
                "article, not how the outlet writes in general.")


def rates_with_intervals(rates: pd.DataFrame, value: str = "per_1k", label: str = "group",
                         measure_labels: dict[str, str] | None = None,
                         xlabel: str = "per 1,000 words", title: str = "") -> plt.Figure:
    """Dot-and-interval plot: one panel per measure, one row per outlet.

    ``rates`` is :func:`textstudy.compare.group_rates` output: ``value`` with ``<value>_low`` and
    ``<value>_high`` columns, ``measure``, ``label`` and ``n_docs`` columns. Intervals of
    outlets with one document are dotted and explained in a footnote: they resample sentences
    of one article, not the outlet's articles.
    """
    set_style()
    measures = list(dict.fromkeys(rates["measure"]))
    order = _outlet_order(rates, label)
    ncols = min(3, len(measures))
    nrows = -(-len(measures) // ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(3.8 * ncols + 1.6,
                                                     (0.3 * len(order) + 1.4) * nrows + 0.6),
                             sharey=True, squeeze=False)
    for ax in axes.flat[len(measures):]:
        ax.set_visible(False)
    one_doc_any = False
    for ax, m in zip(axes.flat, measures):
        colour = colour_for(m)
        d = rates[rates["measure"] == m]
        d = d.set_index(d[label].astype(str)).reindex(order)
        y = np.arange(len(order))
        one_doc = (d["n_docs"] == 1).to_numpy() if "n_docs" in d else np.zeros(len(d), bool)
        one_doc_any |= bool(one_doc.any())
        for sel, style in ((~one_doc, "-"), (one_doc, ":")):
            if sel.any():
                ax.hlines(y[sel], d[f"{value}_low"][sel], d[f"{value}_high"][sel], color=colour,
                          lw=2.5, alpha=0.6, linestyles=style)
        ax.plot(d[value], y, "o", color=colour, ms=7)
        ax.set_title((measure_labels or {}).get(m, m))
        ax.set_xlabel(xlabel)
        ax.set_yticks(list(y), order)
        ax.set_xlim(left=0)
    axes[0][0].invert_yaxis()
    if title:
        fig.suptitle(title, fontweight="bold")
    fig.tight_layout()
    if one_doc_any:
        add_note(fig, ONE_DOC_NOTE)
    return fig


def category_counts(results: pd.DataFrame, panels: dict[str, list[str]], label: str,
                    names: dict[str, str] | None = None, xlabel: str = "count",
                    title: str = "") -> plt.Figure:
    """Stacked horizontal bars of count columns per outlet, one panel per family.

    ``panels`` maps a panel title to its count columns (e.g. commercial categories in one,
    disclaimer categories in the other): families are never summed into one bar. Each
    category keeps its colour (:func:`colour_for` of the column name without its family
    prefix and ``_n`` suffix), and each bar ends with its total.
    """
    set_style()
    groups = results[label].astype(str)
    order = sorted(groups.unique())
    fig, axes = plt.subplots(1, len(panels), figsize=(5.2 * len(panels) + 1.5,
                                                      0.3 * len(order) + 2.6),
                             sharey=True, squeeze=False)
    for ax, (panel, columns) in zip(axes[0], panels.items()):
        d = results.groupby(groups)[columns].sum().reindex(order).fillna(0)
        left = pd.Series(0.0, index=d.index)
        for col in columns:
            cat = col.split("_", 1)[1].removesuffix("_n") if "_" in col else col
            ax.barh(d.index, d[col], left=left, color=colour_for(cat),
                    label=(names or {}).get(col, cat.replace("_", " ")))
            left += d[col]
        for y, total in enumerate(left):
            ax.text(total, y, f" {total:g}", va="center", fontsize=9)
        ax.set_xlim(0, max(1.0, float(left.max())) * 1.15)
        ax.set_title(panel)
        ax.set_xlabel(xlabel)
        ax.legend(ncol=2, loc="upper center", bbox_to_anchor=(0.5, -0.12 - 2.0 / (len(order) + 6)),
                  frameon=False, fontsize=9)
    axes[0][0].invert_yaxis()
    if title:
        fig.suptitle(title, fontweight="bold")
    fig.tight_layout()
    return fig


def positions_strip(positions: pd.DataFrame, label: str, hue: str = "category",
                    title: str = "Where in the article",
                    outlets: list[str] | None = None) -> plt.Figure:
    """Strip plot of match positions (0 = start of the document, 1 = end) per outlet.

    ``outlets`` lists every outlet to show, those without a match included (an empty row says
    "none found" as plainly as a dot says where one is); default: the outlets in ``positions``.
    """
    set_style()
    order = sorted(set(map(str, outlets))) if outlets is not None else _outlet_order(
        positions, label)
    fig, ax = plt.subplots(figsize=(8.5, 0.3 * len(order) + 2.4))
    if positions.empty:
        ax.text(0.5, 0.5, "no markers found", ha="center", va="center", transform=ax.transAxes)
        ax.set_title(title)
        return fig
    # Deterministic jitter (seeded), so that re-running gives identical bytes.
    rng = np.random.default_rng(0)
    row = positions[label].astype(str).map({o: i for i, o in enumerate(order)})
    y = row.to_numpy(float) + rng.uniform(-0.2, 0.2, len(positions))
    for cat in sorted(positions[hue].unique()):
        sel = (positions[hue] == cat).to_numpy()
        ax.scatter(positions["position"].to_numpy()[sel], y[sel], s=36, color=colour_for(cat),
                   label=cat.replace("_", " "))
    ax.set_yticks(range(len(order)), order)
    ax.set_ylim(len(order) - 0.5, -0.5)
    ax.set_xlim(-0.02, 1.02)
    ax.set_xlabel("position in article (0 = start, 1 = end)")
    ax.set_ylabel("")
    ax.set_title(title)
    ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    fig.tight_layout()
    return fig


def heatmap(table: pd.DataFrame, title: str, fmt: str = ".2f", cmap: str = "viridis",
            xlabel: str = "", ylabel: str = "", annot: bool = True, cbar_label: str = "",
            cbar_ticks: dict[float, str] | None = None, flags: pd.DataFrame | None = None,
            note: str = "") -> plt.Figure:
    """Annotated heatmap of a wide table (rows × columns).

    ``cbar_ticks`` names values on the colour bar (e.g. the levels of an ordinal scale).
    ``flags`` (same shape, bool) marks cells the package flags with :data:`FLAG_MARK`; say why
    in ``note``, the figure's footnote.
    """
    set_style()
    width = max(1.1 * table.shape[1] + 4.5, 0.11 * len(title))
    fig, ax = plt.subplots(figsize=(width, 0.42 * table.shape[0] + 2.2))
    labels = table.map(lambda v: "" if pd.isna(v) else format(v, fmt))
    if flags is not None:
        marks = flags.reindex_like(table).fillna(False).astype(bool)
        labels = labels.where(~marks, labels + FLAG_MARK)
    sns.heatmap(table, annot=labels.to_numpy() if annot else False, fmt="", cmap=cmap, ax=ax,
                cbar_kws={"shrink": 0.7, "label": cbar_label},
                **({"vmin": min(cbar_ticks), "vmax": max(cbar_ticks)} if cbar_ticks else {}))
    if cbar_ticks:
        cbar = ax.collections[0].colorbar
        cbar.set_ticks(list(cbar_ticks), labels=list(cbar_ticks.values()))
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    plt.setp(ax.get_xticklabels(), rotation=35, ha="right")
    fig.tight_layout()
    if note:
        add_note(fig, note, width=int(12 * width))
    return fig


def line(table: pd.DataFrame, x: str, ys: list[str], title: str, mark_x=None,
         note: str = "") -> plt.Figure:
    """Lines of one or more columns against ``x`` (e.g. a coherence curve), optional marker
    and footnote."""
    set_style()
    fig, ax = plt.subplots(figsize=(6.5, 4))
    for y, colour in zip(ys, PALETTE):
        ax.plot(table[x], table[y], "o-", color=colour, label=y)
    if mark_x is not None:
        ax.axvline(mark_x, color="#999999", ls="--", lw=1, label=f"chosen {x} = {mark_x}")
    ax.set_xticks(list(table[x]))
    ax.set_xlabel(x)
    ax.set_title(title)
    ax.legend(frameon=False)
    fig.tight_layout()
    if note:
        add_note(fig, note, width=80)
    return fig


# -- same evidence, different framing (notebook 08) -----------------------------------------

#: Claim strength, weakest to strongest: a light-to-dark blue ramp (ColorBrewer Blues).
CLAIM_COLOURS = {"no_claim": "#eff3ff", "correlational": "#9ecae1",
                 "conditional_causal": "#4292c6", "direct_causal": "#08306b"}
#: Certainty shown as a glyph (a matplotlib marker) inside the cell.
CERTAINTY_GLYPHS = {"hedged": "$?$", "neutral": "_", "boosted": "$!$", "mixed": r"$\pm$"}
#: Sourcing shown as the cell border: solid (a specific source), dashed (vague), none.
SOURCING_BORDERS = {"specific": ("-", 2.2), "vague": ((0, (2, 1.5)), 1.6), "none": (None, 0)}


def evidence_framing(frame: pd.DataFrame, title: str = "Same evidence, different framing",
                     max_name: int = 42, max_pieces: int = 30) -> plt.Figure:
    """Piece × outlet grid: claim strength, certainty and sourcing of each cell at once.

    ``frame`` is :func:`textstudy.evidence.framing` output (``piece_id, name, outlet,
    claim_strength, certainty, sourcing``). Fill colour = claim strength (light = no claim,
    dark = direct causal); glyph = certainty (``?`` hedged, ``–`` neutral, ``!`` boosted,
    ``±`` mixed); border = sourcing (solid specific, dashed vague, none). A small grey dot
    marks an outlet that does not mention the piece. Artists carry a ``gid``
    (``sourcing:<kind>`` cells, ``certainty:<kind>`` glyphs, ``absent`` dots). Rows are
    pieces (most outlets first), columns outlets in alphabetical order; the size grows with
    the grid so that 2–50 outlets and 1–30 pieces stay readable. Beyond ``max_pieces``
    pieces, the ones stated by the most outlets are drawn and the title says how many were
    left out.
    """
    from matplotlib.collections import PatchCollection
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch, Rectangle

    set_style()
    outlets = _outlet_order(frame, "outlet")
    reach = frame.groupby("piece_id")["outlet"].nunique()
    pieces = sorted(reach.index, key=lambda p: (-reach[p], p))
    if len(pieces) > max_pieces:
        title = f"{title} ({max_pieces} of {len(pieces)} pieces: most outlets)"
        pieces = pieces[:max_pieces]
        frame = frame[frame["piece_id"].isin(pieces)]
    names = frame.drop_duplicates("piece_id").set_index("piece_id")["name"]
    n_out, n_pc = max(len(outlets), 1), max(len(pieces), 1)
    cell = 0.42 if n_out <= 20 else 0.3
    fig, ax = plt.subplots(figsize=(max(6.5, 3.2 + cell * n_out), max(3.2, 2.4 + 0.36 * n_pc)))
    font = 11 if n_out <= 20 else 8
    col = {o: i for i, o in enumerate(outlets)}
    row = {p: i for i, p in enumerate(pieces)}
    x = frame["outlet"].map(col).to_numpy(float)
    y = frame["piece_id"].map(row).to_numpy(float)
    present = {(r, c) for r, c in zip(y.astype(int), x.astype(int))}
    empty = [(c, r) for r in range(len(pieces)) for c in range(len(outlets))
             if (r, c) not in present]
    if empty:
        ax.scatter(*zip(*empty), s=6, color="#cccccc", zorder=1, gid="absent")
    for kind, (style, width) in SOURCING_BORDERS.items():
        sel = (frame["sourcing"] == kind).to_numpy()
        if sel.any():
            ax.add_collection(PatchCollection(
                [Rectangle((a - 0.42, b - 0.42), 0.84, 0.84) for a, b in zip(x[sel], y[sel])],
                facecolors=frame.loc[sel, "claim_strength"].map(CLAIM_COLOURS).tolist(),
                edgecolors="#000000" if style else "none", linestyles=style or "-",
                linewidths=width, zorder=2, gid=f"sourcing:{kind}"))
    dark = frame["claim_strength"].isin(["conditional_causal", "direct_causal"]).to_numpy()
    for certainty, glyph in CERTAINTY_GLYPHS.items():
        for on_dark in (False, True):
            sel = (frame["certainty"] == certainty).to_numpy() & (dark == on_dark)
            if sel.any():
                ax.scatter(x[sel], y[sel], marker=glyph, linewidths=1.5,
                           s=font * 9, color="white" if on_dark else "black", zorder=3,
                           gid=f"certainty:{certainty}")
    ax.set_xlim(-0.6, n_out - 0.4)
    ax.set_ylim(n_pc - 0.4, -0.6)
    ax.set_xticks(range(len(outlets)),
                  [o if len(o) <= 28 else o[:27] + "…" for o in outlets],
                  rotation=90 if n_out > 12 else 40, ha="center" if n_out > 12 else "right",
                  fontsize=9 if n_out <= 20 else 7)
    ax.set_yticks(range(len(pieces)),
                  [(n if len(n) <= max_name else n[:max_name - 1] + "…")
                   for n in names.reindex(pieces).astype(str)], fontsize=9)
    ax.grid(False)
    ax.set_aspect("equal" if n_out <= 20 and n_pc <= 20 else "auto")
    handles = [Patch(facecolor=col, edgecolor="#888888", label=k.replace("_", " "))
               for k, col in CLAIM_COLOURS.items()]
    handles += [Line2D([], [], ls="none", marker=g, color="black", ms=7, mew=1.5, label=k)
                for k, g in CERTAINTY_GLYPHS.items()]
    handles += [Patch(facecolor="white", edgecolor="#000000", linestyle=s or "-",
                      linewidth=w if s else 0.3, label=f"{k} source" if s else "no source")
                for k, (s, w) in SOURCING_BORDERS.items()]
    ax.legend(handles=handles, ncol=3, loc="upper left", bbox_to_anchor=(1.01, 1.0),
              frameon=False, fontsize=8, title="fill: claim · glyph: certainty · border: source",
              title_fontsize=8)
    ax.set_title(title)
    if frame.empty:
        ax.text(0.5, 0.5, "no evidence shared by two or more outlets", ha="center",
                va="center", transform=ax.transAxes)
    fig.tight_layout()
    return fig
