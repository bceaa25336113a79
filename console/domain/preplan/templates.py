"""Notification templates: `{field}` placeholders and nothing more.

str.format would also accept conversions (`{title!r}`), format specs (`{title:>200000000}`, `{deaths:05d}`)
and nested fields (`{title:{0}}`): each either fails at activation with a ValueError or lets a plan author
make a 200 MB radio message. Here a placeholder is a bare known name; `{{` and `}}` are literal braces.
The validator parses with the same function the renderer uses, so what validates renders.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

MAX_TEMPLATE_CHARS = 2000
MAX_PLACEHOLDERS = 50
# A filled-in value is cut here: a notification is a message, and its values come from an incident.
MAX_VALUE_CHARS = 500

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_NAME = re.compile(r"[a-z_][a-z0-9_]*")


class TemplateError(ValueError):
    """The message is meant for the plan's author."""


@dataclass(frozen=True)
class _Part:
    text: str
    is_field: bool


def parse(template: str, known: Iterable[str]) -> tuple[_Part, ...]:
    """Split `template` into literal text and field names; TemplateError names the first problem."""
    if len(template) > MAX_TEMPLATE_CHARS:
        raise TemplateError(
            f"the text is {len(template)} characters long; at most {MAX_TEMPLATE_CHARS} are allowed"
        )
    names = set(known)
    parts: list[_Part] = []
    literal: list[str] = []
    pos = fields = 0
    for m in _TOKEN.finditer(template):
        literal.append(template[pos:m.start()])
        pos = m.end()
        token = m.group(0)
        if token in ("{{", "}}"):
            literal.append(token[0])
            continue
        if token in ("{", "}"):
            raise TemplateError(f"single {token!r} at character {m.start() + 1} "
                                "(write literal braces as {{ and }})")
        name = m.group(1).strip()
        if not _NAME.fullmatch(name):
            shown = m.group(0) if len(m.group(0)) <= 40 else m.group(0)[:37] + "..."
            raise TemplateError(
                f"placeholder {shown} is not a plain name: conversions (!), format specs (:), "
                "indexes and attributes are not allowed"
            )
        if name not in names:
            raise TemplateError(f"unknown placeholder {{{name}}} (known: {', '.join(sorted(names))})")
        fields += 1
        if fields > MAX_PLACEHOLDERS:
            raise TemplateError(f"more than {MAX_PLACEHOLDERS} placeholders")
        parts.append(_Part("".join(literal), False))
        literal = []
        parts.append(_Part(name, True))
    literal.append(template[pos:])
    parts.append(_Part("".join(literal), False))
    return tuple(p for p in parts if p.is_field or p.text)


def check(template: str, known: Iterable[str]) -> str | None:
    """The problem with `template`, or None when it renders."""
    try:
        parse(template, known)
    except TemplateError as e:
        return str(e)
    return None


def render(template: str, values: Mapping[str, object]) -> str:
    """Fill in the placeholders; a template that does not parse is a bug in validation, so it raises."""
    out = []
    for part in parse(template, values.keys()):
        if part.is_field:
            out.append(str(values[part.text])[:MAX_VALUE_CHARS])
        else:
            out.append(part.text)
    return "".join(out)
