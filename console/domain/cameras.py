"""Cameras as plain values: checking what a user or a CSV file gives, and hiding the credentials a
stream URL may carry (rtsp://user:pass@host/...) before it is shown, logged or exported."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

HIDDEN = "***"
SCHEMES = ("rtsp", "rtsps", "rtmp", "http", "https", "srt", "udp", "tcp", "file")
_SECRET_KEYS = {"password", "passwd", "pass", "pwd", "token", "key", "secret", "auth", "access_token", "user",
                "username"}
_USERINFO = re.compile(r"(?<=//)[^/@\s]*@")


def redact_url(url: str) -> str:
    """The URL with any user name, password or secret query value replaced by ***."""
    if not url:
        return url
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        if parts.port is not None:
            host = f"{host}:{parts.port}"
    except ValueError:  # a port that is not a number and the like: hide whatever precedes an @
        return _USERINFO.sub(f"{HIDDEN}@", url)
    netloc = parts.netloc
    if "@" in netloc:
        netloc = f"{HIDDEN}@{host}"
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        if any(k.lower() in _SECRET_KEYS for k, _ in pairs):
            query = urlencode([(k, HIDDEN if k.lower() in _SECRET_KEYS else v) for k, v in pairs], safe="*")
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


class CameraInvalid(ValueError):
    """A camera the registry refuses, with the reason in plain words."""


@dataclass(frozen=True)
class CameraSpec:
    name: str
    url: str
    groups: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    lat: float | None = None
    lon: float | None = None
    district: str = ""
    enabled: bool = True
    extra: dict = field(default_factory=dict, compare=False)


def _words(value) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = re.split(r"[;,，；|]", value)
    return tuple(dict.fromkeys(w.strip() for w in value if w and w.strip()))


def _coord(value, name: str, low: float, high: float) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise CameraInvalid(f"{name} {value!r} is not a number")
    if not low <= x <= high:
        raise CameraInvalid(f"{name} {x} is outside {low}..{high}")
    return x


def check_url(url: str) -> str:
    url = (url or "").strip()
    if not url:
        raise CameraInvalid("the stream URL is empty")
    if any(c in url for c in "\r\n\t\x00") or " " in url:
        raise CameraInvalid("the stream URL contains spaces or control characters")
    if url.startswith("/"):
        return url  # a local file
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme not in SCHEMES:
        raise CameraInvalid(f"the stream URL must start with one of {', '.join(s + '://' for s in SCHEMES)}"
                            f" or be a file path (got {redact_url(url)[:60]!r})")
    try:
        urlsplit(url).port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        raise CameraInvalid(f"the stream URL has a bad port: {redact_url(url)[:60]!r}")
    return url


def check_camera(name, url, groups=None, tags=None, lat=None, lon=None, district="",
                 enabled=True) -> CameraSpec:
    name = (name or "").strip()
    if not name:
        raise CameraInvalid("the camera needs a name")
    if len(name) > 120 or any(ord(c) < 32 for c in name):
        raise CameraInvalid("the camera name is longer than 120 characters or has control characters")
    url = check_url(url)
    la = _coord(lat, "latitude", -90, 90)
    lo = _coord(lon, "longitude", -180, 180)
    if (la is None) != (lo is None):
        raise CameraInvalid("give both latitude and longitude, or neither")
    return CameraSpec(name, url, _words(groups), _words(tags), la, lo, (district or "").strip(),
                      bool(enabled))
