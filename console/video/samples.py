"""Demo pictures without a camera or a network: sample cameras that have no stream address play
short test-pattern clips made here with ffmpeg, looped from local files. Their tiles say "sample"."""
from __future__ import annotations

import logging
from pathlib import Path

from console.domain.cameras import check_camera
from console.domain.changes import Changes, Result
from console.video.loopback import PATTERNS, make_clip

log = logging.getLogger("console.video")


def attach_sample_clips(cameras, folder: Path, size: str = "640x360") -> Result[int]:
    """Give every sample camera without a stream a looped sample clip. Returns how many got one."""
    todo = [c for c in cameras.cameras() if c["sample"] and not c["url"]]
    if not todo:
        return Result(0)
    try:
        clips = [make_clip(folder / f"sample-{p}-{size}.ts", p, size=size, seconds=4) for p in PATTERNS]
    except (RuntimeError, OSError) as exc:
        log.error("no sample clips for the demo: %s", exc)
        return Result(0)
    changes = Changes()
    for i, cam in enumerate(todo):
        spec = check_camera(cam["name"], str(clips[i % len(clips)]), cam["groups"], cam["tags"], cam["lat"],
                            cam["lon"], cam["district"])
        changes.merge(cameras.update(cam["id"], spec).changes)
    return Result(len(todo), changes)
