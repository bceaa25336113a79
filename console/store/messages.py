"""Plain-language messages for environment failures, for the command line (the GUI translates its own)."""
from __future__ import annotations

from console.store.errors import StoreUnavailable

_MSG = {
    "zh_CN": {
        "disk_full": "磁盘已满，无法保存。已保存的数据没有丢失。请释放磁盘空间后重试。",
        "read_only": "数据库文件为只读，无法保存。已保存的数据没有丢失。请检查文件权限或介质。",
        "locked": "数据库正被另一个程序占用。请稍后重试，或关闭另一个控制台实例。",
        "cannot_open": "无法打开数据库文件。请检查路径和权限。",
        "io_error": "读写数据库时发生磁盘错误。已保存的数据没有丢失。请检查磁盘。",
        "corrupt": "数据库文件已损坏或不是本程序的数据库。请从备份恢复。",
    },
    "en": {
        "disk_full": "The disk is full; nothing could be saved. Data already saved is intact. Free some space and retry.",
        "read_only": "The database is read-only; nothing could be saved. Data already saved is intact.",
        "locked": "The database is in use by another program. Retry shortly, or close the other console.",
        "cannot_open": "The database file cannot be opened. Check the path and permissions.",
        "io_error": "A disk error occurred. Data already saved is intact. Check the disk.",
        "corrupt": "The database file is damaged or not a console database. Restore it from a backup.",
    },
}


def describe(exc: StoreUnavailable, lang: str = "zh_CN") -> str:
    table = _MSG.get(lang, _MSG["en"])
    return f"{table.get(exc.kind, exc.kind)} ({exc.detail})"
