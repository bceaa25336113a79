"""The console's own warnings (预警发布) as CAP 1.2, and where Chinese administrative codes in
geocodes point to. Colours follow the four-colour scale (蓝 < 黄 < 橙 < 红, DOMAIN.md); each maps to
the CAP severity, urgency and certainty a receiving system sorts by."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from console.domain.cap.model import Alert, Area, Info, ValuePair

COLOURS = ("blue", "yellow", "orange", "red")
# colour -> (severity, urgency, certainty)
COLOUR_CAP = {
    "blue": ("Minor", "Future", "Possible"),
    "yellow": ("Moderate", "Expected", "Possible"),
    "orange": ("Severe", "Expected", "Likely"),
    "red": ("Extreme", "Immediate", "Likely"),
}
COLOUR_WORDS = {
    "zh-CN": {"blue": "蓝色", "yellow": "黄色", "orange": "橙色", "red": "红色"},
    "en-US": {"blue": "Blue", "yellow": "Yellow", "orange": "Orange", "red": "Red"},
}
# event key -> (CAP category, {language: event name})
EVENTS = {
    "typhoon": ("Met", {"zh-CN": "台风", "en-US": "Typhoon"}),
    "rainstorm": ("Met", {"zh-CN": "暴雨", "en-US": "Rainstorm"}),
    "storm_surge": ("Met", {"zh-CN": "风暴潮", "en-US": "Storm surge"}),
    "flood": ("Met", {"zh-CN": "洪水", "en-US": "Flood"}),
    "waterlogging": ("Met", {"zh-CN": "城市内涝", "en-US": "Urban waterlogging"}),
    "gale": ("Met", {"zh-CN": "大风", "en-US": "Gale"}),
    "heat": ("Met", {"zh-CN": "高温", "en-US": "Heat"}),
    "fog": ("Met", {"zh-CN": "大雾", "en-US": "Fog"}),
}
LANGUAGES = ("zh-CN", "en-US")
ADMIN_CODE = "GB/T 2260"  # valueName for Chinese administrative division codes
COLOUR_PARAMETER = "warningColour"
SHANGHAI = "310000"
CST = timezone(timedelta(hours=8), "CST")  # China keeps one zone and no daylight saving


@dataclass(frozen=True)
class WarningForm:
    event: str  # a key of EVENTS
    colour: str  # a key of COLOUR_CAP
    district_codes: tuple[str, ...]
    instruction: Mapping[str, str]  # language -> text
    languages: tuple[str, ...] = LANGUAGES
    valid_hours: int = 24

    def problems(self) -> list[str]:
        out = []
        if self.event not in EVENTS:
            out.append("event")
        if self.colour not in COLOUR_CAP:
            out.append("colour")
        if not self.district_codes:
            out.append("districts")
        if not self.languages or any(lang not in LANGUAGES for lang in self.languages):
            out.append("languages")
        return out


def cap_time(dt: datetime) -> str:
    """CAP dateTime: whole seconds with an explicit offset (China Standard Time for this console)."""
    return dt.astimezone(CST).replace(microsecond=0).isoformat()


def compose(form: WarningForm, districts: Mapping[str, str], *, identifier: str, sender: str,
            sender_name: Mapping[str, str], sent: datetime) -> Alert:
    """The alert for a filled-in form. `districts`: administrative code -> name, in the languages'
    order of preference (the names are Chinese; an English info names them the same)."""
    bad = form.problems()
    if bad:
        raise ValueError("incomplete warning: " + ", ".join(bad))
    category, names = EVENTS[form.event]
    severity, urgency, certainty = COLOUR_CAP[form.colour]
    cst = sent.astimezone(CST)
    areas = tuple(Area(districts.get(code, code), geocodes=(ValuePair(ADMIN_CODE, code),))
                  for code in form.district_codes)
    place = "、".join(a.areaDesc for a in areas)
    infos = []
    for lang in form.languages:
        colour, event = COLOUR_WORDS[lang][form.colour], names[lang]
        headline = (f"{place}发布{event}{colour}预警" if lang == "zh-CN"
                    else f"{colour} {event.lower()} warning for {place.replace('、', ', ')}")
        infos.append(Info(
            category=(category,), event=event, urgency=urgency, severity=severity, certainty=certainty,
            language=lang, onset=cap_time(cst), expires=cap_time(cst + timedelta(hours=form.valid_hours)),
            senderName=sender_name.get(lang) or sender, headline=headline,
            instruction=(form.instruction.get(lang) or "").strip() or None,
            parameter=(ValuePair(COLOUR_PARAMETER, form.colour),), areas=areas,
        ))
    return Alert(identifier=identifier, sender=sender, sent=cap_time(cst), status="Actual", msgType="Alert",
                 scope="Public", infos=tuple(infos))


def resolve_districts(area: Area, districts: Mapping[str, str]) -> list[str]:
    """District codes an area's geocodes name, where they are Chinese administrative codes (6 digits,
    or the 9/12-digit town and village codes that start with one). The city code means every district."""
    out: list[str] = []
    for g in area.geocodes:
        v = g.value.strip()
        if not v.isdigit() or len(v) not in (6, 9, 12):
            continue
        code = v[:6]
        found = [code] if code in districts else (list(districts) if code == SHANGHAI else [])
        out.extend(c for c in found if c not in out)
    return out
