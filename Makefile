# The contributor's whole interface. `make help` lists the targets.
PYTHON      ?= python3
VENV        ?= .venv
PY          := $(VENV)/bin/python
# LANGS empty: the released editions of locales/languages.yaml
LANGS       ?=
STAMP       := $(VENV)/.installed
# the console scripts of pyproject.toml (installed editable by tools/bootstrap.sh)
BUILD       := $(VENV)/bin/textbook-build
PO          := $(VENV)/bin/textbook-po

.DEFAULT_GOAL := help
.PHONY: help html site gettext test test-fast system-deps clean
.PHONY: pdf epub coursepack chapters release
.PHONY: update-po po-status po-check po-lint glossary-tbx add-language
.PHONY: bench audit lock lint
.PHONY: serve serve-site lighthouse

# Debian packages. make html needs none of them: it leaves out (and names) the
# checks whose tools are missing; make po-check and make site install these
# (as root) or name the command that does.
CHECK_PACKAGES := gettext hunspell hunspell-id hunspell-en-us
# print: xelatex via latexmk, Indonesian hyphenation, fonts; qrcode.sty (texlive-pictures);
# the accessible PDF: WeasyPrint's Pango and its DejaVu fonts
BOOK_PACKAGES  := texlive-xetex texlive-fonts-recommended texlive-lang-other latexmk xindy \
                  fonts-freefont-otf texlive-pictures libpango-1.0-0 libpangoft2-1.0-0 \
                  fonts-dejavu-core
# the full test suite: browser (Playwright drives chromium), vnu (Java), npm checkers
# (npm counts as present when a nodejs build ships it), epubcheck, poppler-utils
TEST_PACKAGES  := make chromium openjdk-17-jre-headless nodejs npm epubcheck poppler-utils
DEBIAN_PACKAGES := $(CHECK_PACKAGES) $(BOOK_PACKAGES) $(TEST_PACKAGES)
# course packs (textbook-build checks them; its defaults: two sides, sequential, A4)
CHAPTERS    ?=
SIDES       ?=
LAYOUT      ?=
PAPER       ?=
PACK        ?=
NODE_STAMP  := node_modules/.package-lock.json
SERVE_LANG  ?= id
# make coursepack takes these variables only (a misspelt one would be ignored)
ifneq ($(filter coursepack,$(MAKECMDGOALS)),)
$(foreach v,$(.VARIABLES),$(if $(filter command line,$(origin $(v))),$(if $(filter $(v),\
  PACK CHAPTERS LANGS SIDES LAYOUT PAPER PYTHON VENV),,$(error $(v): make coursepack has no \
  such variable; it takes PACK, or CHAPTERS LANGS SIDES LAYOUT PAPER))))
endif
# the test tiers (markers: tests/helpers/tiers.py); `make test` runs them all
FAST_TIER   := not browser and not print and not epub and not slow
NEW_LANG    ?=

# Every variable a user may set reaches a shell, so each is checked here, unexpanded:
# letters, digits and . _ - / + = , only (e.g. LANGS='id en; touch x' stops make).
SAFE_CHARS := a b c d e f g h i j k l m n o p q r s t u v w x y z \
              A B C D E F G H I J K L M N O P Q R S T U V W X Y Z \
              0 1 2 3 4 5 6 7 8 9 . _ - / + = ,
strip_safe = $(if $(2),$(call strip_safe,$(subst $(firstword $(2)),,$(1)),$(wordlist 2,99,$(2))),$(1))
$(foreach v,PYTHON VENV LANGS CHAPTERS SIDES LAYOUT PAPER PACK SERVE_LANG NEW_LANG AUDIT_FLAGS,\
  $(if $(strip $(call strip_safe,$(value $(v)),$(SAFE_CHARS))),\
    $(error $(v)='$(value $(v))': only letters, digits and . _ - / + = , are allowed)))

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t18

$(STAMP): requirements.txt pyproject.toml
	@tools/bootstrap.sh "$(PYTHON)" "$(VENV)"
	@touch $@

html: $(STAMP)  ## build the website (released editions; LANGS="id en xx" adds a draft preview)
	$(BUILD) html$(if $(LANGS), --langs $(LANGS))

site: $(STAMP)  ## PDF, EPUB and website, every check run: what is published
	@tools/system_deps.sh $(CHECK_PACKAGES) $(BOOK_PACKAGES)
	$(BUILD) pdf --all-checks$(if $(LANGS), --langs $(LANGS))
	$(BUILD) epub --all-checks$(if $(LANGS), --langs $(LANGS))
	$(BUILD) html --all-checks$(if $(LANGS), --langs $(LANGS))

release: $(STAMP)  ## tag the commit as edition X.Y: make release VERSION=X.Y (refused while something is missing)
	$(BUILD) release --edition "$(VERSION)"

pdf: $(STAMP)  ## A4 PDF per language (xelatex) + accessible PDF/UA (WeasyPrint) into _build/pdf/; SIDES=one: _build/pdf-oneside/
	@tools/system_deps.sh $(BOOK_PACKAGES)
	$(BUILD) pdf$(if $(LANGS), --langs $(LANGS))$(if $(SIDES), --sides $(SIDES))

epub: $(STAMP)  ## EPUB per language into _build/epub/ (+ _build/html/downloads/)
	$(BUILD) epub$(if $(LANGS), --langs $(LANGS))

# make coursepack passes what it is given to textbook-build, which checks it (one validator)
coursepack: $(STAMP)  ## PDF of chapters: make coursepack PACK=coursepacks/<name>.yaml, or CHAPTERS="a b" LANGS="id en" SIDES=one|two LAYOUT=sequential|parallel PAPER=a4|a5|letter
	@tools/system_deps.sh $(BOOK_PACKAGES)
	$(BUILD) coursepack$(if $(PACK), --pack $(PACK))$(if $(CHAPTERS), --chapters \
	    $(CHAPTERS))$(if $(LANGS), --langs $(LANGS))$(if $(SIDES), --sides $(SIDES))$(if \
	    $(LAYOUT), --layout $(LAYOUT))$(if $(PAPER), --paper $(PAPER))

chapters: $(STAMP)  ## number, file name and title of every chapter (LANGS="id en")
	@$(BUILD) chapters$(if $(LANGS), --langs $(LANGS))

gettext: $(STAMP)  ## extract messages into _build/gettext/*.pot
	$(PY) -m sphinx -b gettext -W --keep-going -n -q -c . source _build/gettext

update-po: $(STAMP)  ## extract messages, update locales/*/LC_MESSAGES/*.po (sphinx-intl)
	$(PO) update

po-status: $(STAMP)  ## per catalog and language; fails if untranslated, fuzzy or stale
	$(PO) status

po-check: $(STAMP)  ## translations keep markup and glossary; msgfmt --check; spelling
	@tools/system_deps.sh $(CHECK_PACKAGES)
	$(PO) check

po-lint: $(STAMP)  ## pofilter and dennis over the catalogs (the project's settings)
	$(PO) lint

glossary-tbx: $(STAMP)  ## locales/glossary.yaml as TBX for a translation platform (_build/glossary/)
	$(PO) glossary-tbx

add-language: $(STAMP)  ## scaffold a new language: make add-language NEW_LANG=xx
	$(if $(filter command line,$(origin LANG)),$(error LANG is the locale variable: \
	    use make add-language NEW_LANG=xx))
	$(PO) add-language "$(NEW_LANG)"

test: $(STAMP)  ## run the whole test suite (installs missing Debian packages as root)
	@tools/system_deps.sh $(DEBIAN_PACKAGES)
	@$(MAKE) --no-print-directory $(NODE_STAMP)
	TEXTBOOK_FULL_SUITE=1 $(PY) -m pytest -n auto --dist loadfile

test-fast: $(STAMP)  ## the tests that need no TeX, browser or e-book checker and are quick
	$(PY) -m pytest -n auto -m "$(FAST_TIER)"

bench: $(STAMP)  ## measure build cost against the bare-Sphinx floor (prints ratios)
	$(PY) tools/bench.py

audit: $(STAMP)  ## check the pins for known vulnerabilities (pip-audit; needs its service)
	$(PY) tools/audit.py $(AUDIT_FLAGS)

lint: $(STAMP)  ## ruff lint and format check over the code (pyproject.toml [tool.ruff])
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

lock: $(STAMP)  ## re-pin requirements.txt with hashes from requirements.in (pip-tools)
	$(VENV)/bin/pip-compile -q --generate-hashes --no-strip-extras --allow-unsafe \
	    --no-emit-index-url --no-emit-find-links -o requirements.txt requirements.in

$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund

serve: $(STAMP)  ## live preview of one edition (SERVE_LANG=id|en) on http://127.0.0.1:8000/
	$(VENV)/bin/sphinx-autobuild -b html -D language=$(SERVE_LANG) -c . \
	    -d _build/doctrees/serve-$(SERVE_LANG) --host 127.0.0.1 --port 8000 \
	    --watch tools/textbook --watch locales --watch conf.py --watch bibliography.bib \
	    source _build/serve/$(SERVE_LANG)

serve-site: html  ## serve the built site (_build/html, both editions) on http://127.0.0.1:8000/
	$(PY) -m http.server --bind 127.0.0.1 --directory _build/html 8000

lighthouse: $(STAMP) $(NODE_STAMP)  ## Lighthouse mobile scores + first-load bytes on loopback
	PYTHONPATH=tests $(PY) tools/lighthouse.py

system-deps:  ## install the Debian packages the tests need (as root)
	@tools/system_deps.sh $(DEBIAN_PACKAGES)

clean:  ## remove every build product (keeps the virtualenv)
	rm -rf _build
