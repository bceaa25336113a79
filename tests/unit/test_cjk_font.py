"""The bundled CJK font loads into Qt and really draws hanzi (a fresh machine has no CJK font)."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetrics, QImage, QPainter

FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"
FAMILY = "Noto Sans CJK SC"


@pytest.fixture(scope="module")
def families(qapp):
    loaded = {}
    for name in ("NotoSansSC-Subset-Regular.otf", "NotoSansSC-Subset-Bold.otf"):
        font_id = QFontDatabase.addApplicationFont(str(FONTS / name))
        assert font_id >= 0, name
        loaded[name] = QFontDatabase.applicationFontFamilies(font_id)
    return loaded


def _font(weight=QFont.Weight.Normal) -> QFont:
    font = QFont(FAMILY, 24)
    font.setWeight(weight)
    # Without this Qt would quietly borrow glyphs from another font and the test would prove nothing.
    font.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)
    return font


def _render(text: str, font: QFont) -> QImage:
    img = QImage(40 * max(1, len(text)), 48, QImage.Format.Format_ARGB32)
    img.fill(QColor("white"))
    p = QPainter(img)
    p.setFont(font)
    p.setPen(QColor("black"))
    p.drawText(img.rect(), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
    p.end()
    return img


def _ink(img: QImage) -> int:
    return sum(1 for y in range(img.height()) for x in range(img.width()) if QColor(img.pixel(x, y)).lightness() < 128)


def test_files_are_small_and_licensed():
    for name in ("NotoSansSC-Subset-Regular.otf", "NotoSansSC-Subset-Bold.otf"):
        assert (FONTS / name).stat().st_size < 3_000_000
    assert "SIL OPEN FONT LICENSE" in (FONTS / "OFL.txt").read_text(encoding="utf-8")


def test_both_weights_register_one_family(families):
    assert all(f == [FAMILY] for f in families.values())
    assert FAMILY in QFontDatabase.families()
    assert {"Regular", "Bold"} <= set(QFontDatabase.styles(FAMILY))


@pytest.mark.parametrize(
    "text",
    [
        "徐汇区燃气泄漏",
        "黄浦徐汇长宁静安普陀虹口杨浦闵行宝山嘉定浦东新区金山松江青浦奉贤崇明",
        "接报初报续报终报值班日志交接班应急预案指挥编组六停四碰头",
        "ⅠⅡⅢⅣ级，红橙黄蓝。【示例】“预警”、①②③ ℃ ±×÷ ·—…",
        "蕰藻浜",
        "ASCII 0123456789 Ää",
    ],
)
def test_every_character_is_in_the_font(families, text):
    metrics = QFontMetrics(_font())
    missing = [c for c in text if c != " " and not metrics.inFontUcs4(ord(c))]
    assert missing == []


def test_hanzi_render_as_distinct_inked_glyphs(families):
    font = _font()
    xu, hui, tofu = (_render(c, font) for c in ("徐", "汇", "\ue000"))
    assert _ink(xu) > 40
    assert _ink(hui) > 40
    assert xu != hui
    # A private-use code point has no glyph, so it shows .notdef: real hanzi must not look like that.
    assert xu != tofu
    assert hui != tofu
    line = _render("徐汇区燃气泄漏", font)
    assert _ink(line) > 7 * 40


def test_bold_is_a_real_face_with_more_ink(families):
    regular = _ink(_render("徐汇区燃气泄漏", _font()))
    bold = _ink(_render("徐汇区燃气泄漏", _font(QFont.Weight.Bold)))
    assert bold > regular * 1.1
