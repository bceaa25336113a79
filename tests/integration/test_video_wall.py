"""The wall with real streams: H.264 in MPEG-TS and MJPEG served over HTTP on 127.0.0.1 by ffmpeg
(from the imageio-ffmpeg package), decoded by PyAV. No mocked player."""
from __future__ import annotations

import hashlib
import socket
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from console.domain.cameras import check_camera
from console.shell.operations import Operations
from console.video.loopback import StreamServer, make_clip
from console.video.player_pool import LIVE, OFFLINE

SECRET = "pa55-w0rd"


@pytest.fixture(scope="module")
def clips(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("clips")
    return {name: make_clip(d / f"{name}.ts", name, size="320x180", seconds=2)
            for name in ("testsrc2", "smptehdbars", "mandelbrot")}


@pytest.fixture
def server(clips):
    srv = StreamServer(clips)
    yield srv
    srv.stop()


class Wall:
    """A wall over a real store, with a clock the test can move forward."""

    def __init__(self, qtbot, services, tmp_path, layout="4", **kw) -> None:
        from console.views.video_wall import VideoWall

        self.offset = 0.0
        self.services = services
        self.ops = Operations()
        self.wall = VideoWall(services.cameras, self.ops, tmp_path / "snapshots", layout=layout,
                              now=lambda: time.monotonic() + self.offset, backoff_base_s=0.5, **kw)
        qtbot.addWidget(self.wall)
        self.wall.resize(640, 360)
        self.wall.show()

    def add(self, name: str, url: str) -> str:
        cid = self.services.cameras.add(check_camera(name, url)).value
        self.wall.reload()
        return cid

    def tile_of(self, cid):
        return next(t for t in self.wall.tiles if t.camera_id == cid)


@pytest.fixture
def make_wall(qtbot, services, tmp_path):
    walls = []

    def make(**kw) -> Wall:
        w = Wall(qtbot, services, tmp_path, **kw)
        walls.append(w)
        return w

    yield make
    for w in walls:
        w.wall.shutdown()


def test_tiles_show_decoded_frames_from_h264_and_mjpeg_streams(make_wall, server, qtbot):
    w = make_wall(layout="4")
    ts = w.add("徐汇工地 TS", server.url("testsrc2", "ts"))
    mj = w.add("下立交 MJPEG", server.url("smptehdbars", "mjpeg"))
    qtbot.waitUntil(lambda: w.tile_of(ts).showing_picture() and w.tile_of(mj).showing_picture(), timeout=15000)
    img = w.tile_of(ts).feed.image()
    assert img.width() == 320 and img.height() == 180
    frames = w.wall.pool.get(ts).frames
    qtbot.waitUntil(lambda: w.wall.pool.get(ts).frames > frames + 5, timeout=5000)  # moving, not one still
    assert w.wall.settled()


def test_patrol_advances_and_pre_opened_tiles_show_a_frame_at_once(make_wall, server, qtbot):
    w = make_wall(layout="1")
    a = w.add("A", server.url("testsrc2"))
    b = w.add("B", server.url("smptehdbars"))
    c = w.add("C", server.url("mandelbrot"))
    assert w.wall.patrol.page() == [a]
    assert w.wall.patrol.upcoming(time.monotonic()) == [b]
    qtbot.waitUntil(lambda: w.wall.pool.get(a).has_picture() and w.wall.pool.get(b).has_picture(), timeout=15000)
    w.offset += 15  # the dwell is over
    qtbot.waitUntil(lambda: w.wall.tiles[0].camera_id == b, timeout=2000)
    assert w.wall.tiles[0].showing_picture()  # pre-opened: a picture the moment the page changed
    assert set(w.wall.pool.feeds) == {b, c}  # A closed, C opening ahead of the next step
    w.wall.step(-1)
    assert w.wall.tiles[0].camera_id == a


def test_a_killed_stream_goes_offline_with_a_reason_and_recovers(make_wall, clips, qtbot):
    first, second = StreamServer(clips), StreamServer(clips)
    try:
        w = make_wall(layout="4")
        dying = w.add("A", first.url("testsrc2"))
        steady = w.add("B", second.url("smptehdbars"))
        qtbot.waitUntil(lambda: all(w.tile_of(c).showing_picture() for c in (dying, steady)), timeout=15000)
        port = first.port
        first.stop()
        qtbot.waitUntil(lambda: w.wall.pool.get(dying).state == OFFLINE, timeout=10000)
        assert w.wall.pool.get(dying).reason
        assert w.wall.patrol.failure(dying) is not None
        assert w.wall.pool.get(steady).state == LIVE
        first = StreamServer(clips, port=port)
        qtbot.waitUntil(lambda: w.wall.pool.get(dying).state == LIVE, timeout=15000)
        assert w.wall.patrol.failure(dying) is None
    finally:
        first.stop()
        second.stop()


def test_a_url_that_never_answers_does_not_freeze_the_wall(make_wall, qtbot, caplog):
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)  # connections are accepted by the kernel and never answered
    try:
        w = make_wall(layout="4", connect_timeout_s=1.5)
        gaps, last = [], [time.monotonic()]

        def beat():
            now = time.monotonic()
            gaps.append(now - last[0])
            last[0] = now

        timer = QTimer()
        timer.timeout.connect(beat)
        timer.start(50)
        cid = w.add("黑洞", f"http://admin:{SECRET}@127.0.0.1:{silent.getsockname()[1]}/live.ts?password={SECRET}")
        qtbot.waitUntil(lambda: w.wall.pool.get(cid).state == OFFLINE, timeout=8000)
        beats = len(gaps)
        qtbot.waitUntil(lambda: len(gaps) >= beats + 6, timeout=3000)  # the loop keeps beating after it
        timer.stop()
        assert max(gaps) < 0.5, f"the GUI stalled for {max(gaps):.2f} s"
        tile = w.tile_of(cid)
        assert "does not answer" in tile.feed.reason
        shown = " ".join([tile.name, tile.feed.reason, w.wall.status.text(), caplog.text])
        assert SECRET not in shown
    finally:
        silent.close()


def test_snapshot_keeps_the_png_its_hash_and_a_log_entry(make_wall, server, qtbot, services):
    w = make_wall(layout="1")
    cid = w.add("北外滩工地", server.url("mandelbrot"))
    qtbot.waitUntil(lambda: w.wall.tiles[0].showing_picture(), timeout=15000)
    with qtbot.waitSignal(w.ops.changed, timeout=3000) as changed:
        row = w.wall.snapshot(0)
    assert changed.args[0].snapshots == {row["id"]}
    data = Path(row["path"]).read_bytes()
    assert data.startswith(b"\x89PNG") and hashlib.sha256(data).hexdigest() == row["sha256"]
    entry = services.log.get(row["log_id"])
    assert "北外滩工地" in entry.text and row["sha256"] in entry.text
    assert services.cameras.snapshot_for_entry(entry.id)["camera_id"] == cid


def test_demo_sample_cameras_play_local_clips_labelled_as_samples(make_wall, seeded, qtbot, tmp_path):
    from console.video.samples import attach_sample_clips

    r = attach_sample_clips(seeded.cameras, tmp_path / "samples", "192x108")
    assert r.value == 30 and len(r.changes.cameras) == 30
    assert attach_sample_clips(seeded.cameras, tmp_path / "samples", "192x108").value == 0  # once only
    w = make_wall(layout="4")
    w.wall.reload()
    qtbot.waitUntil(lambda: all(t.showing_picture() for t in w.wall.tiles), timeout=15000)
    assert all(t.sample for t in w.wall.tiles)
    assert w.wall.patrol.rotates()


def test_a_snapshot_is_viewable_from_its_log_entry_and_checked_against_its_hash(make_wall, server, qtbot,
                                                                                 services):
    from PySide6.QtWidgets import QWidget

    from console.views.snapshot_dialog import show_snapshot_of_entry

    w = make_wall(layout="1")
    w.add("人民广场", server.url("testsrc2"))
    qtbot.waitUntil(lambda: w.wall.tiles[0].showing_picture(), timeout=15000)
    row = w.wall.snapshot(0)
    parent = QWidget()
    qtbot.addWidget(parent)
    dlg = show_snapshot_of_entry(parent, services.cameras, services.log.get(row["log_id"]))
    assert "matches" in dlg.verdict
    dlg.close()
    Path(row["path"]).write_bytes(b"\x89PNG\r\n\x1a\n tampered")
    dlg = show_snapshot_of_entry(parent, services.cameras, services.log.get(row["log_id"]))
    assert "no longer matches" in dlg.verdict
    dlg.close()


def test_a_patrol_plan_is_saved_and_patrolled_again_with_its_layout_and_dwell(make_wall, server, qtbot):
    w = make_wall(layout="4")
    ids = [w.add(f"cam {i}", server.url("testsrc2") + f"?n={i}") for i in range(3)]
    w.wall.reload(ids[:2])
    w.wall.dwell_box.setValue(20)
    plan_id = w.wall.save_plan("夜间巡查")
    w.wall.layout_box.setCurrentIndex(0)  # layout 1
    w.wall.dwell_box.setValue(5)
    w.wall.reload()
    assert any(p["id"] == plan_id for p in w.services.cameras.plans())
    from console.views.camera_dialogs import camera_menu

    menu = camera_menu(w.wall, w.services.cameras, w.ops, lambda: None)
    plans = next(a.menu() for a in menu.actions() if a.menu() is not None)
    plans.aboutToShow.emit()  # the menu lists the stored plans as it opens
    next(a for a in plans.actions() if a.text() == "夜间巡查").trigger()
    assert w.wall.layout_key == "4" and w.wall.patrol.dwell_s == 20
    assert w.wall.patrol.cameras == ids[:2]


def test_full_screen_takes_the_tiles_away_and_gives_them_back(make_wall, qtbot):
    w = make_wall(layout="4")
    w.wall.toggle_full_screen()
    assert w.wall._full_window is not None and w.wall._grid_host.window() is w.wall._full_window
    w.wall._escape()
    assert w.wall._full_window is None and w.wall._grid_host.window() is w.wall.window()


def test_a_camera_chosen_on_the_map_plays_on_the_selected_tile(make_wall, server, qtbot):
    w = make_wall(layout="4")
    ids = [w.add(f"cam {i}", server.url("testsrc2") + f"?n={i}") for i in range(6)]
    w.wall.select(2)
    w.wall.show_camera(ids[5])
    assert w.wall.tiles[2].camera_id == ids[5] and w.wall.tiles[2].pinned
    qtbot.waitUntil(lambda: w.wall.tiles[2].showing_picture(), timeout=15000)
    with qtbot.waitSignal(w.ops.info, timeout=1000):
        w.wall.show_camera("no-such-camera")


def test_the_sample_data_gives_every_sample_camera_a_picture_in_every_start_path(qapp, services, tmp_path):
    # `make run`/`make demo` and `screenshot --demo` load the samples through this one function.
    from console.app import load_samples
    from tests.consoles import build_console, dispose

    ctx = build_console(qapp, services, tmp_path)
    try:
        load_samples(ctx)
        cams = [c for c in services.cameras.cameras() if c["sample"]]
        assert cams and all(c["url"] for c in cams)
        assert services.incidents.list()
    finally:
        dispose(qapp, ctx)
