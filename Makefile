# Two commands for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: demo test lint typecheck bench clean translations package

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The app's interface translations: .ts (source, in git) -> .qm (build output, ignored).
TS := $(wildcard resources/translations/*.ts)
QM := $(TS:.ts=.qm)

translations: $(QM)

resources/translations/%.qm: resources/translations/%.ts | $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

demo: $(STAMP) translations
	$(VENV)/bin/paperless demo

test: $(STAMP) translations lint typecheck
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench

typecheck: $(STAMP)
	$(VENV)/bin/mypy

bench: $(STAMP) translations
	$(PY) bench/bench_age.py
	$(PY) bench/bench_bundle.py
	$(PY) bench/bench_render.py
	$(PY) bench/bench_search.py
	$(PY) bench/bench_startup.py

# One-folder frozen build (PyInstaller, build.spec) in dist/paperless/.
package: $(STAMP) translations
	$(PY) -m pip install --quiet -e '.[package]'
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN build.spec
	@du -sh dist/paperless

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
