# Two entry points (see README): `make demo` and `make test`. Everything else is a helper.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check -q
EXAMPLE := examples/putin-nato-daily-post.txt

.PHONY: demo test setup setup-dev bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Runtime install: onnxruntime + tokenizers, no torch.
$(VENV)/.runtime: pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	touch $@

# Development install: tests, and the [train] extra (torch 2.13.0 CPU from the local wheel).
$(VENV)/.dev: pyproject.toml | $(BIN)/python
	$(PIP) install -e '.[dev,train]'
	touch $(VENV)/.runtime $@

setup: $(VENV)/.runtime
setup-dev: $(VENV)/.dev

demo: $(VENV)/.runtime
	$(BIN)/slant analyze $(EXAMPLE) --format text
	$(BIN)/slant analyze $(EXAMPLE) --format html -o slant-example.html
	@echo "Open slant-example.html in a browser to see the highlighted article."

test: $(VENV)/.dev
	sh scripts/install-browser.sh  # Debian's Chromium for tests/browser (a no-op when present)
	$(BIN)/python -m pytest -q

bench: $(VENV)/.dev
	$(BIN)/python benchmarks/bench_clean.py

clean:
	rm -rf $(VENV) build *.egg-info slant-example.html
