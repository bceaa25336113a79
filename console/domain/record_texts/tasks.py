"""Texts about the officer's manual tasks: what to do, and the log entries when they are confirmed."""
from __future__ import annotations

TEXTS = {
    "zh_CN": {
        "task.notify": "经{channel}通知{to}并确认",
        "task.notify_phone": "致电{to}并确认",
        "task.created": "通知【{name}】须人工经{channel}发往{to}，已列为待办（{due}前完成）：{text}",
        "task.done": "已完成待办：{title}（{who}）{note}",
        "task.note": "：{note}",
    },
    "en": {
        "task.notify": "Notify {to} by {channel} and confirm",
        "task.notify_phone": "Call {to} and confirm",
        "task.created": "Notice [{name}] by {channel} to {to} must be made by hand; "
                        "listed as a task, due {due}: {text}",
        "task.done": "Task done: {title} ({who}){note}",
        "task.note": ": {note}",
    },
}
