"""NMEA 0183 parser and sentence builders."""
from __future__ import annotations

from console.devices.nmea.protocol import NmeaParser, build_gga, build_rmc, checksum, frame

__all__ = ["NmeaParser", "build_gga", "build_rmc", "checksum", "frame"]
