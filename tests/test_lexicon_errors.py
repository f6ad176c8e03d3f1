"""Lexicon loading errors name the file, the row (CSV line) and the column."""

import pytest

from textstudy.lexicon import check_categories, load_lexicon


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


def test_unknown_category_names_row_and_column(tmp_path):
    path = tmp_path / "facets.csv"
    path.write_text("term,category,source\nsurvey,design=survey,Howick 2011\n"
                    "trial,desgn=trial,Howick 2011\n")
    lex = load_lexicon(path)
    facet = lambda c: c.partition("=")[0]  # noqa: E731 - "design=survey" -> "design"
    check_categories(lex, {"design", "desgn"}, "facets", "a facet", key=facet)  # all known
    with pytest.raises(ValueError, match=r"'facets', row 3, column 'category': unknown "
                                         r"category 'desgn=trial'; expected a facet"):
        check_categories(lex, {"design"}, "facets", "a facet", key=facet)
