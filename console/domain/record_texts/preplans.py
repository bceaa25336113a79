"""Duty-log texts about preplans: saved versions, activation, dispatch, notifications, escalation,
stand-down and checklist progress."""
from __future__ import annotations

TEXTS = {
    "zh_CN": {
        "preplan.saved": "预案《{title}》保存为第{version}版（来源：{source}）",
        "preplan.imported": "导入",
        "preplan.activated": "启动《{title}》{level}级响应（第{version}版），清单{items}项",
        "preplan.incident_responding": "{title} 因启动《{plan}》转入处置",
        "preplan.dispatch_ordered": "按《{title}》调派{name}（{type}，距事发地{km}公里）",
        "preplan.dispatch_standby": "按《{title}》通知待命{name}（{type}，距事发地{km}公里）",
        "preplan.dispatch_requested": "按《{title}》请求{name}（{type}，距事发地{km}公里）",
        "preplan.shortfall": "《{title}》要求{type}{count}个，可用{found}个，缺口{missing}个须人工协调",
        "preplan.notified": "通知【{name}】经{channel}发往{to}（已进入发送队列）：{text}",
        "preplan.dispatched_units": "出动单元",
        "preplan.nobody": "（未指定）",
        "preplan.terminals": "（{n} 个终端）",
        "preplan.escalated": "《{title}》响应升级：{old}级→{new}级，新增事项{added}项，退出事项{retired}项",
        "preplan.deescalated": "《{title}》响应降级：{old}级→{new}级，新增事项{added}项，退出事项{retired}项",
        "preplan.retired_reason": "响应级别由{old}级调整为{new}级，本事项不再适用",
        "preplan.stood_down": "《{title}》{level}级响应终止，清单完成{closed}/{total}项。{note}",
        "preplan.item_state": "清单事项“{text}”：{old}→{new}{reason}",
        "preplan.item_reason": "（{reason}）",
    },
    "en": {
        "preplan.saved": "Preplan '{title}' saved as version {version} (source: {source})",
        "preplan.imported": "import",
        "preplan.activated": "Activated '{title}' at level {level} (version {version}), checklist of {items} "
                             "items",
        "preplan.incident_responding": "{title}: responding under '{plan}'",
        "preplan.dispatch_ordered": "Under '{title}' dispatched {name} ({type}, {km} km from the scene)",
        "preplan.dispatch_standby": "Under '{title}' put {name} on standby ({type}, {km} km from the scene)",
        "preplan.dispatch_requested": "Under '{title}' requested {name} ({type}, {km} km from the scene)",
        "preplan.shortfall": "'{title}' asks for {count} x {type}, {found} available, {missing} to arrange "
                             "by hand",
        "preplan.notified": "Notice [{name}] by {channel} to {to} (queued): {text}",
        "preplan.dispatched_units": "dispatched units",
        "preplan.nobody": "(not specified)",
        "preplan.terminals": " ({n} terminals)",
        "preplan.escalated": "'{title}' escalated: level {old} to {new}, {added} items added, {retired} "
                             "retired",
        "preplan.deescalated": "'{title}' de-escalated: level {old} to {new}, {added} items added, {retired} "
                               "retired",
        "preplan.retired_reason": "Response level changed from {old} to {new}; this item no longer applies",
        "preplan.stood_down": "'{title}' level {level} response stood down, checklist {closed}/{total} done. "
                              "{note}",
        "preplan.item_state": "Checklist item '{text}': {old} -> {new}{reason}",
        "preplan.item_reason": " ({reason})",
    },
}
CHANNEL = {
    "zh_CN": {"sms": "短信", "phone": "电话", "broadcast": "广播", "radio": "电台", "fax": "传真",
              "app": "移动端", "tetra": "TETRA 电台", "beidou": "北斗短报文"},
    "en": {"sms": "SMS", "phone": "phone", "broadcast": "broadcast", "radio": "radio", "fax": "fax",
           "app": "mobile app",
           "tetra": "TETRA radio", "beidou": "BeiDou short message"},
}
ITEM_STATE = {
    "zh_CN": {"todo": "待办", "in_progress": "进行中", "done": "完成", "skipped": "跳过", "blocked": "受阻"},
    "en": {"todo": "to do", "in_progress": "in progress", "done": "done", "skipped": "skipped",
           "blocked": "blocked"},
}
