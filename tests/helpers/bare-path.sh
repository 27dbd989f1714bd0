#!/bin/sh
# Print a PATH with what a bare Debian machine has (python3, make, git, the base
# system) and none of the optional tools: no hunspell, GNU gettext, TeX, Chromium,
# Java, Node.js, epubcheck, poppler or apt-get. usage: bare-path.sh DIR
set -eu
dir=$1
mkdir -p "$dir"
optional='^(hunspell.*|msg.*|xgettext|gettext.*|envsubst|ngettext|.*tex|.*latex.*|latexmk|kpse.*|xindy.*|texindy|mktex.*|chromium.*|chromedriver|java.*|jar|node.*|npm|npx|corepack|epubcheck|pdf.*|apt.*|dpkg.*|sudo)$'
IFS=:
for d in $PATH; do
    [ -d "$d" ] || continue
    for f in "$d"/*; do
        name=${f##*/}
        [ -x "$f" ] && [ ! -d "$f" ] || continue
        printf '%s\n' "$name" | grep -Eq "$optional" && continue
        [ -e "$dir/$name" ] || ln -s "$f" "$dir/$name"
    done
done
printf '%s\n' "$dir"
