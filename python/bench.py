"""Throughput of gongkai.check_many: read, decode, parse and validate the
published reports of the corpus (../shared/corpus/*.txt and *.html), repeated
to at least 10,000 reports, on every core.

    python python/bench.py [--reports N] [--workers N] [--corpus DIR] [--json]

Prints reports per second for paths (files read by the worker threads) and,
for comparison, texts already in memory and one thread.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import sys
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The source folder gongkai/ beside this script has no compiled module: never
# let it shadow the installed package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]

import gongkai  # noqa: E402

DEFAULT_CORPUS = (HERE / ".." / ".." / "shared" / "corpus").resolve()


def corpus(directory: Path) -> list[Path]:
    files = sorted(p for p in directory.iterdir() if p.suffix in (".txt", ".html"))
    if not files:
        raise SystemExit(f"bench: no .txt or .html reports in {directory}")
    return files


def timed(sources: Sequence[object], workers: int | None) -> tuple[float, int, int]:
    """Seconds to check every source, and the number of errors and findings seen."""
    started = time.perf_counter()
    errors = findings = 0
    for outcome in gongkai.check_many(sources, workers):  # type: ignore[arg-type]
        errors += outcome.counts["error"]
        findings += len(outcome.findings)
    return time.perf_counter() - started, errors, findings


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=10_000, help="at least this many")
    parser.add_argument("--workers", type=int, default=None, help="default: one per core")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--json", action="store_true", help="print one JSON line")
    args = parser.parse_args(argv)

    files = corpus(args.corpus)
    rounds = -(-args.reports // len(files))
    paths = [str(p) for p in files] * rounds
    texts = [p.read_text(encoding="utf-8") for p in files]
    size = sum(len(t.encode("utf-8")) for t in texts) / len(texts)
    workers = args.workers or os.cpu_count() or 1

    # Warm up (form compilation, page cache).
    timed(paths[: len(files)], workers)

    seconds, errors, findings = timed(paths, workers)
    per_second = len(paths) / seconds
    text_sources = list(itertools.islice(itertools.cycle(texts), len(paths)))
    text_seconds, _, _ = timed(text_sources, workers)
    one = paths[: max(len(files) * 10, len(paths) // 10)]
    one_seconds, _, _ = timed(one, 1)

    result = {
        "reports": len(paths),
        "distinct": len(files),
        "mean_kb": round(size / 1024, 1),
        "workers": workers,
        "cores": os.cpu_count(),
        "seconds": round(seconds, 2),
        "reports_per_second": round(per_second),
        "reports_per_second_texts": round(len(text_sources) / text_seconds),
        "reports_per_second_one_thread": round(len(one) / one_seconds),
        "errors": errors,
        "findings": findings,
        "gongkai": gongkai.__version__,
        "python": platform.python_version(),
    }
    if args.json:
        print(json.dumps(result))
        return 0
    print(
        f"check_many: {len(paths)} reports ({len(files)} distinct corpus files, "
        f"{size / 1024:.1f} KB on average) in {seconds:.2f} s on {workers} workers "
        f"({os.cpu_count()} cores)"
    )
    print(f"  {per_second:,.0f} reports/s  (files read by the workers)")
    print(f"  {result['reports_per_second_texts']:,} reports/s  (texts already in memory)")
    print(f"  {result['reports_per_second_one_thread']:,} reports/s  (one worker)")
    print(f"  {errors} errors, {findings} findings in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
