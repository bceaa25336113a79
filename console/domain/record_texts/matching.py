"""Why a preplan fits an incident: the reasons shown beside each ranked plan and printed by
`preplan match`."""
from __future__ import annotations

TEXTS = {
    "zh_CN": {
        "match.class_match": "事件类别“{class_name}”在预案适用范围内",
        "match.class_mismatch": "事件类别“{class_name}”不在预案适用范围内",
        "match.type_match": "事件类型“{type}”与预案适用类型“{plan_type}”一致",
        "match.type_partial": "事件类型“{type}”与预案适用类型“{plan_type}”相近",
        "match.keyword": "标题或描述含关键词“{keywords}”",
        "match.district_match": "事发区“{district}”在预案适用区域内",
        "match.district_outside": "事发区“{district}”不在预案适用区域内",
        "match.colour": "{colour}预警，达到{response}级响应条件",
        "match.casualties": "伤亡及被困{count}人，达到{response}级响应条件（≥{threshold}人）",
        "match.deaths": "死亡{count}人，达到{response}级响应条件（≥{threshold}人）",
        "match.level": "事件等级{level}级，达到{response}级响应条件",
        "match.sensor": "{name}{value}{unit}，达到{response}级响应条件（{op}{threshold}{unit}）",
    },
    "en": {
        "match.class_match": "incident class '{class_name}' is within the plan's scope",
        "match.class_mismatch": "incident class '{class_name}' is outside the plan's scope",
        "match.type_match": "incident type '{type}' is the plan's type '{plan_type}'",
        "match.type_partial": "incident type '{type}' is close to the plan's type '{plan_type}'",
        "match.keyword": "title or description mentions '{keywords}'",
        "match.district_match": "district '{district}' is within the plan's area",
        "match.district_outside": "district '{district}' is outside the plan's area",
        "match.colour": "{colour} warning meets the level {response} response condition",
        "match.casualties": "{count} casualties and trapped meet the level {response} response condition "
                            "(>= {threshold})",
        "match.deaths": "{count} deaths meet the level {response} response condition (>= {threshold})",
        "match.level": "incident level {level} meets the level {response} response condition",
        "match.sensor": "{name} at {value} {unit} meets the level {response} response condition "
                        "({op} {threshold} {unit})",
    },
}
CLASS = {
    "zh_CN": {"natural": "自然灾害", "accident": "事故灾难", "health": "公共卫生事件",
              "security": "社会安全事件"},
    "en": {"natural": "natural disaster", "accident": "accident", "health": "public health",
           "security": "social security"},
}
