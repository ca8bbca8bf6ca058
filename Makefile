# Two commands: `make run` serves the advisor, `make test` passes the tests.
# Each creates .venv when missing and installs what it needs on a fresh machine.
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
STAMP  := $(VENV)/.installed
LOCK   := requirements.lock
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: install run test lint typecheck unit bench ingest clean browser services pdf-tools eval lock

$(PY):
	python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# torch goes first and pinned: an unpinned torch pulls a multi-GB CUDA build.
# Every other version comes from the lock file (constraints: a dependency added to pyproject.toml
# but not locked yet still installs; `make lock` then pins it).
$(STAMP): pyproject.toml $(LOCK) | $(PY)
	$(PIP) install --quiet torch==2.13.0
	$(PIP) install --quiet -c $(LOCK) -e '.[dev,bench]'
	touch $(STAMP)

# Regenerate requirements.lock from pyproject.toml in a throwaway venv (after changing dependencies).
lock:
	rm -rf .lock-venv
	python3 -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip
	.lock-venv/bin/python -m pip install --quiet torch==2.13.0
	.lock-venv/bin/python -m pip install --quiet -e '.[dev,bench]'
	{ echo "# Exact versions for make install (constraints). Regenerate with: make lock"; \
	  echo "# torch is not here: the Makefile installs torch==2.13.0 (CPU) first."; \
	  .lock-venv/bin/python -m pip freeze --exclude-editable | grep -v -i -E '^(torch|triton|nvidia-[a-z0-9-]+)=='; \
	} > $(LOCK).tmp
	mv $(LOCK).tmp $(LOCK)
	rm -rf .lock-venv

install: $(STAMP)

run: install
	$(VENV)/bin/advisor serve --host $(HOST) --port $(PORT)

ingest: install
	$(VENV)/bin/advisor ingest

lint: install
	$(VENV)/bin/ruff check advisor tests bench server.py
	$(VENV)/bin/ruff format --check advisor tests bench server.py

typecheck: install
	$(VENV)/bin/mypy advisor

# Debian's Chromium for the widget's browser test (Playwright drives it; it never downloads a browser).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "note: chromium not installed; the browser test will be skipped (apt-get install chromium)"; fi; }

# Debian's PostgreSQL 15 and Redis 7: the tests start their own servers from these binaries.
services:
	@{ ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && command -v redis-server >/dev/null 2>&1; } || { \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql redis-server >/dev/null; \
	  else echo "note: postgresql/redis-server not installed; their tests will be skipped (apt-get install postgresql redis-server)"; fi; }

# Debian's WeasyPrint (its Pango/HarfBuzz libraries and fonts, for the PDF export) and poppler-utils
# (pdftotext and pdftoppm, which the PDF tests read the PDF with).
pdf-tools:
	@{ command -v pdftotext >/dev/null 2>&1 && dpkg -s weasyprint >/dev/null 2>&1; } || { \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq weasyprint poppler-utils >/dev/null; \
	  else echo "note: weasyprint/poppler-utils not installed; PDF export and its tests need them (apt-get install weasyprint poppler-utils)"; fi; }

unit: install browser services pdf-tools
	$(VENV)/bin/pytest

# The offline regression gate on the dev sets (exit 1 when a metric falls below evals/thresholds.yaml).
eval: install pdf-tools
	$(VENV)/bin/advisor eval --suite all --report test-artifacts/eval

test: lint typecheck unit eval

bench: install services
	$(PY) bench/bench_retrieval.py
	$(PY) bench/bench_answers.py
	$(PY) bench/bench_interview.py $(if $(BASELINE),--baseline $(BASELINE))
	$(PY) bench/bench_server.py
	$(PY) bench/bench_concurrency.py
	$(PY) bench/bench_crash.py
	$(PY) bench/bench_load.py
	$(PY) bench/bench_load.py --postgres-redis

clean:
	rm -rf $(VENV) .advisor .pytest_cache .mypy_cache .ruff_cache .lock-venv
