# Two commands on a fresh machine:
#   make serve   install what is needed, then preview the site at http://127.0.0.1:8000/
#   make test    install what is needed, then run the whole test suite
# Everything else here is a step of those two, or a tool for contributors.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build check bench install install-test browser clean

serve: install
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: install
	$(BIN)/mkdocs build --strict

test: install-test browser
	$(BIN)/python -m pytest

check: install
	$(BIN)/python scripts/translations.py check

bench: install-test browser
	$(BIN)/python bench/benchmark.py

# The virtual environment is rebuilt only when a requirements file changes.
install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements.txt requirements-test.txt $(VENV)/.installed
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

# Browser tests use Debian's Chromium (Playwright cannot download its own
# browser here) and Noto/DejaVu fonts so Arabic glyphs are shaped.
browser:
	@bash scripts/install-browser.sh

clean:
	rm -rf site $(VENV) .pytest_cache
