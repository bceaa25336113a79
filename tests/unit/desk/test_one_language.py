"""Every view speaks the console's language: the window is rendered in Chinese and in English and the
visible interface text (titles, labels, buttons, headers, menus, placeholders) is read back. Data
(names, addresses, incident titles, plan titles) is excepted; everything else must not be in the
other language."""
from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
)

CJK = re.compile(r"[\u3400-\u9fff]")
# Latin words a Chinese interface legitimately shows: units, standards, key names, protocol names.
LATIN_OK = {"TETRA", "CAP", "PDF", "MBTiles", "Ctrl", "Shift", "Alt", "Enter", "Space", "GNSS", "NMEA", "SMS",
            "BeiDou", "ISSI", "GSSI", "SSI", "Esc", "Tab", "PNG", "URL", "RTSP", "HTTP", "dev", "ttyUSB", "pts",
            "km", "mm", "MPa"}
WORD = re.compile(r"[A-Za-z]{4,}")


def _texts(window) -> list[tuple[str, str]]:
    """(where, text) for the interface text a user can see: no model data, no rich-text data views."""
    out = []
    for w in window.findChildren(QDockWidget):
        out.append(("dock", w.windowTitle()))
    for w in window.findChildren(QAbstractButton):
        out.append((type(w).__name__, w.text()))
    for w in window.findChildren(QLabel):
        if w.objectName() in ("shiftBadge", "dialogHeading", "clock", "preplanStatus") \
                or w.textFormat() == Qt.TextFormat.RichText:
            continue
        out.append(("label " + w.objectName(), w.text()))
    for w in window.findChildren(QLineEdit):
        out.append(("placeholder", w.placeholderText()))
    for w in window.findChildren(QAbstractItemView):
        header = w.horizontalHeader() if hasattr(w, "horizontalHeader") else getattr(w, "header", lambda: None)()
        if header is None or w.model() is None or header.isHidden():
            continue
        out += [("header", str(w.model().headerData(c, Qt.Orientation.Horizontal) or ""))
                for c in range(header.count())]
    for w in window.findChildren(QTabBar):
        out += [("tab", w.tabText(i)) for i in range(w.count())]
    for w in window.findChildren(QMenu):
        out += [("menu", a.text()) for a in w.actions()]
    for w in window.findChildren(QComboBox):
        if not w.isEditable():
            out += [("combo", w.itemText(i)) for i in range(w.count())]
    return [(where, t) for where, t in out if t]


def _data_strings(svc) -> set[str]:
    data = set()
    for inc in svc.incidents.list():
        data |= {inc.title, inc.district, inc.address, inc.type, inc.reporter}
    data |= {d for d in svc.incidents.districts()}
    data |= {t for p in svc.preplans.plans() for t in (*p.scope.types, *p.scope.keywords)}
    data |= {p.title for p in svc.preplans.plans()}
    data |= {u["callsign"] for u in svc.resources.units()} | {r["name"] for r in svc.resources.resources()}
    return {d for d in data if d}


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_no_visible_interface_text_in_the_other_language(qtbot, qapp, seeded, tmp_path, lang):
    from tests.consoles import build_console, dispose

    seeded.preplans.load_samples()
    ctx = build_console(qapp, seeded, tmp_path, lang)
    try:
        ctx.window.resize(1366, 768)
        ctx.window.show()
        qtbot.waitExposed(ctx.window)
        ctx.views["incidents"].select(seeded.incidents.list()[0].id)  # the preplan area explains its matches
        qtbot.waitUntil(lambda: bool(ctx.window.findChild(QLabel, "matchReasons").text()))
        data = sorted(_data_strings(seeded), key=len, reverse=True)
        wrong = []
        for where, text in _texts(ctx.window):
            if lang == "zh_CN":
                words = [w for w in WORD.findall(text) if w not in LATIN_OK]
                if words:
                    wrong.append((where, text))
            else:
                for d in data:
                    text = text.replace(d, "")
                if CJK.search(text):
                    wrong.append((where, text))
        assert not wrong, wrong
    finally:
        dispose(qapp, ctx)
