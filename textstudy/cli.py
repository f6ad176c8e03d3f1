"""Command line: ``textstudy analyze | validate | figures``.

Errors are one clear line on stderr and a non-zero exit status.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .corpus import CorpusError

VALIDATIONS = ("hedging", "readability", "citations", "commercial", "topics", "codebook",
               "claims")


def _cmd_analyze(args: argparse.Namespace) -> int:
    from .run import analyze_to_files

    measures = args.measures.split(",") if args.measures else None
    prov = analyze_to_files(args.path, args.output, measures=measures, n_jobs=args.n_jobs,
                            chunksize=args.chunksize, write_matches=not args.no_matches,
                            progress=args.progress)
    out = prov["outputs"]
    print(f"{out['documents']} documents, {out['matches']} matches -> {args.output}/"
          "{results.csv, matches.csv, provenance.json}")
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    import importlib

    mod = importlib.import_module(f"textstudy.validation.{args.measure}")
    result = getattr(mod, f"validate_{args.measure}")(Path(args.data))
    print(json.dumps(result, indent=2, sort_keys=True))
    return 0


def _cmd_figures(args: argparse.Namespace) -> int:
    from .notebooks import execute_notebooks

    for nb in execute_notebooks(args.notebooks, corpus=args.corpus, figures=args.figures,
                                results=args.results):
        print(f"executed {nb}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="textstudy",
        description="Comparative text analysis of health web articles.",
    )
    sub = p.add_subparsers(dest="command", required=True)

    a = sub.add_parser("analyze", help="measure a corpus; write results.csv, matches.csv, "
                       "provenance.json")
    a.add_argument("path",
                   help="folder of .txt files (+ metadata.csv), or a CSV/JSONL/Parquet file")
    a.add_argument("-o", "--output", required=True, help="output folder")
    a.add_argument("--measures", help="comma-separated measure names (default: all)")
    a.add_argument("--n-jobs", type=int, default=1, help="worker processes (default 1)")
    a.add_argument("--chunksize", type=int, default=1000, help="documents per chunk")
    a.add_argument("--no-matches", action="store_true", help="do not write matches.csv")
    a.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress bar (default: only when stderr is a terminal)")
    a.set_defaults(func=_cmd_analyze)

    v = sub.add_parser("validate", help="validate a measure against human-labelled data")
    v.add_argument("measure", choices=VALIDATIONS)
    v.add_argument("--data", default="../shared/data", help="folder with the validation data")
    v.set_defaults(func=_cmd_validate)

    f = sub.add_parser("figures", help="execute the notebooks and regenerate the figures")
    f.add_argument("--notebooks", default="notebooks", help="folder of .ipynb files")
    f.add_argument("--corpus", default="corpus", help="corpus passed to every notebook")
    f.add_argument("--figures", default="figures", help="where the notebooks write figures")
    f.add_argument("--results", default="results", help="where the notebooks write tables")
    f.set_defaults(func=_cmd_figures)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (CorpusError, ValueError, FileNotFoundError, ModuleNotFoundError) as e:
        print(f"textstudy: error: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
