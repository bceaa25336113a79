"""A console built on a database of the test's choosing, with a fake clock, destroyed after the test."""
from __future__ import annotations

import pytest


def build_console(qapp, services, tmp_path, lang: str = "zh_CN"):
    from console.app import build
    from console.settings import Settings

    return build(services.store, qapp, Settings(tmp_path / f"{lang}.ini"), lang, pdf_dir=tmp_path / "pdf",
                 with_map=False)


def dispose(qapp, ctx) -> None:
    """Destroy the window now, so no timer of it fires after the store is closed."""
    import shiboken6

    for t in ctx.translators:
        qapp.removeTranslator(t)
    ctx.window.may_close = None
    ctx.window.close()
    shiboken6.delete(ctx.window)


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
