"""Types of the JSON documents gongkai reads and writes (model.md), for
annotations: ``Report.to_dict()`` is a :class:`ReportDict`,
``Finding.to_dict()`` a :class:`FindingDict`, ``Outcome.to_dict()`` an
:class:`OutcomeDict`.

    from gongkai.types import FindingDict

    def worst(findings: list[FindingDict]) -> FindingDict: ...
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypedDict, Union

if TYPE_CHECKING:
    from ._gongkai import Finding, Outcome, Report

__all__ = [
    "CellValue",
    "CountsDict",
    "FindingDict",
    "Lang",
    "MetaDict",
    "NoteDict",
    "OutcomeDict",
    "PlaceDict",
    "ReadHow",
    "RenderFormat",
    "ReportDict",
    "ReportLike",
    "SectionDict",
    "SeriesEntry",
    "Severity",
    "SimilarPair",
    "Source",
]

#: A cell's value: int, float, text as printed (money as "18651.06"), or None (present, blank).
CellValue = Union[int, float, str, None]
#: How bad a finding is.
Severity = Literal["error", "warning", "info"]
#: The language of messages; "zh", "zh-Hans", "en-US", "en-GB" and any case are read too.
Lang = Union[Literal["zh-CN", "en"], str]
#: What ``render`` renders to.
RenderFormat = Literal["html", "text", "txt", "md", "markdown", "csv"]
#: What ``check``, ``check_many`` and ``read`` take besides reports: a path, the text, its bytes.
Source = Union[str, bytes, bytearray, memoryview, "os.PathLike[str]"]
#: A Report, or a dict of the report JSON's shape.
ReportLike = Union["Report", Mapping[str, Any]]


#: How a cell was read (``ReportDict.reads``).
ReadHow = Literal["cell", "tokens", "glued", "layout", "detached", "old_row"]


class _MetaRequired(TypedDict):
    body: str | None
    year: int | None
    title: str | None
    published: str | None
    kind: Literal["government", "department"] | None


class MetaDict(_MetaRequired, total=False):
    """What is known of a report besides its tables (``Report.meta``);
    ``published_from`` says where the publication date was read."""

    published_from: str


class SectionDict(TypedDict):
    """One section of a report's text."""

    key: str
    heading: str
    text: str


class NoteDict(TypedDict):
    """A note of the reader (rules ``R-*``), rendered as a finding by validate."""

    rule: str
    cell: str | None
    related: list[str]
    expected: str | None
    actual: str | None
    args: dict[str, str]


class _ReportRequired(TypedDict):
    form: str | None
    meta: MetaDict
    cells: dict[str, CellValue]


class ReportDict(_ReportRequired, total=False):
    """The report JSON (model.md §4); the optional keys only when not empty."""

    raw: dict[str, str]
    sections: list[SectionDict]
    spans: dict[str, list[int]]
    notes: list[NoteDict]
    #: How the reader got each cell (parsed input only): ``cell``, ``tokens``,
    #: ``glued``, ``layout``, ``detached`` or ``old_row``.
    reads: dict[str, ReadHow]
    #: What the reader is unsure of (a cell, row, table or ``section/KEY``),
    #: with why; checks resting on them are R-5 notes, not errors.
    doubts: dict[str, str]
    places: dict[str, PlaceDict]


class _FindingRequired(TypedDict):
    rule: str
    severity: Severity
    cell: str | None
    related: list[str]
    expected: str | None
    actual: str | None
    message: str


class PlaceDict(TypedDict, total=False):
    """Where a cell was read: line and column (text, HTML, Markdown), table /
    row / cell (HTML, Word), page and box ``[left, bottom, right, top]`` in
    points (PDF); numbers count from 1."""

    line: int
    column: int
    table: int
    row: int
    cell: int
    page: int
    bbox: list[int]


class FindingDict(_FindingRequired, total=False):
    """A finding (model.md §5); ``quote`` only for text findings, ``place``
    where its cell was read in the source."""

    quote: str
    place: PlaceDict


class CountsDict(TypedDict):
    """Findings per severity."""

    error: int
    warning: int
    info: int


class OutcomeDict(TypedDict):
    """The result of a check (model.md §5)."""

    valid: bool
    findings: list[FindingDict]
    counts: CountsDict


class SeriesEntry(TypedDict):
    """One report of ``gongkai.series``, in the order the reports were given."""

    index: int
    body: str | None
    year: int | None
    #: The index of the same body's report it was compared with.
    previous: int | None
    outcome: Outcome


class SimilarPair(TypedDict):
    """Two reports of ``gongkai.similar`` whose texts are near-duplicates."""

    #: The report more of whose text is in the other (the likely copy).
    a: int
    b: int
    #: The share of ``a``'s text found in ``b``'s, 0–1.
    similarity: float
    passages: list[str]
    #: C-1, about ``a``.
    finding: Finding
