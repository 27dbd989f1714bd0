# The contributor's whole interface. `make help` lists the targets.
PYTHON      ?= python3
VENV        ?= .venv
PY          := $(VENV)/bin/python
LANGS       ?= id en
STAMP       := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help html gettext test system-deps clean
.PHONY: update-po po-status po-check add-language
.PHONY: bench audit lock

# Debian packages the full test suite needs (TeX, browser, checkers).
DEBIAN_PACKAGES := make gettext

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t18

$(STAMP): requirements.txt
	@tools/bootstrap.sh "$(PYTHON)" "$(VENV)"
	@touch $@

html: $(STAMP)  ## build the website, every language (LANGS="id en") into _build/html/
	$(PY) tools/build.py html --langs $(LANGS)

gettext: $(STAMP)  ## extract messages into _build/gettext/*.pot
	$(PY) -m sphinx -b gettext -W --keep-going -n -q -c . source _build/gettext

update-po: $(STAMP)  ## extract messages, update locales/*/LC_MESSAGES/*.po (sphinx-intl)
	$(PY) tools/i18n update

po-status: $(STAMP)  ## per catalog and language; fails if untranslated, fuzzy or stale
	$(PY) tools/i18n status

po-check: $(STAMP)  ## translations keep markup and glossary; msgfmt --check
	$(PY) tools/i18n check

add-language: $(STAMP)  ## scaffold a new language: make add-language LANG=xx
	LANG=C.UTF-8 $(PY) tools/i18n add-language "$(LANG)"

test: $(STAMP)  ## run the whole test suite (installs missing Debian packages as root)
	@tools/system_deps.sh $(DEBIAN_PACKAGES)
	$(PY) -m pytest

bench: $(STAMP)  ## measure build cost against the bare-Sphinx floor (prints ratios)
	$(PY) tools/bench.py

audit: $(STAMP)  ## check the pinned dependencies for known vulnerabilities (pip-audit; network)
	$(VENV)/bin/pip-audit --strict --require-hashes --disable-pip --progress-spinner off \
	    -r requirements.txt

lock: $(STAMP)  ## re-pin requirements.txt with hashes from requirements.in (pip-tools)
	$(VENV)/bin/pip-compile -q --generate-hashes --strip-extras --allow-unsafe \
	    -o requirements.txt requirements.in

system-deps:  ## install the Debian packages the tests need (as root)
	@tools/system_deps.sh $(DEBIAN_PACKAGES)

clean:  ## remove every build product (keeps the virtualenv)
	rm -rf _build
