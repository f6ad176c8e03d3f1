# Two entry points (see README): `make all` runs the main job, `make test` the test suite.
# Each creates .venv from the project's own files (pyproject.toml + constraints.txt) first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
CORPUS ?= corpus
RESULTS ?= results
FIGURES ?= figures

.PHONY: all test install analyze figures lint clean

all: analyze figures  ## main job: analyse $(CORPUS), write $(RESULTS)/, regenerate $(FIGURES)/

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[notebooks,parquet,dask,test]"
	touch $(STAMP)

install: $(STAMP)

analyze: $(STAMP)
	$(BIN)/textstudy analyze $(CORPUS) -o $(RESULTS)

figures: $(STAMP)
	$(BIN)/textstudy figures --corpus $(CORPUS) --figures $(FIGURES) --results $(RESULTS)

lint: $(STAMP)
	$(BIN)/ruff check textstudy tests benchmarks

test: $(STAMP) lint  ## the test suite (what CI runs)
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) $(RESULTS) build .pytest_cache
