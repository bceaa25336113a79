"""The one refusal of a sync batch, shared by the service that decides it and the links that carry it."""
from __future__ import annotations


class SyncRefused(Exception):
    """A batch that was not applied; the message says why, in plain words."""
