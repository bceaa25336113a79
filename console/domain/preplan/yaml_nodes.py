"""Composing a preplan's YAML into nodes, within bounds.

A preplan comes from outside (a file a colleague sent, a USB stick). PyYAML happily composes a 36 KB
file of aliases that expands to gigabytes when walked, and recurses once per level of nesting; this
loader refuses anchors and aliases outright and bounds nesting and the number of values, each with
the line where the bound was crossed.
"""
from __future__ import annotations

import yaml
from yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, ScalarEvent
from yaml.nodes import Node

MAX_FILE_CHARS = 512 * 1024
MAX_DEPTH = 16
MAX_NODES = 50_000


class Refused(yaml.YAMLError):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


class _BoundedLoader(yaml.SafeLoader):
    """Composes nodes only: no anchors or aliases (an alias bomb expands exponentially as it is walked),
    bounded nesting (the composer recurses) and a bounded number of nodes."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self._depth = 0
        self._nodes = 0

    def compose_node(self, parent: Node | None, index: object) -> Node | None:
        event = self.peek_event()
        line = event.start_mark.line + 1
        if isinstance(event, AliasEvent):
            raise Refused(line, f"alias *{event.anchor} is not allowed in a preplan: write the value out")
        if isinstance(event, ScalarEvent | CollectionStartEvent) and event.anchor is not None:
            raise Refused(line, f"anchor &{event.anchor} is not allowed in a preplan: write the value out")
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise Refused(line, f"more than {MAX_NODES} values: a preplan is not that large")
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise Refused(line, f"nested more than {MAX_DEPTH} levels deep")
            return super().compose_node(
                parent, index)  # type: ignore[arg-type]  # PyYAML stub: index is int, key nodes come too
        finally:
            self._depth -= 1


def compose(text: str) -> Node | None:
    """The document's root node (None for an empty document); Refused or yaml.YAMLError otherwise.

    With libyaml (PyYAML's wheels carry it) the events are first checked against the same bounds and
    then composed in C: the pure-Python scanner costs a tenth of a second per plan, and the console
    reads every plan when it first matches an incident. A text that fails goes through the Python
    loader, whose messages the officer sees."""
    if not yaml.__with_libyaml__:
        return _compose_in_python(text)
    try:
        _check_events(yaml.parse(text, Loader=yaml.CSafeLoader))
    except yaml.YAMLError:
        # A refusal or syntax error: worded and located by the Python loader, as every error always is
        return _compose_in_python(text)
    loader = yaml.CSafeLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _check_events(events) -> None:
    """The bounds of _BoundedLoader, counted over the event stream before anything is composed."""
    depth = nodes = 0  # depth: the collections the next value is nested in
    for event in events:
        if isinstance(event, CollectionEndEvent):
            depth -= 1
            continue
        if not isinstance(event, AliasEvent | ScalarEvent | CollectionStartEvent):
            continue
        line = event.start_mark.line + 1 if event.start_mark is not None else 1
        if isinstance(event, AliasEvent):
            raise Refused(line, f"alias *{event.anchor} is not allowed in a preplan: write the value out")
        if event.anchor is not None:
            raise Refused(line, f"anchor &{event.anchor} is not allowed in a preplan: write the value out")
        nodes += 1
        if nodes > MAX_NODES:
            raise Refused(line, f"more than {MAX_NODES} values: a preplan is not that large")
        if depth + 1 > MAX_DEPTH:
            raise Refused(line, f"nested more than {MAX_DEPTH} levels deep")
        if isinstance(event, CollectionStartEvent):
            depth += 1


def _compose_in_python(text: str) -> Node | None:
    loader = _BoundedLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()
