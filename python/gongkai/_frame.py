"""Findings as pandas DataFrames. pandas is optional: ``pip install 'gongkai[pandas]'``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ._gongkai import Finding, Outcome

if TYPE_CHECKING:
    import pandas

#: The columns of a finding, as in the finding JSON (model.md §5).
#: ``reading`` is True for what gongkai could not read or check (未能读取/未能核对),
#: which is not the report's fault.
FINDING_COLUMNS = (
    "rule",
    "severity",
    "reading",
    "cell",
    "related",
    "expected",
    "actual",
    "message",
    "quote",
)


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise ImportError(
            "gongkai's DataFrames need pandas, which is not installed: "
            "pip install 'gongkai[pandas]' (or pip install pandas)"
        ) from None
    return pandas


def _row(f: Finding) -> list[object]:
    return [
        f.rule,
        f.severity,
        f.reading,
        f.cell,
        list(f.related),
        f.expected,
        f.actual,
        f.message,
        f.quote,
    ]


def findings_frame(outcome: Outcome) -> pandas.DataFrame:
    """The findings of one outcome, one row per finding, with the columns
    rule, severity, reading, cell, related (a list), expected, actual, message, quote."""
    pd = _pandas()
    if not isinstance(outcome, Outcome):
        raise TypeError(f"findings_frame() takes an Outcome, not {type(outcome).__name__}")
    frame: pandas.DataFrame = pd.DataFrame(
        [_row(f) for f in outcome.findings], columns=list(FINDING_COLUMNS)
    )
    return frame


def to_dataframe(outcomes: Iterable[Outcome] | Outcome) -> pandas.DataFrame:
    """The findings of many outcomes (from :func:`gongkai.check_many`, a list,
    any iterable) in one DataFrame, one row per finding: ``item`` (the
    outcome's position, from 0), ``source`` (its file, or None), then the
    finding's columns as in :meth:`Outcome.findings_frame`. Outcomes with no
    findings have no rows. Needs pandas (``pip install 'gongkai[pandas]'``).
    """
    pd = _pandas()
    if isinstance(outcomes, Outcome):
        outcomes = [outcomes]
    rows: list[list[object]] = []
    for i, outcome in enumerate(outcomes):
        if not isinstance(outcome, Outcome):
            hint = (
                " (check_many(..., return_exceptions=True) yields the exceptions of unreadable "
                "sources too: leave them out first)"
                if isinstance(outcome, BaseException)
                else ""
            )
            raise TypeError(f"outcomes[{i}] is a {type(outcome).__name__}, not an Outcome{hint}")
        for f in outcome.findings:
            rows.append([i, outcome.source, *_row(f)])
    frame: pandas.DataFrame = pd.DataFrame(rows, columns=["item", "source", *FINDING_COLUMNS])
    return frame
