"""The listing shape of an alert (`cap list --json` and the warnings list): CAP element names, infos
with zh-CN first, the language an info means (en-US when it names none), areas as plain numbers."""
from __future__ import annotations

from console.domain.cap.model import Alert, Area, Info


def area_entry(a: Area) -> dict:
    return {
        "areaDesc": a.areaDesc,
        "polygons": [[[lat, lon] for lat, lon in ring] for ring in a.polygons],
        "circles": [{"lat": c.lat, "lon": c.lon, "radius_km": c.radius_km} for c in a.circles],
        "geocodes": [{"valueName": g.valueName, "value": g.value} for g in a.geocodes],
    }


def info_entry(i: Info) -> dict:
    return {
        "language": i.lang, "category": list(i.category), "event": i.event, "urgency": i.urgency,
        "severity": i.severity, "certainty": i.certainty, "onset": i.onset, "expires": i.expires,
        "senderName": i.senderName, "headline": i.headline, "areas": [area_entry(a) for a in i.areas],
    }


def list_entry(alert: Alert) -> dict:
    return {
        "identifier": alert.identifier, "sender": alert.sender, "sent": alert.sent, "status": alert.status,
        "msgType": alert.msgType, "scope": alert.scope, "references": alert.references,
        "infos": [info_entry(i) for i in alert.infos_for_display()],
    }
