"""Validation of a report taken at the desk (接报). Returns every problem at once, each tied to a
field, so the form can point at it; nothing is stored while any problem remains."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from console.domain.incident import IncidentClass, Level, Source
from console.domain.plain_text import multi_line, one_line


@dataclass
class IntakeForm:
    title: str = ""
    klass: str = ""
    type: str = ""
    level: str = ""
    lat: str = ""
    lon: str = ""
    address: str = ""
    district: str = ""
    source: str = ""
    reporter: str = ""
    callback: str = ""
    deaths: str = "0"
    injuries: str = "0"
    missing: str = "0"
    trapped: str = "0"
    description: str = ""
    warning_colour: str = ""


@dataclass(frozen=True)
class FieldError:
    field: str
    code: str  # required, invalid, out_of_range, too_long
    detail: str = ""


class IntakeRejected(ValueError):
    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(f"{e.field}: {e.code}" for e in errors))
        self.errors = errors


@dataclass
class ValidIntake:
    title: str
    klass: IncidentClass
    type: str
    level: Level
    lat: float
    lon: float
    address: str
    district: str
    source: Source
    reporter: str
    callback: str
    counts: dict[str, int] = field(default_factory=dict)
    description: str = ""
    warning_colour: str = ""


# Generous bounds around Shanghai's administrative area (incl. 崇明 and the offshore islands).
LAT_RANGE = (30.4, 32.0)
LON_RANGE = (120.8, 122.3)
_PHONE = re.compile(r"^[0-9+\-() ]{3,20}$")
WARNING_COLOURS = ("", "red", "orange", "yellow", "blue")


# Longest accepted text per field, in characters. Every free-text field has one, so a pasted
# megabyte is refused at the desk instead of filling the log, the disk and the screen.
LIMITS = {"title": 120, "klass": 20, "type": 40, "level": 10, "lat": 32, "lon": 32, "address": 200,
          "district": 20, "source": 20, "reporter": 60, "callback": 20, "deaths": 7, "injuries": 7,
          "missing": 7, "trapped": 7, "description": 4000, "warning_colour": 10}
MULTI_LINE = frozenset({"description"})


def _clean(form: IntakeForm, errors: list[FieldError]) -> IntakeForm:
    """Each field stripped of control and bidi characters (one-line fields kept on one line) and
    held to its limit; an over-long field is an error, not silently cut."""
    out = IntakeForm()
    for name, limit in LIMITS.items():
        raw = str(getattr(form, name) or "")
        if len(raw) > 4 * limit:  # clearly too long: refuse before any more work on it
            errors.append(FieldError(name, "too_long", str(limit)))
            continue
        text = (multi_line(raw) if name in MULTI_LINE else one_line(raw)).strip()
        if len(text) > limit:
            errors.append(FieldError(name, "too_long", str(limit)))
            continue
        setattr(out, name, text)
    return out


def _count(raw: str) -> int | None:
    return int(raw) if raw.isascii() and raw.isdigit() else None


def _float(text: str) -> float | None:
    try:
        return float(text.strip())
    except ValueError:
        return None


def validate(form: IntakeForm, districts: set[str] | None = None) -> tuple[ValidIntake | None,
                                                                           list[FieldError]]:
    errors: list[FieldError] = []
    form = _clean(form, errors)
    too_long = {e.field for e in errors}
    title = form.title
    if not title and "title" not in too_long:
        errors.append(FieldError("title", "required"))
    klass = None
    if "klass" in too_long:
        pass
    elif not form.klass.strip():
        errors.append(FieldError("klass", "required"))
    else:
        try:
            klass = IncidentClass.parse(form.klass)
        except ValueError:
            errors.append(FieldError("klass", "invalid"))
    level = None
    if "level" in too_long:
        pass
    elif not str(form.level).strip():
        errors.append(FieldError("level", "required"))
    else:
        try:
            level = Level.parse(form.level)
        except ValueError:
            errors.append(FieldError("level", "invalid"))
    lat, lon = _float(form.lat), _float(form.lon)
    if "lat" in too_long:
        pass
    elif not form.lat.strip():
        errors.append(FieldError("lat", "required"))
    elif lat is None:
        errors.append(FieldError("lat", "invalid"))
    elif not LAT_RANGE[0] <= lat <= LAT_RANGE[1]:
        errors.append(FieldError("lat", "out_of_range", f"{LAT_RANGE[0]}–{LAT_RANGE[1]}"))
    if "lon" in too_long:
        pass
    elif not form.lon.strip():
        errors.append(FieldError("lon", "required"))
    elif lon is None:
        errors.append(FieldError("lon", "invalid"))
    elif not LON_RANGE[0] <= lon <= LON_RANGE[1]:
        errors.append(FieldError("lon", "out_of_range", f"{LON_RANGE[0]}–{LON_RANGE[1]}"))
    district = form.district.strip()
    if district and districts is not None and district not in districts:
        errors.append(FieldError("district", "invalid"))
    source = None
    try:
        source = Source(form.source.strip() or Source.PHONE.value)
    except ValueError:
        errors.append(FieldError("source", "invalid"))
    callback = form.callback.strip()
    if callback and not _PHONE.match(callback):
        errors.append(FieldError("callback", "invalid"))
    counts: dict[str, int] = {}
    for name in ("deaths", "injuries", "missing", "trapped"):
        if name in too_long:
            continue
        value = _count(getattr(form, name) or "0")
        if value is None or value > 100_000:
            errors.append(FieldError(name, "invalid"))
        else:
            counts[name] = value
    colour = form.warning_colour.strip()
    if colour not in WARNING_COLOURS:
        errors.append(FieldError("warning_colour", "invalid"))
    if errors:
        return None, errors
    assert klass and level and lat is not None and lon is not None and source
    return ValidIntake(title, klass, form.type.strip(), level, lat, lon, form.address.strip(), district,
                       source, form.reporter.strip(), callback, counts, form.description.strip(), colour), []
