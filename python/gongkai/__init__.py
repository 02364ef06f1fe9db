"""gongkai: read and check China's government information-disclosure annual
reports (政府信息公开工作年度报告) against the statistics tables the State
Council prescribes — totals that do not add up, columns that do not balance,
values of the wrong kind, text that contradicts the table, late
publication, carry-over that does not match last year's report.

The reading, the rules and the messages are those of the Rust core that the
``gongkai`` command line and the browser package use: the same report gives
the same findings, byte for byte, in every runtime.

    >>> import gongkai
    >>> outcome = gongkai.check("014-pingtan-syq-2020.txt")   # a path, the text, or bytes
    >>> outcome.valid, outcome.counts
    (False, {'error': 2, 'warning': 7, 'info': 0})
    >>> for f in outcome.errors:
    ...     print(f.rule, f.cell, f.message)
    T3-2 requests/total/natural （七）总计·自然人 应为 26（各项之和），报告为 20
    ...
    >>> report = gongkai.load("report.html")   # Word, PDF, text, HTML, Markdown, JSON; GBK too
    >>> gongkai.validate(report, previous="last-year.txt", lang="en")
    >>> html = gongkai.render(report, "html", findings=outcome, page=True)
    >>> for o in gongkai.check_many(gongkai.find_reports("reports/")):   # every core
    ...     ...

Bad data in a report is never an exception: it is a finding. Misuse raises
``TypeError``/``ValueError``; JSON that is not a report raises
:class:`ParseError`, a form definition that does not compile
:class:`FormError` (both are ``ValueError``); a file that cannot be read
raises the ``OSError`` of the system.
"""

from __future__ import annotations

try:
    from . import _gongkai  # noqa: F401
except ImportError as _missing:  # pragma: no cover - a source checkout without the build
    raise ImportError(
        "gongkai's compiled module (gongkai._gongkai) is missing: install the package "
        "(pip install ./python in the repository) instead of importing its source folder"
    ) from _missing

from . import types
from ._batch import check_many, find_reports
from ._frame import to_dataframe
from ._gongkai import (
    STYLESHEET,
    Finding,
    FormError,
    Outcome,
    ParseError,
    Report,
    ValidationError,
    __version__,
    aggregate,
    check,
    check_sum,
    decode,
    forms,
    load,
    load_form,
    parse,
    read,
    render,
    reset_forms,
    series,
    similar,
    validate,
)

__all__ = [
    "STYLESHEET",
    "Finding",
    "FormError",
    "Outcome",
    "ParseError",
    "Report",
    "ValidationError",
    "__version__",
    "aggregate",
    "check",
    "check_many",
    "check_sum",
    "decode",
    "find_reports",
    "forms",
    "load",
    "load_form",
    "parse",
    "read",
    "render",
    "reset_forms",
    "series",
    "similar",
    "to_dataframe",
    "types",
    "validate",
]
