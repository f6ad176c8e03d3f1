"""Lexicon loading errors name the file, the row (CSV line) and the column."""

import pytest

from textstudy.lexicon import load_lexicon


@pytest.mark.parametrize("rows, message", [
    ("may,hedge,Hyland 2005,\nmight,,Hyland 2005,\n", r"row 3, column 'category': empty"),
    ("may,hedge,Hyland 2005,(unclosed\n", r"row 2, column 'pattern': bad pattern"),
    ("may,hedge,Hyland 2005,\nmay,hedge,Coates 1983,\n", r"row 3, columns 'term, category"),
])
def test_errors_name_file_row_and_column(tmp_path, rows, message):
    path = tmp_path / "mine.csv"
    path.write_text("term,category,source,pattern\n" + rows)
    with pytest.raises(ValueError, match=message) as err:
        load_lexicon(path)
    assert str(path) in str(err.value)
