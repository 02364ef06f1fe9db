"""Every public name of the package, on real reports."""

from __future__ import annotations

import copy
import inspect
import json
import pickle
from decimal import Decimal
from pathlib import Path

import pytest
from support import (
    CASES,
    FORM_EXAMPLES,
    HUAIAN_2024,
    PINGTAN_2020,
    SHANGHAI_2019,
    read_json,
    require_corpus,
)

import gongkai
from gongkai import _gongkai

# ---------------------------------------------------------------------------
# The surface


def test_every_public_name_has_a_docstring() -> None:
    assert gongkai.__doc__
    missing = []
    for name in gongkai.__all__:
        obj = getattr(gongkai, name)
        if isinstance(obj, str):
            continue
        if not (obj.__doc__ or "").strip():
            missing.append(name)
        if inspect.isclass(obj):
            for attr, member in vars(obj).items():
                if attr.startswith("_") or (
                    not callable(member) and not isinstance(member, property)
                ):
                    continue
                doc = getattr(member, "__doc__", None)
                if not (doc or "").strip():
                    missing.append(f"{name}.{attr}")
    assert missing == []


def test_exceptions_are_value_errors() -> None:
    for exc in (gongkai.ParseError, gongkai.FormError, gongkai.ValidationError):
        assert issubclass(exc, ValueError)
        assert exc.__module__ == "gongkai"
    assert gongkai.Report.__module__ == "gongkai"


def test_version_is_the_crate_version() -> None:
    cargo = (Path(__file__).parents[2] / "Cargo.toml").read_text(encoding="utf-8")
    assert f'version = "{gongkai.__version__}"' in cargo


# ---------------------------------------------------------------------------
# parse, load, read


def test_parse_reads_published_text_html_and_json() -> None:
    require_corpus()
    report = gongkai.parse(PINGTAN_2020.read_text(encoding="utf-8"))
    assert report.form == "2019"
    assert report.meta["year"] == 2020
    assert report.meta["body"] == "平潭综合实验区"
    assert report.cells["requests/total/natural"] == 20
    assert report.raw["requests/total/natural"] == "20"
    assert report.spans["requests/total/natural"][1] > report.spans["requests/total/natural"][0]
    assert "overview" in [s["key"] for s in report.sections]
    assert {n["rule"] for n in report.notes} == {"R-1"}

    html = gongkai.parse(SHANGHAI_2019.read_text(encoding="utf-8"))
    assert html.form == "2019"

    as_json = gongkai.parse(HUAIAN_2024.read_text(encoding="utf-8"))
    assert as_json == gongkai.Report.from_json(HUAIAN_2024.read_text(encoding="utf-8"))


def test_parse_sniffs_the_encoding_of_bytes() -> None:
    require_corpus()
    text = PINGTAN_2020.read_text(encoding="utf-8")
    want = gongkai.parse(text)
    assert gongkai.parse(text.encode("utf-8")) == want
    assert gongkai.parse(text.encode("gb18030")) == want
    assert gongkai.parse(bytearray(text.encode("gbk", errors="replace"))).form == "2019"
    assert gongkai.parse(memoryview(text.encode("utf-8"))) == want
    # UTF-16 with a BOM, and UTF-8 with a BOM (spans count the BOM only in str input).
    assert gongkai.parse(text.encode("utf-16")).cells == want.cells
    assert gongkai.parse(b"\xef\xbb\xbf" + text.encode("utf-8")).cells == want.cells


def test_load_reads_every_kind_of_file_in_every_encoding(tmp_path: Path) -> None:
    require_corpus()
    want = gongkai.parse(PINGTAN_2020.read_text(encoding="utf-8"))
    assert gongkai.load(PINGTAN_2020) == want
    assert gongkai.load(str(PINGTAN_2020)) == want
    gbk = tmp_path / "pingtan-gbk.txt"
    gbk.write_bytes(PINGTAN_2020.read_text(encoding="utf-8").encode("gb18030"))
    assert gongkai.load(gbk) == want
    html = tmp_path / "shanghai-gbk.htm"
    html.write_bytes(SHANGHAI_2019.read_text(encoding="utf-8").encode("gb18030"))
    assert gongkai.load(html).cells == gongkai.load(SHANGHAI_2019).cells
    md = tmp_path / "huaian.md"
    md.write_text(gongkai.render(gongkai.load(HUAIAN_2024), "md"), encoding="utf-8")
    assert gongkai.load(md).cells == gongkai.load(HUAIAN_2024).cells
    assert gongkai.load(HUAIAN_2024).form == "2021"


def test_read_takes_anything_check_takes() -> None:
    report = gongkai.load(HUAIAN_2024)
    assert gongkai.read(report) == report
    assert gongkai.read(report.to_dict()) == report
    assert gongkai.read(HUAIAN_2024) == report
    assert gongkai.read(str(HUAIAN_2024)) == report
    assert gongkai.read(HUAIAN_2024.read_text(encoding="utf-8")) == report
    assert gongkai.read(HUAIAN_2024.read_bytes()) == report


def test_decode_names_the_encoding() -> None:
    assert gongkai.decode("年度报告".encode()) == ("年度报告", "UTF-8")
    assert gongkai.decode("年度报告".encode("gbk")) == ("年度报告", "GB18030")
    assert gongkai.decode("年度报告".encode("utf-16")) == ("年度报告", "UTF-16")
    assert gongkai.decode(b"\xef\xbb\xbfabc") == ("abc", "UTF-8")
    with pytest.raises(gongkai.ParseError, match="UTF-8, UTF-16 or GBK"):
        gongkai.decode(b"%PDF-1.7\n\x00\x01")


# ---------------------------------------------------------------------------
# Report


def test_report_constructor_and_properties() -> None:
    r = gongkai.Report(
        form="2021",
        meta={"year": 2024, "kind": "government"},
        cells={"appeals/review/upheld": 1, "appeals/review/total": 3, "active/fees/amount": "1.5"},
    )
    assert r.form == "2021"
    assert r.meta == {
        "body": None,
        "year": 2024,
        "title": None,
        "published": None,
        "kind": "government",
    }
    assert r.cells["appeals/review/total"] == 3
    assert r.raw == {}
    assert r.sections == []
    assert r.spans == {}
    assert r.notes == []
    assert list(r.to_dict()) == ["form", "meta", "cells"]
    assert repr(r) == "Report(form='2021', body=None, year=2024, cells=3)"
    empty = gongkai.Report()
    assert empty.form is None
    assert empty.cells == {}


def test_report_is_immutable_and_replace_gives_a_new_one() -> None:
    r = gongkai.load(HUAIAN_2024)
    cells = r.cells
    cells["requests/new/natural"] = 999_999
    assert r.cells["requests/new/natural"] != 999_999  # a copy
    with pytest.raises(AttributeError):
        r.form = "2019"  # type: ignore[misc]
    changed = r.replace(cells={**r.cells, "requests/new/natural": 1})
    assert changed.cells["requests/new/natural"] == 1
    assert changed.meta == r.meta
    assert changed != r
    assert r.replace() == r
    assert r.replace(form=None).form is None
    with pytest.raises(TypeError, match="unexpected field"):
        r.replace(colour="red")


def test_report_json_and_dict_round_trip() -> None:
    text = HUAIAN_2024.read_text(encoding="utf-8")
    r = gongkai.Report.from_json(text)
    assert gongkai.Report.from_json(r.to_json()) == r
    assert gongkai.Report.from_json(r.to_json().encode("utf-8")) == r
    assert json.loads(r.to_json(indent=2)) == json.loads(r.to_json())
    assert r.to_json(indent=2).startswith('{\n  "form": "2021"')
    assert gongkai.Report.from_dict(read_json(HUAIAN_2024)) == r
    assert pickle.loads(pickle.dumps(r)) == r
    assert copy.deepcopy(r) == r
    with pytest.raises(TypeError):
        hash(r)


def test_report_from_dict_takes_python_values() -> None:
    class Index:
        def __init__(self, n: int) -> None:
            self.n = n

        def __index__(self) -> int:
            return self.n

    r = gongkai.Report.from_dict(
        {
            "form": "2021",
            "meta": {"year": 2024},
            "cells": {
                "active/fees/amount": Decimal("18651.06"),
                "requests/new/natural": Index(5),
                "requests/new/commercial": True,
                "requests/new/research": 2.0,
                "requests/new/nonprofit": 2**70,
            },
        }
    )
    assert r.cells["active/fees/amount"] == "18651.06"
    assert r.cells["requests/new/natural"] == 5
    assert r.cells["requests/new/commercial"] == "true"  # a bool is not a count: kept as text
    assert r.cells["requests/new/research"] == 2.0
    assert r.cells["requests/new/nonprofit"] == float(2**70)


# ---------------------------------------------------------------------------
# validate, check


def test_validate_gives_the_findings_of_the_core() -> None:
    outcome = gongkai.validate(
        {
            "form": "2021",
            "meta": {"year": 2024},
            "cells": {"appeals/review/upheld": 1, "appeals/review/total": 3},
        }
    )
    assert not outcome.valid
    assert outcome.counts == {"error": 3, "warning": 0, "info": 0}
    assert outcome.source is None
    assert outcome.report is not None
    assert outcome.report.cells["appeals/review/total"] == 3


def test_validate_with_previous_runs_the_cross_year_rules() -> None:
    case = CASES / "synthetic-2021-pair-carry-over"
    report = gongkai.Report.from_json((case / "report.json").read_text(encoding="utf-8"))
    prev = gongkai.load(case / "prev.json")
    outcome = gongkai.validate(report, previous=prev)
    assert {f.rule for f in outcome.findings} == {"T3-6"}
    assert any(r.startswith("prev:") for f in outcome.findings for r in f.related)
    assert gongkai.validate(report).valid
    assert gongkai.validate(report, previous=case / "prev.json") == outcome
    assert gongkai.validate(report, previous=str(case / "prev.json")) == outcome
    assert gongkai.validate(report, previous=prev.to_dict()) == outcome
    assert gongkai.validate(report, previous=None) == gongkai.validate(report)


def test_validate_in_english() -> None:
    outcome = gongkai.validate({"form": "2021", "meta": {"year": 2014}}, lang="en")
    assert outcome.lang == "en"
    assert any("form" in f.message for f in outcome.findings)
    assert gongkai.validate({}, lang="EN").lang == "en"
    assert gongkai.validate({}, lang="zh").lang == "zh-CN"


def test_check_reads_a_path_text_bytes_or_report() -> None:
    require_corpus()
    by_path = gongkai.check(PINGTAN_2020)
    assert by_path.source == str(PINGTAN_2020)
    assert by_path.counts == {"error": 2, "warning": 7, "info": 0}
    assert [f.cell for f in by_path.errors] == ["requests/total/natural", "requests/total/total"]
    assert [(f.expected, f.actual) for f in by_path.errors] == [("26", "20"), ("27", "21")]
    text = PINGTAN_2020.read_text(encoding="utf-8")
    assert gongkai.check(str(PINGTAN_2020)) == by_path
    assert gongkai.check(text) == by_path
    assert gongkai.check(text).source is None
    assert gongkai.check(text.encode("gbk", errors="strict")) == by_path
    assert by_path.report is not None
    assert gongkai.check(by_path.report) == by_path
    assert gongkai.check(by_path.report.to_dict()) == by_path


def test_a_str_is_a_path_only_when_it_looks_like_one(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError) as e:
        gongkai.check(str(tmp_path / "missing-2024.txt"))
    assert e.value.filename == str(tmp_path / "missing-2024.txt")
    # One line naming no file and no report extension: text (a report without tables).
    outcome = gongkai.check("平潭综合实验区2024年度政府信息公开工作年度报告")
    assert outcome.source is None
    assert [f.rule for f in outcome.findings] == ["F-0"]
    named = tmp_path / "report-without-extension"
    named.write_text(HUAIAN_2024.read_text(encoding="utf-8"), encoding="utf-8")
    assert gongkai.check(str(named)).source == str(named)
    with pytest.raises(IsADirectoryError):
        gongkai.check(str(tmp_path))


# ---------------------------------------------------------------------------
# Finding, Outcome


def test_finding_is_frozen_hashable_and_round_trips() -> None:
    require_corpus()
    outcome = gongkai.check(PINGTAN_2020)
    f = outcome.errors[0]
    assert f.rule == "T3-2"
    assert f.severity == "error"
    assert f.cell == "requests/total/natural"
    assert isinstance(f.related, tuple)
    assert "requests/granted/natural" in f.related
    assert f.expected == "26"
    assert f.actual == "20"
    assert f.message == "（七）总计·自然人 应为 26（各项之和），报告为 20"
    assert f.quote is None
    # Line 10, column 5412 of the portal text: the "20" of （七）总计…20 0 00 0.
    assert f.place == {"line": 10, "column": 5412}
    assert f.to_dict()["place"] == f.place
    assert not f.reading
    with pytest.raises(AttributeError):
        f.rule = "X"  # type: ignore[misc]
    assert len(set(outcome.findings)) == len(outcome.findings)
    assert {f: 1}[gongkai.Finding.from_dict(f.to_dict())] == 1
    assert gongkai.Finding.from_json(f.to_json()) == f
    assert pickle.loads(pickle.dumps(f)) == f
    assert "quote" not in f.to_dict()
    x5 = outcome.findings[0]
    assert x5.rule == "X-5"
    assert x5.cell is None
    assert x5.place is None
    assert x5.quote is not None
    assert x5.to_dict()["quote"] == x5.quote
    assert repr(f).startswith("Finding(rule='T3-2', severity='error'")


def test_finding_constructor() -> None:
    f = gongkai.Finding("T3-2", "error", "requests/total/natural", ["a", "b"], "26", "20", "m")
    assert f.related == ("a", "b")
    assert f == gongkai.Finding.from_dict(f.to_dict())
    assert gongkai.Finding("L1", "info").message == ""
    with pytest.raises(ValueError, match="severity"):
        gongkai.Finding("L1", "fatal")  # type: ignore[arg-type]


def test_outcome_properties_and_raise_for_errors() -> None:
    require_corpus()
    outcome = gongkai.check(PINGTAN_2020)
    assert outcome.findings is outcome.findings  # built once
    assert len(outcome.warnings) == 7
    assert outcome.errors == tuple(f for f in outcome.findings if f.severity == "error")
    assert repr(outcome) == (
        f"Outcome(valid=False, errors=2, warnings=7, info=0, source='{PINGTAN_2020}')"
    )
    with pytest.raises(gongkai.ValidationError) as e:
        outcome.raise_for_errors()
    assert e.value.outcome is outcome
    assert e.value.errors == outcome.errors
    message = str(e.value)
    assert "2 个错误" in message
    assert "T3-2 [requests/total/natural]" in message
    assert "（七）总计·总计 应为 27" in message
    gongkai.check(HUAIAN_2024).raise_for_errors()  # valid: no exception
    en = gongkai.check(PINGTAN_2020, lang="en")
    with pytest.raises(gongkai.ValidationError, match=r"2 error\(s\)"):
        en.raise_for_errors()


def test_outcome_to_json_is_the_core_json() -> None:
    require_corpus()
    outcome = gongkai.check(PINGTAN_2020)
    data = outcome.to_dict()
    assert list(data) == ["valid", "findings", "counts"]
    assert list(data["findings"][1]) == [
        "rule",
        "severity",
        "cell",
        "related",
        "expected",
        "actual",
        "message",
    ]
    assert outcome.to_json() == json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    restored = pickle.loads(pickle.dumps(outcome))
    assert restored == outcome
    assert restored.source == outcome.source
    assert restored.report == outcome.report
    assert restored.lang == outcome.lang
    # valid and counts come from the findings, never from what a file claims.
    data["valid"] = True
    data["counts"]["error"] = 0
    assert not gongkai.Outcome.from_dict(data).valid
    assert gongkai.Outcome.from_dict(data).counts["error"] == 2
    with pytest.raises(TypeError):
        hash(outcome)


def test_outcome_summary_is_what_the_cli_prints() -> None:
    require_corpus()
    outcome = gongkai.check(PINGTAN_2020)
    text = outcome.summary()
    assert text.startswith(f"{PINGTAN_2020} — 平潭综合实验区 2020 年度（2019 表式）\n")
    assert "    ✗ 错误 T3-2 [requests/total/natural]  （七）总计·自然人 应为 26" in text
    # The report's faults are counted apart from what could not be read.
    assert text.endswith(
        "  未通过：2 个错误，7 个警告，0 条提示\n"
        "  另：未能读取主动公开政府信息情况 6 行（不计入错误）\n"
    )
    assert outcome.summary("x.txt", lang="en").startswith("x.txt — 平潭综合实验区 2020 (form 2019)")
    assert gongkai.Outcome.from_json(outcome.to_json()).summary().startswith("- — ")


# ---------------------------------------------------------------------------
# render


def test_render_every_format() -> None:
    report = gongkai.load(HUAIAN_2024)
    html = gongkai.render(report)
    assert 'data-cell="requests/new/natural"' in html
    assert not html.startswith("<!DOCTYPE")
    page = gongkai.render(report, "html", page=True)
    assert page.lower().startswith("<!doctype html>")
    assert gongkai.STYLESHEET.strip()[:20] in page
    text = gongkai.render(report, "text")
    assert "本年新收政府信息公开申请数量" in text
    md = gongkai.render(report, to="md")
    assert md.count("|") > 100
    csv = gongkai.render(report, "csv", lang="en")
    assert csv.startswith("cell,table,row,column,value,printed\r\n")
    # Rendered tables read back to the same cells.
    assert gongkai.parse(md).cells == report.cells
    assert gongkai.parse(page).cells == report.cells


def test_render_marks_findings_from_an_outcome_a_list_or_dicts() -> None:
    require_corpus()
    outcome = gongkai.check(PINGTAN_2020)
    assert outcome.report is not None
    report = outcome.report
    marked = gongkai.render(report, findings=outcome)
    assert "gk-error" in marked
    assert gongkai.render(report, findings=list(outcome.findings)) == marked
    assert gongkai.render(report, findings=[f.to_dict() for f in outcome.findings]) == marked
    assert gongkai.render(report, findings=iter(outcome.findings)) == marked
    assert gongkai.render(report, findings=[]) == gongkai.render(report)
    csv = gongkai.render(report, "csv", findings=outcome)
    assert csv.splitlines()[0].endswith(",问题")


def test_render_normalize_prints_zero_tokens_as_zero() -> None:
    r = gongkai.Report(
        form="2021",
        meta={"year": 2024},
        cells={"appeals/review/upheld": 0},
        raw={"appeals/review/upheld": "无"},
    )
    assert "无" in gongkai.render(r, "text")
    assert "无" not in gongkai.render(r, "text", normalize=True)


# ---------------------------------------------------------------------------
# forms


def test_forms_are_the_definitions() -> None:
    defs = gongkai.forms()
    assert [d["id"] for d in defs] == ["legacy", "2019", "2021"]
    assert defs[2]["years"]["from"] == 2021
    assert list(defs[2])[:2] == ["id", "title"]
    assert all(d["tables"] and d["rules"] for d in defs)


def test_load_form_from_a_path_text_or_dict_then_reset() -> None:
    path = FORM_EXAMPLES / "fujian-2014.json"
    assert gongkai.load_form(path) == "fujian-2014"
    assert gongkai.load_form(str(FORM_EXAMPLES / "fujian-2011.json")) == "fujian-2011"
    assert [d["id"] for d in gongkai.forms()][-2:] == ["fujian-2014", "fujian-2011"]
    definition = read_json(path)
    assert gongkai.load_form(definition) == "fujian-2014"
    assert gongkai.load_form(json.dumps(definition)) == "fujian-2014"
    assert gongkai.load_form(json.dumps(definition).encode("utf-8")) == "fujian-2014"
    assert len(gongkai.forms()) == 5  # replaced, not added
    report = gongkai.load(CASES / "fujian" / "pingtan-syq-2014.json")
    assert report.form == "fujian-2014"
    outcome = gongkai.validate(report)
    assert "F-0" not in {f.rule for f in outcome.findings}
    assert "<table" in gongkai.render(report)
    gongkai.reset_forms()
    assert [d["id"] for d in gongkai.forms()] == ["legacy", "2019", "2021"]
    assert [f.rule for f in gongkai.validate(report).findings] == ["F-0"]


def test_a_form_that_does_not_compile_is_a_form_error() -> None:
    with pytest.raises(gongkai.FormError, match="invalid form definition"):
        gongkai.load_form({"id": "x"})
    with pytest.raises(gongkai.FormError):
        gongkai.load_form("{not json")
    with pytest.raises(gongkai.FormError):
        gongkai.load_form("just words")
    with pytest.raises(FileNotFoundError):
        gongkai.load_form("no-such-form.json")
    with pytest.raises(TypeError):
        gongkai.load_form(42)  # type: ignore[arg-type]
    assert len(gongkai.forms()) == 3


def test_the_compiled_module_is_what_the_package_exports() -> None:
    for name in gongkai.__all__:
        if hasattr(_gongkai, name):
            assert getattr(gongkai, name) is getattr(_gongkai, name)
