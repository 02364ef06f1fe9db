# mypy: disable-error-code="arg-type, list-item, dict-item, call-overload"
"""Bad input gives a clear exception or findings, never a crash."""

from __future__ import annotations

import contextlib
import math
import random
import threading
from pathlib import Path
from typing import Any

import pytest
from support import HUAIAN_2024, PINGTAN_2020, SHANGHAI_2019, require_corpus

import gongkai

# ---------------------------------------------------------------------------
# Wrong types


@pytest.mark.parametrize(
    ("call", "pattern"),
    [
        (
            lambda: gongkai.parse(None),
            "parse.. takes the report's text as str or bytes, not NoneType",
        ),
        (lambda: gongkai.parse(42), "not int"),
        (lambda: gongkai.parse(Path("x.txt")), "use gongkai.load"),
        (lambda: gongkai.load(None), "load.. takes a path"),
        (lambda: gongkai.load(b"bytes"), "use gongkai.parse"),
        (lambda: gongkai.read(None), "takes a path, the report's text"),
        (lambda: gongkai.check(None), "check.. takes a path, the report's text"),
        (lambda: gongkai.check(3.5), "not float"),
        (lambda: gongkai.validate(None), "report must be a Report or a dict, not NoneType"),
        (lambda: gongkai.validate("text"), "use gongkai.parse, gongkai.load or gongkai.check"),
        (lambda: gongkai.validate([]), "not list"),
        (lambda: gongkai.render(None), "report must be a Report or a dict"),
        (lambda: gongkai.render({}, findings="T3-2"), "findings must be an Outcome"),
        (lambda: gongkai.render({}, findings=[1]), r"findings\[0\] must be a Finding or a dict"),
        (lambda: gongkai.render({}, findings=5), "findings must be an Outcome"),
        (lambda: gongkai.Report.from_dict(None), "takes a dict, not NoneType"),
        (lambda: gongkai.Report.from_dict([]), "takes a dict, not list"),
        (lambda: gongkai.Report.from_json(None), "takes the JSON text"),
        (lambda: gongkai.Report(cells={1: 2}), "keys must be str"),
        (
            lambda: gongkai.Report(cells={"a/b/c": object()}),
            r"cells\['a/b/c'\]: a value of type object cannot",
        ),
        (lambda: gongkai.Finding.from_json(None), "takes the JSON text"),
        (lambda: gongkai.load_form(None), "load_form.. takes a dict"),
        (lambda: gongkai.decode("text"), "decode.. takes bytes, not str"),
        (lambda: gongkai.validate({}, lang=None), None),
        (lambda: gongkai.check_many(None), None),
        (lambda: gongkai.check_many("one.txt"), "iterable of sources"),
        (lambda: gongkai.check_many(b"bytes"), "iterable of sources"),
        (lambda: gongkai.check_many([], workers="2"), "workers must be an int"),
        (lambda: gongkai.find_reports(None), None),
    ],
)
def test_wrong_types_raise_type_error(call: Any, pattern: str | None) -> None:
    with pytest.raises(TypeError, match=pattern):
        call()


@pytest.mark.parametrize(
    ("call", "exc", "pattern"),
    [
        (lambda: gongkai.validate({}, lang="fr"), ValueError, 'unknown language "fr"'),
        (lambda: gongkai.check("x", lang=""), ValueError, "unknown language"),
        (lambda: gongkai.render({"form": "2021"}, "pdf"), ValueError, "unknown render format"),
        (lambda: gongkai.render({}), ValueError, "names no form"),
        (lambda: gongkai.render({"form": "2099"}), ValueError, "unknown form"),
        (lambda: gongkai.check_many([], workers=0), ValueError, "at least 1"),
        (lambda: gongkai.check_many([], lang="fr"), ValueError, "unknown language"),
        (lambda: gongkai.parse('{"form": 3}'), gongkai.ParseError, "invalid report JSON"),
        (lambda: gongkai.parse("{not json"), gongkai.ParseError, "invalid report JSON"),
        (lambda: gongkai.parse(b'{"cells": []}'), gongkai.ParseError, "invalid report JSON"),
        (lambda: gongkai.Report.from_json("[1]"), gongkai.ParseError, "a report is a JSON object"),
        (lambda: gongkai.Report(meta={"year": 2**40}), gongkai.ParseError, "invalid report JSON"),
        (lambda: gongkai.Report(meta={"kind": "ministry"}), gongkai.ParseError, "unknown variant"),
        (lambda: gongkai.Report(sections=[1]), gongkai.ParseError, "invalid report JSON"),
        (lambda: gongkai.Finding.from_dict({"rule": "x"}), gongkai.ParseError, "not a finding"),
        (lambda: gongkai.Outcome.from_json("{}"), gongkai.ParseError, "not an outcome"),
        (lambda: gongkai.render({"form": "2021"}, findings=[{}]), gongkai.ParseError, "findings"),
    ],
)
def test_values_out_of_their_domain_raise_value_errors(call: Any, exc: type, pattern: str) -> None:
    with pytest.raises(exc, match=pattern):
        call()


# ---------------------------------------------------------------------------
# Wrong encodings, binary files


def test_binary_bytes_are_a_parse_error_naming_the_file(tmp_path: Path) -> None:
    scan = tmp_path / "scan.txt"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    message = r"scan\.txt: not a Word document, a PDF, or UTF-8, UTF-16 or GBK text"
    with pytest.raises(gongkai.ParseError, match=message):
        gongkai.load(scan)
    with pytest.raises(gongkai.ParseError, match=message):
        gongkai.check(scan)
    with pytest.raises(gongkai.ParseError):
        gongkai.parse(b"PK\x03\x04zipped, but no Word document")
    with pytest.raises(gongkai.ParseError):
        gongkai.parse(b"text with a \x00 NUL")
    with pytest.raises(gongkai.ParseError):
        gongkai.parse(b"\xff\xfe\x00\xd8")  # UTF-16 with a lone surrogate


def check_or_value_error(source: Path | bytes) -> None:
    """A PDF or Word file goes to the core's readers of those: a report, or
    a ValueError that names the file — never a crash, never garbled text."""
    error: ValueError | None = None
    try:
        outcome = gongkai.check(source)
    except ValueError as e:
        error = e
    if error is None:
        assert isinstance(outcome, gongkai.Outcome)
    elif isinstance(source, Path):
        assert str(error).startswith(f"{source}: "), error


def test_pdf_and_word_files_are_read_by_content_not_as_text(tmp_path: Path) -> None:
    broken = tmp_path / "report.txt"  # the name does not matter: the content does
    broken.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    check_or_value_error(broken)
    check_or_value_error(broken.read_bytes())
    fake_docx = tmp_path / "report.docx"
    fake_docx.write_bytes(b"PK\x03\x04\x14\x00word/document.xml garbage")
    check_or_value_error(fake_docx)


def test_the_real_pdf_and_word_files_of_the_corpus() -> None:
    require_corpus()
    check_or_value_error(PINGTAN_2020.parent / "020-huaian-szf-2024.pdf")
    check_or_value_error(PINGTAN_2020.parent / "template-2021.docx")


def test_text_in_a_legacy_encoding_is_read_not_garbled() -> None:
    require_corpus()
    text = SHANGHAI_2019.read_text(encoding="utf-8")
    want = gongkai.parse(text).cells
    assert gongkai.parse(text.encode("gb18030")).cells == want
    # Big5 is not sniffed: it reads as some GB18030 text, gives findings, no crash.
    big5 = PINGTAN_2020.read_text(encoding="utf-8").encode("big5", errors="replace")
    outcome = gongkai.check(big5)
    assert isinstance(outcome, gongkai.Outcome)


def test_random_bytes_never_crash() -> None:
    rng = random.Random(7)
    for n in range(300):
        data = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 2000)))
        if n % 3 == 0:
            data = "表三 （七）总计 一、本年新收".encode("gbk") + data
        with contextlib.suppress(gongkai.ParseError):
            gongkai.check(data)


def test_lone_surrogates_in_str_are_a_unicode_error() -> None:
    with pytest.raises(UnicodeEncodeError):
        gongkai.parse("（七）总计 \ud800 20")


# ---------------------------------------------------------------------------
# Odd values: findings, not exceptions


def test_values_of_the_wrong_kind_are_findings() -> None:
    outcome = gongkai.validate(
        {
            "form": "2021",
            "meta": {"year": 2024},
            "cells": {
                "requests/new/natural": math.nan,
                "requests/new/commercial": math.inf,
                "requests/new/research": -3,
                "requests/new/nonprofit": [1, 2],
                "requests/new/legal_services": {"a": 1},
                "requests/new/other_org": "十二",
                "requests/new/total": 1.5,
            },
        }
    )
    assert not outcome.valid
    rules = {f.rule for f in outcome.findings}
    assert "T3-5" in rules
    bad = {f.cell for f in outcome.findings if f.rule == "T3-5"}
    assert {"requests/new/natural", "requests/new/commercial", "requests/new/research"} <= bad


def test_a_report_with_no_form_is_a_finding_not_an_error() -> None:
    for report in ({}, {"form": None}, {"form": "2099", "cells": {"x": 1}}):
        outcome = gongkai.validate(report)
        assert [f.rule for f in outcome.findings] == ["F-0"]


def test_deep_and_cyclic_structures_are_refused_cleanly() -> None:
    deep: dict[str, Any] = {}
    node = deep
    for _ in range(10_000):
        node["x"] = {}
        node = node["x"]
    with pytest.raises(ValueError, match="nested more than"):
        gongkai.Report(meta=deep)
    cyclic: dict[str, Any] = {"form": "2021"}
    cyclic["meta"] = cyclic
    with pytest.raises(ValueError, match="a cycle"):
        gongkai.Report.from_dict(cyclic)
    with pytest.raises(gongkai.ParseError):
        gongkai.parse('{"meta":' * 100_000 + "}" * 100_000)
    with pytest.raises(gongkai.ParseError):
        gongkai.Report.from_json("[" * 100_000)


# ---------------------------------------------------------------------------
# Big and broken pages


@pytest.mark.slow
def test_a_50_mb_string_gives_an_outcome() -> None:
    require_corpus()
    text = PINGTAN_2020.read_text(encoding="utf-8")
    big = text * (50 * 1024 * 1024 // len(text.encode("utf-8")) + 1)
    assert len(big.encode("utf-8")) > 50 * 1024 * 1024
    outcome = gongkai.check(big)
    assert outcome.report is not None
    assert outcome.report.form == "2019"
    assert {"requests/total/natural", "requests/total/total"} <= {f.cell for f in outcome.errors}


@pytest.mark.slow
def test_a_50_mb_line_of_digits_gives_an_outcome() -> None:
    outcome = gongkai.check(b"1234567890" * 5_000_000)
    assert [f.rule for f in outcome.findings] == ["F-0"]


def test_a_truncated_html_page_gives_findings() -> None:
    require_corpus()
    html = SHANGHAI_2019.read_text(encoding="utf-8")
    full = gongkai.check(html)
    for cut in (len(html) // 2, len(html) // 3, 2 * len(html) // 3, 200):
        outcome = gongkai.check(html[:cut])
        assert isinstance(outcome, gongkai.Outcome)
        if cut > 1000:
            assert outcome.report is not None
            assert outcome.report.form == "2019"
            assert not outcome.valid
            assert outcome != full


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n" * 100_000,
        "\ufeff" * 1000,
        "<table>" * 50_000,
        "<td rowspan=99999999 colspan=99999999>1" * 1000,
        "|" * 100_000,
        "| a | b |\n|---|---|\n" * 10_000,
        "（七）总计\n" * 20_000,
        "一、本年新收政府信息公开申请数量 " * 10_000 + "9" * 10_000,
        "\x00\x01\x02",
    ],
    ids=lambda t: repr(t[:20]),
)
def test_strange_text_gives_a_report(text: str) -> None:
    outcome = gongkai.check(text)
    assert isinstance(outcome, gongkai.Outcome)


def test_json_that_is_no_report_names_its_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"form": 3}', encoding="utf-8")
    with pytest.raises(gongkai.ParseError) as e:
        gongkai.load(bad)
    assert str(e.value).startswith(f"{bad}: invalid report JSON: ")
    assert str(e.value).count(str(bad)) == 1
    with pytest.raises(gongkai.ParseError, match=r"^invalid report JSON: "):
        gongkai.parse('{"form": 3}')


def test_missing_and_unreadable_files_raise_os_errors(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError) as e:
        gongkai.load(tmp_path / "nope.txt")
    assert e.value.filename == str(tmp_path / "nope.txt")
    with pytest.raises(IsADirectoryError):
        gongkai.load(tmp_path)
    with pytest.raises(FileNotFoundError):
        gongkai.validate(gongkai.load(HUAIAN_2024), previous=tmp_path / "prev.json")


def test_forms_loaded_while_checks_run_never_break_them() -> None:
    definition = (HUAIAN_2024.parents[2] / ".." / "crates" / "gongkai" / "forms").resolve()
    fujian = (definition / "examples" / "fujian-2014.json").read_text(encoding="utf-8")
    want = gongkai.check(HUAIAN_2024).to_json()
    errors: list[BaseException] = []

    def loader() -> None:
        try:
            for _ in range(30):
                gongkai.load_form(fujian)
                gongkai.reset_forms()
        except BaseException as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=loader) for _ in range(2)]
    for t in threads:
        t.start()
    for _ in range(30):
        assert gongkai.check(HUAIAN_2024).to_json() == want
    for t in threads:
        t.join()
    assert errors == []
