"""Duty-log texts about incidents and shifts: intake, level and status changes, reports, handover."""
from __future__ import annotations

TEXTS = {
    "zh_CN": {
        "incident.intake": "接报：{title}（{level}级），来源 {source}，地点 {place}，报告人 {reporter}",
        "incident.level": "{title} 事件等级由{old}级调整为{new}级",
        "incident.status": "{title} 状态变更为「{new}」",
        "incident.report_first": "{title} 已完成初报。{note}",
        "incident.report_written": "{title} 已报送书面报告。{note}",
        "incident.shift_open": "开班：值班员 {officer}，带班领导 {leader}",
        "incident.handover": "交接班：{officer} 交 {next_officer}（带班领导 {next_leader}）。在办事件 {open} "
                             "起，"
                             "逾期报送 {overdue} 项，待办 {pending} 项。{note}",
        "incident.seed": "载入示例数据（非真实数据）：{counts}",
        "incident.unit_status": "{callsign} 状态变更为 {status}",
    },
    "en": {
        "incident.intake": "Report taken: {title} (level {level}), source {source}, at {place}, reporter "
                           "{reporter}",
        "incident.level": "{title}: level changed from {old} to {new}",
        "incident.status": "{title}: status changed to '{new}'",
        "incident.report_first": "{title}: first report made. {note}",
        "incident.report_written": "{title}: written report sent. {note}",
        "incident.shift_open": "Shift opened: duty officer {officer}, leader on duty {leader}",
        "incident.handover": "Handover: {officer} to {next_officer} (leader {next_leader}). Open incidents "
                             "{open}, "
                             "overdue reports {overdue}, pending items {pending}. {note}",
        "incident.seed": "Sample data loaded (not real data): {counts}",
        "incident.unit_status": "{callsign} status changed to {status}",
    },
}
# Enum words inside the texts above, looked up with `RecordTexts.word`.
STATUS = {
    "zh_CN": {"reported": "接报", "responding": "处置中", "closed": "结束"},
    "en": {"reported": "reported", "responding": "responding", "closed": "closed"},
}
SOURCE = {
    "zh_CN": {"110": "110", "119": "119", "12345": "12345 热线", "phone": "电话", "radio": "电台",
              "terminal": "现场终端", "other": "其他"},
    "en": {"110": "110", "119": "119", "12345": "12345 hotline", "phone": "phone", "radio": "radio",
           "terminal": "field terminal", "other": "other"},
}
TABLES = {
    "zh_CN": {"units": "队伍单元", "resources": "资源", "cameras": "摄像机", "sensors": "传感器",
              "risk_zones": "风险区域", "hazards": "隐患", "incidents": "事件"},
    "en": {"units": "units", "resources": "resources", "cameras": "cameras", "sensors": "sensors",
           "risk_zones": "risk zones", "hazards": "hazards", "incidents": "incidents"},
}
