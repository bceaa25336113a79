from __future__ import annotations

import re

import pytest

from console.map.basemaps import VECTOR_ID, BasemapRegistry
from console.map.page import build_page_html
from tests.unit.map.mbtiles_factory import make_mbtiles


def test_page_references_only_app_urls():
    html = build_page_html({"basemaps": {"items": [], "default": "vector"}, "strings": {}})
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls, "the page should link its scripts and styles"
    assert all(u.startswith("app://") for u in urls), urls
    assert "http://" not in html and "https://" not in html
    assert "ICC.boot(" in html


def test_page_config_cannot_break_out_of_script():
    html = build_page_html({"strings": {"x": "</script><script>alert(1)</script>"}})
    assert "</script><script>alert(1)" not in html
    assert "<\\/script>" in html


@pytest.mark.allow_warning_logs  # broken.mbtiles is skipped with a warning
def test_registry_lists_vector_and_valid_mbtiles(tmp_path):
    make_mbtiles(tmp_path / "Shanghai City.mbtiles", name="上海影像")
    (tmp_path / "broken.mbtiles").write_text("nope")
    reg = BasemapRegistry(tiles_dir=tmp_path, districts_geojson=tmp_path / "d.geojson")
    maps = reg.basemaps()
    assert [b.kind for b in maps] == ["vector", "mbtiles"]
    tiles = maps[1]
    assert tiles.id == "mbt-shanghai-city" and tiles.title == "上海影像"
    assert tiles.url == "tiles://mbt-shanghai-city/{z}/{x}/{y}"
    assert reg.mbtiles_path(tiles.id) == tmp_path / "Shanghai City.mbtiles"
    assert reg.default_id() == tiles.id


def test_vector_is_default_without_tiles_and_online_is_off(tmp_path):
    reg = BasemapRegistry(tiles_dir=tmp_path / "none", online_url="https://example.invalid/{z}/{x}/{y}.png")
    assert reg.default_id() == VECTOR_ID
    assert [b.kind for b in reg.basemaps()] == ["vector"]
    reg.online_enabled = True
    assert [b.kind for b in reg.basemaps()] == ["vector", "xyz"]
