"""Execute the project's notebooks (the figure-making step of the main job).

Each notebook's first code cell reads its parameters from environment variables, so the same
notebook runs on another corpus without edits, both here and under a plain
``jupyter nbconvert --to notebook --execute``:

- ``TEXTSTUDY_CORPUS``: the corpus to analyse (default ``../corpus``);
- ``TEXTSTUDY_FIGURES``: where figures are written (default ``../figures``);
- ``TEXTSTUDY_RESULTS``: where tables are written (default ``../results``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

PARAMETER_ENV = {"corpus": "TEXTSTUDY_CORPUS", "figures": "TEXTSTUDY_FIGURES",
                 "results": "TEXTSTUDY_RESULTS"}


def find_notebooks(folder: str | Path | None = None) -> list[Path]:
    """The ``*.ipynb`` files to run, sorted by name.

    ``folder`` None means ``notebooks/`` in the working directory when it has notebooks, else
    the ``notebooks/`` folder of the checkout this package was installed from (an editable
    install), so that ``textstudy figures`` works from any folder.

    Raises
    ------
    FileNotFoundError
        When the folder has no notebooks (one line, naming the folders tried and the flag).
    """
    tried = [Path(folder)] if folder is not None else [
        Path("notebooks"), Path(__file__).resolve().parents[1] / "notebooks"]
    for f in tried:
        found = sorted(f.glob("*.ipynb")) if f.is_dir() else []
        if found:
            return found
    raise FileNotFoundError(
        f"no .ipynb notebooks in {' or '.join(str(f) for f in tried)}; pass --notebooks DIR "
        "(the notebooks/ folder of a textstudy checkout)")


def execute_notebooks(folder: str | Path | None = None, corpus: str | Path = "corpus",
                      figures: str | Path = "figures", results: str | Path = "results",
                      output: str | Path | None = None, timeout: int = 900) -> Iterator[Path]:
    """Run every ``*.ipynb`` in ``folder`` (sorted by name; see :func:`find_notebooks`) top to
    bottom with nbconvert.

    Paths are made absolute before they reach the kernel, whose working directory is
    ``folder``. Executed copies go to ``output`` (default ``<results>/notebooks``); the source
    notebooks are not modified. Yields each notebook's path after it has run; a failing cell
    raises ``nbclient.exceptions.CellExecutionError`` naming the notebook. The figure index
    (``<figures>/README.md``) is rewritten only after every notebook has run and recorded at
    least one figure: a run that finds no notebooks, fails or records nothing leaves it as it was.
    """
    import nbformat
    from nbconvert.preprocessors import ExecutePreprocessor

    from .plots import CAPTIONS_FILE, write_figure_index

    notebooks = find_notebooks(folder)
    folder = notebooks[0].parent.resolve()
    params = {"corpus": corpus, "figures": figures, "results": results}
    env = {PARAMETER_ENV[k]: str(Path(v).resolve()) for k, v in params.items()}
    out_dir = Path(output) if output else Path(results) / "notebooks"
    out_dir.mkdir(parents=True, exist_ok=True)
    Path(figures).mkdir(parents=True, exist_ok=True)
    (Path(figures) / CAPTIONS_FILE).unlink(missing_ok=True)  # rebuilt by this run
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)  # the kernel inherits the parameters
    try:
        for nb_path in notebooks:
            os.environ["TEXTSTUDY_NOTEBOOK"] = nb_path.name
            nb = nbformat.read(nb_path, as_version=4)
            ExecutePreprocessor(timeout=timeout, kernel_name="python3").preprocess(
                nb, {"metadata": {"path": str(folder)}})
            nbformat.write(nb, out_dir / nb_path.name)
            yield nb_path
        if (Path(figures) / CAPTIONS_FILE).exists():
            write_figure_index(figures)
    finally:
        os.environ.pop("TEXTSTUDY_NOTEBOOK", None)
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
