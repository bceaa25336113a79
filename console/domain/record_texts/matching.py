"""Why a preplan fits an incident: the reasons shown beside each ranked plan and printed by
`preplan match`."""
from __future__ import annotations

TEXTS = {
    "zh_CN": {
        "matching.class_match": "事件类别“{class_name}”在预案适用范围内",
        "matching.class_mismatch": "事件类别“{class_name}”不在预案适用范围内",
        "matching.type_match": "事件类型“{type}”与预案适用类型“{plan_type}”一致",
        "matching.type_partial": "事件类型“{type}”与预案适用类型“{plan_type}”相近",
        "matching.keyword": "标题或描述含关键词“{keywords}”",
        "matching.district_match": "事发区“{district}”在预案适用区域内",
        "matching.district_outside": "事发区“{district}”不在预案适用区域内",
        "matching.colour": "{colour}预警，达到{response}级响应条件",
        "matching.casualties": "伤亡及被困{count}人，达到{response}级响应条件（≥{threshold}人）",
        "matching.deaths": "死亡{count}人，达到{response}级响应条件（≥{threshold}人）",
        "matching.level": "事件等级{level}级，达到{response}级响应条件",
        "matching.sensor": "{name}{value}{unit}，达到{response}级响应条件（{op}{threshold}{unit}）",
    },
    "en": {
        "matching.class_match": "incident class '{class_name}' is within the plan's scope",
        "matching.class_mismatch": "incident class '{class_name}' is outside the plan's scope",
        "matching.type_match": "incident type '{type}' is the plan's type '{plan_type}'",
        "matching.type_partial": "incident type '{type}' is close to the plan's type '{plan_type}'",
        "matching.keyword": "title or description mentions '{keywords}'",
        "matching.district_match": "district '{district}' is within the plan's area",
        "matching.district_outside": "district '{district}' is outside the plan's area",
        "matching.colour": "{colour} warning meets the level {response} response condition",
        "matching.casualties": "{count} casualties and trapped meet the level {response} response condition "
                            "(>= {threshold})",
        "matching.deaths": "{count} deaths meet the level {response} response condition (>= {threshold})",
        "matching.level": "incident level {level} meets the level {response} response condition",
        "matching.sensor": "{name} at {value} {unit} meets the level {response} response condition "
                        "({op} {threshold} {unit})",
    },
}
CLASS = {
    "zh_CN": {"natural": "自然灾害", "accident": "事故灾难", "health": "公共卫生事件",
              "security": "社会安全事件"},
    "en": {"natural": "natural disaster", "accident": "accident", "health": "public health",
           "security": "social security"},
}
