"""Duty-log texts for warnings: CAP alerts received, applied, published and acknowledged."""
from __future__ import annotations

TEXTS = {
    "zh_CN": {
        "warnings.imported": "收到预警信息（CAP）：{event}（{severity}），发布方 {sender}。{headline}",
        "warnings.updated": "预警更新：{event}（{severity}），发布方 {sender}，更新此前的 {count} 条。"
                            "{headline}",
        "warnings.cancelled": "预警解除：发布方 {sender} 解除此前的 {count} 条预警。{headline}",
        "warnings.published": "发布预警：{headline}（编号 {identifier}）",
        "warnings.acknowledged": "已确认预警：{event}（编号 {identifier}）",
    },
    "en": {
        "warnings.imported": "Warning received (CAP): {event} ({severity}) from {sender}. {headline}",
        "warnings.updated": "Warning updated: {event} ({severity}) from {sender}, updating {count} earlier. "
                            "{headline}",
        "warnings.cancelled": "Warning cancelled: {sender} cancels {count} earlier warning(s). {headline}",
        "warnings.published": "Warning published: {headline} (identifier {identifier})",
        "warnings.acknowledged": "Warning acknowledged: {event} (identifier {identifier})",
    },
}
SEVERITY = {
    "zh_CN": {
        "Extreme": "特别严重",
        "Severe": "严重",
        "Moderate": "较重",
        "Minor": "一般",
        "Unknown": "未知",
    },
    "en": {
        "Extreme": "Extreme",
        "Severe": "Severe",
        "Moderate": "Moderate",
        "Minor": "Minor",
        "Unknown": "Unknown",
    },
}
