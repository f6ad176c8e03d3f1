"""Figures read correctly whatever the number of outlets (1, 5, 50)."""

import numpy as np
import pandas as pd
import pytest

from textstudy import plots


def rates_for(n_outlets, n_docs=1):
    rows = []
    for m in ("hedges", "commercial"):
        for i in range(n_outlets):
            rows.append({"group": f"Outlet {i:02d}", "measure": m, "n_docs": n_docs,
                         "per_1k": 5.0 + i, "per_1k_low": 4.0 + i, "per_1k_high": 6.0 + i})
    return pd.DataFrame(rows)


def tick_labels(ax):
    return [t.get_text() for t in ax.get_yticklabels()]


@pytest.mark.parametrize("n", [1, 5, 50])
def test_rates_figure_has_a_readable_row_per_outlet(n):
    fig = plots.rates_with_intervals(rates_for(n))
    ax = fig.axes[0]
    assert tick_labels(ax) == [f"Outlet {i:02d}" for i in range(n)]
    height_per_row = fig.get_size_inches()[1] / n
    assert height_per_row >= 0.25  # room for a 10-11 pt label per row


def test_one_article_intervals_are_explained_on_the_figure():
    fig = plots.rates_with_intervals(rates_for(3, n_docs=1))
    assert any("one article" in t.get_text() for t in fig.texts)
    fig = plots.rates_with_intervals(rates_for(3, n_docs=4))
    assert not any("one article" in t.get_text() for t in fig.texts)


def test_selling_and_disclaimers_are_separate_panels_with_fixed_colours():
    results = pd.DataFrame({"outlet": ["A", "B"], "commercial_pricing_n": [2, 0],
                            "disclaimers_medical_disclaimer_n": [1, 3]})
    fig = plots.category_counts(results, {"Commercial": ["commercial_pricing_n"],
                                          "Disclaimers": ["disclaimers_medical_disclaimer_n"]},
                                label="outlet")
    sell, disclaim = fig.axes[:2]
    widths = [p.get_width() for p in sell.patches]
    assert widths == [2, 0]  # nothing from the other family is added to the bars
    assert [p.get_width() for p in disclaim.patches] == [1, 3]
    colour = tuple(np.round(sell.patches[0].get_facecolor()[:3], 3))
    expected = tuple(np.round([int(plots.colour_for("pricing")[i:i + 2], 16) / 255
                               for i in (1, 3, 5)], 3))
    assert colour == expected


def test_colours_are_stable_for_unknown_categories():
    assert plots.colour_for("my_category") == plots.colour_for("my_category")
    assert plots.colour_for("hedges") == plots.CATEGORY_COLOURS["hedges"]


def test_flagged_heatmap_cells_are_marked():
    table = pd.DataFrame({"smog": [10.0, 12.0]}, index=["A", "B"])
    flags = pd.DataFrame({"smog": [True, False]}, index=["A", "B"])
    fig = plots.heatmap(table, "t", fmt=".1f", flags=flags, note="why")
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert texts == ["10.0" + plots.FLAG_MARK, "12.0"]
    assert any(t.get_text() == "why" for t in fig.texts)


def test_positions_show_outlets_without_markers_too():
    positions = pd.DataFrame({"outlet": ["A"], "position": [0.5], "category": ["pricing"]})
    fig = plots.positions_strip(positions, label="outlet", outlets=["A", "B", "C"])
    assert tick_labels(fig.axes[0]) == ["A", "B", "C"]
