"""Duty-log texts about radio traffic: messages sent and settled, texts, statuses and emergencies received."""
from __future__ import annotations

TEXTS = {
    "zh_CN": {
        "comms.sent": "发往{recipient}（{network}）：{text}",
        "comms.failed": "消息发送失败：发往{recipient}：{text}",
        "comms.expired": "消息超时未发出：发往{recipient}：{text}",
        "comms.error": "（{error}）",
        "comms.group": "通话组 {gssi}",
        "comms.unit": "{callsign}（{identity}）",
        "comms.identity": "{network} {sender}",
        "comms.unknown": "未知",
        "comms.text": "{sender}：{text}",
        "comms.status": "{sender} 状态：{label}（0x{code}）",
        "comms.undefined_status": "未定义状态",
        "comms.emergency": "紧急：{sender}{what}",
        "comms.emergency_beidou": "北斗定位报告带紧急标志",
        "comms.emergency_tetra": "发出紧急呼叫（TETRA 状态 0）",
        "comms.alert_acknowledged": "已确认紧急告警：{text}",
        "comms.position": "{sender} 位置 {lat}, {lon}",
    },
    "en": {
        "comms.sent": "To {recipient} ({network}): {text}",
        "comms.failed": "Message failed: to {recipient}: {text}",
        "comms.expired": "Message expired unsent: to {recipient}: {text}",
        "comms.error": " ({error})",
        "comms.group": "talk group {gssi}",
        "comms.unit": "{callsign} ({identity})",
        "comms.identity": "{network} {sender}",
        "comms.unknown": "unknown",
        "comms.text": "{sender}: {text}",
        "comms.status": "{sender} status: {label} (0x{code})",
        "comms.undefined_status": "undefined status",
        "comms.emergency": "EMERGENCY: {sender} {what}",
        "comms.emergency_beidou": "sent a BeiDou position report with the emergency flag",
        "comms.emergency_tetra": "made an emergency call (TETRA status 0)",
        "comms.alert_acknowledged": "Emergency alert acknowledged: {text}",
        "comms.position": "{sender} position {lat}, {lon}",
    },
}
NETWORK = {
    "zh_CN": {"tetra": "TETRA", "beidou": "北斗", "nmea": "GNSS", "gsm": "短信", "sms": "短信"},
    "en": {"tetra": "TETRA", "beidou": "BeiDou", "nmea": "GNSS", "gsm": "SMS", "sms": "SMS"},
}


def in_language(label: str, lang: str) -> str:
    """A network's status label in the console's language. Status tables often carry both
    ("空闲 Available"): Chinese words first, then the English; an English console keeps the part
    without Chinese, a Chinese console the part with it. A label in one language stays as it is."""
    words = label.split()
    cjk = [w for w in words if any("\u3400" <= ch <= "\u9fff" for ch in w)]
    other = [w for w in words if w not in cjk]
    if not cjk or not other:
        return label
    return " ".join(other if lang == "en" else cjk)
