"""The Warnings area as the duty officer uses it: import, banner, acknowledgement, 预警发布, watched folder."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from console.domain.cap import read_file
from console.shell.operations import Operations
from console.views.warnings_view import make_warnings_area

DATA = Path(__file__).resolve().parents[2] / "data" / "cap"


@pytest.fixture
def area(qtbot, services, tmp_path):
    ops = Operations()
    view = make_warnings_area(services.warnings, ops, tmp_path / "cap_out")
    qtbot.addWidget(view)
    qtbot.addWidget(view.banner)
    view.resize(1200, 500)
    view.show()
    failures: list[str] = []
    ops.failed.connect(failures.append)
    yield view, ops, failures
    ops.deleteLater()


def test_import_shows_the_alerts_and_a_banner_until_acknowledged(qtmodeltester, area, services):
    view, ops, failures = area
    assert view.import_paths(sorted(DATA.glob("Oasis_*.xml")))
    assert view.model.rowCount() == 3 and not failures
    qtmodeltester.check(view.model, force_py=True)
    # Two Severe alerts (the homeland advisory and the amber alert) raise the banner; the minor quake does not.
    assert view.banner.isVisible() and "(1 more)" in view.banner.label.text()
    view.banner.acknowledge()
    view.banner.acknowledge()
    assert not view.banner.isVisible()
    acked = [r for r in services.warnings.list() if r.acknowledged_at]
    assert len(acked) == 2 and all(r.alert.severity == "Severe" for r in acked)
    assert sum(e.text.startswith("已确认预警") for e in services.log.entries()) == 2


def test_the_detail_shows_the_alert_as_plain_text(area, tmp_path):
    view, ops, failures = area
    view.import_paths([DATA / "Oasis_AmberAlert.xml"])
    view.table.selectRow(0)
    assert view.detail.textFormat() == Qt.TextFormat.PlainText
    assert "Amber Alert in Los Angeles County" in view.detail.text()
    assert view.detail.text().index("[en-US]") < view.detail.text().index("[es-US]")


def test_a_hostile_file_is_refused_with_a_message(area, tmp_path, services):
    view, ops, failures = area
    bad = tmp_path / "bad.xml"
    bad.write_text('<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY x "x">]><a/>')
    assert not view.import_paths([bad])
    assert failures and "DOCTYPE" in failures[0]
    assert services.warnings.list() == []


def test_publish_dialog_writes_valid_cap_for_the_chosen_districts(qtbot, area, services, tmp_path):
    view, ops, failures = area
    dlg = view.open_publish()
    dlg.colour.setCurrentIndex(dlg.colour.findData("red"))
    assert "Extreme" in dlg.mapping.text()
    dlg.publish()
    assert dlg.isVisible() and dlg.error.text()  # no district chosen yet
    item = dlg.districts.findItems("徐汇区", Qt.MatchFlag.MatchExactly)[0]
    item.setCheckState(Qt.CheckState.Checked)
    dlg.instruction_zh.setPlainText("停止户外作业")
    dlg.lang_en.setChecked(False)
    dlg.publish()
    assert not dlg.isVisible() and not failures
    stored = dlg.result_value
    written = read_file(tmp_path / "cap_out" / f"{stored.alert.identifier}.xml")
    assert written == stored.alert
    (zh,) = written.infos
    assert zh.severity == "Extreme" and zh.areas[0].areaDesc == "徐汇区" and zh.instruction == "停止户外作业"
    assert view.model.rowCount() == 1
    assert not view.banner.isVisible()  # our own warning does not alarm us


def test_a_file_dropped_in_the_watched_folder_is_imported(qtbot, area, tmp_path):
    view, ops, failures = area
    inbox = tmp_path / "cap_in"
    view.watch(inbox)
    (inbox / "quake.xml").write_bytes((DATA / "Oasis_EarthquakeReport.xml").read_bytes())
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=10_000)
    assert not failures
