"""Regenerates the Qt translation: extracts every UI string from console/ with pyside6-lupdate, fills
the zh_CN translations from resources/i18n/zh_CN.json (context-specific keys "Context|source" win
over plain "source" keys), and compiles the .qm with pyside6-lrelease.

    python tools/i18n.py            # update .ts and .qm
    python tools/i18n.py --missing  # list strings without a translation, exit 1 if any
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from console.paths import RESOURCES

ROOT = Path(__file__).resolve().parent.parent  # the checkout whose sources are scanned
I18N = RESOURCES / "i18n"
BIN = Path(sys.executable).parent


def sources() -> list[Path]:
    return sorted(p for p in (ROOT / "console").rglob("*.py"))


def extract(ts: Path) -> ET.ElementTree:
    subprocess.run([str(BIN / "pyside6-lupdate"), *map(str, sources()), "-ts", str(ts), "-no-obsolete",
                    "-locations", "none", "-silent"], check=True, cwd=ROOT)
    return ET.parse(ts)


def messages(tree: ET.ElementTree):
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            yield name, msg


def fill(tree: ET.ElementTree, glossary: dict[str, str]) -> list[str]:
    missing = []
    for ctx, msg in messages(tree):
        src = msg.findtext("source") or ""
        zh = glossary.get(f"{ctx}|{src}", glossary.get(src))
        tr = msg.find("translation")
        assert tr is not None
        if msg.get("numerus") == "yes":
            for child in list(tr):
                tr.remove(child)
            if zh:
                ET.SubElement(tr, "numerusform").text = zh
        else:
            tr.text = zh or ""
        if zh:
            tr.attrib.pop("type", None)
        else:
            tr.set("type", "unfinished")
            missing.append(f"{ctx}|{src}")
    return missing


def main(argv: list[str]) -> int:
    glossary = json.loads((I18N / "zh_CN.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        tree = extract(Path(tmp) / "console_zh_CN.ts")
    missing = fill(tree, glossary)
    if "--missing" in argv:
        print("\n".join(missing))
        return 1 if missing else 0
    tree.getroot().set("language", "zh_CN")
    ts = I18N / "console_zh_CN.ts"
    ET.indent(tree)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    subprocess.run([str(BIN / "pyside6-lrelease"), str(ts), "-qm", str(I18N / "console_zh_CN.qm"), "-silent"],
                   check=True)
    print(f"{ts.name}: {len(missing)} untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
