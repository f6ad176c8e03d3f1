"""Loading: every source kind, and every kind of bad input gives a clear error or a kept row."""

import json
import warnings

import pandas as pd
import pytest

import textstudy
from textstudy import CorpusError, load_corpus

from .conftest import WEBCORPUS


def test_folder_with_metadata(webcorpus):
    assert len(webcorpus) == 5
    assert list(webcorpus.columns[:1]) == ["doc_id"] and webcorpus.columns[-1] == "text"
    row = webcorpus.set_index("doc_id").loc["shroom_shop"]
    assert row["outlet_type"] == "psilocybin retailer"
    assert row["text"].startswith("Microdosing Mushrooms for Pain")
    assert row["date"] == ""  # unknown stays empty


def test_csv_jsonl_parquet_and_dataframe_agree(tmp_path, webcorpus):
    df = webcorpus.drop(columns=["source_file"])
    df.to_csv(tmp_path / "c.csv", index=False)
    df.to_json(tmp_path / "c.jsonl", orient="records", lines=True)
    df.to_parquet(tmp_path / "c.parquet")
    for src in (tmp_path / "c.csv", tmp_path / "c.jsonl", tmp_path / "c.parquet", df):
        got = load_corpus(src)
        assert got["doc_id"].tolist() == df["doc_id"].tolist()
        assert got["text"].tolist() == df["text"].tolist()
        assert got["outlet"].fillna("").tolist() == df["outlet"].fillna("").tolist()


def test_streaming_chunks_cover_every_row(tmp_path, webcorpus):
    webcorpus.to_csv(tmp_path / "c.csv", index=False)
    chunks = list(textstudy.iter_corpus(tmp_path / "c.csv", chunksize=2))
    assert [len(c) for c in chunks] == [2, 2, 1]
    assert pd.concat(chunks)["doc_id"].tolist() == webcorpus["doc_id"].tolist()


def test_missing_text_column_names_file(tmp_path):
    (tmp_path / "c.csv").write_text("doc_id,body\na,hello\n")
    with pytest.raises(CorpusError, match=r"c\.csv: no text column 'text'.*'body'"):
        load_corpus(tmp_path / "c.csv")
    assert load_corpus(tmp_path / "c.csv", text_col="body")["text"].tolist() == ["hello"]


def test_missing_id_column_and_numbering(tmp_path):
    (tmp_path / "c.csv").write_text("text\nhello\nworld\n")
    with pytest.raises(CorpusError, match="no id column"):
        load_corpus(tmp_path / "c.csv")
    assert load_corpus(tmp_path / "c.csv", id_col=None)["doc_id"].tolist() == ["row0", "row1"]


def test_duplicate_ids_name_the_rows(tmp_path):
    (tmp_path / "c.csv").write_text("doc_id,text\na,x\nb,y\na,z\n")
    with pytest.raises(CorpusError, match=r"duplicate doc_id 'a' at rows \[2, 4\]"):
        load_corpus(tmp_path / "c.csv")


def test_duplicate_ids_across_chunks(tmp_path):
    (tmp_path / "c.jsonl").write_text("\n".join(
        json.dumps({"doc_id": i, "text": "t"}) for i in ["a", "b", "c", "a"]) + "\n")
    with pytest.raises(CorpusError, match="duplicate doc_id 'a'"):
        list(textstudy.iter_corpus(tmp_path / "c.jsonl", chunksize=2))


def test_latin1_file_error_names_file_and_offset_and_escape_hatch(tmp_path):
    (tmp_path / "ok.txt").write_text("Fine text.")
    (tmp_path / "old.txt").write_bytes("Caf\xe9 au lait is tasty.".encode("latin-1"))
    with pytest.raises(CorpusError, match=r"old\.txt: cannot decode byte b'\\xe9' at offset 3"):
        load_corpus(tmp_path)
    got = load_corpus(tmp_path, encoding="latin-1").set_index("doc_id")
    assert got.loc["old", "text"] == "Café au lait is tasty."
    replaced = load_corpus(tmp_path, errors="replace").set_index("doc_id")
    assert "\ufffd" in replaced.loc["old", "text"]


def test_html_is_stripped_with_one_warning(tmp_path):
    (tmp_path / "a.html").write_text(
        "<html><head><style>p{color:red}</style></head><body><h1>Title</h1>"
        "<p>First &amp; second.</p><ul><li>One</li><li>Two</li></ul></body></html>")
    (tmp_path / "b.txt").write_text("<p>Also</p><p>html</p>")
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        got = load_corpus(tmp_path).set_index("doc_id")
    assert len([x for x in w if "looked like HTML" in str(x.message)]) == 1
    assert got.loc["a", "text"].split("\n\n") == ["Title", "First & second.", "One", "Two"]
    assert "<" not in got.loc["b", "text"]


def test_empty_documents_are_kept(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "full.txt").write_text("Some text.")
    got = load_corpus(tmp_path)
    assert got["doc_id"].tolist() == ["empty", "full"] and got["text"].tolist()[0] == ""


def test_empty_corpus_and_missing_path(tmp_path):
    with pytest.raises(CorpusError, match="empty"):
        load_corpus(tmp_path)
    with pytest.raises(CorpusError, match="no such file"):
        load_corpus(tmp_path / "nope")


def test_metadata_row_without_text_file_is_an_error(tmp_path):
    (tmp_path / "a.txt").write_text("Text.")
    (tmp_path / "metadata.csv").write_text("doc_id,outlet\na,x\nb,y\n")
    with pytest.raises(CorpusError, match=r"1 document\(s\) listed without a text file.*: b"):
        load_corpus(tmp_path)


def test_non_text_value_in_text_column(tmp_path):
    df = pd.DataFrame({"doc_id": ["a", "b"], "text": ["ok", 3]})
    with pytest.raises(CorpusError, match="row 1 is not text"):
        load_corpus(df)


def test_fixture_folder_is_unchanged_by_loading():
    before = sorted(p.name for p in WEBCORPUS.iterdir())
    load_corpus(WEBCORPUS)
    assert sorted(p.name for p in WEBCORPUS.iterdir()) == before


@pytest.mark.parametrize("name,content,message", [
    ("empty.csv", "", r"empty\.csv: the file is empty"),
    ("ragged.csv", 'doc_id,text\na,"fine"\nb,"one",two,three\n', r"ragged\.csv: not a valid CSV"),
    ("broken.jsonl", '{"doc_id": "a", "text": "x"}\n{"doc_id": \n',
     r"broken\.jsonl: not valid JSON"),
])
def test_unreadable_tables_are_corpus_errors_naming_the_file(tmp_path, name, content, message):
    (tmp_path / name).write_text(content)
    with pytest.raises(CorpusError, match=message):
        load_corpus(tmp_path / name)
