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
        "missing": "没有这个数据库文件（只读命令不会新建数据库）。请检查 --db 路径。",
        "newer_schema": "这个数据库由更新版本的程序创建，本程序无法读取。请更新程序。",
        "bad_schema": "数据库的结构版本号无效（文件可能已损坏）。请从备份恢复。",
        "needs_migration": "数据库结构较旧，需要先升级：请运行 `db migrate`（写入前会自动备份）。",
    },
    "en": {
        "disk_full": "The disk is full; nothing could be saved. Data already saved is intact. Free some "
                     "space and retry.",
        "read_only": "The database is read-only; nothing could be saved. Data already saved is intact.",
        "locked": "The database is in use by another program. Retry shortly, or close the other console.",
        "cannot_open": "The database file cannot be opened. Check the path and permissions.",
        "io_error": "A disk error occurred. Data already saved is intact. Check the disk.",
        "corrupt": "The database file is damaged or not a console database. Restore it from a backup.",
        "missing": "There is no database at this path (read commands never create one). Check --db.",
        "newer_schema": "This database was made by a newer version of the program. Update the program.",
        "bad_schema": "The database's schema version is not valid (the file may be damaged). Restore it from "
                      "a backup.",
        "needs_migration": "The database has an older schema: run `db migrate` first (it backs up before "
                           "changing).",
    },
}


def describe(exc: StoreUnavailable, lang: str = "zh_CN") -> str:
    table = _MSG.get(lang, _MSG["en"])
    return f"{table.get(exc.kind, exc.kind)} ({exc.detail})"
