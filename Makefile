# `make run` and `make test` each set themselves up on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export QTWEBENGINE_DISABLE_SANDBOX ?= 1

.PHONY: run demo test lint bench translations clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

# qt_check: a display is there and Qt's X11 plugin finds its libraries (installed when root).
run: $(STAMP)
	@$(BIN)/python tools/qt_check.py
	$(BIN)/incident-console --demo-if-empty

demo: $(STAMP)
	@$(BIN)/python tools/qt_check.py
	$(BIN)/incident-console --demo

test: $(STAMP)
	$(BIN)/ruff check console tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench

translations: $(STAMP)
	$(BIN)/python tools/i18n.py

clean:
	rm -rf $(VENV)
