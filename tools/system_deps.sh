#!/bin/sh
# Make sure the Debian packages named as arguments are installed, and say so.
# A package counts as present when dpkg has it or a command of its name exists.
# As root with apt-get: install what is missing. Otherwise: name it and fail.
set -eu
missing="" found=0
for pkg in "$@"; do
    # a command of the same name counts (npm ships inside some nodejs builds)
    if command -v "$pkg" >/dev/null 2>&1; then found=$((found + 1)); continue; fi
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    case "$status" in
        *" installed") found=$((found + 1)) ;;
        *) missing="$missing $pkg" ;;
    esac
done
if [ -z "$missing" ]; then
    echo "system-deps: all $found Debian packages present ($*)"
    exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "system-deps: installing Debian packages:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
    echo "system-deps: installed$missing ($found already present)"
    exit 0
fi
echo "system-deps: missing Debian packages:$missing" >&2
echo "system-deps: install them with:  sudo apt-get install --no-install-recommends$missing" >&2
echo "system-deps: (or, as root, make system-deps installs everything the tests need)" >&2
exit 1
