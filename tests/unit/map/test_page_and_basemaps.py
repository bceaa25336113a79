from __future__ import annotations

import re

import pytest

from console.map.basemaps import VECTOR_ID, BasemapRegistry
from console.map.page import CONTENT_SECURITY_POLICY, PAGE_SCRIPT_URL, build_page
from tests.unit.map.mbtiles_factory import make_mbtiles


def test_page_references_only_app_urls():
    page = build_page({"basemaps": {"items": [], "default": "vector"}, "strings": {}})
    html = page.html
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls, "the page should link its scripts and styles"
    assert all(u.startswith("app://") for u in urls), urls
    assert "http://" not in html and "https://" not in html
    assert "ICC.boot(" in page.script


def test_page_has_no_inline_script_and_forbids_it():
    page = build_page({"basemaps": {"items": [], "default": "vector"}, "strings": {}})
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page.html, re.DOTALL)
    assert scripts and all('src="app://' in attrs and body.strip() == "" for attrs, body in scripts)
    assert f'src="{PAGE_SCRIPT_URL}"' in page.html
    assert "L.map(" in page.script and "<script" not in page.script
    assert f'content="{CONTENT_SECURITY_POLICY}"' in page.html
    assert "script-src app:;" in CONTENT_SECURITY_POLICY and "unsafe-inline" not in CONTENT_SECURITY_POLICY.split(
        "style-src")[0]


def test_page_config_cannot_break_out_of_script():
    page = build_page({"strings": {"x": "</script><script>alert(1)</script>"}})
    assert "alert(1)" not in page.html
    assert "</script><script>alert(1)" not in page.script
    assert "<\\/script>" in page.script


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


def test_the_page_skeleton_is_rendered_once_and_read_back_from_the_cache(tmp_path, monkeypatch):
    import console.map.folium_page as folium_page

    config = {"basemaps": {"items": [], "default": "vector"}, "strings": {"x": "</script>"}}
    fresh = build_page(config)
    first = build_page(config, cache_dir=tmp_path)
    (cached,) = tmp_path.glob("map-page-*.json")

    def no_folium(*_args):
        raise AssertionError("folium rendered the page again")

    monkeypatch.setattr(folium_page, "render_skeleton", no_folium)
    again = build_page({**config, "strings": {"y": "二"}}, cache_dir=tmp_path)
    map_name = re.compile(r"map_[0-9a-f]{32}")  # folium names the map afresh at each render
    assert map_name.sub("m", first.html) == map_name.sub("m", fresh.html)
    assert map_name.sub("m", first.script) == map_name.sub("m", fresh.script)
    assert again.html == first.html and '{"y":"二"}' in again.script and "ICC_PAGE_CONFIG" not in again.script
    # Another starting view is another skeleton
    with pytest.raises(AssertionError, match="rendered the page again"):
        build_page({**config, "zoom": 12}, cache_dir=tmp_path)
    monkeypatch.undo()
    # A damaged cache file is rendered again and replaced; a cache folder that cannot be written is
    # only slower
    cached.write_text('{"html": "<html>', encoding="utf-8")
    assert build_page(config, cache_dir=tmp_path).html.startswith("<!DOCTYPE html>")
    assert cached.read_text(encoding="utf-8").startswith('{"html": "<!DOCTYPE')
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert "ICC.boot(" in build_page(config, cache_dir=blocked / "cache").script
