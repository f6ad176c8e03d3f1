"""Command line: ``textstudy analyze | validate | figures``.

Errors are one line on stderr (``textstudy: error: ...``, naming the file, the row where there
is one, and the flag that fixes it) and a non-zero exit status (see :data:`EXIT_CODES`); set
``TEXTSTUDY_DEBUG=1`` to get the Python traceback instead.
"""

from __future__ import annotations

import argparse
import codecs
import json
import os
import sys
from pathlib import Path

from .corpus import CorpusError

VALIDATIONS = ("hedging", "readability", "citations", "commercial", "topics", "codebook",
               "claims")

#: Exit status -> meaning (also printed by ``textstudy --help``).
EXIT_CODES = {
    0: "success",
    1: "the input or an option cannot be used (unreadable corpus, missing column, unknown "
       "measure, no notebooks ...): the message names the file, row and flag",
    2: "the command line itself is wrong (unknown flag, missing argument)",
    3: "the run failed (a notebook cell raised, out of memory, or a bug); analyze wrote nothing",
    130: "interrupted (Ctrl-C); analyze wrote nothing",
}
ERRORS = ("strict", "replace", "ignore", "backslashreplace", "surrogateescape")


class UsageError(ValueError):
    """An option value that cannot be used; the message names the flag."""


class _Parser(argparse.ArgumentParser):
    """argparse with its usage errors on one line (exit status 2), like every other error."""

    def error(self, message: str):
        self.exit(2, f"textstudy: error: {message} (see `{self.prog} --help`)\n")


def _cmd_analyze(args: argparse.Namespace) -> int:
    from . import measures as registry
    from .run import OUTPUT_FILES, analyze_to_files

    measures = [m.strip() for m in args.measures.split(",") if m.strip()] \
        if args.measures is not None else None
    if measures is not None:
        unknown = [m for m in measures if m not in registry.available()]
        if unknown or not measures:
            what = f"unknown measure {unknown[0]!r}" if unknown else "no measure named"
            raise UsageError(f"--measures: {what}; available: {','.join(registry.available())}")
    if args.n_jobs == 0 or args.n_jobs < -1:
        raise UsageError(f"--n-jobs {args.n_jobs}: give 1 or more worker processes, or -1 for "
                         "one per CPU")
    if args.chunksize < 1:
        raise UsageError(f"--chunksize {args.chunksize}: give 1 or more documents per chunk")
    try:
        codecs.lookup(args.encoding)
    except LookupError:
        raise UsageError(f"--encoding {args.encoding!r}: unknown encoding (e.g. utf-8, latin-1, "
                         "cp1252)") from None
    load = {"text_col": args.text_col, "id_col": args.id_col or None,
            "encoding": args.encoding, "errors": args.errors}
    prov = analyze_to_files(args.path, args.output, measures=measures, n_jobs=args.n_jobs,
                            chunksize=args.chunksize, max_chars=args.max_chars,
                            write_matches=not args.no_matches, progress=args.progress, load=load)
    out = prov["outputs"]
    written = [n for n in OUTPUT_FILES if (Path(args.output) / n).exists()]
    print(f"{out['documents']} documents, {out['matches'] or 0} matches -> {args.output}/"
          f"{{{', '.join(written)}}}")
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    import importlib

    mod = importlib.import_module(f"textstudy.validation.{args.measure}")
    result = getattr(mod, f"validate_{args.measure}")(Path(args.data))
    print(json.dumps(result, indent=2, sort_keys=True))
    return 0


def _cmd_figures(args: argparse.Namespace) -> int:
    from .notebooks import execute_notebooks

    try:
        for nb in execute_notebooks(args.notebooks, corpus=args.corpus, figures=args.figures,
                                    results=args.results):
            print(f"executed {nb}")
    except ModuleNotFoundError as e:
        raise UsageError(f"{e}; `textstudy figures` needs the notebook extras "
                         "(pip install 'textstudy[notebooks]')") from None
    return 0


def build_parser() -> argparse.ArgumentParser:
    codes = "\n".join(f"  {k:<4} {v}" for k, v in EXIT_CODES.items())
    p = _Parser(
        prog="textstudy",
        description="Comparative text analysis of health web articles.",
        epilog=f"exit status:\n{codes}\n\nErrors are one line on stderr; set TEXTSTUDY_DEBUG=1 "
               "for a traceback.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = p.add_subparsers(dest="command", required=True)

    a = sub.add_parser("analyze", help="measure a corpus; write results.csv, matches.csv, "
                       "sentences.csv, provenance.json",
                       epilog=f"exit status:\n{codes}",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    a.add_argument("path",
                   help="folder of .txt files (+ metadata.csv), or a CSV/JSONL/Parquet file")
    a.add_argument("-o", "--output", required=True,
                   help="output folder (files appear only when the whole run succeeded)")
    a.add_argument("--text-col", default="text", metavar="NAME",
                   help="column holding the text in a CSV/JSONL/Parquet corpus (default: text)")
    a.add_argument("--id-col", default="doc_id", metavar="NAME",
                   help="column holding the document id (default: doc_id); '' numbers the rows")
    a.add_argument("--encoding", default="utf-8", help="encoding of the files (default: utf-8)")
    a.add_argument("--errors", default="strict", choices=ERRORS,
                   help="what to do with bytes the encoding cannot decode (default: strict, "
                        "stop with the file and byte offset)")
    a.add_argument("--measures", metavar="NAMES",
                   help="comma-separated measure names (default: all)")
    a.add_argument("--n-jobs", type=int, default=1,
                   help="worker processes (default 1; -1 = one per CPU)")
    a.add_argument("--chunksize", type=int, default=1000, help="documents per chunk")
    a.add_argument("--max-chars", type=int, default=5_000_000,
                   help="longer documents get status too_long and no measures (default 5e6)")
    a.add_argument("--no-matches", action="store_true",
                   help="do not write matches.csv and sentences.csv")
    a.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress bar (default: only when stderr is a terminal)")
    a.set_defaults(func=_cmd_analyze)

    v = sub.add_parser("validate", help="validate a measure against human-labelled data")
    v.add_argument("measure", choices=VALIDATIONS)
    v.add_argument("--data", default="../shared/data", help="folder with the validation data")
    v.set_defaults(func=_cmd_validate)

    f = sub.add_parser("figures", help="execute the notebooks and regenerate the figures")
    f.add_argument("--notebooks", default=None, metavar="DIR",
                   help="folder of .ipynb files (default: ./notebooks, else the notebooks/ "
                        "folder of the checkout textstudy is installed from)")
    f.add_argument("--corpus", default="corpus", help="corpus passed to every notebook")
    f.add_argument("--figures", default="figures", help="where the notebooks write figures")
    f.add_argument("--results", default="results", help="where the notebooks write tables")
    f.set_defaults(func=_cmd_figures)
    return p


def _one_line(e: BaseException) -> str:
    lines = [ln.strip() for ln in str(e).splitlines() if ln.strip()]
    return " ".join(lines) if len(lines) <= 3 else lines[0]


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if os.environ.get("TEXTSTUDY_DEBUG"):
        return args.func(args)
    try:
        return args.func(args)
    except (CorpusError, UsageError, ValueError, FileNotFoundError, NotADirectoryError,
            IsADirectoryError, PermissionError) as e:
        print(f"textstudy: error: {_one_line(e)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("textstudy: interrupted", file=sys.stderr)
        return 130
    except Exception as e:  # noqa: BLE001 - the last resort: one line, not a traceback
        print(f"textstudy: error: {type(e).__name__}: {_one_line(e) or 'no message'} "
              "(set TEXTSTUDY_DEBUG=1 for the traceback)", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
