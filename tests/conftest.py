"""Shared fixtures. The suite is intolerant: warnings are errors (pyproject), Qt warnings fail
tests (pytest-qt), and log records at WARNING or above from our own loggers fail the test."""
from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# Property tests explore the same examples on every run, so CI never fails on a lucky draw;
# the exploration itself is widened by hand when working on a parser.
hypothesis_settings.register_profile("console", derandomize=True, deadline=None)
hypothesis_settings.load_profile("console")

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-background-networking --disable-component-update")


def pytest_configure(config):
    # URL schemes must be registered before any QApplication exists.
    from console.app import prepare_environment

    prepare_environment()


class _FailOnWarningLogs(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith("console"):
            self.records.append(record)


@pytest.fixture(autouse=True)
def fail_on_warning_logs(request):
    handler = _FailOnWarningLogs()
    root = logging.getLogger()
    root.addHandler(handler)
    yield handler
    root.removeHandler(handler)
    if handler.records and not request.node.get_closest_marker("allow_warning_logs"):
        msgs = "; ".join(f"{r.name}: {r.getMessage()}" for r in handler.records)
        pytest.fail(f"unexpected log records at WARNING or above: {msgs}")


@pytest.fixture
def clock():
    from console.domain.clock import FakeClock

    return FakeClock()


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "console.db"


@pytest.fixture
def store(db_path, clock):
    from console.store.database import open_store

    s = open_store(db_path, clock)
    yield s
    s.close()


@pytest.fixture
def services(store):
    from console.services import build_services

    return build_services(store)


@pytest.fixture
def seeded(services):
    from console.services.seed import load_seed

    load_seed(services.store, services.incidents, services.log)
    return services
