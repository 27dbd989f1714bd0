#!/bin/sh
# Make sure the Debian packages named as arguments are installed.
# A package counts as present when dpkg has it or a command of its name exists.
# As root with apt-get: install what is missing. Otherwise: name it and fail.
set -eu
missing=""
for pkg in "$@"; do
    # a command of the same name counts (npm ships inside some nodejs builds)
    command -v "$pkg" >/dev/null 2>&1 && continue
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    case "$status" in *" installed") ;; *) missing="$missing $pkg" ;; esac
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "system-deps: installing Debian packages:$missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
    exit 0
fi
echo "system-deps: missing Debian packages:$missing" >&2
echo "system-deps: install them with:  sudo apt-get install --no-install-recommends$missing" >&2
exit 1
