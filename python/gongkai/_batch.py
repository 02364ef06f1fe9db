"""Checking many reports at once, on every core."""

from __future__ import annotations

import os
from collections.abc import Generator, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Literal, overload

from ._gongkai import Outcome, Report, _Batch, read, validate

if TYPE_CHECKING:
    from .types import Source

#: File name endings of the report files a directory is searched for.
REPORT_EXTENSIONS = (".txt", ".html", ".htm", ".md", ".markdown", ".json", ".docx", ".pdf")


def find_reports(*paths: str | os.PathLike[str]) -> list[str]:
    """The report files under ``paths``, as ``gongkai check`` finds them.

    A file is taken as it is, whatever its name; a directory is walked
    recursively for ``.txt``, ``.html``, ``.htm``, ``.md``, ``.markdown``,
    ``.json``, ``.docx`` and ``.pdf`` files (any case), sorted by path within
    each directory given.
    Raises ``FileNotFoundError`` for a path that does not exist.
    """
    out: list[str] = []
    for p in paths:
        path = os.fspath(p)
        if not isinstance(path, str):
            raise TypeError(
                f"find_reports() takes str or os.PathLike paths, not {type(p).__name__}"
            )
        if os.path.isdir(path):
            found: list[str] = []
            _walk(path, found)
            found.sort(key=lambda f: f.split(os.sep))
            out.extend(found)
        elif os.path.exists(path):
            out.append(path)
        else:
            raise FileNotFoundError(2, "No such file or directory", path)
    return out


def _walk(directory: str, out: list[str]) -> None:
    with os.scandir(directory) as entries:
        for entry in entries:
            path = os.path.join(directory, entry.name)
            if entry.is_dir():
                _walk(path, out)
            elif entry.name.lower().endswith(REPORT_EXTENSIONS):
                out.append(path)


@overload
def check_many(
    sources: Iterable[Source | Report | Mapping[str, object]],
    workers: int | None = None,
    *,
    previous: Source | Report | Mapping[str, object] | None = None,
    lang: str = "zh-CN",
    return_exceptions: Literal[False] = False,
) -> Generator[Outcome, None, None]: ...


@overload
def check_many(
    sources: Iterable[Source | Report | Mapping[str, object]],
    workers: int | None = None,
    *,
    previous: Source | Report | Mapping[str, object] | None = None,
    lang: str = "zh-CN",
    return_exceptions: bool,
) -> Generator[Outcome | Exception, None, None]: ...


def check_many(
    sources: Iterable[Source | Report | Mapping[str, object]],
    workers: int | None = None,
    *,
    previous: Source | Report | Mapping[str, object] | None = None,
    lang: str = "zh-CN",
    return_exceptions: bool = False,
) -> Generator[Outcome, None, None] | Generator[Outcome | Exception, None, None]:
    """Checks many reports in parallel, yielding one Outcome per source, in
    the order of ``sources``, as soon as it and those before it are done.

    Each source is what :func:`check` takes: a path (str or os.PathLike),
    the report's text, its bytes, a Report or a dict. ``workers`` threads
    (default: one per core), native threads of the compiled module, read,
    decode, parse and validate without the GIL, so they run in parallel and
    other Python threads keep running. ``sources`` may be any iterable, a
    generator too: it is consumed lazily, with a few sources per worker in
    flight, so memory stays flat however many there are. ``previous`` (the
    year before, for the cross-year rules) is read once and used for every
    source.

    A source that cannot be read (a missing file, a PDF, JSON that is not a
    report) raises its exception when its turn comes and ends the run; with
    ``return_exceptions=True`` the exception is yielded in its place and the
    run goes on. Closing the iterator early cancels what has not started.

        >>> paths = gongkai.find_reports("reports/")
        >>> for path, outcome in zip(paths, gongkai.check_many(paths)):
        ...     print(path, outcome.counts)
    """
    if isinstance(sources, (str, bytes, bytearray, memoryview, os.PathLike, Mapping, Report)):
        raise TypeError(
            "check_many() takes an iterable of sources (paths, texts, reports); "
            "for one source use check()"
        )
    if workers is None:
        workers = os.cpu_count() or 1
    elif isinstance(workers, bool) or not isinstance(workers, int):
        raise TypeError(f"workers must be an int, not {type(workers).__name__}")
    elif workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    # Misuse fails here, at the call, not at the first item.
    validate({}, lang=lang)
    prev = None if previous is None else read(previous)
    return _run(iter(sources), workers, prev, lang, return_exceptions)


def _run(
    sources: Iterator[Source | Report | Mapping[str, object]],
    workers: int,
    previous: Report | None,
    lang: str,
    return_exceptions: bool,
) -> Generator[Outcome | Exception, None, None]:
    # Rust threads read, parse and validate without ever taking the GIL;
    # this generator only hands them sources and takes outcomes in order.
    batch = _Batch(workers, previous, lang)
    window = workers * 4
    submitted = taken = 0
    try:
        for source in sources:
            batch.submit(source)
            submitted += 1
            if submitted - taken >= window:
                taken += 1
                yield _take(batch, return_exceptions)
        while taken < submitted:
            taken += 1
            yield _take(batch, return_exceptions)
    finally:
        batch.close()


def _take(batch: _Batch, return_exceptions: bool) -> Outcome | Exception:
    if not return_exceptions:
        return batch.take()
    try:
        return batch.take()
    except Exception as e:
        return e
