"""A whole console built on a test's database, and its disposal: the one way tests open and close it."""
from __future__ import annotations


def build_console(qapp, services, tmp_path, lang: str = "zh_CN", settings=None, **kw):
    from console.app import build
    from console.settings import Settings

    settings = settings or Settings(tmp_path / f"{lang}.ini")
    kw.setdefault("pdf_dir", tmp_path / "pdf")
    kw.setdefault("with_map", False)
    return build(services.store, qapp, settings, lang, **kw)


def dispose(qapp, ctx) -> None:
    """Destroy the window now (without the close question), so no timer of it fires after the store
    is closed."""
    import shiboken6

    for t in ctx.translators:
        qapp.removeTranslator(t)
    ctx.window.may_close = None
    ctx.window.close()
    shiboken6.delete(ctx.window)
