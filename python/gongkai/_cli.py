"""``python -m gongkai``: the command line of the Python package.

    python -m gongkai check PATH... [--format text|json|csv] [--prev PATH]
                                    [--lang zh-CN|en] [-o FILE] [--workers N]
                                    [--form-file FORM.json]
    python -m gongkai parse FILE
    python -m gongkai render FILE [--to html|text|md|csv] [--findings] [--prev PATH]
                                  [--fragment] [--normalize] [--lang zh-CN|en] [-o FILE]

``check`` prints what the Rust ``gongkai check`` prints (text, or one JSON
line per file), or a CSV of the findings that Excel and WPS open as is
(UTF-8 with a BOM, CRLF, headings in the language asked for). Exit status: 0
when every report is valid, 1 when any has an error, 2 on bad usage or an
unreadable file (nothing is written to the output then).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import stat
import sys
import time
from collections.abc import Sequence
from typing import IO

from . import _gongkai as gk
from ._batch import check_many, find_reports

PROG = "python -m gongkai"


class BadInput(Exception):
    """An input that cannot be read as a report, or bad usage: exit 2."""


def _message(path: str, e: BaseException) -> str:
    """``path: reason``, as the Rust CLI words it."""
    if isinstance(e, OSError) and e.strerror:
        return f"{e.filename if e.filename is not None else path}: {e.strerror}"
    text = str(e)
    return text if text.startswith(path) else f"{path}: {text}"


# ---------------------------------------------------------------------------
# Output


def _is_regular_file(stream: IO[str]) -> bool:
    try:
        return stat.S_ISREG(os.fstat(stream.fileno()).st_mode)
    except (OSError, ValueError, io.UnsupportedOperation):
        return False


def _write(text: str, output: str | None, bom: bool = False) -> None:
    """Writes UTF-8 text to ``output`` or standard output, as it is (no
    newline translation). ``bom``: a BOM for Excel/WPS when the text goes to
    a file (``-o``, or standard output redirected to a file)."""
    if output is not None:
        try:
            with open(output, "wb") as f:
                f.write((("\ufeff" if bom else "") + text).encode("utf-8"))
        except OSError as e:
            raise BadInput(_message(output, e)) from None
        return
    stdout = sys.stdout
    if bom and _is_regular_file(stdout):
        text = "\ufeff" + text
    buffer = getattr(stdout, "buffer", None)
    if buffer is None or stdout.isatty():
        # A terminal (or a replaced sys.stdout): let Python encode for it.
        stdout.write(text)
        stdout.flush()
    else:
        stdout.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()


class Progress:
    """A progress bar on standard error, only for a person watching: when it
    is a terminal and the run is long (more than ``threshold`` files)."""

    def __init__(self, total: int, lang: str, enabled: bool | None = None, threshold: int = 20):
        stream = sys.stderr
        if enabled is None:
            enabled = total > threshold and stream.isatty()
        self.enabled = enabled
        self.total = total
        self.done = 0
        self.started = time.monotonic()
        self.shown = 0.0
        self.zh = not lang.lower().startswith("en")
        self.stream = stream

    def advance(self) -> None:
        self.done += 1
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.shown < 0.1 and self.done < self.total:
            return
        self.shown = now
        width = max(10, min(40, _terminal_width() - 45))
        part = self.done / self.total if self.total else 1.0
        filled = int(part * width)
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate > 0 else 0.0
        unit = "份/秒" if self.zh else "/s"
        eta = ("剩余" if self.zh else "eta") + f" {int(left) // 60}:{int(left) % 60:02d}"
        line = (
            f"\r{self.done}/{self.total} [{'#' * filled}{'.' * (width - filled)}] "
            f"{part * 100:3.0f}%  {rate:.0f} {unit}  {eta} "
        )
        self.stream.write(line)
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _terminal_width() -> int:
    try:
        return os.get_terminal_size(sys.stderr.fileno()).columns
    except (OSError, ValueError, io.UnsupportedOperation):
        return 80


# ---------------------------------------------------------------------------
# CSV of findings

CSV_HEADINGS = {
    "zh": ["文件", "规则", "级别", "单元格", "说明", "期望", "实际", "相关单元格", "原文"],
    "en": ["file", "rule", "severity", "cell", "message", "expected", "actual", "related", "quote"],
}
SEVERITY_WORDS = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}


def _cell(text: str | None) -> str:
    """A CSV field's text: what a spreadsheet would run as a formula is
    prefixed with ``'`` (as the core's CSV renderer does)."""
    if text is None:
        return ""
    if text.startswith(("=", "+", "-", "@", "\t", "\r")):
        try:
            float(text)
        except ValueError:
            return "'" + text
    return text


def findings_csv(named: Sequence[tuple[str, gk.Outcome]], lang: str) -> str:
    """One row per finding, headings in ``lang``; RFC 4180 with CRLF."""
    key = "en" if lang.lower().startswith("en") else "zh"
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADINGS[key])
    words = SEVERITY_WORDS[key]
    for name, outcome in named:
        for f in outcome.findings:
            writer.writerow(
                [
                    _cell(name),
                    _cell(f.rule),
                    words.get(f.severity, f.severity),
                    _cell(f.cell),
                    _cell(f.message),
                    _cell(f.expected),
                    _cell(f.actual),
                    _cell(" ".join(f.related)),
                    _cell(f.quote),
                ]
            )
    return out.getvalue()


def json_line(name: str, outcome: gk.Outcome) -> str:
    """The line ``gongkai check --format json`` prints for a file (keys sorted, as the Rust CLI)."""
    data = outcome.to_dict()
    line = {
        "report": name,
        "valid": outcome.valid,
        "findings": data["findings"],
        "counts": data["counts"],
    }
    return json.dumps(line, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


# ---------------------------------------------------------------------------
# Commands


def _check_lang(lang: str) -> None:
    try:
        gk.validate({}, lang=lang)
    except ValueError as e:
        raise BadInput(str(e)) from None


def _load_forms(paths: Sequence[str]) -> None:
    for p in paths:
        try:
            gk.load_form(os.fspath(p) if os.path.exists(p) else p)
        except (OSError, ValueError) as e:
            raise BadInput(_message(p, e)) from None


def _load(path: str) -> gk.Report:
    try:
        return gk.load(path)
    except (OSError, ValueError) as e:
        raise BadInput(_message(path, e)) from None


def cmd_check(args: argparse.Namespace) -> int:
    _check_lang(args.lang)
    _load_forms(args.form_file)
    previous = _load(args.prev) if args.prev else None
    try:
        files = find_reports(*args.paths)
    except OSError as e:
        raise BadInput(_message(str(e.filename), e)) from None
    if not files:
        print(f"{PROG}: no report files ({', '.join(args.paths)})", file=sys.stderr)
    progress = Progress(len(files), args.lang, enabled=False if args.no_progress else None)
    named: list[tuple[str, gk.Outcome]] = []
    bad: list[str] = []
    try:
        results = check_many(
            files, args.workers, previous=previous, lang=args.lang, return_exceptions=True
        )
        for path, result in zip(files, results):
            progress.advance()
            if isinstance(result, gk.Outcome):
                named.append((path, result))
            else:
                bad.append(_message(path, result))
    finally:
        progress.close()
    if bad:
        # Like the Rust CLI: an unreadable file is bad input, and nothing is printed.
        lines = bad[:20]
        if len(bad) > 20:
            lines.append(f"… and {len(bad) - 20} more unreadable files")
        raise BadInput("\n".join(lines))
    if args.format == "text":
        text = "".join(o.summary(name, lang=args.lang) for name, o in named)
        _write(text, args.output)
    elif args.format == "json":
        _write("".join(json_line(name, o) + "\n" for name, o in named), args.output)
    else:
        _write(findings_csv(named, args.lang), args.output, bom=True)
    return 0 if all(o.valid for _, o in named) else 1


def cmd_parse(args: argparse.Namespace) -> int:
    _load_forms(args.form_file)
    report = _load(args.file)
    _write(report.to_json(indent=2) + "\n", None)
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    _check_lang(args.lang)
    _load_forms(args.form_file)
    report = _load(args.file)
    findings: gk.Outcome | None = None
    if args.findings:
        previous = _load(args.prev) if args.prev else None
        findings = gk.validate(report, previous=previous, lang=args.lang)
    try:
        text = gk.render(
            report,
            args.to,
            findings=findings,
            page=not args.fragment,
            normalize=args.normalize,
            lang=args.lang,
        )
    except ValueError as e:
        raise BadInput(_message(args.file, e)) from None
    _write(text, args.output, bom=args.to == "csv" and args.output is not None)
    return 0


def _workers(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Check 政府信息公开工作年度报告 against the national forms and rules.",
    )
    parser.add_argument("--version", action="version", version=f"gongkai {gk.__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser(
        "check",
        help="check reports; exit 0 when all are valid, 1 when any has errors, 2 on bad input",
        description="Check reports — Word, PDF, published text, HTML, Markdown or report JSON, "
        "sniffed by content, text in UTF-8 or GBK — or directories of them (walked recursively "
        "for .txt .html .htm .md .json .docx .pdf). "
        "Exit 0 when every report is valid, 1 when any has an error, 2 on bad usage or an "
        "unreadable file.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="report files or directories")
    p.add_argument("--format", choices=["text", "json", "csv"], default="text")
    p.add_argument("--prev", metavar="PATH", help="the same body's report of the previous year")
    p.add_argument("--lang", default="zh-CN", help="language of messages: zh-CN (default) or en")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    p.add_argument("--workers", type=_workers, metavar="N", help="threads (default: one per core)")
    p.add_argument(
        "--form-file",
        action="append",
        default=[],
        metavar="FORM.json",
        help="load a form definition first; may be repeated",
    )
    p.add_argument("--no-progress", action="store_true", help="never show a progress bar")
    p.set_defaults(run=cmd_check)

    p = sub.add_parser("parse", help="read a report and print the report JSON")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--form-file", action="append", default=[], metavar="FORM.json")
    p.set_defaults(run=cmd_parse)

    p = sub.add_parser("render", help="print a report's tables as the official form does")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--to", choices=["html", "text", "md", "csv"], default="html")
    p.add_argument("--findings", action="store_true", help="check and mark the findings")
    p.add_argument("--prev", metavar="PATH", help="previous year's report (with --findings)")
    p.add_argument("--fragment", action="store_true", help="HTML: only the tables, not a page")
    p.add_argument("--normalize", action="store_true", help="print 无, — and / as 0")
    p.add_argument("--lang", default="zh-CN", help="zh-CN (default) or en")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (CSV gets a BOM)")
    p.add_argument("--form-file", action="append", default=[], metavar="FORM.json")
    p.set_defaults(run=cmd_render)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        status: int = args.run(args)
        return status
    except BadInput as e:
        for line in str(e).splitlines():
            print(f"{PROG}: {line}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader has gone (`... | head`): end quietly, as the Rust CLI does.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError, io.UnsupportedOperation):
            pass
        return 0
    except KeyboardInterrupt:
        return 130
