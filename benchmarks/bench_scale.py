"""Throughput, memory and parallel speed-up of the whole pipeline, beside textstat alone.

Builds corpora of 1k, 10k and 100k documents of about 8 KB (the size of a web article, and of
the documents the issue's reference figures were measured on) by resampling paragraphs
(deterministic seed) of the articles in corpus/ (when present), of the synthetic web articles in
tests/fixtures/webcorpus and of the texts under ../shared/data, then reports for each size:

- documents/s and MB/s of each measure family alone (on pre-segmented documents), of all of
  them together with segmentation (fresh instances, then warm), with the warm seconds per MB
  of each stage, and of the whole pipeline (load + segment + every measure), single process;
- peak RSS of a streamed ``textstudy analyze`` run (in its own process) and the speed-up of
  ``--n-jobs 2`` over ``--n-jobs 1``;
- textstat's six main formulas called separately on the same texts (first 1,000 documents of
  each corpus: textstat runs at ~1 MB/s), the reference rate.

Usage::

    .venv/bin/python benchmarks/bench_scale.py [--sizes 1000 10000 100000] [--data ../shared/data]

Writes ``benchmarks/results/scale.json`` and prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = 20261122


def paragraphs(data: Path) -> list[str]:
    """Paragraph pool: article lines (corpus/ and the fixture articles), OneStopEnglish
    paragraphs, BioScope sentences in groups of four."""
    pool: list[str] = []
    for folder in (ROOT / "corpus", ROOT / "tests" / "fixtures" / "webcorpus"):
        for p in sorted(folder.glob("*.txt")):
            pool += [ln for ln in p.read_text().splitlines() if ln.strip()]
    onestop = data / "readability" / "onestop.jsonl"
    if onestop.exists():
        for line in onestop.open():
            pool += [p for p in json.loads(line)["text"].split("\n") if p.strip()]
    bioscope = data / "hedging" / "bioscope_abstracts.jsonl"
    if bioscope.exists():
        sents = [json.loads(line)["text"] for line in bioscope.open()]
        pool += [" ".join(sents[i : i + 4]) for i in range(0, len(sents), 4)]
    return pool


def build_corpus(pool: list[str], n: int, path: Path) -> float:
    """Write ``n`` documents of 12–28 resampled paragraphs (~8 KB) to JSONL; returns MB."""
    rng = random.Random(SEED + n)
    size = 0
    with path.open("w") as f:
        for i in range(n):
            text = "\n".join(rng.choice(pool) for _ in range(rng.randint(12, 28)))
            size += len(text.encode())
            f.write(json.dumps({"doc_id": f"d{i}", "outlet": f"o{i % 5}", "text": text}) + "\n")
    return size / 1e6


def time_families(path: Path, limit: int) -> dict:
    """MB/s of segmentation and of each measure alone on the first ``limit`` documents."""
    import textstudy
    from textstudy.run import document_status, resolve_measures

    docs = next(textstudy.iter_corpus(path, chunksize=limit))  # never the whole corpus
    mb = docs["text"].str.len().sum() / 1e6  # characters ~ bytes for this English text
    out = {}
    t = time.perf_counter()
    segmented = [textstudy.segment(d, x) for d, x in zip(docs["doc_id"], docs["text"])]
    out["segmentation"] = mb / (time.perf_counter() - t)
    for m in resolve_measures(None):
        t = time.perf_counter()
        for doc in segmented:
            m(doc)
        out[m.name] = mb / (time.perf_counter() - t)
    # Everything the runner does per document, together, on fresh measure instances (cold),
    # then again on the same documents with the same instances (warm: per-word memos filled,
    # as after the first thousand documents of a long run), timed stage by stage.
    ms = resolve_measures(None)
    for run in ("all_measures_with_segmentation", "all_measures_with_segmentation_warm"):
        stages = dict.fromkeys(["segmentation", "status", *(m.name for m in ms)], 0.0)
        t = time.perf_counter()
        for d, x in zip(docs["doc_id"], docs["text"]):
            t0 = time.perf_counter()
            doc = textstudy.segment(d, x)
            t1 = time.perf_counter()
            document_status(doc)
            stages["segmentation"] += t1 - t0
            stages["status"] += time.perf_counter() - t1
            for m in ms:
                t0 = time.perf_counter()
                m(doc)
                stages[m.name] += time.perf_counter() - t0
        out[run] = mb / (time.perf_counter() - t)
    # Where the warm time goes: seconds per MB of each stage (they sum to about 1 / rate).
    seconds_per_mb = {k: round(v / mb, 4) for k, v in stages.items()}
    from textstudy.measures.readability import TEXTSTAT_SIX
    from textstudy.textstat_offline import textstat

    ts = textstat()
    t = time.perf_counter()
    for text in docs["text"]:
        for f in TEXTSTAT_SIX:
            getattr(ts, f)(text)
    out["textstat_six_formulas"] = mb / (time.perf_counter() - t)
    return {k: round(v, 2) for k, v in out.items()} | {
        "documents_timed": len(docs), "warm_seconds_per_mb_by_stage": seconds_per_mb}


def run_cli(path: Path, n_jobs: int) -> dict:
    """Whole streamed pipeline in a fresh process: seconds and peak RSS (MB).

    The process's own peak is VmHWM from /proc (Linux keeps ``ru_maxrss`` across fork and
    exec, so it would report this benchmark's own peak); workers' peak is ``ru_maxrss`` of
    the reaped children (an upper bound, for the same reason).
    """
    code = (
        "import resource, sys, time\n"
        "from textstudy.run import analyze_to_files\n"
        "t = time.perf_counter()\n"
        f"analyze_to_files({str(path)!r}, {str(path.parent / f'out{n_jobs}')!r}, n_jobs={n_jobs},"
        " chunksize=500, write_matches=True)\n"
        "dt = time.perf_counter() - t\n"
        "from joblib.externals.loky import get_reusable_executor\n"
        "get_reusable_executor().shutdown(wait=True)  # reap workers: their peak RSS counts\n"
        "own = [ln for ln in open('/proc/self/status') if ln.startswith('VmHWM')][0]\n"
        "kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(dt, int(own.split()[1]) / 1024, kids / 1024)\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    dt, own, kids = map(float, res.stdout.split())
    return {"seconds": round(dt, 2), "peak_rss_mb": round(own, 1),
            "peak_rss_worker_mb": round(kids, 1)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "scale.json")
    args = ap.parse_args()
    pool = paragraphs(args.data)
    results = {"seed": SEED, "paragraph_pool": len(pool), "sizes": {}}
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            path = Path(tmp) / f"corpus_{n}.jsonl"
            mb = build_corpus(pool, n, path)
            fam = time_families(path, limit=1000)
            one = run_cli(path, 1)
            two = run_cli(path, 2)
            results["sizes"][str(n)] = {
                "documents": n,
                "megabytes": round(mb, 2),
                "mean_kb_per_document": round(1000 * mb / n, 2),
                "families_mb_per_s": fam,
                "pipeline_1_job": one | {"docs_per_s": round(n / one["seconds"], 1),
                                         "mb_per_s": round(mb / one["seconds"], 2)},
                "pipeline_2_jobs": two | {"docs_per_s": round(n / two["seconds"], 1),
                                          "mb_per_s": round(mb / two["seconds"], 2)},
                "speedup_2_jobs": round(one["seconds"] / two["seconds"], 2),
                "pipeline_vs_textstat": round((mb / one["seconds"])
                                              / fam["textstat_six_formulas"], 2),
                "measures_vs_textstat": round(fam["all_measures_with_segmentation"]
                                              / fam["textstat_six_formulas"], 2),
                "measures_vs_textstat_warm": round(fam["all_measures_with_segmentation_warm"]
                                                   / fam["textstat_six_formulas"], 2),
            }
            print(json.dumps(results["sizes"][str(n)]), flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    print(table(results))


def table(results: dict) -> str:
    rows = ["| documents | MB | all measures + segmentation MB/s (cold / warm) "
            "| pipeline MB/s (1 job) | docs/s | 2 jobs speed-up | peak RSS MB (1 job) "
            "| textstat six MB/s | ratio |",
            "|---|---|---|---|---|---|---|---|---|"]
    for n, r in results["sizes"].items():
        p, fam = r["pipeline_1_job"], r["families_mb_per_s"]
        rows.append(f"| {n} | {r['megabytes']} | {fam['all_measures_with_segmentation']} / "
                    f"{fam['all_measures_with_segmentation_warm']} | "
                    f"{p['mb_per_s']} | {p['docs_per_s']} | {r['speedup_2_jobs']} | "
                    f"{p['peak_rss_mb']} | {fam['textstat_six_formulas']} | "
                    f"{r['pipeline_vs_textstat']} |")
    return "\n".join(rows)


if __name__ == "__main__":
    main()
