#!/bin/sh
# Create the virtualenv and install the pinned, hashed dependencies.
# usage: tools/bootstrap.sh PYTHON VENV
set -eu
python=$1 venv=$2
if ! "$python" -m venv "$venv" 2>/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "bootstrap: installing python3-venv" >&2
        apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
        "$python" -m venv "$venv"
    else
        echo "bootstrap: '$python -m venv' failed; install it: sudo apt-get install python3-venv" >&2
        exit 1
    fi
fi
"$venv/bin/python" -m pip install -q --disable-pip-version-check --require-hashes -r requirements.txt
# the book's own code (pyproject.toml), editable: the console scripts run this checkout
"$venv/bin/python" -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
