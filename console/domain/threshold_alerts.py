"""A threshold transition as a CAP 1.2 message, so a crossing is a warning like any other: listed,
acknowledged, drawn on the map and exported the same way. Raised -> Alert; escalated or eased ->
Update referencing the message in force; cleared -> Cancel referencing it."""
from __future__ import annotations

from datetime import datetime

from console.domain.cap.model import Alert, Area, Circle, Info, ValuePair
from console.domain.cap.publish import COLOUR_CAP, COLOUR_PARAMETER, cap_time
from console.domain.thresholds import Transition

CATEGORY = {
    "water_level": "Met",
    "tide_level": "Met",
    "rainfall": "Met",
    "underpass_flood": "Infra",
    "wind_speed": "Met",
    "hydrant_pressure": "Fire",
    "combustible_gas": "Safety",
    "elevator": "Safety",
}
CAP_LANGUAGE = {"zh_CN": "zh-CN", "en": "en-US"}
AREA_KM = 0.5  # the circle drawn around the sensor


def threshold_alert(tr: Transition, *, sensor_id: str, name: str, kind: str, district: str, lat: float,
                    lon: float, event: str, headline: str, identifier: str, sender: str, sent: datetime,
                    lang: str, in_force: Alert | None) -> Alert:
    if tr.kind == "cleared":
        severity, urgency, certainty, msg_type = "Minor", "Past", "Observed", "Cancel"
    else:
        severity, urgency, _ = COLOUR_CAP[tr.new]
        certainty, msg_type = "Observed", ("Alert" if tr.kind == "raised" or in_force is None else "Update")
    if tr.kind == "cleared" and in_force is None:
        msg_type = "Alert"  # nothing in force to cancel (history cleared); say it as a plain message
    refs = (
        f"{in_force.sender},{in_force.identifier},{in_force.sent}"
        if in_force and msg_type != "Alert"
        else None
    )
    area = Area(f"{district} {name}".strip(), circles=(Circle(lat, lon, AREA_KM),))
    info = Info(category=(CATEGORY.get(kind, "Other"),), event=event, urgency=urgency, severity=severity,
                certainty=certainty, language=CAP_LANGUAGE.get(lang, "zh-CN"), onset=cap_time(sent),
                senderName=sender, headline=headline,
                parameter=(ValuePair(COLOUR_PARAMETER, tr.new or "none"), ValuePair("sensorId", sensor_id),
                           ValuePair("value", f"{tr.value:g}")), areas=(area,))
    return Alert(identifier=identifier, sender=sender, sent=cap_time(sent), status="Actual", msgType=msg_type,
                 scope="Public", references=refs, infos=(info,))
