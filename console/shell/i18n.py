"""Installing the UI translation: zh_CN is the primary language, English the source."""
from __future__ import annotations

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from console.paths import RESOURCES

log = logging.getLogger("console.shell")


def install_translation(app: QApplication, lang: str) -> list[QTranslator]:
    installed: list[QTranslator] = []
    if lang == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return installed
    QLocale.setDefault(QLocale(lang))
    ours = QTranslator(app)
    if ours.load(str(RESOURCES / "i18n" / f"console_{lang}.qm")):
        app.installTranslator(ours)
        installed.append(ours)
    else:
        log.error("translation for %s is missing", lang)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    return installed
