"""Render the device manager area with live simulator traffic to a PNG (night theme, offscreen).

    QT_QPA_PLATFORM=offscreen python tools/preview_devices.py [out.png]
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(out: Path) -> Path:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from console.orchestration.demo import start_demo_devices
    from console.orchestration.manager import build_device_manager
    from console.paths import RESOURCES
    from console.services import build_services
    from console.services.seed import load_seed
    from console.shell.fonts import apply_app_font
    from console.shell.operations import Operations
    from console.store.database import open_store
    from console.views.devices_view import make_devices_area

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setStyle("Fusion")
    apply_app_font(app)
    app.setStyleSheet((RESOURCES / "styles" / "night.qss").read_text(encoding="utf-8"))
    tmp = Path(tempfile.mkdtemp(prefix="preview-devices-"))
    store = open_store(tmp / "preview.db")
    svc = build_services(store)
    load_seed(store, svc.incidents, svc.log)
    ops = Operations()
    mgr = build_device_manager(store, svc, ops.publish)
    mgr.start()
    stops = start_demo_devices(mgr, rate_hz=12, directory=tmp, emergency_rate=0.0)
    view = make_devices_area(mgr, ops)
    view.resize(1500, 900)
    view.show()

    def spin(seconds: float) -> None:
        end = time.monotonic() + seconds
        loop = QEventLoop()
        while time.monotonic() < end:
            QTimer.singleShot(50, loop.quit)
            loop.exec()

    spin(2.5)
    tetra = next(d for d in mgr.devices() if d.protocol == "tetra")
    view.select_device(tetra.id)
    mgr.send("tetra", svc.resources.unit("unit-001")["issi"], "请立即前往外滩隧道口，注意积水")
    mgr.send("beidou", svc.resources.unit("unit-024")["beidou_id"], "撤离至人民广场避难场所")
    mgr.send("tetra", "group:9001", "全体注意：延安路高架西向封闭")
    tetra_sim = next(st.simulator for st in stops if st.simulator.traffic.protocol == "tetra")
    tetra_sim.inject(tetra_sim.traffic.status_frame(2, 0))  # an emergency, to show the banner
    tetra_sim.inject(tetra_sim.traffic.text_frame(1, "已到达现场，正在处置"))
    spin(2.0)
    view.tabs.setCurrentIndex(0)
    spin(0.5)
    img = view.grab()
    out.parent.mkdir(parents=True, exist_ok=True)
    img.save(str(out))
    for stop in stops:
        stop()
    mgr.shutdown()
    store.close()
    return out


if __name__ == "__main__":
    print(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "bench" / "results" / "devices_preview.png"))
