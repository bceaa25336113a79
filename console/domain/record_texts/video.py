"""Record texts of the video wall."""
from __future__ import annotations

TEXTS = {
    "zh_CN": {
        "video.snapshot": "视频截图：{camera}，时间 {at}，文件 {file}，SHA-256 {sha256}",
        "video.camera_added": "新增摄像机：{camera}",
        "video.cameras_imported": "导入摄像机 {count} 路",
    },
    "en": {
        "video.snapshot": "Video snapshot: {camera} at {at}, file {file}, SHA-256 {sha256}",
        "video.camera_added": "Camera added: {camera}",
        "video.cameras_imported": "{count} cameras imported",
    },
}
