"""The one place where a command's failure becomes words and an exit code, never a traceback.

Exit codes: 0 ok, 1 refused or failed check, 2 bad usage, 3 environment failure (the disk, the
database file, the output)."""
from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Callable

# Set to see the traceback of an unexpected failure (for developers).
DEBUG_ENV = "INCIDENT_CONSOLE_DEBUG"

_DAMAGED = {
    "zh_CN": "数据库中有无法读取的内容（文件可能已损坏）：{detail}。请运行 `db check`，必要时从备份恢复。",
    "en": "The database holds data this program cannot read (the file may be damaged): {detail}. "
          "Run `db check` and restore from a backup if needed.",
}
_OUTPUT = {
    "zh_CN": "无法写出结果：{detail}",
    "en": "Cannot write the output: {detail}",
}
_INTERNAL = {
    "zh_CN": "内部错误（{detail}）。已保存的数据没有丢失。设置 {env}=1 可查看详情。",
    "en": "Internal error ({detail}). Data already saved is intact. Set {env}=1 for details.",
}


def _say(table: dict[str, str], lang: str, **kw) -> None:
    print(table.get(lang, table["en"]).format(**kw), file=sys.stderr)


def _silence_stdout() -> None:
    """The reader went away or the output cannot be written: point stdout at /dev/null so the
    interpreter's final flush does not fail a second time."""
    try:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, sys.stdout.fileno())
        os.close(fd)
    except (OSError, ValueError):
        pass


def guarded(command: Callable[[], int], lang: str = "zh_CN") -> int:
    from console.domain.access import Refused
    from console.store.errors import StoreUnavailable, classify
    from console.store.messages import describe

    try:
        code = command()
        sys.stdout.flush()
        return code
    except BrokenPipeError:  # e.g. `| head`: the reader has what it wanted
        _silence_stdout()
        return 0
    except KeyboardInterrupt:
        return 130
    except Refused as exc:  # the acting account's position may not do this; the refusal is logged
        print(exc.message, file=sys.stderr)
        return 1
    except StoreUnavailable as exc:
        print(describe(exc, lang), file=sys.stderr)
        return 3
    except sqlite3.Error as exc:
        env = classify(exc)
        if env is not None:
            print(describe(env, lang), file=sys.stderr)
        else:
            _say(_DAMAGED, lang, detail=f"{type(exc).__name__}: {exc}")
        return 3
    except OSError as exc:
        _silence_stdout()
        _say(_OUTPUT, lang, detail=exc.strerror or str(exc))
        return 3
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as exc:
        if os.environ.get(DEBUG_ENV):
            raise
        # What the store hands back was not what it wrote: undecodable text, an unknown enum
        # value, a malformed timestamp or JSON.
        _say(_DAMAGED, lang, detail=f"{type(exc).__name__}: {str(exc)[:200]}")
        return 3
    except Exception as exc:
        if os.environ.get(DEBUG_ENV):
            raise
        _say(_INTERNAL, lang, detail=f"{type(exc).__name__}: {str(exc)[:200]}", env=DEBUG_ENV)
        return 1
