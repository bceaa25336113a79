"""Numbered schema steps in db/migrations, applied in order and recorded in PRAGMA user_version.
A step is NNNN_name.sql (a script) or NNNN_name.py (a `migrate(conn)` function, for data moves)."""
from __future__ import annotations

import importlib.util
import logging
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("console.store")
_NAME = re.compile(r"^(\d{4})_[\w-]+\.(sql|py)$")


@dataclass(frozen=True)
class Step:
    version: int
    path: Path


def discover(directory: Path) -> list[Step]:
    steps = []
    for p in sorted(directory.iterdir()):
        m = _NAME.match(p.name)
        if m:
            steps.append(Step(int(m.group(1)), p))
    versions = [s.version for s in steps]
    if versions != list(range(1, len(steps) + 1)):
        raise RuntimeError(f"migrations must be numbered 1..n without gaps, found {versions}")
    return steps


def latest_version(directory: Path) -> int:
    return len(discover(directory))


def _run_step(conn: sqlite3.Connection, step: Step) -> None:
    if step.path.suffix == ".sql":
        # executescript would commit our transaction; run statement by statement instead.
        script = step.path.read_text(encoding="utf-8")
        for stmt in _split_sql(script):
            conn.execute(stmt)
    else:
        spec = importlib.util.spec_from_file_location(f"migration_{step.version:04d}", step.path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.migrate(conn)


def _split_sql(script: str) -> list[str]:
    out, buf = [], []
    for line in script.splitlines():
        if line.strip().startswith("--"):
            continue
        buf.append(line)
        if sqlite3.complete_statement("\n".join(buf)):
            stmt = "\n".join(buf).strip()
            if stmt:
                out.append(stmt)
            buf = []
    if "\n".join(buf).strip():
        raise RuntimeError("incomplete SQL statement at end of migration script")
    return out


def apply(conn: sqlite3.Connection, directory: Path, target: int | None = None) -> list[int]:
    """Apply pending steps up to target, each in its own transaction. Returns versions applied."""
    steps = discover(directory)
    target = len(steps) if target is None else target
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    if current < 0 or current > len(steps):
        raise RuntimeError(
            f"database schema version {current} is not one this program knows (1..{len(steps)})"
        )
    applied = []
    for step in steps[current:target]:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have applied this step while we waited for the write lock.
            if conn.execute("PRAGMA user_version").fetchone()[0] >= step.version:
                conn.execute("COMMIT")
                continue
            _run_step(conn, step)
            conn.execute(f"PRAGMA user_version = {step.version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        log.info("applied migration %s", step.path.name)
        applied.append(step.version)
    return applied
