"""``python -m gongkai``: output, exit codes, CSV for Excel/WPS, progress bar,
and, when the Rust CLI is at hand (GONGKAI_CLI), the same output byte for byte."""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import CASES, CORPUS, HUAIAN_2024, PINGTAN_2020, SHANGHAI_2019, require_corpus

from gongkai import _cli

PYTHON_CLI = [sys.executable, "-m", "gongkai"]


def run(
    *args: str | os.PathLike[str], cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*PYTHON_CLI, *map(str, args)], capture_output=True, cwd=cwd, timeout=300, check=False
    )


def rust_cli() -> str:
    cli = os.environ.get("GONGKAI_CLI")
    if not cli or not os.path.exists(cli):
        pytest.skip("GONGKAI_CLI (the Rust gongkai binary) is not set")
    return cli


# ---------------------------------------------------------------------------
# check: exit codes


def test_a_valid_report_exits_0() -> None:
    r = run("check", HUAIAN_2024)
    assert r.returncode == 0, r.stderr.decode()
    assert r.stdout.decode().endswith("  通过：0 个错误，0 个警告，0 条提示\n")
    assert r.stderr == b""


def test_a_report_with_errors_exits_1() -> None:
    require_corpus()
    r = run("check", PINGTAN_2020)
    assert r.returncode == 1
    out = r.stdout.decode()
    assert out.startswith(f"{PINGTAN_2020} — 平潭综合实验区 2020 年度（2019 表式）\n")
    assert (
        "✗ 错误 T3-2 [requests/total/natural]  （七）总计·自然人 应为 26（各项之和），报告为 20"
        in out
    )
    # The report's faults are counted apart from what could not be read.
    assert out.endswith(
        "  未通过：2 个错误，7 个警告，0 条提示\n"
        "  另：未能读取主动公开政府信息情况 6 行（不计入错误）\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "no-such-report.txt"], "no-such-report.txt: No such file or directory"),
        (["check", "--lang", "fr", "x.txt"], 'unknown language "fr"'),
        (["check", "--prev", "nope.json", "x.txt"], "nope.json: No such file or directory"),
        (["check", "--form-file", "{bad", "x.txt"], "invalid form definition"),
        (["check"], "the following arguments are required"),
        (["check", "--format", "xml", "x.txt"], "invalid choice"),
        (["check", "--workers", "0", "x.txt"], "must be at least 1"),
        (["frobnicate"], "invalid choice"),
        (["render", "no-such.txt"], "no-such.txt: No such file or directory"),
    ],
)
def test_bad_usage_exits_2_with_a_message_and_no_output(args: list[str], message: str) -> None:
    r = run(*args)
    assert r.returncode == 2
    assert r.stdout == b""
    assert message in r.stderr.decode()


def test_an_unreadable_file_among_good_ones_exits_2_and_prints_nothing(tmp_path: Path) -> None:
    shutil.copy(HUAIAN_2024, tmp_path / "good.json")
    (tmp_path / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")
    (tmp_path / "not-a-report.json").write_text('{"form": 3}', encoding="utf-8")
    r = run("check", tmp_path)
    assert r.returncode == 2
    assert r.stdout == b""
    err = r.stderr.decode()
    assert "scan.txt: not a Word document, a PDF, or UTF-8, UTF-16 or GBK text" in err
    assert f"{tmp_path / 'not-a-report.json'}: invalid report JSON" in err
    assert err.count("not-a-report.json") == 1
    assert "good.json" not in err


def test_the_pdf_and_word_files_of_the_corpus() -> None:
    """Read by content (the core's readers), exit 2 naming the file when they
    cannot be read; with the Rust CLI at hand, exactly what it does."""
    require_corpus()
    for path in [CORPUS / "020-huaian-szf-2024.pdf", CORPUS / "template-2021.docx"]:
        r = run("check", "--format", "json", path)
        if r.returncode == 2:
            assert r.stdout == b""
            assert str(path) in r.stderr.decode()
        else:
            assert json.loads(r.stdout)["report"] == str(path)
        cli = os.environ.get("GONGKAI_CLI")
        if cli and os.path.exists(cli):
            want = subprocess.run(
                [cli, "check", "--format", "json", str(path)], capture_output=True
            )
            assert (r.returncode, r.stdout) == (want.returncode, want.stdout)


# ---------------------------------------------------------------------------
# check: formats


def test_directories_are_walked_and_json_lines_name_each_file(tmp_path: Path) -> None:
    require_corpus()
    (tmp_path / "2020").mkdir()
    shutil.copy(PINGTAN_2020, tmp_path / "2020" / "pingtan.txt")
    shutil.copy(HUAIAN_2024, tmp_path / "huaian.json")
    (tmp_path / "notes.xlsx").write_bytes(b"PK")  # not a report extension: left out
    gbk = tmp_path / "shanghai-gbk.html"
    gbk.write_bytes(SHANGHAI_2019.read_text(encoding="utf-8").encode("gb18030"))
    r = run("check", "--format", "json", tmp_path)
    assert r.returncode == 1
    lines = [json.loads(line) for line in r.stdout.decode().splitlines()]
    assert [Path(x["report"]).name for x in lines] == [
        "pingtan.txt",
        "huaian.json",
        "shanghai-gbk.html",
    ]
    assert [x["valid"] for x in lines] == [False, True, True]
    assert lines[0]["counts"] == {"error": 2, "warning": 7, "info": 0}
    assert list(lines[0]) == ["counts", "findings", "report", "valid"]


def test_english_messages() -> None:
    require_corpus()
    r = run("check", "--lang", "en", PINGTAN_2020)
    out = r.stdout.decode()
    assert "(form 2019)" in out
    assert out.endswith(
        "  invalid: 2 errors, 7 warnings, 0 notes\n"
        "  Also: 6 row(s) of Proactive disclosure not read (not counted as errors)\n"
    )


def test_prev_adds_the_cross_year_rules() -> None:
    case = CASES / "synthetic-2021-pair-carry-over"
    assert run("check", case / "report.json").returncode == 0
    r = run("check", "--prev", case / "prev.json", "--format", "json", case / "report.json")
    assert r.returncode == 0  # T3-6 is a warning
    assert {f["rule"] for f in json.loads(r.stdout)["findings"]} == {"T3-6"}


def test_csv_opens_in_excel_and_wps(tmp_path: Path) -> None:
    require_corpus()
    out = tmp_path / "findings.csv"
    r = run("check", "--format", "csv", "-o", out, PINGTAN_2020, HUAIAN_2024)
    assert r.returncode == 1
    assert r.stdout == b""
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM
    text = data[3:].decode("utf-8")
    assert "\r\n" in text
    assert text.count("\n") == text.count("\r\n")  # CRLF only
    rows = text.split("\r\n")
    assert rows[0] == "文件,规则,级别,单元格,说明,期望,实际,相关单元格,原文"
    assert len(rows) == 1 + 9 + 1  # headings, Pingtan's nine findings, the final CRLF
    assert rows[-1] == ""
    import csv

    parsed = list(csv.reader(text.splitlines()))
    errors = [row for row in parsed[1:] if row[2] == "错误"]
    assert [(row[1], row[3], row[5], row[6]) for row in errors] == [
        ("T3-2", "requests/total/natural", "26", "20"),
        ("T3-2", "requests/total/total", "27", "21"),
    ]
    assert all(row[0] == str(PINGTAN_2020) for row in parsed[1:])


def test_csv_headings_in_english_and_formula_text_made_harmless(tmp_path: Path) -> None:
    report = tmp_path / "=cmd.json"
    report.write_text(
        json.dumps({"form": "2021", "meta": {"year": 2024}, "cells": {"requests/new/natural": -3}}),
        encoding="utf-8",
    )
    r = run("check", "--format", "csv", "--lang", "en", report.name, cwd=tmp_path)
    text = r.stdout.decode("utf-8")
    assert not text.startswith("\ufeff")  # a pipe, not a file: no BOM
    rows = text.split("\r\n")
    assert rows[0] == "file,rule,severity,cell,message,expected,actual,related,quote"
    assert len(rows) > 2
    assert all(row.startswith("'=cmd.json,") for row in rows[1:-1])


def test_csv_to_stdout_redirected_to_a_file_gets_a_bom(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    with out.open("wb") as f:
        subprocess.run(
            [*PYTHON_CLI, "check", "--format", "csv", str(HUAIAN_2024)], stdout=f, check=True
        )
    assert (
        out.read_bytes()
        == "\ufeff文件,规则,级别,单元格,说明,期望,实际,相关单元格,原文\r\n".encode()
    )


def test_output_file_for_text_and_json(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    r = run("check", "-o", out, HUAIAN_2024)
    assert r.returncode == 0
    assert r.stdout == b""
    assert out.read_text(encoding="utf-8").endswith("通过：0 个错误，0 个警告，0 条提示\n")
    r = run("check", "-o", tmp_path / "missing-dir" / "out.txt", HUAIAN_2024)
    assert r.returncode == 2


# ---------------------------------------------------------------------------
# Progress bar


def test_progress_bar_only_on_a_terminal_for_long_runs(tmp_path: Path) -> None:
    for i in range(25):
        shutil.copy(HUAIAN_2024, tmp_path / f"r{i:02}.json")
    # Not a terminal: never a progress bar.
    r = run("check", tmp_path)
    assert r.returncode == 0
    assert b"\r" not in r.stderr
    # stderr on a terminal: a bar that ends cleared.
    main, secondary = pty.openpty()
    try:
        proc = subprocess.run(
            [*PYTHON_CLI, "check", "--workers", "1", str(tmp_path)],
            stdout=subprocess.PIPE,
            stderr=secondary,
            timeout=300,
            check=False,
        )
        os.close(secondary)
        seen = b""
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(main)
    assert proc.returncode == 0
    text = seen.decode("utf-8")
    assert "25/25 [" in text
    assert "份/秒" in text
    assert text.endswith("\r\x1b[K")
    assert b"\r" not in proc.stdout
    # Few files on a terminal: no bar either.
    main, secondary = pty.openpty()
    try:
        proc = subprocess.run(
            [*PYTHON_CLI, "check", str(HUAIAN_2024)],
            stdout=subprocess.PIPE,
            stderr=secondary,
            timeout=300,
            check=False,
        )
        os.close(secondary)
        os.set_blocking(main, False)
        try:
            seen = os.read(main, 65536)
        except (BlockingIOError, OSError):
            seen = b""
    finally:
        os.close(main)
    assert seen == b""


def test_progress_counts_and_rates() -> None:
    import io

    stream = io.StringIO()
    p = _cli.Progress(40, "en", enabled=True)
    p.stream = stream
    for _ in range(40):
        p.advance()
    p.close()
    out = stream.getvalue()
    assert "40/40 [" in out
    assert "100%" in out
    assert "/s" in out
    assert out.endswith("\r\x1b[K")


# ---------------------------------------------------------------------------
# parse, render


def test_parse_prints_the_report_json() -> None:
    r = run("parse", HUAIAN_2024)
    assert r.returncode == 0
    assert json.loads(r.stdout)["form"] == "2021"
    assert r.stdout.startswith(b'{\n  "form": "2021",')


def test_render_every_format(tmp_path: Path) -> None:
    require_corpus()
    r = run("render", PINGTAN_2020, "--to", "html", "--findings")
    assert r.returncode == 0
    assert b"gk-error" in r.stdout
    assert r.stdout.lower().startswith(b"<!doctype html>")
    assert not run("render", HUAIAN_2024, "--fragment").stdout.lower().startswith(b"<!doctype")
    text = run("render", HUAIAN_2024, "--to", "text").stdout.decode()
    assert "本年新收政府信息公开申请数量" in text
    out = tmp_path / "cells.csv"
    assert run("render", HUAIAN_2024, "--to", "csv", "-o", out).returncode == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    empty = tmp_path / "empty.txt"
    empty.write_text("no tables here", encoding="utf-8")
    r = run("render", empty)
    assert r.returncode == 2
    assert b"names no form" in r.stderr


# ---------------------------------------------------------------------------
# The same output as the Rust CLI


def test_check_prints_what_the_rust_cli_prints(tmp_path: Path) -> None:
    cli = rust_cli()
    require_corpus()
    (tmp_path / "a").mkdir()
    for p in [PINGTAN_2020, SHANGHAI_2019, CORPUS / "gejiu-2018.txt"]:
        shutil.copy(p, tmp_path / "a" / p.name)
    shutil.copy(HUAIAN_2024, tmp_path / "huaian.json")
    case = CASES / "synthetic-2021-pair-carry-over"
    runs = [
        ["check", "a", "huaian.json"],
        ["check", "--format", "json", "a", "huaian.json"],
        ["check", "--lang", "en", "a"],
        ["check", "--format", "json", "--lang", "en", "huaian.json", "a"],
        ["check", "--prev", str(case / "prev.json"), str(case / "report.json")],
        ["check", "--format", "json", "--prev", str(case / "prev.json"), str(case / "report.json")],
        ["parse", "a/014-pingtan-syq-2020.txt"],
        ["render", "a/014-pingtan-syq-2020.txt", "--to", "text", "--findings"],
        ["render", "huaian.json", "--to", "md", "--normalize"],
        ["render", "a/021-shanghai-szfbgt-2019.html", "--findings", "--lang", "en"],
    ]
    for args in runs:
        want = subprocess.run([cli, *args], capture_output=True, cwd=tmp_path, check=False)
        got = run(*args, cwd=tmp_path)
        assert got.returncode == want.returncode, args
        assert got.stdout == want.stdout, args
