"""Across reports from Python: series, similar, aggregate, check_sum give the
core's results (the Rust suite checks the same on the same data)."""

from __future__ import annotations

import json

import pytest
from support import CASES, CORPUS

import gongkai


def test_series_links_the_pingtan_years_and_finds_the_copied_text() -> None:
    files = sorted(p for p in CORPUS.iterdir() if p.suffix in {".txt", ".html"})
    entries = gongkai.series(files)
    assert [e["index"] for e in entries] == list(range(len(files)))
    by_name = {files[e["index"]].name: e for e in entries}

    def previous(name: str) -> str:
        i = by_name[name]["previous"]
        assert i is not None, name
        return files[i].name

    assert previous("003-pingtan-xian-2012.txt") == "002-pingtan-xian-2011.txt"
    c1 = [f for f in by_name["003-pingtan-xian-2012.txt"]["outcome"].findings if f.rule == "C-1"]
    assert len(c1) == 1
    assert float(c1[0].actual or 0) >= 0.9
    assert previous("008-pingtan-syq-2014.txt") == "007-pingtan-syq-2013.txt"
    assert by_name["020-huaian-szf-2024.txt"]["previous"] is None


def test_similar_finds_the_copy_between_bodies() -> None:
    files = sorted(p for p in CORPUS.iterdir() if p.suffix in {".txt", ".html"})
    pairs = gongkai.similar(files)
    assert [(files[p["a"]].name, files[p["b"]].name) for p in pairs] == [
        ("002-pingtan-xian-2011.txt", "001-pingtan-syq-2011.txt")
    ]
    p = pairs[0]
    assert p["similarity"] >= 0.9
    assert p["finding"].rule == "C-1"
    assert p["finding"].quote == p["passages"][0]
    assert gongkai.similar(files, threshold=1.0) == []


def test_aggregate_and_check_sum() -> None:
    part = CASES / "huaian-szf-2024" / "report.json"
    report, findings = gongkai.aggregate([part, part])
    assert findings == []
    assert report.cells["requests/new/total"] == 6238
    assert gongkai.check_sum(report, [part, part]).valid
    outcome = gongkai.check_sum(part, [part, part], lang="en")
    assert not outcome.valid
    first = outcome.findings[0]
    assert first.rule == "A-1"
    assert first.expected == "2"
    assert first.actual == "1"
    assert json.loads(outcome.to_json())["counts"]["error"] == len(outcome.findings)
    with pytest.raises(ValueError, match="different forms"):
        gongkai.aggregate([part, CASES / "gejiu-2018" / "report.json"])
