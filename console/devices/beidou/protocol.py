"""BeiDou RDSS terminals: "2.1" ASCII, BDS-3 ASCII and "4.0" binary on one stream (PROTOCOLS.md s.3).

Five letters and a comma after `$` mean an ASCII line (to CR/LF); four letters mean a binary frame
that is read by its length field, never by line ends, because payloads may hold `$`, CR and LF.
Ordinary NMEA sentences from the terminal's GNSS receiver are handed to the NMEA parser.
"""
from __future__ import annotations

import re

from console.devices.beidou import binary
from console.devices.beidou.binary import CAPACITY_BITS, card_str, needs_mixed
from console.devices.checksum import xor_prefix
from console.devices.frames import MAX_HELD, Frame, FrameSink, events_of
from console.devices.nmea.protocol import NmeaParser, frame, parse_coord, split_checked
from console.domain.device_events import Ack, Error, Event, Info, Position, Text, raw_preview

PROTOCOL = "beidou"
MAX_LINE = 8192  # BDS-3 regional messages reach ~14 000 bits, i.e. 3 500 hex digits
HOST_SENTENCES = {"TXA", "ICA", "DWA", "RMO", "BSS", "TCQ", "ICR"}
SET_21, SET_BDS3, SET_40 = "2.1", "bds3", "4.0"
_HEXPAIRS = re.compile(rb"^(?:[0-9A-Fa-f]{2})*")
FKI_REASONS = {0: "ok", 1: "interval", 2: "inhibit", 3: "silence", 4: "power not locked", 5: "no IC",
               6: "no permission"}


# What follows a `$`: five upper-case letters/digits and a comma start an ASCII sentence, four
# letters a binary frame. The parser makes both tests in one match, binary.RUN_HEAD (ASCII first;
# group 1 is set for an ASCII head); these two state it plainly and the tests compare them.
ASCII_HEAD = re.compile(rb"\$[0-9A-Z]{5},")
BINARY_HEAD = re.compile(rb"\$[A-Z]{4}")
_HEAD = binary.RUN_HEAD
_BINARY_AFTER, _PLAUSIBLE = binary.BINARY_HEAD_ONLY, binary.PLAUSIBLE_HEAD


def detect_dialect(data: bytes) -> str | None:
    """Which sentence set a capture speaks, from the first recognisable frame."""
    parser = BeidouParser()
    parser.feed(data)
    return parser.dialect


def decode_content(form: int, content: bytes) -> tuple[str, str]:
    """2.1 content forms: 0 Chinese (raw GB2312), 1 code (hex kept), 2 mixed (A4 + hex)."""
    if form == 0:
        return content.decode("gb18030", "replace"), "chinese"
    if form == 2:
        body = content[2:] if content[:2].upper() == b"A4" else content
        hexpart = _hex_prefix(body)
        # Some modules put raw ASCII after the hex: show what decodes rather than dropping it.
        text = bytes.fromhex(hexpart.decode("ascii")).decode("gb18030", "replace")
        return text + body[len(hexpart):].decode("gb18030", "replace"), "mixed"
    return content.decode("ascii", "replace"), "code"


class BeidouParser:
    def __init__(self) -> None:
        self._buf = bytearray()
        self._scan = 0  # where in _buf the search for the next `$` resumes (bytes before: the next frame's)
        self._sink = FrameSink()
        self._nmea = NmeaParser(protocol=PROTOCOL)
        self.dialect: str | None = None

    def feed(self, data: bytes) -> list[Event]:
        return events_of(self.feed_frames(data))

    def pending(self) -> bytes:
        """Bytes received but not yet in a returned frame."""
        return self._sink.pending() + bytes(self._buf)

    def drop_pending(self) -> bytes:
        """The link was lost: what was held can no longer complete a frame. Returns it."""
        rest = self.pending()
        self._buf.clear()
        self._scan = 0
        self._sink.reset()
        return rest

    def feed_frames(self, data: bytes) -> list[Frame]:
        """The complete frames so far, each with its events; bytes before a frame's `$` belong to it."""
        self._buf += data
        buf = bytes(self._buf)  # one copy per read: the frames are slices of it, not copies of copies
        frames: list[Frame] = []
        sink, n = self._sink, len(buf)
        find, head = buf.find, _HEAD.match
        # Walk offsets and drop the cut bytes once at the end, rather than once per frame.
        start, pos = 0, self._scan  # where the current frame starts; where its `$` is searched from
        junk = 0  # the end of the garbage run's bytes not yet cut (in a run, errors are not reported)
        xp = b""  # the check bytes' prefix XOR, made when the first binary frame needs it
        while True:
            pos = find(b"$", pos)
            if pos < 0:
                pos = n
                break
            if sink.in_run:
                # Inside a run of garbage: skip in one search to the next `$` that could start a
                # frame (its errors would not be reported anyway), keeping a tail that may be one.
                m = _PLAUSIBLE.search(buf, pos)
                nxt = m.start() if m else max(pos, n - 6)
                if nxt > pos:
                    junk = pos = nxt
                    continue
            if n - pos < 7:
                break
            if self.dialect == SET_40 and not sink.in_run:
                # A 4.0 terminal's frames in one pass; it stops at anything it leaves to the code below.
                xp = xp or xor_prefix(buf)
                stop, start = binary.decode_run(buf, pos, start, frames, xp)
                if stop != pos:
                    pos = stop
                    continue
            m = head(buf, pos)
            if m is None:
                pos += 1  # a stray `$`: part of the frame that follows
                continue
            nxt, events = self._ascii(buf, pos) if m.lastindex == 1 else self._binary(buf, pos)
            if nxt < 0:
                break  # the frame at `pos` is not complete yet
            if sink.in_run and len(events) == 1 and type(events[0]) is Error:
                junk = pos = nxt  # more of the same run of garbage: cut once, when it ends
                continue
            if junk > start:
                sink.add(frames, bytes(buf[start:junk]), [])
                start = junk
            if sink.quiet and events and type(events[0]) is not Error and type(events[-1]) is not Error:
                frames.append(Frame(buf[start:nxt], events))  # FrameSink.add's usual case
            else:
                sink.add(frames, buf[start:nxt], events)
            start = pos = nxt
        if junk > start:
            sink.add(frames, bytes(buf[start:junk]), [])
            start = junk
        if pos - start > MAX_HELD:  # a long stretch without a frame: keep memory bounded
            sink.add(frames, bytes(buf[start:pos]), [])
            start = pos
        del self._buf[:start]
        self._scan = pos - start
        return frames

    def _ascii(self, buf: bytes, pos: int) -> tuple[int, list[Event]]:
        """Where the sentence at `pos` ends and its events, or -1 while its line end has not arrived."""
        lf = buf.find(b"\n", pos)
        # Only look for a CR before the LF (a CR after it belongs to a later line).
        cr = buf.find(b"\r", pos, lf) if lf >= 0 else buf.find(b"\r", pos)
        end = cr if cr >= 0 else lf
        if end >= 0:
            return end + 1, self.parse_line(buf[pos:end])
        if (n := len(buf)) - pos <= MAX_LINE:
            return -1, []
        # No line end anywhere after `pos`: every ASCII head up to the last MAX_LINE bytes is part of
        # this overlong line too. Resume at the next binary frame's head, or where a sentence could
        # still be unfinished, without visiting each `$` of the garbage in between.
        m = _BINARY_AFTER.search(buf, pos + 1, n - MAX_LINE)
        nxt = m.start() if m else max(pos + 1, n - MAX_LINE)
        return nxt, [Error("line too long", raw_preview(bytes(buf[pos : pos + 81])), PROTOCOL)]

    def _binary(self, buf: bytes, pos: int) -> tuple[int, list[Event]]:
        """Like _ascii() for a binary frame; a damaged one is reported and skipped by its `$` only."""
        length = buf[pos + 5] << 8 | buf[pos + 6]
        if not binary.MIN_FRAME <= length <= binary.MAX_FRAME:
            return pos + 1, [Error("bad binary frame length", raw_preview(bytes(buf[pos : pos + 7])),
                                   PROTOCOL)]
        if len(buf) - pos < length:
            return -1, []
        frame_bytes = bytes(buf[pos : pos + length])
        reason = binary.check_frame(frame_bytes)
        if reason:
            # Resync on the next `$`: the length itself may have been the damage.
            return pos + 1, [Error(reason, raw_preview(frame_bytes), PROTOCOL)]
        out: list[Event] = []
        if self.dialect != SET_40:
            self._detected(SET_40, out)
        out += binary.parse_frame(frame_bytes)
        return pos + length, out

    def _detected(self, dialect: str, out: list[Event]) -> None:
        # BDS-3 modules also send sentences 2.1 shares (FKI, DWR...): never step back from BDS-3 to 2.1.
        if self.dialect != dialect and not (dialect == SET_21 and self.dialect == SET_BDS3):
            self.dialect = dialect
            out.append(Info("dialect", PROTOCOL, {"dialect": dialect}))

    def parse_line(self, line: bytes) -> list[Event]:
        body, reason = split_checked(line)
        if body is None:
            return [Error(reason or "bad sentence", raw_preview(line), PROTOCOL)]
        f = body.split(b",")
        kind = f[0][2:].decode("ascii")
        handler = _HANDLERS.get(kind)
        if f[0][:2] == b"CC" and kind in HOST_SENTENCES:
            return []  # our own command echoed back
        try:
            if handler is None:
                return self._nmea.parse_body(body.decode("ascii"))
            events = handler(self, f, body)
            if kind not in ("GGA", "RMC"):
                dialect = (SET_BDS3 if kind in ("TCI", "PWI",
                                                "ICP") or (kind == "FKI" and f[1:2] and f[1].isdigit())
                           else SET_21)
                if dialect != self.dialect:  # usually it is already known: nothing to announce
                    out: list[Event] = []
                    self._detected(dialect, out)
                    return out + events
            return events
        except (ValueError, IndexError, UnicodeDecodeError) as exc:
            return [Error(f"unparseable sentence: {exc}", raw_preview(line), PROTOCOL)]

    def _txr(self, f: list[bytes], body: bytes) -> list[Event]:
        msg_type, sender, form, when = int(f[1]), f[2].decode("ascii"), int(f[3]), f[4].decode("ascii")
        content = b",".join(f[5:])
        if form == 2 and content[:4].upper() in (b"A4A0", b"A4A1"):
            return [Info("position-report", PROTOCOL,
                         {"from": sender, "hex": content.decode("ascii", "replace")})]
        text, coding = decode_content(form, content)
        t = f"{when[:2]}:{when[2:4]}" if len(when) >= 4 and when[:4].isdigit() else None
        extra: dict[str, object] = {"message_type": msg_type, "urgent": msg_type == 2}
        if coding == "code":
            extra["ascii"] = _printable_hex(content)
        return [Text(text, sender, None, t, coding, protocol=PROTOCOL, extra=extra)]

    def _fki(self, f: list[bytes], body: bytes) -> list[Event]:
        s = [x.decode("ascii") for x in f]
        if s[1].isdigit():  # BDS-3: time, command, Y/N, reason, remaining
            reason = int(s[4]) if s[4:5] and s[4].isdigit() else None
            remaining = int(s[5]) if s[5:6] and s[5].isdigit() else None
            return [Ack(s[3] == "Y", s[2], status=reason, wait_s=remaining, protocol=PROTOCOL,
                        detail=FKI_REASONS.get(reason or 0), extra={"time": s[1]})]
        command, executed, inhibit, wait = s[1], s[2] == "Y", s[4], s[5] if len(s) > 5 else ""
        wait_s = int(wait[:2]) * 60 + int(wait[2:4]) if len(wait) >= 4 and wait[:4].isdigit() else None
        return [Ack(executed, command, status=int(inhibit) if inhibit.isdigit() else None, wait_s=wait_s,
                    protocol=PROTOCOL, extra={"interval_setting": s[3] == "Y"},
                    detail={"0": None, "1": "system inhibit", "2": "low battery",
                            "3": "silence"}.get(inhibit))]

    def _ici(self, f: list[bytes], body: bytes) -> list[Event]:
        s = [x.decode("ascii") for x in f] + [""] * 9
        level = int(s[6]) if s[6].isdigit() else None
        encrypted = s[7] == "E"
        return [Info("card", PROTOCOL, {
            "card": s[1], "set": SET_21, "serial": s[2], "broadcast": s[3], "user_feature": s[4],
            "interval_s": int(s[5]) if s[5].isdigit() else None, "level": level, "encrypted": encrypted,
            "subordinates": int(s[8]) if s[8].isdigit() else None,
            "capacity_bits": CAPACITY_BITS[encrypted].get(level) if level else None})]

    def _icp(self, f: list[bytes], body: bytes) -> list[Event]:
        # The BDS-3 card reply layout varies by vendor beyond the card number: keep the raw fields.
        s = [x.decode("ascii", "replace") for x in f]
        card = s[1] if len(s) > 1 else ""
        return [Info("card", PROTOCOL, {"card": card, "set": SET_BDS3, "no_card": card in ("", "0"),
                                       "fields": s[2:]})]

    def _dwr(self, f: list[bytes], body: bytes) -> list[Event]:
        s = _ascii_fields(f, body) + [""] * 17
        lat, lon = parse_coord(s[4], s[5]), parse_coord(s[6], s[7])
        t = s[3]
        when = f"{t[0:2]}:{t[2:4]}:{t[4:]}Z" if len(t) >= 6 and t[:6].isdigit() else None
        if lat is None or lon is None or (lat == 0 and lon == 0):
            return [Position(False, source=s[2] or None, time=when, protocol=PROTOCOL)]
        return [Position(True, lat, lon, s[2] or None, float(s[8]) if s[8] else None, time=when,
                         accuracy_m={"0": 20.0, "1": 100.0}.get(s[12]), protocol=PROTOCOL,
                         extra={"report_type": int(s[1]) if s[1].isdigit() else None,
                                "emergency": s[13] == "A"})]

    def _bsi(self, f: list[bytes], body: bytes) -> list[Event]:
        s = [x.decode("ascii") for x in f]
        powers = [int(x) if x.isdigit() else 0 for x in s[3:13]]
        return [Info("beams", PROTOCOL, {"response_beam": s[1], "time_beam": s[2], "power": powers,
                                        "usable": any(p >= 2 for p in powers)})]

    def _pwi(self, f: list[bytes], body: bytes) -> list[Event]:
        s = [x.decode("ascii") for x in f]
        n2 = int(s[2]) if s[2].isdigit() else 0
        n3 = int(s[3]) if s[3].isdigit() else 0
        usable = s[1] not in ("", "000000.00") and (n2 + n3) > 0
        return [Info("beams", PROTOCOL, {"time": s[1], "bds2_beams": n2, "bds3_beams": n3,
                                        "detail": s[4:], "usable": usable})]

    def _tci(self, f: list[bytes], body: bytes) -> list[Event]:
        sender, to, t, coding = (f[1].decode("ascii"), f[2].decode("ascii"), f[4].decode("ascii"),
                                 int(f[5]))
        data = b",".join(f[7:])
        text, name = _bds3_text(coding, data)
        when = f"{t[0:2]}:{t[2:4]}:{t[4:6]}Z" if len(t) >= 6 and t[:6].isdigit() else None
        return [Text(text, sender, to, when, name, protocol=PROTOCOL)]


def _ascii_fields(f: list[bytes], body: bytes) -> list[str]:
    """`[x.decode("ascii") for x in f]` (f is body split at commas), with one decode for the common case."""
    try:
        return body.decode("ascii").split(",")
    except UnicodeDecodeError:
        return [x.decode("ascii") for x in f]  # raises the same error, naming the field's byte


def _hex_prefix(data: bytes) -> bytes:
    """The leading hex pairs of data (the pattern also matches none, so it always matches)."""
    m = _HEXPAIRS.match(data)
    return m.group(0) if m else b""


def _printable_hex(content: bytes) -> str | None:
    """Code-form payloads are application-defined; offer an ASCII reading when there is one."""
    if len(content) % 2 or _hex_prefix(content) != content:
        return None
    raw = bytes.fromhex(content.decode("ascii"))
    return raw.decode("ascii") if raw.isascii() and all(0x20 <= c < 0x7F for c in raw) else None


def _bds3_text(coding: int, data: bytes) -> tuple[str, str]:
    is_hex = len(data) % 2 == 0 and _hex_prefix(data) == data
    if coding in (1, 3):
        raw = bytes.fromhex(data.decode("ascii")) if is_hex else data
        return raw.decode("gb18030", "replace"), "chinese" if coding == 1 else "mixed"
    return data.decode("ascii", "replace"), "code" if coding == 2 else "compressed"


_HANDLERS = {"TXR": BeidouParser._txr, "FKI": BeidouParser._fki, "ICI": BeidouParser._ici,
             "ICP": BeidouParser._icp, "DWR": BeidouParser._dwr, "BSI": BeidouParser._bsi,
             "PWI": BeidouParser._pwi, "TCI": BeidouParser._tci}


# -- host -> module -------------------------------------------------------------------------
def gb_frame(body: str) -> bytes:
    return frame(body.encode("gb2312"))


def text_content(text: str) -> tuple[int, bytes]:
    """(form, content bytes) for a text: Chinese form for pure GB2312 double-byte text, else mixed."""
    if needs_mixed(text):
        return 2, b"A4" + text.encode("gb18030").hex().upper().encode("ascii")
    return 0, text.replace(",", "，").encode("gb2312")


def message_bits(text: str) -> int:
    form, content = text_content(text)
    return len(content) * 8 if form == 0 else (len(content) - 2) * 4 + 8


def cctxa(dest: str, text: str, *, urgent: bool = False) -> bytes:
    form, content = text_content(text)
    return frame(b"CCTXA,%s,%d,%d," % (dest.encode("ascii"), 0 if urgent else 1, form) + content)


def cctxa_code(dest: str, hexdigits: str, *, urgent: bool = False) -> bytes:
    return frame(f"CCTXA,{dest},{0 if urgent else 1},1,{hexdigits}")


def ccica() -> bytes:
    return frame("CCICA,0,00")


def ccicr() -> bytes:
    return frame("CCICR,0,00")


def ccrmo(sentence: str = "BSI", mode: int = 2, interval_s: int = 1) -> bytes:
    return frame(f"CCRMO,{sentence},{mode},{interval_s}")


def ccdwa(address: str, *, emergency: bool = False, height_mode: int = 2, rate_s: int = 0) -> bytes:
    return frame(f"CCDWA,{address},{'A' if emergency else 'V'},{height_mode},L,,0.0,,,{rate_s}")


def cctcq(to: str, text: str, *, freq: int = 2, ack: bool = True, rate: int = 0) -> bytes:
    coding = 3 if needs_mixed(text) else 1
    data = text.encode("gb18030").hex().upper()
    return frame(f"CCTCQ,{to},{freq},{2 if ack else 1},{coding},{data},{rate}")


# -- module -> host (simulator and tests) ---------------------------------------------------
def bdtxr(sender: str, text: str, *, msg_type: int = 1, hhmm: str = "") -> bytes:
    form, content = text_content(text)
    return frame(b"BDTXR,%d,%s,%d,%s," % (msg_type, sender.encode(), form, hhmm.encode()) + content)


def bdfki(command: str, ok: bool, *, wait_s: int = 0, inhibit: int = 0) -> bytes:
    m, s = divmod(max(0, wait_s), 60)
    return frame(f"BDFKI,{command},{'Y' if ok else 'N'},Y,{inhibit},{m:02d}{s:02d}")


def bdfki_bds3(hhmmss: str, command: str, ok: bool, *, reason: int = 0, remaining: int = 0) -> bytes:
    return frame(f"BDFKI,{hhmmss},{command},{'Y' if ok else 'N'},{reason},{remaining}")


def bdici(card: str, *, interval_s: int, level: int, encrypted: bool = False, serial: str = "00000000",
          broadcast: str = "0000000", feature: int = 0, subordinates: int = 0) -> bytes:
    return frame(f"BDICI,{card},{serial},{broadcast},{feature},{interval_s},{level},"
                 f"{'E' if encrypted else 'N'},{subordinates}")


def bddwr(address: str, lat: float, lon: float, *, hhmmss: str = "000000.00", alt_m: float = 0.0,
          report_type: int = 3, precision: int = 0, emergency: bool = False) -> bytes:
    from console.devices.nmea.protocol import format_coord

    la, ns = format_coord(lat, True, 4)
    lo, ew = format_coord(lon, False, 4)
    return frame(f"BDDWR,{report_type},{address},{hhmmss},{la},{ns},{lo},{ew},{alt_m:.1f},M,0.0,M,"
                 f"{precision},{'A' if emergency else 'V'},V,L")


def bdbsi(powers: list[int], response: int = 1, time_beam: int = 1) -> bytes:
    return frame(f"BDBSI,{response:02d},{time_beam:02d}," + ",".join(str(p) for p in powers))


def bdtci(sender: str, to: str, text: str, *, hhmmss: str = "000000") -> bytes:
    coding = 3 if needs_mixed(text) else 1
    return frame(f"BDTCI,{sender},{to},2,{hhmmss},{coding},0,{text.encode('gb18030').hex().upper()}")


__all__ = ["BeidouParser", "detect_dialect", "decode_content", "card_str", "cctxa", "cctcq", "ccica", "ccicr",
           "ccrmo", "ccdwa", "message_bits", "bdtxr", "bdfki", "bdici", "bddwr", "bdbsi", "bdtci",
           "bdfki_bds3"]
