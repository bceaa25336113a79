"""A console built on a database of the test's choosing, with a fake clock, destroyed after the test."""
from __future__ import annotations

import pytest

from tests.consoles import build_console, dispose


@pytest.fixture
def fresh_ctx(qapp, services, tmp_path):
    ctx = build_console(qapp, services, tmp_path)
    yield ctx
    dispose(qapp, ctx)


@pytest.fixture
def seeded_ctx(qapp, seeded, tmp_path):
    ctx = build_console(qapp, seeded, tmp_path)
    yield ctx
    dispose(qapp, ctx)
