"""The communications log area as the officer uses it: traffic apart from the duty log, found by
words and by unit, and one message copied into the duty log credited to the unit it came from."""
from __future__ import annotations

from console.models.comms_log_model import CommsLogModel


def test_traffic_is_listed_searched_filtered_and_marked_for_the_duty_log(qtbot, seeded_ctx):
    svc, ops = seeded_ctx.services, seeded_ctx.ops
    view = seeded_ctx.views["comms"]
    view.set_shown(True)
    unit = svc.resources.units()[0]
    logged = svc.log.count()
    ops.run(svc.comms.append, "text", "道路积水严重，绕行延安路", protocol="tetra", sender="3101014",
            unit_id=unit["id"], callsign=unit["callsign"])
    ops.run(svc.comms.append, "status", "到场", protocol="beidou", sender="4210299")
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)
    assert view.model.data(view.model.index(0, CommsLogModel.COLUMNS.index("source"))).startswith("4210299")
    view.search.setText("积水")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    view.search.setText("积")  # one character: said, not silently empty
    qtbot.waitUntil(lambda: view.model.rowCount() == 0 and view.count.text() == "请输入两个及以上字符")
    assert svc.log.count() == logged  # traffic stays out of the duty log until marked
    view.search.clear()
    view.unit.showPopup()
    view.unit.hidePopup()
    view.unit.setCurrentIndex(view.unit.findData(unit["id"]))
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    view.table.selectRow(0)
    with qtbot.waitSignal(ops.changed, timeout=3000):
        view.act_mark.trigger()
    newest = svc.log.entries(limit=1)[0]
    assert svc.log.count() == logged + 1
    assert "积水" in newest.text and newest.author == unit["callsign"]
