"""check_many: input order, laziness, errors, GIL release, every core; find_reports."""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support import CASES, CORPUS, HUAIAN_2024, PINGTAN_2020, corpus_reports, require_corpus

import gongkai


def sources() -> list[Any]:
    """Paths, texts, bytes, reports and dicts, big and small, mixed."""
    require_corpus()
    out: list[Any] = []
    for i, path in enumerate(corpus_reports()):
        kind = i % 4
        if kind == 0:
            out.append(path)
        elif kind == 1:
            out.append(str(path))
        elif kind == 2:
            out.append(path.read_text(encoding="utf-8"))
        else:
            out.append(path.read_bytes())
    report = gongkai.load(HUAIAN_2024)
    out += [report, report.to_dict(), {"form": "2021", "meta": {"year": 2024}}]
    return out


def test_results_come_in_input_order_and_equal_check() -> None:
    items = sources() * 3
    want = [gongkai.check(s).to_json() for s in items]
    for workers in (1, 2, 3, 8):
        got = list(gongkai.check_many(items, workers=workers))
        assert [o.to_json() for o in got] == want
    named = list(gongkai.check_many([PINGTAN_2020, HUAIAN_2024]))
    assert [o.source for o in named] == [str(PINGTAN_2020), str(HUAIAN_2024)]


def test_previous_is_read_once_and_used_for_every_source() -> None:
    case = CASES / "synthetic-2021-pair-carry-over"
    report = case / "report.json"
    want = gongkai.check(report, previous=case / "prev.json")
    got = list(gongkai.check_many([report] * 5, previous=case / "prev.json"))
    assert got == [want] * 5
    assert {f.rule for f in got[0].findings} == {"T3-6"}


def test_sources_are_consumed_lazily() -> None:
    pulled = 0

    def gen() -> Iterator[Path]:
        nonlocal pulled
        for _ in range(1000):
            pulled += 1
            yield HUAIAN_2024

    results = gongkai.check_many(gen(), workers=2)
    assert pulled == 0  # nothing runs before the first result is asked for
    first = next(results)
    assert first.valid
    assert pulled <= 2 * 4 + 1  # a few per worker in flight
    results.close()  # stops early: the rest is never read
    assert pulled < 20


def test_an_unreadable_source_raises_in_its_turn(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    items = [HUAIAN_2024, HUAIAN_2024, missing, HUAIAN_2024]
    results = gongkai.check_many(items, workers=2)
    assert next(results).valid
    assert next(results).valid
    with pytest.raises(FileNotFoundError):
        next(results)
    with pytest.raises(StopIteration):
        next(results)  # a generator that raised is done


def test_return_exceptions_yields_them_in_place(tmp_path: Path) -> None:
    image = tmp_path / "scan.txt"
    image.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    items: list[Any] = [HUAIAN_2024, tmp_path / "missing.txt", image, '{"form": 1}', HUAIAN_2024]
    for workers in (1, 2):
        got = list(gongkai.check_many(items, workers=workers, return_exceptions=True))
        assert [type(o) for o in got] == [
            gongkai.Outcome,
            FileNotFoundError,
            gongkai.ParseError,
            gongkai.ParseError,
            gongkai.Outcome,
        ]


def test_an_empty_batch_yields_nothing() -> None:
    assert list(gongkai.check_many([])) == []
    assert list(gongkai.check_many(iter(()), workers=4)) == []


def busy_counter() -> tuple[threading.Event, list[int], threading.Thread]:
    stop = threading.Event()
    count = [0]

    def spin() -> None:
        while not stop.is_set():
            count[0] += 1

    return stop, count, threading.Thread(target=spin, daemon=True)


@pytest.mark.slow
def test_check_releases_the_gil() -> None:
    """A Python thread keeps running while one call reads a big report."""
    require_corpus()
    text = PINGTAN_2020.read_text(encoding="utf-8") * 300  # ~ 6 MB, a few hundred ms
    gongkai.check(text[:1000])
    stop, count, thread = busy_counter()
    thread.start()
    time.sleep(0.05)
    before = count[0]
    started = time.perf_counter()
    gongkai.check(text)
    elapsed = time.perf_counter() - started
    during = count[0] - before
    stop.set()
    thread.join()
    assert elapsed > 0.05, "the input is too small to tell"
    # Holding the GIL for the whole call would leave the counter where it was.
    assert during > 10_000, (during, elapsed)


@pytest.mark.slow
def test_check_many_releases_the_gil_and_uses_every_core() -> None:
    require_corpus()
    items = [p for p in corpus_reports() for _ in range(12)]
    list(gongkai.check_many(items[:4]))
    cores = os.cpu_count() or 1
    quiet = os.getloadavg()[0] < cores - 1  # no other busy process to share the cores with
    stop, count, thread = busy_counter()
    # The spinning thread holds the GIL between switches; switch often so
    # that this thread hands out work as fast as the workers finish it.
    interval = sys.getswitchinterval()
    sys.setswitchinterval(0.0002)
    try:
        thread.start()
        time.sleep(0.05)
        before = count[0]
        wall = time.perf_counter()
        cpu = time.process_time()
        results = []
        threads: set[str] = set()
        for i, outcome in enumerate(gongkai.check_many(items)):
            results.append(outcome)
            if i % 20 == 10:
                threads |= worker_threads()
        cpu = time.process_time() - cpu
        wall = time.perf_counter() - wall
        during = count[0] - before
    finally:
        stop.set()
        thread.join()
        sys.setswitchinterval(interval)
    assert len(results) == len(items)
    assert during > 10_000, (during, wall)
    # One native worker per core.
    assert threads == {f"gongkai-{i}" for i in range(cores)}
    if cores >= 2 and quiet:
        # Three threads were busy at once (the workers and the counter): more
        # CPU time than wall time, which a held GIL would never give.
        assert cpu > 1.2 * wall, (cpu, wall)


def worker_threads() -> set[str]:
    """The names of this process's gongkai worker threads (Linux)."""
    names = set()
    for task in Path("/proc/self/task").glob("*/comm"):
        try:
            name = task.read_text().strip()
        except OSError:
            continue
        if name.startswith("gongkai-"):
            names.add(name)
    return names


def test_workers_are_native_threads_that_end_with_the_run() -> None:
    if not Path("/proc/self/task").exists():
        pytest.skip("needs /proc")
    results = gongkai.check_many([HUAIAN_2024] * 20, workers=3)
    next(results)
    # A thread takes its name when it first runs: on a busy machine, later.
    deadline = time.monotonic() + 10
    while len(worker_threads()) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert worker_threads() == {"gongkai-0", "gongkai-1", "gongkai-2"}
    rest = list(results)
    assert len(rest) == 19
    deadline = time.monotonic() + 5
    while worker_threads() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert worker_threads() == set()


def test_find_reports_walks_directories_like_the_cli(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a-b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "deep").mkdir()
    for name in [
        "b/2.txt",
        "a/1.HTML",
        "a/deep/3.md",
        "a-b/4.json",
        "a/5.pdf",
        "a/6.DOCX",
        "a/skip.xlsx",
        "a/skip.doc",
        "top.htm",
        "x.markdown",
    ]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    got = gongkai.find_reports(tmp_path)
    rel = [os.path.relpath(p, tmp_path) for p in got]
    assert rel == [
        "a/1.HTML",
        "a/5.pdf",
        "a/6.DOCX",
        "a/deep/3.md",
        "a-b/4.json",
        "b/2.txt",
        "top.htm",
        "x.markdown",
    ]
    # A file is taken as given, whatever its extension; order of arguments is kept.
    xlsx = str(tmp_path / "a" / "skip.xlsx")
    assert gongkai.find_reports(xlsx, tmp_path / "b") == [xlsx, str(tmp_path / "b" / "2.txt")]
    with pytest.raises(FileNotFoundError):
        gongkai.find_reports(tmp_path / "nope")


def test_find_reports_then_check_many_over_the_corpus() -> None:
    require_corpus()
    paths = gongkai.find_reports(CORPUS)
    assert all(p.endswith((".txt", ".html", ".pdf", ".docx")) for p in paths)
    outcomes = list(gongkai.check_many(paths))
    assert [o.source for o in outcomes] == paths
