"""Display names for domain values, through Qt translation (English source, zh_CN shipped)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from console.domain.duty_log import Category
from console.domain.incident import IncidentClass, Level, Source, Status

LEVEL_COLOURS = {1: "#e0403a", 2: "#f08c2a", 3: "#e8c832", 4: "#3a8ee0"}


def _t(text: str) -> str:
    return QCoreApplication.translate("Labels", text)


def incident_class(c: IncidentClass) -> str:
    return {
        IncidentClass.NATURAL: _t("Natural disaster"),
        IncidentClass.ACCIDENT: _t("Accident"),
        IncidentClass.HEALTH: _t("Public health"),
        IncidentClass.SECURITY: _t("Social security"),
    }[c]


def level(lv: Level) -> str:
    return {
        Level.I: _t("Level I (especially major)"),
        Level.II: _t("Level II (major)"),
        Level.III: _t("Level III (large)"),
        Level.IV: _t("Level IV (general)"),
    }[lv]


def status(s: Status) -> str:
    return {Status.REPORTED: _t("Reported"), Status.RESPONDING: _t("Responding"), Status.CLOSED: _t("Closed")}[s]


def source(s: Source) -> str:
    return {
        Source.POLICE_110: _t("110 police"),
        Source.FIRE_119: _t("119 fire"),
        Source.HOTLINE_12345: _t("12345 hotline"),
        Source.PHONE: _t("Phone"),
        Source.RADIO: _t("Radio"),
        Source.TERMINAL: _t("Field terminal"),
        Source.OTHER: _t("Other"),
    }[s]


def category(c: Category) -> str:
    return {
        Category.INTAKE: _t("Intake"),
        Category.FOLLOW_UP: _t("Follow-up"),
        Category.INSTRUCTION: _t("Instruction"),
        Category.DISPATCH: _t("Dispatch"),
        Category.COMMS: _t("Comms"),
        Category.HANDOVER: _t("Handover"),
        Category.SYSTEM: _t("System"),
        Category.OTHER: _t("Other"),
    }[c]


def deadline_name(name: str) -> str:
    return {"first": _t("First report"), "written": _t("Written report")}[name]


def warning_colour(c: str) -> str:
    return {"": _t("None"), "red": _t("Red"), "orange": _t("Orange"), "yellow": _t("Yellow"),
            "blue": _t("Blue")}[c]


def unit_status(s: str) -> str:
    return {
        "available": _t("Available"),
        "dispatched": _t("Dispatched"),
        "on_scene": _t("On scene"),
        "returning": _t("Returning"),
        "out_of_service": _t("Out of service"),
    }.get(s, s)


def resource_kind(k: str) -> str:
    return {
        "fire_station": _t("Fire station"),
        "micro_fire_station": _t("Micro fire station"),
        "shelter": _t("Shelter"),
        "stockpile": _t("Stockpile"),
        "team": _t("Team"),
        "expert": _t("Expert"),
        "vehicle": _t("Vehicle"),
    }.get(k, k)


def incident_column(col: str) -> str:
    return {
        "level": _t("Level"),
        "title": _t("Incident"),
        "class": _t("Class"),
        "district": _t("District"),
        "status": _t("Status"),
        "source": _t("Source"),
        "reported": _t("Reported at"),
        "deadline": _t("Next report due"),
    }[col]


def field_name(field: str) -> str:
    return {
        "title": _t("Title"),
        "klass": _t("Class"),
        "type": _t("Type"),
        "level": _t("Level"),
        "lat": _t("Latitude"),
        "lon": _t("Longitude"),
        "address": _t("Address"),
        "district": _t("District"),
        "source": _t("Source"),
        "reporter": _t("Reporter"),
        "callback": _t("Call-back number"),
        "deaths": _t("Deaths"),
        "injuries": _t("Injured"),
        "missing": _t("Missing"),
        "trapped": _t("Trapped"),
        "warning_colour": _t("Warning colour"),
    }.get(field, field)


def field_error(code: str, detail: str = "") -> str:
    return {
        "required": _t("is required"),
        "invalid": _t("is not valid"),
        "out_of_range": _t("must be within {0}").format(detail),
        "too_long": _t("is longer than {0} characters").format(detail),
    }.get(code, code)
