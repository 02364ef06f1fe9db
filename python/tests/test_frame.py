"""Findings as pandas DataFrames (pandas is an optional extra)."""

from __future__ import annotations

import sys

import pytest
from support import HUAIAN_2024, PINGTAN_2020, require_corpus

import gongkai

pd = pytest.importorskip("pandas")


def test_findings_frame_has_a_row_per_finding() -> None:
    require_corpus()
    outcome = gongkai.check(PINGTAN_2020)
    frame = outcome.findings_frame()
    assert list(frame.columns) == [
        "rule",
        "severity",
        "reading",
        "cell",
        "related",
        "expected",
        "actual",
        "message",
        "quote",
    ]
    assert len(frame) == len(outcome.findings) == 9
    errors = frame[frame.severity == "error"]
    assert list(errors.cell) == ["requests/total/natural", "requests/total/total"]
    assert list(errors.expected) == ["26", "27"]
    assert frame.rule.value_counts().to_dict() == {"R-1": 6, "T3-2": 2, "X-5": 1}
    # The six R-1 notes are gongkai's (glued digits it could not split), not the report's.
    assert list(frame[frame.reading].rule) == ["R-1"] * 6
    assert not frame[frame.severity == "error"].reading.any()
    assert isinstance(frame.related.iloc[1], list)
    assert frame.quote.iloc[0] == outcome.findings[0].quote


def test_a_clean_report_gives_an_empty_frame_with_the_columns() -> None:
    frame = gongkai.check(HUAIAN_2024).findings_frame()
    assert frame.empty
    assert "rule" in frame.columns


def test_to_dataframe_over_check_many() -> None:
    require_corpus()
    paths = [PINGTAN_2020, HUAIAN_2024, PINGTAN_2020]
    frame = gongkai.to_dataframe(gongkai.check_many(paths))
    assert list(frame.columns)[:3] == ["item", "source", "rule"]
    assert len(frame) == 18
    assert set(frame["item"]) == {0, 2}
    assert set(frame.source) == {str(PINGTAN_2020)}
    by_file = frame.groupby("item").size().to_dict()
    assert by_file == {0: 9, 2: 9}
    one = gongkai.to_dataframe(gongkai.check(PINGTAN_2020))
    assert len(one) == 9
    assert gongkai.to_dataframe([]).empty


def test_to_dataframe_refuses_what_is_not_an_outcome(tmp_path: object) -> None:
    results = list(gongkai.check_many(["missing.txt", HUAIAN_2024], return_exceptions=True))
    with pytest.raises(TypeError, match=r"outcomes\[0\] is a FileNotFoundError.*leave them out"):
        gongkai.to_dataframe(results)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="not an Outcome"):
        gongkai.to_dataframe(["x"])  # type: ignore[list-item]


def test_without_pandas_the_error_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    outcome = gongkai.check(HUAIAN_2024)
    with pytest.raises(ImportError, match=r"pip install 'gongkai\[pandas\]'"):
        outcome.findings_frame()
    with pytest.raises(ImportError, match="pandas, which is not installed"):
        gongkai.to_dataframe([outcome])
    # Everything else works without pandas.
    assert outcome.valid
