"""The camera dialog never shows a stored password, keeps it when the URL is left as shown, and
refuses bad input with a reason instead of closing."""
from __future__ import annotations

from console.views.camera_dialogs import CameraDialog

URL = "rtsp://admin:hunter2@127.0.0.1:554/ch1"


def test_edit_shows_the_url_redacted_and_keeps_the_stored_credentials(qtbot):
    cam = {"id": "c1", "name": "下立交", "url": URL, "groups": ["徐汇"], "tags": ["underpass"], "lat": 31.1,
           "lon": 121.4, "district": "徐汇区"}
    dlg = CameraDialog(cam)
    qtbot.addWidget(dlg)
    assert "hunter2" not in dlg.url.text() and "***" in dlg.url.text()
    dlg.name.setText("下立交 东")
    dlg._check()
    assert dlg.spec.url == URL and dlg.spec.name == "下立交 东" and dlg.spec.tags == ("underpass",)


def test_bad_input_is_refused_with_a_reason_and_the_dialog_stays(qtbot):
    dlg = CameraDialog()
    qtbot.addWidget(dlg)
    dlg.name.setText("x")
    dlg.url.setText("not a url")
    dlg._check()
    assert dlg.spec is None and dlg.error.text()
    dlg.url.setText("http://127.0.0.1:8080/a.ts")
    dlg.lat.setText("31.2")
    dlg._check()
    assert dlg.spec is None and "both" in dlg.error.text()
