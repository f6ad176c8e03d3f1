"""Every notebook runs top to bottom on the tables the main job wrote, on the fixture corpus and
on another small corpus, and re-running gives byte-identical figures."""

import filecmp
import json
from pathlib import Path

import pytest

from textstudy.notebooks import execute_notebooks
from textstudy.run import analyze_to_files

from .conftest import ROOT, WEBCORPUS

NOTEBOOKS = ROOT / "notebooks"
pytestmark = pytest.mark.slow


def run_all(corpus: Path, out: Path) -> list[str]:
    """The main job: analyse once into results/, then the notebooks read those tables."""
    analyze_to_files(corpus, out / "results")
    ran = execute_notebooks(NOTEBOOKS, corpus=corpus, figures=out / "figures",
                            results=out / "results")
    return [p.name for p in ran]


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    a, b = tmp_path_factory.mktemp("a"), tmp_path_factory.mktemp("b")
    return run_all(WEBCORPUS, a), a / "figures", b, run_all(WEBCORPUS, b)


def test_every_notebook_runs(two_runs):
    ran, figures, _, _ = two_runs
    assert ran == sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))
    pngs = sorted(p.name for p in figures.glob("*.png"))
    # every notebook writes at least one figure
    assert {name[:2] for name in pngs} == {name[:2] for name in ran}


def test_figures_are_byte_identical_across_runs(two_runs):
    _, figures_a, out_b, _ = two_runs
    names = sorted(p.name for p in figures_a.iterdir())
    assert names == sorted(p.name for p in (out_b / "figures").iterdir())
    match, mismatch, errors = filecmp.cmpfiles(figures_a, out_b / "figures", names, shallow=False)
    assert mismatch == [] and errors == []


def test_figure_index_lists_every_figure_with_its_notebook(two_runs):
    _, figures, _, _ = two_runs
    readme = (figures / "README.md").read_text()
    captions = json.loads((figures / "captions.json").read_text())
    for png in figures.glob("*.png"):
        assert f"[{png.name}]" in readme
        assert captions[png.name]["notebook"].startswith(png.name[:2])


def test_notebooks_run_unchanged_on_another_small_corpus(tmp_path):
    corpus = tmp_path / "other"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Sleep and Pain\nPoor sleep may worsen chronic pain. A 2021 study of 80 adults found "
        "that better sleep reduced pain scores.\nTalk to your doctor about sleep problems.\n")
    (corpus / "b.txt").write_text(
        "Why Sleep Matters\nResearch suggests that sleep clearly reduces pain. Buy our sleep "
        "tea today for $19.99.\n")
    (corpus / "c.txt").write_text(
        "Pain and Rest\nExperts believe rest can help. The 2021 study of 80 adults showed "
        "that sleep reduced pain.\n")
    ran = run_all(corpus, tmp_path / "out")
    assert len(ran) == len(list(NOTEBOOKS.glob("*.ipynb")))
    assert list((tmp_path / "out" / "figures").glob("*.png"))


def test_notebooks_need_the_main_jobs_tables(tmp_path):
    with pytest.raises(Exception, match="textstudy analyze"):
        list(execute_notebooks(NOTEBOOKS, corpus=WEBCORPUS, figures=tmp_path / "figures",
                               results=tmp_path / "no_results"))
