# Two commands for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: demo test lint typecheck bench clean translations package system-deps

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,server,office]'
	touch $(STAMP)

# The app's interface translations: .ts (source, in git) -> .qm (build output, ignored).
TS := $(wildcard resources/translations/*.ts)
QM := $(TS:.ts=.qm)

translations: $(QM)

resources/translations/%.qm: resources/translations/%.ts | $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

demo: $(STAMP) translations
	$(VENV)/bin/paperless demo

# The system packages the tests and benchmarks use (tools/system-packages.txt): what is missing
# is installed with apt-get (as root, or through `sudo -n`); otherwise make stops at once and
# says the command to run. Nothing to do when everything is there.
system-deps:
	@PYTHON=$(PYTHON) tools/system-deps

# The office server's network tests that never touch Qt run in a pytest process of their own: a
# latent crash (a segfault in Qt's event processing at a later test's teardown, seen after the
# distribution tests had run in the same process as GUI tests; docs/testing-notes.md) must not
# take the whole run down while it is found. Both processes must pass.
NOQT_TESTS = $(shell grep -L -E "qtbot|qapp|PySide6|paperless\.gui" $(sort $(wildcard tests/test_distribution*.py tests/test_sync_*.py tests/test_server*.py tests/test_notes_sync.py tests/test_meeting_server.py tests/test_office_api.py tests/test_receipts*.py)))

test: system-deps $(STAMP) translations lint typecheck
	$(PY) -m pytest $(NOQT_TESTS)
	$(PY) -m pytest $(addprefix --ignore=,$(NOQT_TESTS))

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench

typecheck: $(STAMP)
	$(VENV)/bin/mypy

# Every script in bench/, each at its default size (some take minutes; docs/benchmarks.md has
# the figures). One at a time: make bench BENCH=bench/bench_search.py
BENCH ?= $(sort $(wildcard bench/bench_*.py))

bench: system-deps $(STAMP) translations
	@set -e; for script in $(BENCH); do echo "== $$script"; $(PY) $$script; done

# One-folder frozen build (PyInstaller, build.spec) in dist/paperless/.
package: $(STAMP) translations
	$(PY) -m pip install --quiet -e '.[package]'
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN build.spec
	@du -sh dist/paperless

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
