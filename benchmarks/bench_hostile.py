"""Pathological inputs through the command line: time, peak memory and output size.

Each input is written to a temporary folder and fed to ``textstudy analyze`` in a fresh
subprocess (``python -m textstudy.cli``) under an address-space limit (``--limit-gb``, default 3),
so that a runaway run is killed instead of exhausting the machine. Reported per input:
wall time, peak RSS of the child (``ru_maxrss``), exit code, the sizes of ``matches.csv`` and
``sentences.csv`` relative to the input (in bytes), and the ``status``/``reason`` of every
flagged document (status not ``ok``, or a ``reason``). The inputs (``--mb`` of UTF-8 each,
default 2; the corpus is two of each, ``10 * --mb``):

- ``no_full_stop``: one line of words with no sentence-final punctuation (hedges, citations and
  calls to action among them, so that every measure finds matches);
- ``short_sentences_nul_emoji``: "Studies show it may help." repeated on one line, a NUL byte
  and an emoji between the sentences;
- ``one_word_lines``: one word per line (a million lines at 6 MB);
- ``mixed_scripts``: Latin, Cyrillic, Greek, Arabic, CJK, emoji and NUL bytes in one line;
- ``one_long_word``: a single "word" without spaces;
- ``links_and_quotes``: one line of calls to action, links, quotations, laypeople named by
  age and reference-list authors (many hits per sentence);
- ``corpus``: a JSONL file with two of each of the above (``10 * --mb``).

Pass criteria (the issue's): every run exits 0 with peak RSS < 1 GB, ``matches.csv`` < 10x the
input, and every flagged document has a non-empty ``reason``. Results go to
``benchmarks/results/hostile.json``.

Usage::

    PYTHONPATH=$PWD .venv/bin/python benchmarks/bench_hostile.py [--mb 2] [--limit-gb 3]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = 20261206
WORDS = ("studies show that this supplement may help reduce pain and could possibly improve "
         "sleep according to research published in the journal of medicine buy now with a "
         "discount code experts say it clearly works for some people but evidence suggests "
         "that results vary approximately half of patients reported benefits").split()
# Many markers, links and quoted laypeople in one sentence: what a rule checks per hit must
# not rescan the sentence (it did: quadratic, 9 s for 19 KB of "buy now www.shop-a.com …").
LINKED = ("buy now www.shop-a.com", "https://x.example.com/a?tag=shop-20", "Order here:",
          "Maria Lopez, 30, who lives in Bristol, says", "“it helped me a lot”", "20% off",
          "Johnson, M. W., & Lee, C. (2020)", "donate to our charity", "trust me")
# The RSS wrapper: run the command given as arguments, then print the child's peak RSS (KiB).
_WRAPPER = ("import resource, subprocess, sys\n"
            "limit = int(sys.argv[1])\n"
            "def cap():\n"
            "    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))\n"
            "rc = subprocess.run(sys.argv[2:], preexec_fn=cap).returncode\n"
            "print(rc, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")


def _fill(unit, size: int) -> str:
    """Concatenate ``unit(i)`` for i = 0, 1, ... up to ``size`` bytes of UTF-8."""
    parts, n, i = [], 0, 0
    while n < size:
        s = unit(i)
        parts.append(s)
        n += len(s)
        i += 1
    return "".join(parts).encode()[:size].decode("utf-8", "ignore")


def inputs(size: int) -> dict[str, str]:
    """The pathological documents, ``size`` bytes of UTF-8 each (deterministic)."""
    rng = random.Random(SEED)
    scripts = ["Studies show", "Исследования показывают", "Οι μελέτες δείχνουν", "تظهر الدراسات",
               "研究表明", "🙂🚀", "\x00", "may help"]
    return {
        "no_full_stop": _fill(lambda i: rng.choice(WORDS) + " ", size),
        "short_sentences_nul_emoji": _fill(lambda i: "Studies show it may help.\x00😀 ", size),
        "one_word_lines": _fill(lambda i: rng.choice(WORDS) + "\n", size),
        "mixed_scripts": _fill(lambda i: rng.choice(scripts) + " ", size),
        "one_long_word": _fill(lambda i: "maybehelp", size),
        "links_and_quotes": _fill(lambda i: rng.choice(LINKED) + " ", size),
    }


def run_case(name: str, path: Path, out: Path, limit: int) -> dict:
    cmd = [sys.executable, "-c", _WRAPPER, str(limit), sys.executable, "-m", "textstudy.cli",
           "analyze", str(path), "-o", str(out), "--no-progress"]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - t0
    rc, rss_kib = (int(x) for x in proc.stdout.split()[-2:])
    size = path.stat().st_size
    rec = {"input": name, "input_mb": round(size / 1e6, 2), "exit": rc,
           "seconds": round(wall, 1), "peak_rss_mb": round(rss_kib / 1024),
           "stderr": proc.stderr.strip().splitlines()[-1:] if rc else []}
    for table in ("matches", "sentences"):
        p = out / f"{table}.csv"
        rec[f"{table}_x_input"] = round(p.stat().st_size / size, 2) if p.exists() else None
    flagged = []
    if (out / "results.csv").exists():
        with open(out / "results.csv", newline="") as f:
            for r in csv.DictReader(f):
                if r["status"] != "ok" or r["reason"]:
                    flagged.append({"doc_id": r["doc_id"], "status": r["status"],
                                    "reason": r["reason"]})
    rec["flagged"] = flagged
    rec["passed"] = (rc == 0 and rss_kib < 1024 * 1024 and (rec["matches_x_input"] or 0) < 10
                     and all(d["reason"] for d in flagged))
    return rec


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=2.0, help="size of each input in MB")
    ap.add_argument("--limit-gb", type=float, default=3.0, help="address-space limit per run")
    ap.add_argument("--only", help="comma-separated input names")
    ap.add_argument("--json", default=str(ROOT / "benchmarks" / "results" / "hostile.json"))
    args = ap.parse_args()
    size = int(args.mb * 1e6)
    docs = inputs(size)
    limit = int(args.limit_gb * 2**30)
    records = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        paths = {}
        for name, text in docs.items():
            paths[name] = tmp / f"{name}.txt"
            paths[name].write_text(text, encoding="utf-8")
        rows = [{"doc_id": f"{name}_{k}", "text": text} for k in (1, 2)
                for name, text in docs.items()]
        paths["corpus"] = tmp / "corpus.jsonl"
        with open(paths["corpus"], "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        del docs, rows
        wanted = args.only.split(",") if args.only else list(paths)
        for name in wanted:
            rec = run_case(name, paths[name], tmp / f"out_{name}", limit)
            records.append(rec)
            reasons = "; ".join(sorted({d["reason"] for d in rec["flagged"]}))
            print(f"{name:<26} {rec['input_mb']:>6} MB  exit {rec['exit']}  "
                  f"{rec['seconds']:>6} s  {rec['peak_rss_mb']:>5} MB RSS  "
                  f"matches {rec['matches_x_input']}x  sentences {rec['sentences_x_input']}x  "
                  f"{'PASS' if rec['passed'] else 'FAIL'}  {reasons[:300]}{rec['stderr']}",
                  flush=True)
    result = {"mb_per_input": args.mb, "limit_gb": args.limit_gb, "runs": records,
              "all_passed": all(r["passed"] for r in records)}
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(f"all passed: {result['all_passed']} -> {args.json}")


if __name__ == "__main__":
    main()
