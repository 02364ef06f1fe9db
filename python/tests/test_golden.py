"""The shared golden cases of tests/cases, run as crates/gongkai/tests/golden.rs
runs them: the outcome must be the expected one byte for byte, as JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from support import CASES, ROOT, read_json

import gongkai


@dataclass
class Case:
    name: str
    dir: Path
    meta: dict[str, Any]

    @property
    def input(self) -> Path | None:
        name = self.meta.get("input")
        return ROOT / name if name else None

    def report(self) -> gongkai.Report:
        if self.input is not None:
            return gongkai.parse(self.input.read_text(encoding="utf-8"))
        return gongkai.Report.from_json((self.dir / "report.json").read_text(encoding="utf-8"))

    def previous(self) -> gongkai.Report | None:
        prev = self.dir / "prev.json"
        return gongkai.Report.from_json(prev.read_text(encoding="utf-8")) if prev.exists() else None


def load_cases() -> list[Case]:
    cases = [
        Case(d.name, d, read_json(d / "case.json"))
        for d in sorted(CASES.iterdir())
        if (d / "case.json").exists()
    ]
    assert len(cases) >= 3, "golden cases missing"
    return cases


CASE_LIST = load_cases()
RUNS = [
    pytest.param(case, lang, file, id=f"{case.name}/{file}")
    for case in CASE_LIST
    for lang, file in (("zh-CN", "expected.json"), ("en", "expected.en.json"))
    if (case.dir / file).exists()
]


def compact(text: str) -> str:
    """The expected file as the core's compact JSON (serde_json's spelling)."""
    return json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":"))


def skip_without_input(case: Case) -> None:
    if case.input is not None and not case.input.exists():
        pytest.skip(f"{case.input} is not here")


@pytest.mark.parametrize(("case", "lang", "file"), RUNS)
def test_every_case_gives_its_expected_outcome_byte_for_byte(
    case: Case, lang: str, file: str
) -> None:
    skip_without_input(case)
    outcome = gongkai.validate(case.report(), previous=case.previous(), lang=lang)
    want = (case.dir / file).read_text(encoding="utf-8")
    assert outcome.to_json() == compact(want)
    # The dict is the JSON, and the pretty JSON is the blessed file's text.
    assert outcome.to_dict() == json.loads(want)
    assert outcome.to_json(indent=2) + "\n" == want
    assert outcome.lang == lang


@pytest.mark.parametrize("case", CASE_LIST, ids=lambda c: c.name)
def test_every_case_fires_exactly_the_rules_a_person_listed(case: Case) -> None:
    skip_without_input(case)
    outcome = gongkai.validate(case.report(), previous=case.previous())
    assert {f.rule for f in outcome.findings} == set(case.meta["fires"])


@pytest.mark.parametrize("case", CASE_LIST, ids=lambda c: c.name)
def test_check_reads_each_case_as_its_file_and_as_a_dict(case: Case) -> None:
    """check() of the file path, of the bytes, and validate() of the dict all agree."""
    skip_without_input(case)
    previous = case.previous()
    want = gongkai.validate(case.report(), previous=previous).to_json()
    path = case.input if case.input is not None else case.dir / "report.json"
    by_path = gongkai.check(path, previous=previous)
    assert by_path.to_json() == want
    assert by_path.source == str(path)
    assert gongkai.check(str(path), previous=previous).to_json() == want
    assert gongkai.check(path.read_bytes(), previous=previous).to_json() == want
    as_dict = case.report().to_dict()
    assert gongkai.validate(as_dict, previous=previous).to_json() == want
    if previous is not None:
        prev_path = case.dir / "prev.json"
        assert gongkai.check(path, previous=prev_path).to_json() == want
        assert gongkai.check(path, previous=previous.to_dict()).to_json() == want


@pytest.mark.parametrize("case", CASE_LIST, ids=lambda c: c.name)
def test_outcome_json_round_trips(case: Case) -> None:
    skip_without_input(case)
    outcome = gongkai.validate(case.report(), previous=case.previous())
    text = outcome.to_json()
    assert gongkai.Outcome.from_json(text).to_json() == text
    assert gongkai.Outcome.from_dict(outcome.to_dict()) == outcome
    report = case.report()
    assert gongkai.Report.from_json(report.to_json()) == report
    assert gongkai.Report.from_dict(report.to_dict()) == report


def test_check_many_gives_every_case_in_order() -> None:
    cases = [c for c in CASE_LIST if c.input is None or c.input.exists()]
    reports = [c.report() for c in cases]
    want = [gongkai.validate(r, previous=c.previous()).to_json() for r, c in zip(reports, cases)]
    single = [c for c in cases if c.previous() is None]
    got = list(gongkai.check_many([c.report() for c in single], workers=2))
    assert [o.to_json() for o in got] == [w for w, c in zip(want, cases) if c.previous() is None]
