"""The compiled module of the ``gongkai`` package (Rust, pyo3); use ``import gongkai``."""

import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, ClassVar, Final, Literal, final

import pandas
from typing_extensions import Self

from .types import (
    CellValue,
    CountsDict,
    FindingDict,
    Lang,
    MetaDict,
    NoteDict,
    OutcomeDict,
    PlaceDict,
    RenderFormat,
    ReportDict,
    ReportLike,
    SectionDict,
    SeriesEntry,
    Severity,
    SimilarPair,
    Source,
)

__all__ = [
    "STYLESHEET",
    "Finding",
    "FormError",
    "Outcome",
    "ParseError",
    "Report",
    "ValidationError",
    "_Batch",
    "__version__",
    "_restore_outcome",
    "aggregate",
    "check",
    "check_sum",
    "decode",
    "forms",
    "load",
    "load_form",
    "parse",
    "read",
    "render",
    "reset_forms",
    "series",
    "similar",
    "validate",
]

__version__: Final[str]
#: The default stylesheet of rendered HTML (screen and A4 print), to self-host or inline.
STYLESHEET: Final[str]

class ParseError(ValueError):
    """Text that should be a report JSON is not one, or bytes that are no text."""

class FormError(ValueError):
    """A form definition that does not compile."""

class ValidationError(ValueError):
    """Raised by ``Outcome.raise_for_errors()`` when a report has errors."""

    outcome: Outcome
    errors: tuple[Finding, ...]

@final
class Report:
    """A government information-disclosure annual report (model.md §4)."""

    def __new__(
        cls,
        *,
        form: str | None = None,
        meta: Mapping[str, Any] | None = None,
        cells: Mapping[str, CellValue] | None = None,
        raw: Mapping[str, str] | None = None,
        sections: Sequence[Mapping[str, str]] | None = None,
        spans: Mapping[str, Sequence[int]] | None = None,
        notes: Sequence[Mapping[str, Any]] | None = None,
    ) -> Self: ...
    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self: ...
    @classmethod
    def from_json(cls, text: str | bytes) -> Self: ...
    def to_dict(self) -> ReportDict: ...
    def to_json(self, indent: int | None = None) -> str: ...
    def replace(self, **changes: Any) -> Report: ...
    @property
    def form(self) -> str | None: ...
    @property
    def meta(self) -> MetaDict: ...
    @property
    def cells(self) -> dict[str, CellValue]: ...
    @property
    def raw(self) -> dict[str, str]: ...
    @property
    def sections(self) -> list[SectionDict]: ...
    @property
    def spans(self) -> dict[str, list[int]]: ...
    @property
    def notes(self) -> list[NoteDict]: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...

@final
class Finding:
    """One problem found in a report (model.md §5); frozen and hashable."""

    def __new__(
        cls,
        rule: str,
        severity: Severity,
        cell: str | None = None,
        related: Sequence[str] | None = None,
        expected: str | None = None,
        actual: str | None = None,
        message: str = "",
        quote: str | None = None,
    ) -> Self: ...
    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self: ...
    @classmethod
    def from_json(cls, text: str | bytes) -> Self: ...
    @property
    def rule(self) -> str: ...
    @property
    def severity(self) -> Severity: ...
    @property
    def cell(self) -> str | None: ...
    @property
    def related(self) -> tuple[str, ...]: ...
    @property
    def expected(self) -> str | None: ...
    @property
    def actual(self) -> str | None: ...
    @property
    def message(self) -> str: ...
    @property
    def quote(self) -> str | None: ...
    @property
    def reading(self) -> bool: ...
    @property
    def place(self) -> PlaceDict | None: ...
    def to_dict(self) -> FindingDict: ...
    def to_json(self, indent: int | None = None) -> str: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...

@final
class Outcome:
    """The result of a check (model.md §5)."""

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self: ...
    @classmethod
    def from_json(cls, text: str | bytes) -> Self: ...
    @property
    def valid(self) -> bool: ...
    @property
    def findings(self) -> tuple[Finding, ...]: ...
    @property
    def errors(self) -> tuple[Finding, ...]: ...
    @property
    def warnings(self) -> tuple[Finding, ...]: ...
    @property
    def counts(self) -> CountsDict: ...
    @property
    def report(self) -> Report | None: ...
    @property
    def source(self) -> str | None: ...
    @property
    def lang(self) -> Literal["zh-CN", "en"]: ...
    def raise_for_errors(self) -> None: ...
    def to_dict(self) -> OutcomeDict: ...
    def to_json(self, indent: int | None = None) -> str: ...
    def summary(self, name: str | None = None, lang: Lang | None = None) -> str: ...
    def findings_frame(self) -> pandas.DataFrame: ...
    def __eq__(self, value: object, /) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
    def __reduce__(self) -> tuple[Any, tuple[str, str | None, str | None, str]]: ...

@final
class _Batch:
    """Checks submitted sources on worker threads (the engine of check_many)."""

    def __new__(
        cls, workers: int, previous: Source | ReportLike | None = None, lang: Lang = "zh-CN"
    ) -> Self: ...
    def submit(self, source: Source | ReportLike) -> int: ...
    def take(self) -> Outcome: ...
    def close(self) -> None: ...

def parse(text: str | bytes | bytearray | memoryview) -> Report: ...
def load(path: str | os.PathLike[str]) -> Report: ...
def read(source: Source | ReportLike) -> Report: ...
def validate(
    report: ReportLike, *, previous: Source | ReportLike | None = None, lang: Lang = "zh-CN"
) -> Outcome: ...
def check(
    source: Source | ReportLike,
    *,
    previous: Source | ReportLike | None = None,
    lang: Lang = "zh-CN",
) -> Outcome: ...
def render(
    report: ReportLike,
    to: RenderFormat = "html",
    *,
    findings: Outcome | Iterable[Finding | Mapping[str, Any]] | None = None,
    page: bool = False,
    normalize: bool = False,
    lang: Lang = "zh-CN",
) -> str: ...
def forms() -> list[dict[str, Any]]: ...
def load_form(definition: Mapping[str, Any] | str | bytes | os.PathLike[str]) -> str: ...
def reset_forms() -> None: ...
def decode(
    data: bytes | bytearray | memoryview,
) -> tuple[str, Literal["UTF-8", "UTF-16", "GB18030"]]: ...
def series(
    reports: Iterable[Source | ReportLike], *, threshold: float = 0.9, lang: Lang = "zh-CN"
) -> list[SeriesEntry]: ...
def similar(
    reports: Iterable[Source | ReportLike],
    *,
    threshold: float = 0.9,
    same_body: bool = False,
    lang: Lang = "zh-CN",
) -> list[SimilarPair]: ...
def aggregate(
    reports: Iterable[Source | ReportLike], *, lang: Lang = "zh-CN"
) -> tuple[Report, list[Finding]]: ...
def check_sum(
    summary: Source | ReportLike, parts: Iterable[Source | ReportLike], *, lang: Lang = "zh-CN"
) -> Outcome: ...
def _restore_outcome(
    outcome: str, report: str | None, source: str | None, lang: str
) -> Outcome: ...
