"""`incident-console decode --protocol {nmea,tetra,beidou,gsm}`: stdin bytes -> one JSON event per line.

Imports only the parsers so it starts fast. Whatever the input, it exits 0 and never prints a
traceback: a parser bug becomes an error event and the stream goes on. A reader that goes away
(`| head`) ends it quietly; an output that cannot be written (a full disk) ends it with a message
(console.cli.guard).
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any

PROTOCOLS = ("nmea", "tetra", "beidou", "gsm")


def make_parser(protocol: str) -> Any:
    if protocol == "nmea":
        from console.devices.nmea.protocol import NmeaParser

        return NmeaParser()
    if protocol == "tetra":
        from console.devices.tetra.protocol import TetraParser

        return TetraParser(answer_reports=False)
    if protocol == "gsm":
        from console.devices.gsm.protocol import GsmParser

        return GsmParser()
    from console.devices.beidou.protocol import BeidouParser

    return BeidouParser()


def _emit(out: Any, events: list[Any]) -> None:
    for event in events:
        out.write(json.dumps(event.to_json_dict(), ensure_ascii=False) + "\n")
    out.flush()


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(prog="incident-console decode", description=__doc__.splitlines()[0])
    ap.add_argument("--protocol", required=True, choices=PROTOCOLS)
    ap.add_argument("--db", metavar="PATH", help="accepted like everywhere; decoding reads no database")
    ap.add_argument("--lang", choices=("zh_CN", "en"), help="accepted like everywhere; the events are JSON")
    args = ap.parse_args(argv)
    parser = make_parser(args.protocol)
    stdin, out = sys.stdin.buffer, sys.stdout
    from console.domain.device_events import Error

    try:
        while True:
            chunk = stdin.read1(65536) if hasattr(stdin, "read1") else stdin.read(65536)
            if not chunk:
                break
            try:
                events = parser.feed(chunk)
            except Exception as exc:  # a parser bug must not end the stream
                parser = make_parser(args.protocol)
                events = [Error(f"internal decoder error: {type(exc).__name__}: {exc}",
                                protocol=args.protocol)]
            _emit(out, events)
        if hasattr(parser, "flush"):
            _emit(out, parser.flush())
    except KeyboardInterrupt:
        pass
    return 0
