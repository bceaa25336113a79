"""Duty-log texts for monitoring: threshold warnings raised, escalated, eased and cleared, preplans
proposed, and history imported."""
from __future__ import annotations

TEXTS = {
    "zh_CN": {
        "sensors.raised": "{name}达到{colour}预警线：{value}{unit}（{colour}线 {line}{unit}）。{proposals}",
        "sensors.escalated": "{name}预警升级为{colour}：{value}{unit}"
        "（{colour}线 {line}{unit}）。{proposals}",
        "sensors.eased": "{name}预警降为{colour}：{value}{unit}。",
        "sensors.cleared": "{name}预警解除：{value}{unit}，已回落至预警线以下。",
        "sensors.proposal": "建议启动{plan}（{level}级响应）",
        "sensors.headline": "{name}{colour}预警",
        "sensors.cleared_headline": "{name}预警解除",
        "sensors.imported": "导入传感器历史数据：{count} 条读数，{rejected} 行被拒收（{file}）。",
        "sensors.registered": "登记传感器：{name}（{kind}，{district}）。",
    },
    "en": {
        "sensors.raised": "{name} reached its {colour} line: {value} {unit} "
        "({colour} line {line} {unit}). {proposals}",
        "sensors.escalated": "{name} warning escalated to {colour}: {value} {unit} "
        "({colour} line {line} {unit}). "
        "{proposals}",
        "sensors.eased": "{name} warning eased to {colour}: {value} {unit}.",
        "sensors.cleared": "{name} all clear: {value} {unit}, back below its warning lines.",
        "sensors.proposal": "Proposed: {plan} at response level {level}",
        "sensors.headline": "{name}: {colour} warning",
        "sensors.cleared_headline": "{name}: all clear",
        "sensors.imported": "Sensor history imported: {count} readings, "
        "{rejected} line(s) rejected ({file}).",
        "sensors.registered": "Sensor registered: {name} ({kind}, {district}).",
    },
}
COLOUR = {
    "zh_CN": {"blue": "蓝色", "yellow": "黄色", "orange": "橙色", "red": "红色", "": "正常"},
    "en": {"blue": "blue", "yellow": "yellow", "orange": "orange", "red": "red", "": "normal"},
}
