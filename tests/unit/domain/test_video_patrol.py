"""Round-robin patrol scheduling, driven by a fake clock (plain numbers of seconds)."""
from __future__ import annotations

from console.domain.patrol import Patrol, clamp_dwell

CAMS = [f"c{i}" for i in range(10)]


def test_pages_rotate_in_order_after_the_dwell():
    p = Patrol(CAMS, tiles=4, dwell_s=15)
    assert p.start(0) == ["c0", "c1", "c2", "c3"]
    assert not p.tick(14.9)
    assert p.tick(15)
    assert p.page() == ["c4", "c5", "c6", "c7"]
    assert p.tick(30)
    assert p.page() == ["c8", "c9", "c0", "c1"]  # wraps round


def test_dwell_is_kept_between_5_and_60_seconds():
    assert clamp_dwell(1) == 5 and clamp_dwell(600) == 60 and clamp_dwell(12) == 12
    assert Patrol(CAMS, dwell_s=2).dwell_s == 5


def test_step_back_returns_to_the_pages_seen_and_walks_back_before_the_first():
    p = Patrol(CAMS, tiles=3, dwell_s=10)
    p.start(0)
    p.step(+1, 1)
    p.step(+1, 2)
    assert p.page() == ["c6", "c7", "c8"]
    p.step(-1, 3)
    assert p.page() == ["c3", "c4", "c5"]
    p.step(-1, 4)
    p.step(-1, 5)
    assert p.page() == ["c7", "c8", "c9"]
    assert p.remaining(5) == 10  # a manual step restarts the dwell


def test_pinned_tile_keeps_its_camera_out_of_the_rotation():
    p = Patrol(CAMS, tiles=4, dwell_s=5)
    p.start(0)
    assert p.pin(1)
    for t in (5, 10, 15, 20):
        p.tick(t)
        page = p.page()
        assert page[1] == "c1"
        assert page.count("c1") == 1


def test_pause_stops_the_rotation_and_resume_restarts_the_dwell():
    p = Patrol(CAMS, tiles=4, dwell_s=5)
    p.start(0)
    p.pause()
    assert not p.tick(100)
    p.resume(100)
    assert not p.tick(104)
    assert p.tick(105)


def test_offline_cameras_are_skipped_and_retried_with_growing_backoff():
    p = Patrol(CAMS[:6], tiles=2, dwell_s=5, backoff_base_s=10, backoff_max_s=40)
    p.start(0)
    assert p.mark_offline("c2", 0, "refused") == 10
    p.tick(5)
    assert p.page() == ["c3", "c4"]  # c2 skipped
    assert p.failure("c2").reason == "refused"
    assert p.available("c2", 10)
    assert p.mark_offline("c2", 10) == 30  # doubled
    assert p.mark_offline("c2", 30) == 70  # capped at 40
    p.mark_online("c2")
    assert p.available("c2", 30) and p.failure("c2") is None


def test_every_camera_offline_leaves_tiles_empty_rather_than_repeating():
    p = Patrol(["a", "b"], tiles=4)
    p.mark_offline("a", 0)
    assert p.start(0) == ["b", None, None, None]


def test_the_next_page_is_pre_opened_within_the_decoder_cap():
    p = Patrol(CAMS, tiles=4, dwell_s=15, max_open=6)
    p.start(0)
    assert p.upcoming(0) == ["c4", "c5", "c6", "c7"]
    assert p.to_open(0) == ["c0", "c1", "c2", "c3", "c4", "c5"]
    few = Patrol(["a", "b"], tiles=4)
    few.start(0)
    assert few.upcoming(0) == [] and not few.rotates() and not few.tick(100)


def test_a_camera_chosen_elsewhere_is_pinned_on_the_tile():
    p = Patrol(CAMS[:3], tiles=4)
    p.start(0)
    p.show_on(3, "x")
    assert p.page()[3] == "x" and p.pinned == {3: "x"}
    p.show_on(0, "x")
    assert p.page() == ["x", "c1", "c2", None] and p.pinned == {0: "x"}
