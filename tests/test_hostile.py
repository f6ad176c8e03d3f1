"""Hostile input and the command line as a new user meets it (issue 18): bounded outputs,
flagged documents, the English check on technical English, every flag, one-line errors, no
output from a failed run, provenance, `textstudy figures` outside the repository."""

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import textstudy
from textstudy.cli import EXIT_CODES, main
from textstudy.run import CONTEXT_CHARS, OUTPUT_FILES, document_status
from textstudy.segment import MAX_SENTENCE_WORDS, segment

from .conftest import ROOT, WEBCORPUS

WORDS = ("studies show that this supplement may help reduce pain and could possibly improve "
         "sleep according to research buy now experts say it clearly works").split()


def no_full_stop(n_words: int) -> str:
    return " ".join(WORDS[i % len(WORDS)] for i in range(n_words))


def run_cli(args, capsys):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


# --- bounded cost and flagged documents -------------------------------------------------------

def test_match_rows_and_sentences_stay_bounded_on_a_line_without_full_stops(tmp_path, capsys):
    text = no_full_stop(20_000)  # ~120 KB, one line, no sentence-final punctuation
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "line.txt").write_text(text)
    code, _, _ = run_cli(["analyze", tmp_path / "c", "-o", tmp_path / "o"], capsys)
    assert code == 0
    long = pd.read_csv(tmp_path / "o" / "matches.csv", keep_default_na=False)
    sents = pd.read_csv(tmp_path / "o" / "sentences.csv", keep_default_na=False)
    assert len(long) > 1000
    assert long["left"].str.len().max() <= CONTEXT_CHARS
    assert long["right"].str.len().max() <= CONTEXT_CHARS
    assert sents["n_words"].max() == MAX_SENTENCE_WORDS
    size = len(text.encode())
    assert (tmp_path / "o" / "matches.csv").stat().st_size < 10 * size
    assert (tmp_path / "o" / "sentences.csv").stat().st_size < 2 * size
    row = pd.read_csv(tmp_path / "o" / "results.csv", keep_default_na=False).iloc[0]
    assert row["status"] == "ok"
    assert f"over {MAX_SENTENCE_WORDS} words hard-split" in row["reason"]


def test_written_tables_are_the_in_memory_tables(tmp_path, capsys):
    assert run_cli(["analyze", WEBCORPUS, "-o", tmp_path / "o", "--chunksize", "2"],
                   capsys)[0] == 0
    assert (tmp_path / "o" / "matches.csv").read_text() == textstudy.matches(WEBCORPUS).to_csv(
        index=False)
    assert (tmp_path / "o" / "sentences.csv").read_text() == textstudy.tables.sentences(
        WEBCORPUS).to_csv(index=False)


def test_readability_outside_the_range_of_prose_is_nan_and_flagged():
    from textstudy.measures.readability import PROSE_LIMITS, SCORES

    texts = {"no_stop": no_full_stop(5000),  # 200-word pieces: a Kincaid grade of about 80
             "long_word": "It is " + "x" * 5000 + ".",
             "prose": "It may help some people. " * 10}
    wide = textstudy.analyze(pd.DataFrame({"doc_id": list(texts), "text": list(texts.values())}),
                             measures=["readability"]).set_index("doc_id")
    for doc, what in [("no_stop", "words_per_sentence"), ("long_word", "letters_per_word")]:
        r = wide.loc[doc]
        assert r[[f"readability_{k}" for k in SCORES]].isna().all()
        flag = f"out_of_range:{what}="
        assert flag in r["readability_warning"] and f"readability {flag}" in r["reason"]
        assert f">{PROSE_LIMITS[what]:g}" in r["reason"]
        assert r["readability_words"] > 0  # the counts stay, so the scores can be recomputed
    assert wide.loc["prose", "reason"] == ""
    assert wide.loc["prose", "readability_flesch_kincaid_grade"] < 5


def test_ordinary_text_has_no_reason_and_no_out_of_range_flag():
    wide = textstudy.analyze(WEBCORPUS)
    assert (wide["status"] == "ok").all() and (wide["reason"] == "").all()
    assert not wide["readability_warning"].str.contains("out_of_range").any()


def test_nul_bytes_emoji_and_mixed_scripts_are_measured_or_flagged():
    texts = {
        "nul": "Studies show it may help.\x00😀 " * 2000,
        "mixed": "研究表明 Исследования показывают may help 🙂 \x00 " * 500,
        "lines": "help\n" * 5000,
    }
    wide, long = textstudy.analyze_with_matches(
        pd.DataFrame({"doc_id": list(texts), "text": list(texts.values())}))
    status = dict(zip(wide.doc_id, wide.status))
    reason = dict(zip(wide.doc_id, wide.reason))
    assert status["mixed"] == "non_english" and "not Latin script" in reason["mixed"]
    # a NUL byte and an emoji after a full stop do not hide the sentence boundary
    assert status["nul"] == "ok" and reason["nul"] == ""
    assert long.loc[long.doc_id == "nul", "sentence_id"].nunique() == 2000
    assert status["lines"] == "ok" and "out_of_range" in reason["lines"]
    assert (long.loc[long.doc_id == "nul", "measure"] == "hedges").sum() == 2000


# --- the English check ----------------------------------------------------------------------

TECHNICAL_ENGLISH = [
    "Sdf-1β had no effect on bmsc proliferation; however, sdf-1β significantly protected "
    "genetically engineered bmscs from h2o2-induced cell death and preserved mitochondrial "
    "membrane potential in vitro.",
    "Platelet-activating factor induces phospholipid turnover, calcium flux, arachidonic acid "
    "liberation, eicosanoid generation, and oncogene expression in a human B cell line.",
]
OTHER_LANGUAGES = [
    "Pemerintah Indonesia mengumumkan bahwa program vaksinasi nasional akan dimulai pada bulan "
    "depan untuk seluruh warga negara yang memenuhi syarat kesehatan.",
    "Rząd ogłosił wczoraj nowy program szczepień dla wszystkich obywateli którzy ukończyli "
    "osiemnaście lat i chcą się zaszczepić przeciwko grypie sezonowej.",
    "Le gouvernement a annoncé hier un nouveau programme de vaccination pour tous les citoyens "
    "qui ont plus de dix-huit ans et qui vivent dans le pays.",
    "El gobierno anunció ayer un nuevo programa de vacunación para todos los ciudadanos que "
    "viven en el país desde hace más de un año.",
]


@pytest.mark.parametrize("text", TECHNICAL_ENGLISH)
def test_technical_english_is_english(text):
    assert document_status(segment("d", text)) == ("ok", "")


@pytest.mark.parametrize("text", OTHER_LANGUAGES)
def test_other_latin_script_languages_are_not_english(text):
    status, reason = document_status(segment("d", text))
    assert status == "non_english" and "English function words" in reason


def _shared_sentences(data: Path):
    for line in open(data / "hedging" / "bioscope_abstracts.jsonl"):
        yield "bioscope", json.loads(line)["text"]
    for line in open(data / "hedging" / "pei_certainty_trainval.jsonl"):
        yield "pei", json.loads(line)["finding"]
    for line in open(data / "readability" / "onestop.jsonl"):
        doc = segment("d", json.loads(line)["text"])
        for s in doc.sentences:
            yield "onestop", doc.sentence_text(s)


def test_no_sentence_of_the_english_validation_sets_is_non_english(shared_data):
    rejected = [(src, s) for src, s in _shared_sentences(shared_data)
                if document_status(segment("d", s))[0] == "non_english"]
    assert rejected == []


# --- command-line flags ---------------------------------------------------------------------

@pytest.fixture
def body_csv(tmp_path):
    """A CSV whose columns are ``id,outlet,body`` (not ``doc_id``/``text``)."""
    df = textstudy.load_corpus(WEBCORPUS)
    path = tmp_path / "body.csv"
    df.rename(columns={"doc_id": "id", "text": "body"})[["id", "outlet", "body"]].to_csv(
        path, index=False)
    return path


def test_text_col_and_id_col(tmp_path, body_csv, capsys):
    code, out, _ = run_cli(["analyze", body_csv, "-o", tmp_path / "o", "--text-col", "body",
                            "--id-col", "id"], capsys)
    assert code == 0 and "5 documents" in out
    got = pd.read_csv(tmp_path / "o" / "results.csv")
    want = textstudy.analyze(WEBCORPUS)
    assert sorted(got["doc_id"]) == sorted(want["doc_id"])
    assert got.set_index("doc_id")["n_words"].to_dict() == want.set_index("doc_id")[
        "n_words"].to_dict()
    # '' numbers the rows
    assert run_cli(["analyze", body_csv, "-o", tmp_path / "n", "--text-col", "body",
                    "--id-col", ""], capsys)[0] == 0
    assert pd.read_csv(tmp_path / "n" / "results.csv")["doc_id"].tolist()[:2] == ["row0", "row1"]


def test_encoding_and_errors(tmp_path, capsys):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_bytes("Caf\xe9 studies may help some people.".encode(
        "latin-1"))
    code, _, err = run_cli(["analyze", tmp_path / "c", "-o", tmp_path / "o"], capsys)
    assert code == 1 and "a.txt" in err and "--encoding latin-1" in err
    assert run_cli(["analyze", tmp_path / "c", "-o", tmp_path / "o", "--encoding", "latin-1"],
                   capsys)[0] == 0
    assert "Café" in pd.read_csv(tmp_path / "o" / "sentences.csv")["sentence"][0]
    assert run_cli(["analyze", tmp_path / "c", "-o", tmp_path / "r", "--errors", "replace"],
                   capsys)[0] == 0
    assert "Caf\ufffd" in pd.read_csv(tmp_path / "r" / "sentences.csv")["sentence"][0]


def test_measures_no_matches_and_progress(tmp_path, capsys):
    (tmp_path / "o").mkdir()
    (tmp_path / "o" / "matches.csv").write_text("from an earlier run\n")
    code, _, err = run_cli(["analyze", WEBCORPUS, "-o", tmp_path / "o", "--measures",
                            "readability", "--no-matches", "--progress"], capsys)
    assert code == 0 and "textstudy" in err  # the progress bar
    cols = pd.read_csv(tmp_path / "o" / "results.csv").columns
    assert any(c.startswith("readability_") for c in cols)
    assert not any(c.startswith(("hedges", "citations", "commercial")) for c in cols)
    # no matches written, and none left from the earlier run to be mistaken for this one's
    assert sorted(p.name for p in (tmp_path / "o").iterdir()) == ["provenance.json",
                                                                  "results.csv"]
    prov = json.loads((tmp_path / "o" / "provenance.json").read_text())
    assert prov["outputs"]["matches"] is None and sorted(prov["measures"]) == [
        "readability", "structure"]


def test_max_chars(tmp_path, capsys):
    assert run_cli(["analyze", WEBCORPUS, "-o", tmp_path / "o", "--max-chars", "1000",
                    "--measures", "hedging"], capsys)[0] == 0
    got = pd.read_csv(tmp_path / "o" / "results.csv", keep_default_na=False)
    lengths = {d: len(t) for d, t in zip(*textstudy.load_corpus(WEBCORPUS)[["doc_id", "text"]]
                                          .to_numpy().T)}
    assert {d: s == "too_long" for d, s in zip(got.doc_id, got.status)} == {
        d: n > 1000 for d, n in lengths.items()}
    assert 0 < sum(n > 1000 for n in lengths.values()) < len(lengths)


def test_n_jobs_gives_the_same_files(tmp_path, capsys):
    for jobs in ("1", "2"):
        assert run_cli(["analyze", WEBCORPUS, "-o", tmp_path / jobs, "--n-jobs", jobs,
                        "--chunksize", "2"], capsys)[0] == 0
    for name in ("results.csv", "matches.csv", "sentences.csv"):
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes()


# --- one-line errors and no output from a failed run ------------------------------------------

def _error_cases(tmp_path: Path, body_csv: Path):
    (tmp_path / "empty.csv").write_text("")
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"doc_id,text\na,fine text here\nb,caf\xe9\n")
    return [
        (["analyze", body_csv], "--text-col", "body.csv"),
        (["analyze", body_csv, "--text-col", "body"], "--id-col", "body.csv"),
        (["analyze", tmp_path / "empty.csv"], "empty", "empty.csv"),
        (["analyze", bad, "--chunksize", "1"], "--encoding latin-1", "bad.csv"),
        (["analyze", tmp_path / "nowhere.csv"], "no such file", "nowhere.csv"),
        (["analyze", body_csv, "--measures", "hedging,nonsense"], "--measures", "nonsense"),
        (["analyze", body_csv, "--encoding", "klingon"], "--encoding", "klingon"),
        (["analyze", body_csv, "--n-jobs", "0"], "--n-jobs", "0"),
    ]


def test_every_error_is_one_line_naming_file_and_flag_and_leaves_no_output(tmp_path, body_csv,
                                                                           capsys):
    for i, (args, flag, name) in enumerate(_error_cases(tmp_path, body_csv)):
        out = tmp_path / f"out{i}"
        code, _, err = run_cli([*args, "-o", out], capsys)
        assert code == 1, args
        assert err.startswith("textstudy: error:") and err.count("\n") == 1, err
        assert flag in err and name in err, err
        assert not out.exists(), (args, list(out.iterdir()))


def test_a_run_failing_midway_leaves_no_new_file_and_the_earlier_files_intact(tmp_path,
                                                                             capsys):
    rows = [f"d{i},Studies show it may help {i}." for i in range(5)]
    good = tmp_path / "good.csv"
    good.write_text("doc_id,text\n" + "\n".join(rows) + "\n")
    assert run_cli(["analyze", good, "-o", tmp_path / "o"], capsys)[0] == 0
    before = {p.name: p.read_bytes() for p in (tmp_path / "o").iterdir()}
    assert set(before) == set(OUTPUT_FILES)
    bad = tmp_path / "bad.csv"  # the bad byte is in the last chunk: earlier chunks were written
    bad.write_bytes(b"doc_id,text\n" + "\n".join(rows).encode() + b"\nd9,caf\xe9\n")
    code, _, err = run_cli(["analyze", bad, "-o", tmp_path / "o", "--chunksize", "2"], capsys)
    assert code == 1 and "bad.csv" in err
    assert {p.name: p.read_bytes() for p in (tmp_path / "o").iterdir()} == before


def test_exit_codes_are_documented_and_errors_carry_no_traceback(tmp_path):
    help_text = subprocess.run([sys.executable, "-m", "textstudy.cli", "--help"],
                               capture_output=True, text=True, cwd=ROOT).stdout
    for code in EXIT_CODES:
        assert f"  {code} " in help_text
    (tmp_path / "empty.csv").write_text("")
    proc = subprocess.run([sys.executable, "-m", "textstudy.cli", "analyze",
                           str(tmp_path / "empty.csv"), "-o", str(tmp_path / "o")],
                          capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.count("\n") == 1 and "empty.csv" in proc.stderr
    usage = subprocess.run([sys.executable, "-m", "textstudy.cli", "analyze", "x.csv"],
                           capture_output=True, text=True, cwd=ROOT)
    assert usage.returncode == 2 and usage.stderr.count("\n") == 1
    assert "-o/--output" in usage.stderr
    readme = (ROOT / "README.md").read_text()
    assert all(f"| {code} |" in readme for code in EXIT_CODES)


# --- provenance -----------------------------------------------------------------------------

def test_provenance_fingerprints_the_corpus_and_names_the_commit(tmp_path, capsys):
    assert run_cli(["analyze", WEBCORPUS, "-o", tmp_path / "o"], capsys)[0] == 0
    prov = json.loads((tmp_path / "o" / "provenance.json").read_text())
    files = prov["corpus"]["files"]
    assert set(files) == {p.name for p in WEBCORPUS.iterdir()
                          if p.suffix == ".txt" or p.name == "metadata.csv"}
    for name, sha in files.items():
        assert sha == hashlib.sha256((WEBCORPUS / name).read_bytes()).hexdigest()
    git = subprocess.run(["git", "log", "-1", "--format=%H", "--", "textstudy"], cwd=ROOT,
                         capture_output=True, text=True)
    if git.returncode == 0 and git.stdout.strip():
        assert prov["git_commit"].split("+")[0] == git.stdout.strip()
    else:
        assert prov["git_commit"] is None
    assert prov["python"] and prov["packages"]["pandas"] and prov["lexicons"]
    assert prov["parameters"]["text_col"] == "text" and prov["parameters"]["encoding"] == "utf-8"


def test_dataframe_fingerprint_follows_the_texts():
    df = pd.DataFrame({"doc_id": ["a", "b"], "text": ["It may help.", "It works."]})
    one = textstudy.analyze(df, measures=[]).attrs["provenance"]["corpus"]
    assert one == textstudy.analyze(df.copy(), measures=[]).attrs["provenance"]["corpus"]
    df.loc[1, "text"] = "It works!"
    assert one != textstudy.analyze(df, measures=[]).attrs["provenance"]["corpus"]


# --- textstudy figures ----------------------------------------------------------------------

def test_figures_without_notebooks_fails_in_one_line_and_keeps_the_index(tmp_path):
    figures = tmp_path / "figures"
    figures.mkdir()
    (figures / "README.md").write_text("# Figures\n\n| a.png | made earlier |\n")
    (tmp_path / "empty").mkdir()
    proc = subprocess.run([sys.executable, "-m", "textstudy.cli", "figures", "--notebooks",
                           "empty", "--corpus", str(WEBCORPUS), "--figures", "figures",
                           "--results", "results"],
                          capture_output=True, text=True, cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1
    assert "empty" in proc.stderr and "--notebooks" in proc.stderr
    assert (figures / "README.md").read_text() == "# Figures\n\n| a.png | made earlier |\n"


def test_figures_that_record_no_figure_keep_the_index(tmp_path, capsys):
    nbformat = pytest.importorskip("nbformat")
    pytest.importorskip("nbconvert")
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import os\nresults = os.environ['TEXTSTUDY_RESULTS']")]
    (tmp_path / "nbs").mkdir()
    nbformat.write(nb, tmp_path / "nbs" / "00_nothing.ipynb")
    figures = tmp_path / "figures"
    figures.mkdir()
    (figures / "README.md").write_text("# Figures\n\nkept\n")
    code, out, err = run_cli(["figures", "--notebooks", tmp_path / "nbs", "--corpus", WEBCORPUS,
                              "--figures", figures, "--results", tmp_path / "results"], capsys)
    assert code == 0 and "00_nothing.ipynb" in out, err
    assert (tmp_path / "results" / "notebooks" / "00_nothing.ipynb").exists()
    assert (figures / "README.md").read_text() == "# Figures\n\nkept\n"


def test_figures_finds_the_repository_notebooks_from_any_folder(tmp_path, monkeypatch):
    from textstudy.notebooks import find_notebooks

    monkeypatch.chdir(tmp_path)
    found = find_notebooks()
    assert found and all(p.parent == ROOT / "notebooks" for p in found)
    with pytest.raises(FileNotFoundError, match="--notebooks"):
        find_notebooks(tmp_path)


# --- researchers' dictionaries ----------------------------------------------------------------

LIWC_DIC = """%
1\thedge
2\tbooster
%
may\t1
possib*\t1
kind of\t1
clearly\t2
definitely\t2
"""
QUANTEDA_YAML = """hedge:
  modal:
    - may
  other:
    - possib*
    - kind of
booster:
  - clearly
  - definitely
"""
TEXT = "It may possibly help, kind of. It clearly works and it definitely sells."


@pytest.mark.parametrize("suffix,content,hedge_cats", [
    (".dic", LIWC_DIC, {"hedge"}),
    (".yml", QUANTEDA_YAML, {"hedge.modal", "hedge.other"}),
])
def test_user_dictionaries_load_into_the_lexicon_and_drive_hedging(tmp_path, suffix, content,
                                                                   hedge_cats):
    from textstudy.lexicon import load_lexicon
    from textstudy.measures.hedging import Hedging

    path = tmp_path / f"mine{suffix}"
    path.write_text(content)
    lex = load_lexicon(path)
    assert len(lex.table) == 5 and lex.name == "mine"
    assert set(lex.table["source"]) == {f"mine{suffix} (user dictionary)"}
    hedges = lex.table[lex.table["category"].str.startswith("hedge")]
    boosters = lex.table[lex.table["category"].str.startswith("booster")]
    assert set(hedges["category"]) == hedge_cats
    m = Hedging(hedges=hedges, boosters=boosters, context_rules=False)
    res = m(segment("d", TEXT))
    # the wildcard ("possibly") and the phrase ("kind of") count
    assert sorted(x.cue for x in res.matches if x.measure == "hedges") == [
        "kind of", "may", "possib*"]
    assert res.values["hedges_n"] == 3 and res.values["boosters_n"] == 2
    assert Hedging(hedges=path, boosters=boosters).lexicon_hashes()["hedges"] == hashlib.sha256(
        content.encode()).hexdigest()


@pytest.mark.parametrize("suffix,content,message", [
    (".dic", "%\n1\thedge\n%\nmay\t7\n", "line 4: category number 7"),
    (".dic", "may\t1\n", "not a LIWC .dic file"),
    (".yaml", "- may\n- might\n", "a mapping of category"),
    (".yaml", "hedge:\n  - ma?be\n", "'ma?be'"),
])
def test_bad_dictionaries_name_the_problem(tmp_path, suffix, content, message):
    from textstudy.lexicon import load_lexicon

    path = tmp_path / f"bad{suffix}"
    path.write_text(content)
    with pytest.raises(ValueError, match=message.replace("?", r"\?")):
        load_lexicon(path)
