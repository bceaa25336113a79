"""The camera registry: real SQLite, change rows, CSV import/export, snapshots, and credentials that
never leave it in clear."""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest

from console.domain.cameras import CameraInvalid, check_camera, redact_url
from console.domain.record_texts import RecordTexts
from console.services.cameras import CameraService, public

SECRET = "s3cr3t-Pa55"
URL = f"rtsp://admin:{SECRET}@127.0.0.1:554/Streaming/Channels/101?token={SECRET}"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.mark.parametrize("url, shown", [
    ("rtsp://admin:pw@10.0.0.1:554/ch1", "rtsp://***@10.0.0.1:554/ch1"),
    ("http://user@cam.local/a.ts", "http://***@cam.local/a.ts"),
    ("http://127.0.0.1/live.flv?user=a&password=b&ch=1", "http://127.0.0.1/live.flv?user=***&password=***&ch=1"),
    ("http://127.0.0.1:8080/a.ts", "http://127.0.0.1:8080/a.ts"),
    ("rtsp://a:b@host:notaport/x", "rtsp://***@host:notaport/x"),
    ("/srv/clips/a.ts", "/srv/clips/a.ts"),
])
def test_redact_url_hides_user_password_and_secret_parameters(url, shown):
    assert redact_url(url) == shown


@pytest.mark.parametrize("kw, why", [
    ({"name": "", "url": "http://x/a"}, "name"),
    ({"name": "a", "url": "ftp://x/a"}, "must start"),
    ({"name": "a", "url": "http://x/a b"}, "spaces"),
    ({"name": "a", "url": "http://x/a", "lat": "31.2"}, "both"),
    ({"name": "a", "url": "http://x/a", "lat": "north", "lon": "1"}, "not a number"),
    ({"name": "a\x00b", "url": "http://x/a"}, "control"),
])
def test_bad_cameras_are_refused_with_a_reason(kw, why):
    with pytest.raises(CameraInvalid, match=why):
        check_camera(**kw)


@pytest.fixture
def cameras(services):
    return CameraService(services.store, services.log, RecordTexts("en"))


def test_add_records_change_rows_and_lists_without_credentials(cameras):
    r = cameras.add(check_camera("徐汇工地1", URL, ["工地"], ["construction"], "31.17", "121.45"))
    assert r.changes.cameras == {r.value}
    assert cameras.store.scalar("SELECT count(*) FROM changes WHERE tbl = 'cameras'") == 1
    cam = cameras.get(r.value)
    assert cam["url"] == URL and cam["groups"] == ["工地"] and cam["lat"] == 31.17
    assert SECRET not in json.dumps(public(cam))
    assert SECRET not in cameras.export_csv()


def test_seeded_cameras_survive_the_migration_with_their_tags(seeded):
    cams = CameraService(seeded.store, seeded.log).cameras()
    assert len(cams) == 30 and all(c["tags"] == [c["target"]] for c in cams)
    assert not CameraService(seeded.store, seeded.log).playable()  # the seed has no stream addresses


def test_csv_import_adds_good_lines_and_reports_every_bad_one(cameras):
    text = ("name,url,groups,tags,lat,lon\n"
            f"A,{URL},工地,construction,31.2,121.4\n"
            ",http://127.0.0.1/x.ts,,,,\n"
            "B,gopher://x,,,,\n"
            "C,http://127.0.0.1/c.ts,,,91,1\n"
            f"D,{URL},,,,\n"
            "E,http://127.0.0.1/e.ts,,,,,extra\n"
            "F,http://127.0.0.1/f.ts,a;b,,,\n")
    r = cameras.import_csv(text)
    assert [c["name"] for c in cameras.cameras()] == ["A", "F"]
    assert [line for line, _ in r.value.rejected] == [3, 4, 5, 6, 7]
    assert all(SECRET not in why for _, why in r.value.rejected)
    assert r.changes.cameras == set(r.value.added)
    assert cameras.get(r.value.added[1])["groups"] == ["a", "b"]


def test_csv_without_a_header_is_refused_whole(cameras):
    r = cameras.import_csv("just,some,words\n")
    assert r.value.rejected and not cameras.cameras()


def test_snapshot_writes_the_png_its_hash_and_a_log_entry(cameras, tmp_path):
    cid = cameras.add(check_camera("北外滩工地", "http://127.0.0.1/a.ts")).value
    r = cameras.snapshot(cid, PNG, tmp_path / "snaps")
    row = r.value
    assert (tmp_path / "snaps").joinpath(f"{row['id']}.png").read_bytes() == PNG
    assert row["sha256"] == hashlib.sha256(PNG).hexdigest()
    entry = cameras.log.get(row["log_id"])
    assert "北外滩工地" in entry.text and row["sha256"] in entry.text and entry.text.startswith("Video snapshot")
    assert r.changes.snapshots == {row["id"]} and r.changes.duty_log == {entry.id}
    assert cameras.snapshot_for_entry(entry.id)["path"] == row["path"]
    with pytest.raises(ValueError):
        cameras.snapshot(cid, b"not a png", tmp_path / "snaps")


def test_patrol_plans_are_stored_with_their_dwell_kept_in_range(cameras):
    a = cameras.add(check_camera("A", "http://127.0.0.1/a.ts", ["g1"])).value
    b = cameras.add(check_camera("B", "http://127.0.0.1/b.ts", ["g2"])).value
    r = cameras.save_plan("夜间", [b], ["g1"], 300, "4")
    plan = cameras.plans()[0]
    assert r.changes.patrols == {plan["id"]} and plan["dwell_s"] == 60
    assert cameras.plan_cameras(plan) == [b, a]
    with pytest.raises(ValueError):
        cameras.save_plan("x", [], [], 10, "7")


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "console.cli", "camera", *args], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=60)


def test_cli_add_list_import_export_keep_credentials_hidden(tmp_path):
    db = str(tmp_path / "c.db")
    add = _cli("add", "--db", db, "--name", "徐汇工地1", "--url", URL, "--group", "工地", "--lat", "31.1", "--lon", "121.4")
    assert add.returncode == 0, add.stderr
    csv_file = tmp_path / "in.csv"
    csv_file.write_text(f"name,url\nok,http://127.0.0.1/a.ts\n,{URL}x\n", encoding="utf-8")
    imp = _cli("import", "--db", db, str(csv_file))
    assert imp.returncode == 1 and "line 3: rejected: the camera needs a name" in imp.stderr
    listed = _cli("list", "--db", db, "--json")
    rows = json.loads(listed.stdout)
    assert {r["name"] for r in rows} == {"徐汇工地1", "ok"}
    exported = _cli("export", "--db", db)
    for out in (add, imp, listed, exported):
        assert SECRET not in out.stdout + out.stderr
    bad = _cli("add", "--db", db, "--name", "x", "--url", "nonsense")
    assert bad.returncode == 2 and "camera refused" in bad.stderr and "Traceback" not in bad.stderr
    latin = tmp_path / "latin.csv"
    latin.write_bytes("name,url\ncafé,http://x/a\n".encode("latin-1"))
    enc = _cli("import", "--db", db, str(latin))
    assert enc.returncode == 2 and "not UTF-8" in enc.stderr


def test_migration_keeps_existing_cameras_and_makes_location_optional(tmp_path):
    import sqlite3

    from console.paths import MIGRATIONS
    from console.store import migrations
    from console.store.database import open_store

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrations.apply(conn, MIGRATIONS, target=6)
    conn.execute("INSERT INTO cameras(id, name, district, lat, lon, target, url, updated_hlc) "
                 "VALUES ('c1', '下立交', '徐汇区', 31.1, 121.4, 'underpass', 'http://127.0.0.1/a.ts', 'x')")
    conn.close()
    store = open_store(path)
    try:
        cams = CameraService(store, None)
        assert cams.get("c1")["tags"] == ["underpass"] and cams.get("c1")["groups"] == ["徐汇区"]
        assert cams.get("c1")["enabled"]
    finally:
        store.close()
