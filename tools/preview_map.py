"""Render the map offscreen to a PNG: `python -m tools.preview_map --out /tmp/map.png`.

Loads sample data from db/seed/*.json when present (keys are layer names, or files named after
them), otherwise a small built-in demo set so the look can be checked on a fresh checkout.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
from pathlib import Path

from console.map.bridge import LAYERS

SEED_DIR = Path(__file__).resolve().parents[2] / "db" / "seed"


def load_seed(seed_dir: Path = SEED_DIR) -> dict[str, list[dict]]:
    layers: dict[str, list[dict]] = {name: [] for name in LAYERS}
    for path in sorted(seed_dir.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict):
            for name in LAYERS:
                if isinstance(data.get(name), list):
                    layers[name].extend(_usable(data[name]))
        elif isinstance(data, list) and path.stem in layers:
            layers[path.stem].extend(_usable(data))
    return layers


def _usable(items: list) -> list[dict]:
    return [d for d in items if isinstance(d, dict) and "id" in d]


def demo_layers() -> dict[str, list[dict]]:
    """A plausible scene for looking at the map when no seed data exists."""
    types = ["fire_engine", "ladder", "ambulance", "police", "rescue", "hazmat", "command"]
    statuses = ["available", "dispatched", "on_scene", "returning", "available", "out_of_service"]
    centres = [(31.23, 121.47), (31.30, 121.50), (31.14, 121.43), (31.22, 121.55), (31.03, 121.22),
               (31.38, 121.27), (30.92, 121.47), (31.12, 121.76), (31.60, 121.60)]
    units = []
    for i in range(60):
        c = centres[i % len(centres)]
        a = i * 2.399
        r = 0.012 + 0.004 * (i % 5)
        units.append({
            "id": f"u{i}", "callsign": f"沪消{i + 1:02d}", "type": types[i % len(types)],
            "status": statuses[i % len(statuses)], "lat": c[0] + r * math.sin(a), "lon": c[1] + r * math.cos(a),
            "heading": (i * 37) % 360, "speed_kmh": 30.0, "updated_at": "2024-01-01T00:00:00Z",
        })
    incidents = [
        {"id": "i1", "title": "静安寺商场火灾", "level": 2, "status": "active", "lat": 31.2235, "lon": 121.4455,
         "acknowledged": False},
        {"id": "i2", "title": "外高桥化学品泄漏", "level": 1, "status": "new", "lat": 31.355, "lon": 121.59,
         "acknowledged": False},
        {"id": "i3", "title": "闵行道路积水", "level": 4, "status": "active", "lat": 31.11, "lon": 121.38,
         "acknowledged": True},
        {"id": "i4", "title": "松江厂房火灾", "level": 3, "status": "active", "lat": 31.03, "lon": 121.23,
         "acknowledged": True},
    ]
    resources = [
        {"id": "r1", "kind": "fire_station", "name": "静安消防救援站", "lat": 31.229, "lon": 121.455, "attrs": {}},
        {"id": "r2", "kind": "shelter", "name": "世纪公园应急避难场所", "lat": 31.216, "lon": 121.551,
         "attrs": {"capacity": 32000}},
        {"id": "r3", "kind": "stockpile", "name": "浦东物资储备库", "lat": 31.19, "lon": 121.62, "attrs": {}},
        {"id": "r4", "kind": "team", "name": "市救援总队", "lat": 31.27, "lon": 121.41, "attrs": {"members": 120}},
        {"id": "r5", "kind": "micro_fire_station", "name": "南京东路微型站", "lat": 31.238, "lon": 121.484, "attrs": {}},
    ]
    zones = [{"id": "z1", "name": "金山化工区", "colour": "red",
              "polygon": [[30.74, 121.30], [30.74, 121.38], [30.70, 121.38], [30.70, 121.30]]},
             {"id": "z2", "name": "外高桥港区", "colour": "orange",
              "polygon": [[31.37, 121.56], [31.37, 121.62], [31.33, 121.62], [31.33, 121.56]]}]
    return {
        "units": units, "incidents": incidents, "resources": resources,
        "cameras": [{"id": "c1", "name": "人民广场", "lat": 31.231, "lon": 121.475}],
        "risk_zones": zones,
        "hazards": [{"id": "h1", "name": "加油站", "lat": 31.26, "lon": 121.52, "level": 3}],
        "sensors": [{"id": "s1", "name": "黄浦江水位", "kind": "water_level", "lat": 31.245, "lon": 121.49,
                     "value": 4.2, "threshold": 4.5, "unit": "m"}],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from console.map.schemes import register_url_schemes

    register_url_schemes()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from console.views.map_view import MapView

    app = QApplication.instance() or QApplication(sys.argv[:1])
    layers = load_seed()
    if not any(layers.values()):
        layers = demo_layers()
    view = MapView()
    view.resize(args.width, args.height)
    view.show()
    view.set_snapshot(layers)
    result = {"ok": False}

    def grab() -> None:
        result["ok"] = view.grab().save(str(args.out))
        app.quit()

    # The snapshot is drawn when `ready` fires; one more moment lets the compositor paint it.
    view.ready.connect(lambda: QTimer.singleShot(1500, grab))
    QTimer.singleShot(int(args.timeout * 1000), app.quit)
    app.exec()
    view.close()
    if not result["ok"]:
        print("map did not become ready in time", file=sys.stderr)
        return 1
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
