"""Shared paths and helpers of the Python suite."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "cases"
CORPUS = (ROOT / ".." / "shared" / "corpus").resolve()
FORM_EXAMPLES = ROOT / "crates" / "gongkai" / "forms" / "examples"
PINGTAN_2020 = CORPUS / "014-pingtan-syq-2020.txt"
SHANGHAI_2019 = CORPUS / "021-shanghai-szfbgt-2019.html"
HUAIAN_2024 = CASES / "huaian-szf-2024" / "report.json"


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def corpus_reports() -> list[Path]:
    """The published reports of the corpus (text and HTML)."""
    return sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".html"))


def require_corpus() -> None:
    if not PINGTAN_2020.exists():
        pytest.skip(f"the corpus is not at {CORPUS}")
