# Newsdesk: the pelican-quickstart targets plus install, ingest, test, bench.
PY?=python3
VENV?=.venv
BIN=$(VENV)/bin
PELICAN?=$(BIN)/pelican
PELICANOPTS?=

BASEDIR=$(CURDIR)
INPUTDIR=$(BASEDIR)/content
OUTPUTDIR=$(BASEDIR)/output
CONFFILE=$(BASEDIR)/pelicanconf.py
PUBLISHCONF=$(BASEDIR)/publishconf.py

PORT?=8000
SERVER?=127.0.0.1
SSH_HOST?=
SSH_USER?=
SSH_TARGET_DIR?=
GITHUB_PAGES_BRANCH?=gh-pages

ifeq ($(DEBUG), 1)
	PELICANOPTS += -D
endif
ifeq ($(STRICT), 1)
	PELICANOPTS += --fatal warnings
endif

STAMP=$(VENV)/.installed
# The search index (output/pagefind/): the pagefind PyPI package ships the binary.
# Its exit status stops make; `search-check` catches the index a full disk leaves empty with exit 0.
PAGEFIND=$(BIN)/python -m pagefind --site "$(OUTPUTDIR)" --silent && PYTHONPATH="$(BASEDIR)/plugins" $(BIN)/python -m newsdesk.cli search-check "$(OUTPUTDIR)"

.PHONY: help install ingest html clean regenerate serve serve-global devserver publish rsync_upload github test test-fast lint bench eval

help:
	@echo 'Newsdesk'
	@echo '  make html         build the site into output/ (creates .venv and ingests content/raw first)'
	@echo '  make ingest       clean content/raw into content/articles only'
	@echo '  make serve        serve output/ at http://$(SERVER):$(PORT)'
	@echo '  make devserver    rebuild on every change (raw texts too) and serve'
	@echo '  make regenerate   rebuild on every change, without serving'
	@echo '  make publish      build with publishconf.py (absolute URLs) for deployment'
	@echo '  make rsync_upload publish, then rsync output/ to SSH_USER@SSH_HOST:SSH_TARGET_DIR'
	@echo '  make github       publish, then push output/ to the $(GITHUB_PAGES_BRANCH) branch'
	@echo '  make test         run the test suite (every tier)'
	@echo '  make test-fast    the unit tier only'
	@echo '  make bench        print speed and memory figures'
	@echo '  make eval         extraction and topic quality on ../shared/corpus (when present)'
	@echo '  make eval-topics  topic precision/recall on the Reuters corpus in ../shared/corpus'
	@echo '  make bench-stories story grouping time and memory, 1k..100k articles'
	@echo '  make clean        remove output/'
	@echo 'Options: STRICT=1 (warnings fail the build), DEBUG=1, PORT=8000'

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

ingest: $(STAMP)
	$(BIN)/newsdesk --content "$(INPUTDIR)" ingest $(if $(filter 1,$(STRICT)),--strict)

# STRICT=1: ingest first and stop with a failing status when any raw text was skipped or warned
# about (all messages and the summary are printed); then Pelican's --fatal warnings.
STRICT_INGEST=$(if $(filter 1,$(STRICT)),$(BIN)/newsdesk --content "$(INPUTDIR)" ingest --strict)

# A no-op build runs nothing: site/uptodate.py exits 0 when output/ is what a build of these
# inputs with these options gave last time and nothing has touched it since; `newsdesk built`
# records that after a build that ended well.
BUILT_FROM="$(OUTPUTDIR)" "$(INPUTDIR)" "$(BASEDIR)/theme" "$(BASEDIR)/plugins" "$(CONFFILE)" \
	"$(BASEDIR)/pelicanconf.py" "$(STAMP)" --options "$(CONFFILE) $(PELICANOPTS)"
UP_TO_DATE=$(BIN)/python "$(BASEDIR)/plugins/newsdesk/site/uptodate.py" $(BUILT_FROM)

html: $(STAMP)
	$(STRICT_INGEST)
	$(UP_TO_DATE) || { "$(PELICAN)" "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(CONFFILE)" $(PELICANOPTS) \
		&& $(PAGEFIND) && $(BIN)/newsdesk built $(BUILT_FROM); }

clean:
	[ ! -d "$(OUTPUTDIR)" ] || rm -rf "$(OUTPUTDIR)"

regenerate: $(STAMP)
	"$(PELICAN)" -r "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(CONFFILE)" $(PELICANOPTS) -e NEWSDESK_PAGEFIND_ON_BUILD=true NEWSDESK_LOCK_BUSY='"skip"'

serve: $(STAMP)
	"$(PELICAN)" -l "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(CONFFILE)" $(PELICANOPTS) -p $(PORT) -b $(SERVER)

serve-global: $(STAMP)
	"$(PELICAN)" -l "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(CONFFILE)" $(PELICANOPTS) -p $(PORT) -b 0.0.0.0

devserver: $(STAMP)
	"$(PELICAN)" -lr "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(CONFFILE)" $(PELICANOPTS) -e NEWSDESK_PAGEFIND_ON_BUILD=true NEWSDESK_LOCK_BUSY='"skip"' -p $(PORT) -b $(SERVER)

publish: $(STAMP)
	$(STRICT_INGEST)
	"$(PELICAN)" "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(PUBLISHCONF)" $(PELICANOPTS)
	$(PAGEFIND)

rsync_upload: publish
	rsync -e "ssh" -P -rvzc --include tags --cvs-exclude --delete "$(OUTPUTDIR)"/ "$(SSH_USER)@$(SSH_HOST):$(SSH_TARGET_DIR)"

github: publish
	$(BIN)/python -m pip install --quiet ghp-import==2.1.0
	$(BIN)/ghp-import -m "Generate Pelican site" -b $(GITHUB_PAGES_BRANCH) "$(OUTPUTDIR)"
	git push origin $(GITHUB_PAGES_BRANCH)

test: $(STAMP)
	bash tests/install-system-packages.sh
	$(BIN)/python -m pytest -q

# The unit tier alone (pure functions, no Pelican build, no browser): the quick loop.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m unit

lint: $(STAMP)
	$(BIN)/ruff check plugins tests bench
	$(BIN)/ruff format --check plugins tests bench

bench: $(STAMP)
	bash tests/install-system-packages.sh bench/system-packages.txt
	$(BIN)/python bench/run.py

.PHONY: eval eval-topics bench-stories
# Every evaluation runs (each prints its rows and says when the corpus is absent); the
# target fails at the end when any of them missed a target.
EVALS=bench/eval.py bench/eval_layouts.py bench/eval_web.py bench/eval_exports_nexis.py \
	bench/eval_exports_factiva.py bench/eval_pdf.py bench/eval_stories.py bench/eval_topics.py
eval: $(STAMP)
	@status=0; for script in $(EVALS); do echo "== $$script"; $(BIN)/python $$script || status=1; done; exit $$status

eval-topics: $(STAMP)
	$(BIN)/python bench/eval_topics.py

bench-stories: $(STAMP)
	$(BIN)/python bench/stories.py
