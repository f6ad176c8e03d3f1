"""Loading and validating corpora: one row per document, ``doc_id``, metadata..., ``text``.

Accepted sources: a folder of ``.txt`` files (with an optional ``metadata.csv`` keyed by
``doc_id``), a CSV, JSONL or Parquet file, or a pandas DataFrame. Problems are reported early
and by name (file, row): a missing text or id column, duplicate ids, undecodable bytes (with
the offset, and ``encoding=``/``errors=`` as the escape hatch), an empty corpus. HTML given as
text has its tags stripped, with one warning per load. Empty documents are kept: the runner
gives them NaN measures and a reason.
"""

from __future__ import annotations

import html
import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

TEXT_SUFFIXES = (".txt", ".md", ".html", ".htm")
TABLE_SUFFIXES = (".csv", ".jsonl", ".json", ".parquet")


class CorpusError(ValueError):
    """A corpus cannot be loaded as given; the message names the file and row."""


# --- HTML -----------------------------------------------------------------------------------

_HTML_TAG_RE = re.compile(
    r"</?(?:html|head|body|p|div|span|br|h[1-6]|ul|ol|li|a|table|tr|td|th|strong|em|b|i|img|"
    r"section|article|header|footer|nav|script|style|meta|link)\b[^>]*>",
    re.IGNORECASE,
)
_DROP_RE = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_BLOCK_END_RE = re.compile(
    r"</(?:p|div|h[1-6]|li|tr|table|section|article|header|footer|blockquote|ul|ol)\s*>|<br\s*/?>",
    re.IGNORECASE,
)
_CELL_END_RE = re.compile(r"</t[dh]\s*>", re.IGNORECASE)
_ANY_TAG_RE = re.compile(r"<[^>]{0,2000}>")
_COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)


def looks_like_html(text: str) -> bool:
    """True when ``text`` holds at least two HTML tags of common elements."""
    return len(_HTML_TAG_RE.findall(text, 0, 200_000)) >= 2


def strip_html(text: str) -> str:
    """Plain text from HTML: block elements become line breaks, cells tabs, tags go.

    Scripts, styles and comments are removed with their content; entities are unescaped.
    The result keeps one block per line so that :mod:`textstudy.structure` can classify it.
    """
    text = _COMMENT_RE.sub("", text)
    text = _DROP_RE.sub("", text)
    text = _BLOCK_END_RE.sub("\n\n", text)
    text = _CELL_END_RE.sub("\t", text)
    text = _ANY_TAG_RE.sub("", text)
    text = html.unescape(text)
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


# --- reading --------------------------------------------------------------------------------


_DECODE_HINT = ("pass encoding='latin-1' (or the file's encoding) or errors='replace' "
                "(command line: --encoding latin-1 or --errors replace)")


def _decode(raw: bytes, where: str, encoding: str, errors: str) -> str:
    try:
        text = raw.decode(encoding, errors=errors)
    except UnicodeDecodeError as e:
        raise CorpusError(
            f"{where}: cannot decode byte {raw[e.start:e.start + 1]!r} at offset {e.start} as "
            f"{encoding}; {_DECODE_HINT}"
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


def folder_files(folder: Path) -> list[Path]:
    """The text files a corpus folder's documents are read from, sorted by name (a README.md
    is documentation, not a document)."""
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in TEXT_SUFFIXES and p.is_file())
    return [p for p in files if p.name.lower() != "readme.md"]


def _read_folder(folder: Path, encoding: str, errors: str, id_col: str) -> pd.DataFrame:
    files = folder_files(folder)
    rows = []
    for p in files:
        rows.append({id_col: p.stem, "text": _decode(p.read_bytes(), str(p), encoding, errors),
                     "source_file": p.name})
    docs = pd.DataFrame(rows, columns=[id_col, "text", "source_file"])
    dup = docs[id_col].duplicated(keep=False)
    if dup.any():
        names = ", ".join(docs.loc[dup, "source_file"])
        raise CorpusError(f"{folder}: files share a doc_id (file stem): {names}")
    meta_path = folder / "metadata.csv"
    if not meta_path.exists():
        return docs
    meta = pd.read_csv(meta_path, dtype=str, keep_default_na=False)
    if id_col not in meta.columns:
        raise CorpusError(f"{meta_path}: no {id_col!r} column (columns: {list(meta.columns)})")
    _check_unique(meta[id_col], str(meta_path), offset=2)
    missing_text = sorted(set(meta[id_col]) - set(docs[id_col]))
    if missing_text:
        raise CorpusError(
            f"{meta_path}: {len(missing_text)} document(s) listed without a text file in "
            f"{folder}: {', '.join(missing_text[:10])}"
        )
    meta = meta.drop(columns=[c for c in ("text",) if c in meta.columns])
    out = docs.merge(meta, on=id_col, how="left", validate="one_to_one")
    return out.fillna({c: "" for c in meta.columns})


def _check_unique(ids: pd.Series, where: str, offset: int) -> None:
    dup = ids.duplicated(keep=False)
    if dup.any():
        first = ids[dup].iloc[0]
        rows = [int(i) + offset for i in ids.index[ids == first][:5]]
        raise CorpusError(f"{where}: duplicate doc_id {first!r} at rows {rows}")


def _table_chunks(path: Path, chunksize: int | None, encoding: str, errors: str
                  ) -> Iterator[pd.DataFrame]:
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            reader = pd.read_csv(path, dtype=str, keep_default_na=False, chunksize=chunksize,
                                 encoding=encoding, encoding_errors=errors)
            yield from ([reader] if chunksize is None else reader)
        elif suffix in (".jsonl", ".json"):
            lines = suffix == ".jsonl" or _first_char(path) == "{"
            reader = pd.read_json(path, lines=lines, dtype=False,
                                  chunksize=chunksize if lines else None,
                                  encoding=encoding, encoding_errors=errors)
            yield from ([reader] if chunksize is None or not lines else reader)
        elif suffix == ".parquet":
            yield from _parquet_chunks(path, chunksize)
        else:
            raise CorpusError(f"{path}: unsupported file type {suffix!r}")
    except CorpusError:
        raise
    except UnicodeDecodeError as e:
        raise CorpusError(
            f"{path}: cannot decode byte at offset {e.start} as {encoding}; {_DECODE_HINT}"
        ) from None
    except pd.errors.EmptyDataError:
        raise CorpusError(f"{path}: the file is empty (a CSV corpus needs a header row naming "
                          "its text and id columns)") from None
    except pd.errors.ParserError as e:
        raise CorpusError(f"{path}: not a valid {suffix[1:].upper()} file: "
                          f"{str(e).strip().splitlines()[-1]}") from None
    except ValueError as e:
        if suffix not in (".jsonl", ".json"):
            raise
        raise CorpusError(f"{path}: not valid JSON{' lines' if suffix == '.jsonl' else ''}: "
                          f"{str(e).strip().splitlines()[-1]}") from None


def _first_char(path: Path) -> str:
    with open(path, "rb") as f:
        return f.read(64).lstrip()[:1].decode("ascii", "ignore")


def _parquet_chunks(path: Path, chunksize: int | None) -> Iterator[pd.DataFrame]:
    try:
        import pyarrow.parquet as pq
    except ImportError:  # pragma: no cover - depends on the environment
        raise CorpusError(f"{path}: reading Parquet needs pyarrow (pip install textstudy[parquet])"
                          ) from None
    pf = pq.ParquetFile(path)
    if chunksize is None:
        yield pf.read().to_pandas()
        return
    for batch in pf.iter_batches(batch_size=chunksize):
        yield batch.to_pandas()


def _is_missing(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and v != v)


def _normalise(df: pd.DataFrame, where: str, text_col: str, id_col: str | None, index0: int,
               row0: int, html_docs: list[str]) -> pd.DataFrame:
    """Check and reorder one chunk. ``index0`` numbers documents from 0 across chunks;
    ``row0`` is the row number that error messages use for the chunk's first document."""
    if text_col not in df.columns:
        raise CorpusError(f"{where}: no text column {text_col!r} (columns: {list(df.columns)}); "
                          f"pass text_col= (command line: --text-col NAME)")
    df = df.copy()
    if id_col is None:
        df.insert(0, "doc_id", [f"row{index0 + i}" for i in range(len(df))])
        id_col = "doc_id"
    elif id_col not in df.columns:
        raise CorpusError(f"{where}: no id column {id_col!r} (columns: {list(df.columns)}); "
                          f"pass id_col=, or id_col=None to number the rows (command line: "
                          f"--id-col NAME, or --id-col '' to number the rows)")
    ids = df[id_col]
    if ids.isna().any():
        i = int(ids.isna().to_numpy().nonzero()[0][0])
        raise CorpusError(f"{where}: empty {id_col!r} at row {row0 + i}")
    df[id_col] = ids.astype(str)
    text = df[text_col]
    bad = text.map(lambda v: not (isinstance(v, str) or _is_missing(v)))
    if bad.any():
        i = int(bad.to_numpy().nonzero()[0][0])
        raise CorpusError(f"{where}: {text_col!r} at row {row0 + i} is not text "
                          f"({type(text.iloc[i]).__name__})")
    text = text.where(text.notna(), "").astype(object)
    is_html = text.map(looks_like_html)
    if is_html.any():
        html_docs.extend(df.loc[is_html, id_col].tolist())
        text = text.where(~is_html, text[is_html].map(strip_html))
    df = df.drop(columns=[text_col]).rename(columns={id_col: "doc_id"})
    df["text"] = text.astype(object)
    cols = ["doc_id"] + [c for c in df.columns if c not in ("doc_id", "text")] + ["text"]
    return df[cols].reset_index(drop=True)


def iter_corpus(
    source: str | Path | pd.DataFrame,
    text_col: str = "text",
    id_col: str | None = "doc_id",
    chunksize: int | None = 10_000,
    encoding: str = "utf-8",
    errors: str = "strict",
) -> Iterator[pd.DataFrame]:
    """Yield the corpus in chunks of at most ``chunksize`` documents (streaming).

    Same arguments and checks as :func:`load_corpus`; duplicate ids are detected across chunks
    (only the ids are kept in memory).
    """
    html_docs: list[str] = []
    seen: set[str] = set()
    n = 0
    for where, chunk, line_offset in _raw_chunks(source, text_col, id_col, chunksize, encoding,
                                                 errors):
        row0 = n + line_offset
        df = _normalise(chunk, where, text_col, id_col, n, row0, html_docs)
        _check_unique(df["doc_id"], where, offset=row0)
        clash = seen.intersection(df["doc_id"])
        if clash:
            raise CorpusError(f"{where}: duplicate doc_id {sorted(clash)[0]!r} "
                              "(also in an earlier chunk)")
        seen.update(df["doc_id"])
        n += len(df)
        yield df
    if html_docs:
        warnings.warn(
            f"{len(html_docs)} document(s) looked like HTML and had their tags stripped "
            f"(e.g. {html_docs[0]!r}); character offsets refer to the stripped text",
            stacklevel=2,
        )
    if n == 0:
        what = ("no .txt, .md or .html files" if not isinstance(source, pd.DataFrame)
                and Path(source).is_dir() else "no documents found")
        raise CorpusError(f"{_describe(source)}: the corpus is empty ({what})")


def _describe(source) -> str:
    return "DataFrame" if isinstance(source, pd.DataFrame) else str(source)


def _raw_chunks(source, text_col, id_col, chunksize, encoding, errors):
    """(where, raw DataFrame, line offset) for each chunk of ``source``; the line offset turns
    a 0-based document number into the row number a user sees (CSV: +2 for the header)."""
    if isinstance(source, pd.DataFrame):
        step = chunksize or max(len(source), 1)
        for i in range(0, len(source), step):
            yield "DataFrame", source.iloc[i : i + step], 0
        return
    path = Path(source)
    if not path.exists():
        raise CorpusError(f"{path}: no such file or folder")
    if path.is_dir():
        df = _read_folder(path, encoding, errors, id_col or "doc_id")
        if "text" != text_col:
            df = df.rename(columns={"text": text_col})
        yield str(path), df, 0
        return
    if path.suffix.lower() in TEXT_SUFFIXES:
        text = _decode(path.read_bytes(), str(path), encoding, errors)
        yield str(path), pd.DataFrame({id_col or "doc_id": [path.stem], text_col: [text]}), 0
        return
    line_offset = 2 if path.suffix.lower() == ".csv" else 1  # file lines (CSV has a header)
    for chunk in _table_chunks(path, chunksize, encoding, errors):
        yield str(path), chunk, line_offset


def load_corpus(
    source: str | Path | pd.DataFrame,
    text_col: str = "text",
    id_col: str | None = "doc_id",
    encoding: str = "utf-8",
    errors: str = "strict",
) -> pd.DataFrame:
    """Load a corpus into one DataFrame: ``doc_id``, metadata columns..., ``text``.

    Parameters
    ----------
    source : str, Path or DataFrame
        A folder of ``.txt``/``.md``/``.html`` files (``doc_id`` = file stem; an optional
        ``metadata.csv`` with a ``doc_id`` column adds metadata), a ``.csv``/``.jsonl``/
        ``.parquet`` file, a single text file, or a DataFrame.
    text_col, id_col : str
        Column names in tables. ``id_col=None`` numbers the rows (``row<N>``).
    encoding, errors : str
        How to decode bytes (as in :meth:`bytes.decode`); the default refuses bad bytes.

    Returns
    -------
    DataFrame
        One row per document, in source order; ``text`` is always a str (missing → "").

    Raises
    ------
    CorpusError
        Missing columns, duplicate ids, undecodable bytes or an empty corpus, naming the file
        and row.
    """
    chunks = list(iter_corpus(source, text_col, id_col, None, encoding, errors))
    return pd.concat(chunks, ignore_index=True) if len(chunks) > 1 else chunks[0]
