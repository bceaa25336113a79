"""Render the Preplan area offscreen with the sample data, the typhoon incident activated at level Ⅱ.

    QT_QPA_PLATFORM=offscreen python tools/preview_preplan.py [OUT.png]
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(argv: list[str]) -> int:
    from PySide6.QtWidgets import QApplication

    from console.domain.clock import FakeClock
    from console.domain.incident import Level
    from console.domain.preplan import ItemState
    from console.paths import RESOURCES
    from console.services import build_services
    from console.services.preplans import PreplanService
    from console.services.seed import load_seed
    from console.shell.fonts import apply_app_font
    from console.shell.operations import Operations
    from console.store.database import open_store
    from console.views.preplan_view import make_preplan_area

    out = Path(argv[0]) if argv else Path(tempfile.gettempdir()) / "preplan_preview.png"
    app = QApplication.instance() or QApplication([])
    app.setStyle("Fusion")
    apply_app_font(app)
    app.setStyleSheet((RESOURCES / "styles" / "night.qss").read_text(encoding="utf-8"))
    clock = FakeClock()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "preview.db", clock)
        svc = build_services(store)
        load_seed(store, svc.incidents, svc.log)
        pp = PreplanService(store, svc.log, svc.incidents, svc.resources)
        ops = Operations()
        view = make_preplan_area(svc, pp, ops, clock)
        view.timer.stop()
        view.resize(700, 800)
        view.set_incident("inc-sample-001")
        view.level.setCurrentIndex(view.level.findData(int(Level.II)))
        view.activate_current()
        # A little progress so every state shows, then 24 minutes on so the first deadlines are overdue.
        rows = {r.item.item_id: r for r in view.model.rows()}
        pp.set_evidence(rows["relay-warning"].id, "通知回执", "短信平台回执 #118")
        ops.run(pp.set_item_state, rows["relay-warning"].id, ItemState.DONE)
        ops.run(pp.set_item_state, rows["duty-on"].id, ItemState.IN_PROGRESS)
        ops.run(pp.set_assignee, rows["duty-on"].id, "张伟")
        ops.run(pp.set_item_state, rows["pre-drain"].id, ItemState.BLOCKED, "泵站3号泵组故障")
        ops.run(pp.set_item_state, rows["site-secure"].id, ItemState.SKIPPED, "辖区内无在建工地")
        clock.advance(minutes=24)
        view.tick()
        view.show()
        app.processEvents()
        view.tree.setCurrentIndex(view.model.index_of(rows["video-patrol"].id))
        app.processEvents()
        view.grab().save(str(out))
        view.close()
        view.deleteLater()
        app.processEvents()
        store.close()
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
