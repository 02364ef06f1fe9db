"""Fixtures of the Python suite."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import gongkai


@pytest.fixture(autouse=True)
def _builtin_forms_only() -> Iterator[None]:
    """Every test starts and ends with only the built-in forms."""
    gongkai.reset_forms()
    yield
    gongkai.reset_forms()
