"""Display names for domain values, through Qt translation (English source, zh_CN shipped)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from console.domain.duty_log import Category
from console.domain.incident import IncidentClass, Level, Source, Status

LEVEL_COLOURS = {1: "#e0403a", 2: "#f08c2a", 3: "#e8c832", 4: "#3a8ee0"}



def incident_class(c: IncidentClass) -> str:
    return {
        IncidentClass.NATURAL: QCoreApplication.translate("Labels", "Natural disaster"),
        IncidentClass.ACCIDENT: QCoreApplication.translate("Labels", "Accident"),
        IncidentClass.HEALTH: QCoreApplication.translate("Labels", "Public health"),
        IncidentClass.SECURITY: QCoreApplication.translate("Labels", "Social security"),
    }[c]


def level(lv: Level) -> str:
    return {
        Level.I: QCoreApplication.translate("Labels", "Level I (especially serious)"),
        Level.II: QCoreApplication.translate("Labels", "Level II (serious)"),
        Level.III: QCoreApplication.translate("Labels", "Level III (relatively serious)"),
        Level.IV: QCoreApplication.translate("Labels", "Level IV (general)"),
    }[lv]


def level_short(lv: Level) -> str:
    return QCoreApplication.translate("Labels", "Level {0}").format(lv.roman)


def status(s: Status) -> str:
    return {Status.REPORTED: QCoreApplication.translate("Labels", "Reported"),
            Status.RESPONDING: QCoreApplication.translate("Labels", "Responding"),
            Status.CLOSED: QCoreApplication.translate("Labels", "Closed")}[s]


def source(s: Source) -> str:
    return {
        Source.POLICE_110: QCoreApplication.translate("Labels", "110 police"),
        Source.FIRE_119: QCoreApplication.translate("Labels", "119 fire"),
        Source.HOTLINE_12345: QCoreApplication.translate("Labels", "12345 hotline"),
        Source.PHONE: QCoreApplication.translate("Labels", "Phone"),
        Source.RADIO: QCoreApplication.translate("Labels", "Radio"),
        Source.TERMINAL: QCoreApplication.translate("Labels", "Field terminal"),
        Source.OTHER: QCoreApplication.translate("Labels", "Other"),
    }[s]


def category(c: Category) -> str:
    return {
        Category.INTAKE: QCoreApplication.translate("Labels", "Intake"),
        Category.FOLLOW_UP: QCoreApplication.translate("Labels", "Follow-up"),
        Category.INSTRUCTION: QCoreApplication.translate("Labels", "Instruction"),
        Category.DISPATCH: QCoreApplication.translate("Labels", "Dispatch"),
        Category.COMMS: QCoreApplication.translate("Labels", "Comms"),
        Category.HANDOVER: QCoreApplication.translate("Labels", "Handover"),
        Category.SYSTEM: QCoreApplication.translate("Labels", "System"),
        Category.OTHER: QCoreApplication.translate("Labels", "Other"),
    }[c]


def deadline_name(name: str) -> str:
    return {"first": QCoreApplication.translate("Labels", "First report"),
            "written": QCoreApplication.translate("Labels", "Written report")}[name]


def warning_colour(c: str) -> str:
    return {"": QCoreApplication.translate("Labels", "None"),
            "red": QCoreApplication.translate("Labels", "Red"),
            "orange": QCoreApplication.translate("Labels", "Orange"),
            "yellow": QCoreApplication.translate("Labels", "Yellow"),
            "blue": QCoreApplication.translate("Labels", "Blue")}[c]


def unit_status(s: str) -> str:
    return {
        "available": QCoreApplication.translate("Labels", "Available"),
        "dispatched": QCoreApplication.translate("Labels", "Dispatched"),
        "on_scene": QCoreApplication.translate("Labels", "On scene"),
        "returning": QCoreApplication.translate("Labels", "Returning"),
        "out_of_service": QCoreApplication.translate("Labels", "Out of service"),
    }.get(s, s)


def unit_type(t: str) -> str:
    return {
        "fire_engine": QCoreApplication.translate("Labels", "Fire engine"),
        "ladder": QCoreApplication.translate("Labels", "Aerial ladder"),
        "rescue": QCoreApplication.translate("Labels", "Rescue vehicle"),
        "ambulance": QCoreApplication.translate("Labels", "Ambulance"),
        "police": QCoreApplication.translate("Labels", "Police car"),
        "command": QCoreApplication.translate("Labels", "Command vehicle"),
        "hazmat": QCoreApplication.translate("Labels", "Hazmat unit"),
        "boat": QCoreApplication.translate("Labels", "Rescue boat"),
        "pump": QCoreApplication.translate("Labels", "Pump truck"),
    }.get(t, t)


def resource_kind(k: str) -> str:
    return {
        "fire_station": QCoreApplication.translate("Labels", "Fire station"),
        "micro_fire_station": QCoreApplication.translate("Labels", "Micro fire station"),
        "shelter": QCoreApplication.translate("Labels", "Shelter"),
        "stockpile": QCoreApplication.translate("Labels", "Stockpile"),
        "team": QCoreApplication.translate("Labels", "Team"),
        "expert": QCoreApplication.translate("Labels", "Expert"),
        "vehicle": QCoreApplication.translate("Labels", "Vehicle"),
    }.get(k, k)


def incident_column(col: str) -> str:
    return {
        "level": QCoreApplication.translate("Labels", "Level"),
        "title": QCoreApplication.translate("Labels", "Incident"),
        "class": QCoreApplication.translate("Labels", "Class"),
        "district": QCoreApplication.translate("Labels", "District"),
        "status": QCoreApplication.translate("Labels", "Status"),
        "source": QCoreApplication.translate("Labels", "Source"),
        "reported": QCoreApplication.translate("Labels", "Reported at"),
        "deadline": QCoreApplication.translate("Labels", "Next report due"),
    }[col]


def field_name(field: str) -> str:
    return {
        "title": QCoreApplication.translate("Labels", "Title"),
        "klass": QCoreApplication.translate("Labels", "Class"),
        "type": QCoreApplication.translate("Labels", "Type"),
        "level": QCoreApplication.translate("Labels", "Level"),
        "lat": QCoreApplication.translate("Labels", "Latitude"),
        "lon": QCoreApplication.translate("Labels", "Longitude"),
        "address": QCoreApplication.translate("Labels", "Address"),
        "district": QCoreApplication.translate("Labels", "District"),
        "source": QCoreApplication.translate("Labels", "Source"),
        "reporter": QCoreApplication.translate("Labels", "Reporter"),
        "callback": QCoreApplication.translate("Labels", "Call-back number"),
        "deaths": QCoreApplication.translate("Labels", "Deaths"),
        "injuries": QCoreApplication.translate("Labels", "Injured"),
        "missing": QCoreApplication.translate("Labels", "Missing"),
        "trapped": QCoreApplication.translate("Labels", "Trapped"),
        "warning_colour": QCoreApplication.translate("Labels", "Warning colour"),
    }.get(field, field)


def field_error(code: str, detail: str = "") -> str:
    return {
        "required": QCoreApplication.translate("Labels", "is required"),
        "invalid": QCoreApplication.translate("Labels", "is not valid"),
        "out_of_range": QCoreApplication.translate("Labels", "must be within {0}").format(detail),
        "too_long": QCoreApplication.translate("Labels", "is longer than {0} characters").format(detail),
    }.get(code, code)
