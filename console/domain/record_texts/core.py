"""Texts the system writes into the duty log. They are records kept for good, written in the
language the console runs in (Chinese by default, as the official duty log is kept in Chinese)."""
from __future__ import annotations

_TEMPLATES = {
    "zh_CN": {
        "intake": "接报：{title}（{level}级），来源 {source}，地点 {place}，报告人 {reporter}",
        "level": "{title} 事件等级由{old}级调整为{new}级",
        "status": "{title} 状态变更为「{new}」",
        "report_first": "{title} 已完成初报。{note}",
        "report_written": "{title} 已报送书面报告。{note}",
        "shift_open": "开班：值班员 {officer}，带班领导 {leader}",
        "handover": "交接班：{officer} 交 {next_officer}（带班领导 {next_leader}）。在办事件 {open} 起，"
                    "逾期报送 {overdue} 项，待办 {pending} 项。{note}",
        "seed": "载入示例数据（非真实数据）：{counts}",
        "unit_status": "{callsign} 状态变更为 {status}",
    },
    "en": {
        "intake": "Report taken: {title} (level {level}), source {source}, at {place}, reporter {reporter}",
        "level": "{title}: level changed from {old} to {new}",
        "status": "{title}: status changed to '{new}'",
        "report_first": "{title}: first report made. {note}",
        "report_written": "{title}: written report sent. {note}",
        "shift_open": "Shift opened: duty officer {officer}, leader on duty {leader}",
        "handover": "Handover: {officer} to {next_officer} (leader {next_leader}). Open incidents {open}, "
                    "overdue reports {overdue}, pending items {pending}. {note}",
        "seed": "Sample data loaded (not real data): {counts}",
        "unit_status": "{callsign} status changed to {status}",
    },
}
_STATUS = {
    "zh_CN": {"reported": "接报", "responding": "处置中", "closed": "结束"},
    "en": {"reported": "reported", "responding": "responding", "closed": "closed"},
}
_SOURCE = {
    "zh_CN": {"110": "110", "119": "119", "12345": "12345 热线", "phone": "电话", "radio": "电台",
              "terminal": "现场终端", "other": "其他"},
    "en": {"110": "110", "119": "119", "12345": "12345 hotline", "phone": "phone", "radio": "radio",
           "terminal": "field terminal", "other": "other"},
}
_TABLES = {
    "zh_CN": {"units": "队伍单元", "resources": "资源", "cameras": "摄像机", "sensors": "传感器",
              "risk_zones": "风险区域", "hazards": "隐患", "incidents": "事件"},
    "en": {},
}
_lang = "zh_CN"


def set_language(lang: str) -> None:
    global _lang
    _lang = lang if lang in _TEMPLATES else "zh_CN"


def log_text(key: str, **params: object) -> str:
    if key == "status" and isinstance(params.get("new"), str):
        params["new"] = _STATUS[_lang].get(params["new"], params["new"])
    if key == "intake":
        params["source"] = _SOURCE[_lang].get(str(params.get("source")), params.get("source"))
        place = f"{params.get('district') or ''}{params.get('address') or ''}"
        params["place"] = place or "—"
        params["reporter"] = params.get("reporter") or "—"
    if key == "seed" and isinstance(params.get("counts"), dict):
        names = _TABLES[_lang]
        sep = "，" if _lang == "zh_CN" else ", "
        params["counts"] = sep.join(f"{names.get(k, k)} {v}" for k, v in params["counts"].items() if v)
    return _TEMPLATES[_lang][key].format(**params).strip()

TEXTS = _TEMPLATES  # the catalogue reads every area module's TEXTS
