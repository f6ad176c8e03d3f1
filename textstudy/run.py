"""The runner: a corpus in, tables out.

- :func:`analyze` → the wide table, one row per document keyed by ``doc_id``, metadata passed
  through, then ``status`` and ``reason``, then every measure's columns.
- :func:`matches` → the long table, one row per match (``doc_id, measure, category, cue, start,
  end, sentence_id, block_kind, left, match, right``), for auditing and keyword-in-context
  views: ``left``/``right`` are at most :data:`CONTEXT_CHARS` characters of the match's sentence
  either side of it, up to the neighbouring matches (so the table grows with the text, whatever
  its shape: see :func:`_match_rows`); the sentences
  themselves are in :func:`textstudy.tables.sentences` (``sentences.csv``), keyed by
  ``doc_id, sentence_id``.
- :func:`analyze_partition` is the per-chunk function both use; it is public so that Dask (or
  any other scheduler) can map it over partitions.

Every document in gives one row out. A document that cannot be measured keeps its row with NaN
measures and a ``status``/``reason``: ``empty`` (no words), ``non_english`` (mostly non-Latin
script, or evidence of another language, see :func:`document_status`), ``too_long`` (over
``max_chars``). A measured document (``ok``) has a non-empty ``reason`` when something in it is
not to be trusted: sentences hard-split at :data:`textstudy.segment.MAX_SENTENCE_WORDS` words,
or a measure's flag (e.g. a readability score outside the range prose can have).
"""

from __future__ import annotations

import csv
import io
import math
import os
import pickle
import re
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from contextlib import ExitStack
from pathlib import Path

import pandas as pd

from . import measures as measure_registry
from .corpus import iter_corpus
from .document import BODY_KINDS, Document, Match
from .measures import Measure
from .provenance import corpus_fingerprint, provenance
from .segment import MAX_SENTENCE_WORDS, segment
from .tables import SENTENCE_COLUMNS, sentence_rows

MATCH_COLUMNS = ["doc_id", "measure", "category", "cue", "start", "end", "sentence_id",
                 "block_kind", "left", "match", "right"]
#: Characters of context either side of a match in its row (within the match's sentence).
CONTEXT_CHARS = 80

#: English function words used to recognise English text (a document needs a share of at least
#: ``ENGLISH_MIN_SHARE`` of its words among them once it has ``ENGLISH_MIN_WORDS`` words).
ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to in is that for it with as was on are be this by not or have from at you can "
    "but which an they their has we were will more been if may his her its one all also there "
    "what about your these than when other some so such into only do how our who most i".split()
)
#: The most frequent function words of French, Spanish, Italian, Portuguese, German and Dutch
#: (from the Snowball stop-word lists, https://snowballstem.org/), leaving out every word that is
#: also an English word or a common abbreviation in English technical text ("a", "in", "die",
#: "son", "et" of "et al.", "IL" of interleukin, "DAT", "EST", "von" of von Willebrand ...).
#: A text low in English function words is ``non_english`` only when it has more of these.
OTHER_FUNCTION_WORDS = frozenset(
    "une qui dans pour sur avec cette sont ont été nous vous "
    "las una que por como más pero fue está todos entre muy sobre hasta desde porque cuando "
    "della che è sono nel alla degli questo anche dei delle nella tutti questa loro "
    "uma não foi são também "
    "der und ist nicht ein eine dem sich auf für zu sie sind auch aber wird werden "
    "het een en niet zijn voor ook aan maar wordt worden".split()
)
ENGLISH_MIN_WORDS = 20
ENGLISH_MIN_SHARE = 0.12
#: Share of a sample's words that must be English dictionary words (CMU Pronouncing
#: Dictionary) for a text without another language's function words to count as English.
ENGLISH_MIN_DICTIONARY_SHARE = 0.5
DEFAULT_MAX_CHARS = 5_000_000
STATUS_SAMPLE_CHARS = 2_000  # ~300 words: ample for a 12% function-word test
_NON_LATIN_LETTER_RE = re.compile(r"[^\W\d_A-Za-z\u00C0-\u024F]")
_LETTER_RE = re.compile(r"[^\W\d_]")
_ALNUM_RE = re.compile(r"[^\W_]")  # a word (textstudy.document.WORD_RE) has one of these
_ASCII_BYTES = bytes(range(128))
#: Byte -> itself for an ASCII letter or a byte of a non-ASCII character, else a space.
_LETTER_BYTES = bytes(i if i >= 128 or _LETTER_RE.match(chr(i)) else 32 for i in range(256))
_ENGLISH_BYTES = frozenset(w.encode() for w in ENGLISH_FUNCTION_WORDS)
_OTHER_BYTES = frozenset(w.encode() for w in OTHER_FUNCTION_WORDS)

CorpusLike = str | Path | pd.DataFrame


def resolve_measures(measures: Sequence[str | Measure] | None = None) -> list[Measure]:
    """Measure instances from names or instances; ``None`` means every registered measure."""
    if measures is None:
        measures = measure_registry.available()
    out: list[Measure] = []
    for m in measures:
        out.append(measure_registry.build(measure_registry.get(m)) if isinstance(m, str) else m)
    if not any(m.name == "structure" for m in out):
        out.insert(0, measure_registry.build(measure_registry.get("structure")))
    return out


def document_status(doc: Document, max_chars: int = DEFAULT_MAX_CHARS) -> tuple[str, str]:
    """``(status, reason)`` for a segmented document: ``ok`` or why it is not measured.

    In this order: ``too_long`` (more than ``max_chars`` characters); ``empty`` (no words in
    body blocks); ``non_english`` when, in the sample (the first ``STATUS_SAMPLE_CHARS`` of the
    body blocks' text joined by spaces), more than half of the letters are not Latin script, or
    (once it has at least ``ENGLISH_MIN_WORDS`` lower-cased, letters-only words) fewer than
    ``ENGLISH_MIN_SHARE`` of its words are ``ENGLISH_FUNCTION_WORDS`` *and* there is evidence of
    another language: more ``OTHER_FUNCTION_WORDS`` than English ones, or fewer than
    ``ENGLISH_MIN_DICTIONARY_SHARE`` of the words in the CMU Pronouncing Dictionary; else ``ok``.

    A low share of function words alone is not enough: dense technical English ("Sdf-1β had no
    effect on bmsc proliferation; however ...") has 4-10% of them but its words are English.
    """
    text = doc.text
    if len(text) > max_chars:
        return "too_long", _too_long_reason(text, max_chars)
    if not any(_ALNUM_RE.search(text, b.start, b.end) for b in doc.blocks
               if b.kind in BODY_KINDS):
        return "empty", "no words in body blocks"
    # The sample: join body blocks only until it is long enough (a prefix of the full join).
    parts: list[str] = []
    size = -1
    for b in doc.blocks:
        if b.kind in BODY_KINDS:
            parts.append(text[b.start : min(b.end, b.start + STATUS_SAMPLE_CHARS)])
            size += 1 + b.end - b.start
            if size >= STATUS_SAMPLE_CHARS:
                break
    sample = " ".join(parts)[:STATUS_SAMPLE_CHARS]
    non_latin = sum(sample.count(c) for c in _non_ascii(sample) if _NON_LATIN_LETTER_RE.match(c))
    if non_latin:
        n_letters = len(_LETTER_RE.findall(sample))
        if non_latin / n_letters > 0.5:
            return "non_english", f"{non_latin / n_letters:.0%} of letters are not Latin script"
    words = _letter_runs(sample.lower())
    if len(words) >= ENGLISH_MIN_WORDS:
        n_english = sum(map(_ENGLISH_BYTES.__contains__, words))
        if n_english / len(words) < ENGLISH_MIN_SHARE:
            n_other = sum(map(_OTHER_BYTES.__contains__, words))
            if n_other > n_english:
                return "non_english", (f"only {n_english / len(words):.0%} English function "
                                       f"words, {n_other / len(words):.0%} of another language")
            from .measures.readability import cmu_syllable_counts  # loaded once per process

            cmu = cmu_syllable_counts()
            known = sum(w.decode("utf-8", "surrogatepass") in cmu for w in words) / len(words)
            if known < ENGLISH_MIN_DICTIONARY_SHARE:
                return "non_english", (f"only {n_english / len(words):.0%} English function "
                                       f"words and {known:.0%} English dictionary words")
    return "ok", ""


def _non_ascii(text: str) -> set[str]:
    """The distinct non-ASCII characters of ``text``."""
    raw = text.encode("utf-8", "surrogatepass")
    if len(raw) == len(text):
        return set()
    return set(raw.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass"))


def _letter_runs(text: str) -> list[bytes]:
    """``re.findall(r"[^\\W\\d_]+", text)`` (runs of letters) as UTF-8 bytes: the bytes of every
    character that is not a letter become a space, then the text is split on spaces."""
    raw = text.encode("utf-8", "surrogatepass")
    for c in _non_ascii(text):
        if not _LETTER_RE.match(c):
            raw = raw.replace(c.encode("utf-8", "surrogatepass"), b" ")
    return raw.translate(_LETTER_BYTES).split()


def _too_long_reason(text: str, max_chars: int) -> str:
    return f"{len(text):,} characters > max_chars={max_chars:,}"


def _measure_doc(doc_id: str, text: str, meta: dict, ms: list[Measure], max_chars: int,
                 want_matches: bool, want_sentences: bool = False
                 ) -> tuple[dict, list[tuple], list[tuple]]:
    """The document's wide-table row, its match rows (with ``want_matches``) and its sentence
    rows (:data:`textstudy.tables.SENTENCE_COLUMNS`, with ``want_sentences``)."""
    if len(text) > max_chars:  # refused before any work: every measure column NaN
        row = {"status": "too_long", "reason": _too_long_reason(text, max_chars)}
        row.update(dict.fromkeys((c for m in ms for c in m.columns()), math.nan))
        return row, [], []
    doc = segment(doc_id, text, meta)
    status, reason = document_status(doc, max_chars)
    flags = [reason] if reason else []
    if doc.n_hard_split:
        flags.append(f"{doc.n_hard_split} sentence(s) of over {MAX_SENTENCE_WORDS} words "
                     f"hard-split every {MAX_SENTENCE_WORDS} words")
    row: dict = {"status": status}
    hits: list[Match] = []
    for m in ms:
        if status != "ok" and m.name != "structure":
            row.update(dict.fromkeys(m.columns(), math.nan))
            continue
        res = m(doc)
        row.update(res.values)
        flags.extend(res.flags)
        if want_matches:
            hits.extend(res.matches)
    row["reason"] = "; ".join(flags)
    return (row, _match_rows(doc, hits) if want_matches else [],
            sentence_rows(doc) if want_sentences else [])


def _match_rows(doc: Document, hits: list[Match]) -> list[tuple]:
    """Rows in :data:`MATCH_COLUMNS` order.

    ``left`` runs back from the match to the nearest of: :data:`CONTEXT_CHARS` characters, the
    start of its sentence (or, for a match outside sentences, its block), and the end of the
    nearest earlier match (of any measure) that ends before it starts; ``right`` likewise
    forwards. Each stretch of text between two matches is then repeated at most twice (as one's
    right and the next one's left context), so that the table grows with the text, not with the
    number of matches times the sentence length. ``sentences.csv`` has the whole sentences.
    """
    text = doc.text
    ends = sorted(x.end for x in hits)
    starts = sorted(x.start for x in hits)
    rows = []
    for x in hits:
        unit = doc.sentences[x.sentence_id] if x.sentence_id >= 0 else doc.block_at(x.start)
        block = doc.blocks[unit.block_id] if x.sentence_id >= 0 else unit
        lo, hi = (unit.start, unit.end) if unit else (x.start, x.end)
        i = bisect_right(ends, x.start) - 1  # the latest end at or before this start
        if i >= 0:
            lo = max(lo, ends[i])
        j = bisect_left(starts, x.end)  # the earliest start at or after this end
        if j < len(starts):
            hi = min(hi, starts[j])
        rows.append((doc.doc_id, x.measure, x.category, x.cue, x.start, x.end, x.sentence_id,
                     block.kind if block else "",
                     text[max(lo, x.start - CONTEXT_CHARS) : x.start], text[x.start : x.end],
                     text[x.end : min(hi, x.end + CONTEXT_CHARS)]))
    return rows


def analyze_partition(df: pd.DataFrame, measures: Sequence[str | Measure] | None = None,
                      max_chars: int = DEFAULT_MAX_CHARS, with_matches: bool = False):
    """Measure one chunk of a loaded corpus (``doc_id``, metadata..., ``text``).

    Returns the wide table for the chunk, or ``(wide, long)`` when ``with_matches``.
    This is the function to map over Dask partitions.
    """
    found: list[tuple] = []
    wide, _, _ = _partition(df, resolve_measures(measures), max_chars, with_matches,
                            found.extend, None)
    if not with_matches:
        return wide
    return wide, pd.DataFrame(found, columns=MATCH_COLUMNS)


def _partition(df: pd.DataFrame, ms: list[Measure], max_chars: int, with_matches: bool,
               add_matches: Callable[[list[tuple]], object],
               add_sentences: Callable[[list[tuple]], object] | None
               ) -> tuple[pd.DataFrame, list[dict], int]:
    """The chunk's wide table, the wide table's rows as the measures returned them, and the
    number of match rows. Match rows (tuples in :data:`MATCH_COLUMNS` order) and sentence rows
    go to ``add_matches`` and ``add_sentences`` document by document (``list.extend`` or a csv
    writer's ``writerows``; ``add_sentences`` None: no sentence rows), so that a chunk never
    needs the rows of all its documents at once.
    """
    meta_cols = [c for c in df.columns if c not in ("doc_id", "text")]
    rows = []
    n_found = 0
    for rec in df.to_dict("records"):
        meta = {c: rec[c] for c in meta_cols}
        row, found, sents = _measure_doc(str(rec["doc_id"]), rec["text"], meta, ms, max_chars,
                                         with_matches, with_matches and add_sentences is not None)
        rows.append({"doc_id": rec["doc_id"], **meta, **row})
        add_matches(found)
        if add_sentences is not None:
            add_sentences(sents)
        n_found += len(found)
    columns = ["doc_id", *meta_cols, "status", "reason"] + [c for m in ms for c in m.columns()]
    return pd.DataFrame(rows, columns=columns), rows, n_found


def measure_specs(measures: list[Measure]) -> bytes:
    """The measures as a small picklable recipe (class and parameters), for worker processes:
    instances carry compiled regexes and warm caches that are slow to pickle for every chunk."""
    return pickle.dumps([(type(m), m.get_params()) for m in measures])


_WORKER_MEASURES: dict[bytes, list[Measure]] = {}


def _worker_measures(specs: bytes) -> list[Measure]:
    """Measures built once per worker process from :func:`measure_specs` (then reused)."""
    if specs not in _WORKER_MEASURES:
        _WORKER_MEASURES[specs] = [measure_registry.build(cls, **params)
                                   for cls, params in pickle.loads(specs)]
    return _WORKER_MEASURES[specs]


def _partition_task(df: pd.DataFrame, specs: bytes, max_chars: int, with_matches: bool,
                    as_csv: bool, header: bool):
    """One chunk in a worker: :func:`analyze_partition`, or with ``as_csv`` its tables as CSV
    text made here, so that the parent only writes strings."""
    ms = _worker_measures(specs)
    if as_csv:
        return _partition_csv(df, ms, max_chars, with_matches, header)
    return analyze_partition(df, ms, max_chars, with_matches)


def _partition_csv(df: pd.DataFrame, ms: list[Measure], max_chars: int, with_matches: bool,
                   header: bool, sinks: tuple | None = None) -> tuple[int, str, int, str, str]:
    """``(n_docs, wide_csv, n_matches, long_csv, sentences_csv)`` for one chunk. The match and
    sentence rows go straight to the csv module (which is what ``DataFrame.to_csv`` calls, so
    the bytes are the same) document by document, without a DataFrame in between: about 2.5x
    less time on this, the largest table. With ``sinks`` (two open files) they are written
    there as each document is measured, and ``long_csv`` and ``sentences_csv`` are empty: the
    chunk's text then never sits in memory a second time as CSV."""
    bufs = sinks or (io.StringIO(), io.StringIO())
    writers = [csv.writer(b, lineterminator="\n") for b in bufs]
    if header and with_matches:
        writers[0].writerow(MATCH_COLUMNS)
        writers[1].writerow(SENTENCE_COLUMNS)
    wide, rows, n_found = _partition(df, ms, max_chars, with_matches, writers[0].writerows,
                                     writers[1].writerows)
    wide_csv = _ints_as_ints(wide, rows).to_csv(header=header, index=False)
    if sinks:
        return len(wide), wide_csv, n_found, "", ""
    return len(wide), wide_csv, n_found, bufs[0].getvalue(), bufs[1].getvalue()


def _ints_as_ints(wide: pd.DataFrame, rows: list[dict]) -> pd.DataFrame:
    """Integer columns that hold NaN (documents not measured) as nullable integers, so that a
    count is written ``149`` whether or not its chunk has a NaN row (pandas makes such a column
    float, ``149.0``): the file's bytes then do not depend on the chunk size. A column is
    integer when the measure returned a Python ``int`` for it."""
    ints = {}
    for c in wide.columns[(wide.dtypes == "float64").to_numpy()]:
        col = wide[c]
        if col.hasnans and col.notna().any():
            first = rows[int(col.notna().to_numpy().argmax())][c]
            if isinstance(first, int) and not isinstance(first, bool):
                v = col.dropna()
                if (v == v.round()).all():
                    ints[c] = "Int64"
    return wide.astype(ints) if ints else wide


#: How :func:`textstudy.iter_corpus` reads a corpus given as a path (the command line's
#: ``--text-col``, ``--id-col``, ``--encoding``, ``--errors``).
DEFAULT_LOAD = {"text_col": "text", "id_col": "doc_id", "encoding": "utf-8", "errors": "strict"}


def iter_parts(corpus: CorpusLike, measures: Sequence[str | Measure] | None = None,
               n_jobs: int = 1, chunksize: int = 1000, max_chars: int = DEFAULT_MAX_CHARS,
               with_matches: bool = False, progress: bool | None = None, as_csv: bool = False,
               load: dict | None = None, sinks: tuple | None = None):
    """Yield :func:`analyze_partition` results chunk by chunk, in corpus order.

    Memory is bounded by ``n_jobs`` chunks in flight; with ``n_jobs != 1`` the chunks are
    spread over joblib worker processes (each builds the measures once, from
    :func:`measure_specs`) and still come back in order. ``as_csv`` yields
    ``(n_docs, wide_csv, n_matches, long_csv, sentences_csv)`` instead, the CSV text made in
    the worker (header on the first chunk only); with ``sinks`` (two open files, used when
    ``n_jobs == 1``) the match and sentence rows are written there instead. ``load`` holds
    :func:`textstudy.iter_corpus` arguments (``text_col``, ``id_col``, ``encoding``,
    ``errors``).
    """
    ms = resolve_measures(measures)
    chunks: Iterable[pd.DataFrame] = iter_corpus(corpus, chunksize=chunksize, **(load or {}))
    if progress is None:  # a bar for people at a terminal, none in CI logs
        progress = sys.stderr.isatty()
    if progress:
        from tqdm.auto import tqdm

        chunks = tqdm(chunks, desc="textstudy", unit="chunk")
    if n_jobs == 1:
        for i, c in enumerate(chunks):
            if as_csv:
                yield _partition_csv(c, ms, max_chars, with_matches, i == 0, sinks)
            else:
                yield analyze_partition(c, ms, max_chars, with_matches)
        return
    from joblib import Parallel, delayed

    specs = measure_specs(ms)
    yield from Parallel(n_jobs=n_jobs, return_as="generator")(
        delayed(_partition_task)(c, specs, max_chars, with_matches, as_csv, i == 0)
        for i, c in enumerate(chunks)
    )


def run_provenance(measures, n_jobs: int, chunksize: int, max_chars: int,
                   corpus: CorpusLike | None = None, load: dict | None = None) -> dict:
    """:func:`textstudy.provenance.provenance` of a run, with the corpus's fingerprint."""
    load = {**DEFAULT_LOAD, **(load or {})}
    prov = provenance(resolve_measures(measures),
                      {"n_jobs": n_jobs, "chunksize": chunksize, "max_chars": max_chars, **load})
    if corpus is not None:
        prov["corpus"] = corpus_fingerprint(corpus, load["text_col"], load["id_col"])
    return prov


def _run(corpus, measures, n_jobs, chunksize, max_chars, with_matches, progress):
    ms = resolve_measures(measures)
    parts = list(iter_parts(corpus, ms, n_jobs, chunksize, max_chars, with_matches, progress))
    if with_matches:
        wide = pd.concat([p[0] for p in parts], ignore_index=True)
        long = pd.concat([p[1] for p in parts], ignore_index=True)
    else:
        wide, long = pd.concat(parts, ignore_index=True), None
    prov = run_provenance(ms, n_jobs, chunksize, max_chars, corpus)
    wide.attrs["provenance"] = prov
    if long is not None:
        long.attrs["provenance"] = prov
    return wide, long


#: The tables :func:`analyze_to_files` writes (``matches`` and ``sentences`` unless
#: ``write_matches=False``), then ``provenance.json``.
OUTPUT_FILES = ("results.csv", "matches.csv", "sentences.csv", "provenance.json")


def analyze_to_files(corpus: CorpusLike, outdir: str | Path,
                     measures: Sequence[str | Measure] | None = None, n_jobs: int = 1,
                     chunksize: int = 1000, max_chars: int = DEFAULT_MAX_CHARS,
                     write_matches: bool = True, progress: bool | None = None,
                     load: dict | None = None) -> dict:
    """Stream the corpus to ``outdir/results.csv``, ``matches.csv``, ``sentences.csv`` and
    ``provenance.json``.

    Chunks are appended as they are measured, so memory does not grow with the corpus. Every
    file is written under a temporary name (``.<name>.partial``) and renamed into place only
    when the whole corpus has been measured: a failed run leaves none of them (the files of
    an earlier run stay as they were; an output folder the run created is removed again).
    After a successful run with ``write_matches=False``, ``matches.csv`` and ``sentences.csv``
    of an earlier run are removed, so that the folder never mixes runs. ``load`` holds
    :func:`textstudy.iter_corpus` arguments (``text_col``, ``id_col``, ``encoding``,
    ``errors``). Returns the provenance record (with the numbers of documents and matches
    written).
    """
    from .provenance import write_json

    out = Path(outdir)
    created = not out.exists()
    out.mkdir(parents=True, exist_ok=True)
    ms = resolve_measures(measures)
    names = OUTPUT_FILES if write_matches else ("results.csv", "provenance.json")
    partial = {n: out / f".{n}.partial" for n in names}
    n_docs = n_matches = 0
    try:
        with ExitStack() as stack:
            files = {n: stack.enter_context(open(partial[n], "w", newline="", encoding="utf-8"))
                     for n in names[:-1]}
            sinks = (files["matches.csv"], files["sentences.csv"]) if write_matches else None
            for docs, wide_csv, found, long_csv, sents_csv in iter_parts(
                    corpus, ms, n_jobs, chunksize, max_chars, write_matches, progress,
                    as_csv=True, load=load, sinks=sinks if n_jobs == 1 else None):
                files["results.csv"].write(wide_csv)
                n_docs += docs
                if write_matches:
                    files["matches.csv"].write(long_csv)
                    files["sentences.csv"].write(sents_csv)
                    n_matches += found
        prov = run_provenance(ms, n_jobs, chunksize, max_chars, corpus, load)
        prov["outputs"] = {"documents": n_docs,
                           "matches": n_matches if write_matches else None}
        write_json(prov, partial["provenance.json"])
    except BaseException:
        for p in partial.values():
            p.unlink(missing_ok=True)
        if created and not any(out.iterdir()):
            out.rmdir()
        raise
    for n in OUTPUT_FILES:
        if n in partial:
            os.replace(partial[n], out / n)
        else:
            (out / n).unlink(missing_ok=True)
    return prov


def analyze(corpus: CorpusLike, measures: Sequence[str | Measure] | None = None, n_jobs: int = 1,
            chunksize: int = 1000, max_chars: int = DEFAULT_MAX_CHARS,
            progress: bool | None = None) -> pd.DataFrame:
    """One row per document: metadata, ``status``/``reason``, and every measure's columns.

    Parameters
    ----------
    corpus : path or DataFrame
        Anything :func:`textstudy.load_corpus` accepts.
    measures : list of str or Measure, optional
        Measure names (see :func:`textstudy.measures.available`) or configured instances;
        default all. Structure counts are always included.
    n_jobs : int
        Worker processes (joblib); results are identical to ``n_jobs=1``.
    chunksize : int
        Documents per chunk; memory is bounded by the chunk, not the corpus.
    max_chars : int
        Longer documents are kept with status ``too_long`` and NaN measures.
    progress : bool, optional
        Show a tqdm progress bar over chunks; default: only when stderr is a terminal.

    Returns
    -------
    DataFrame
        Provenance (package version, parameters, lexicon hashes) in ``.attrs["provenance"]``.
    """
    return _run(corpus, measures, n_jobs, chunksize, max_chars, False, progress)[0]


def matches(corpus: CorpusLike, measures: Sequence[str | Measure] | None = None, n_jobs: int = 1,
            chunksize: int = 1000, max_chars: int = DEFAULT_MAX_CHARS,
            progress: bool | None = None) -> pd.DataFrame:
    """One row per match: ``doc_id, measure, category, cue, start, end, sentence_id,
    block_kind, left, match, right`` (``match`` is ``text[start:end]``; ``left`` and ``right``
    are up to :data:`CONTEXT_CHARS` characters of its sentence either side).

    Same parameters as :func:`analyze`; each wide-table count equals its number of rows here.
    """
    return _run(corpus, measures, n_jobs, chunksize, max_chars, True, progress)[1]


def analyze_with_matches(corpus: CorpusLike, measures: Sequence[str | Measure] | None = None,
                         n_jobs: int = 1, chunksize: int = 1000,
                         max_chars: int = DEFAULT_MAX_CHARS, progress: bool | None = None
                         ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Both tables from one pass over the corpus: ``(analyze(...), matches(...))``."""
    return _run(corpus, measures, n_jobs, chunksize, max_chars, True, progress)
