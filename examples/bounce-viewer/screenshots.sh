#!/bin/sh
# screenshots.sh -- take the README's pictures of the bounce viewer.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage: screenshots.sh OUTDIR
#
# Serves viewer.py on a free port of 127.0.0.1 and has headless Chromium
# take OUTDIR/bounce-viewer.png (the sample DSN with three recipients, in
# English) and OUTDIR/bounce-viewer-he.png (the same in Hebrew), at
# 1000x700.  smtpreply must be importable (PYTHONPATH, as the README says
# for a build tree).  From the top of the tree:
#   examples/bounce-viewer/screenshots.sh doc

set -eu
out=${1:?usage: screenshots.sh OUTDIR}
here=$(cd "$(dirname "$0")" && pwd)
chromium=${CHROMIUM:-chromium}
tmp=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT

${PYTHON:-python3} "$here/viewer.py" --port 0 --quiet >"$tmp/url" &
pid=$!
tries=0
until [ -s "$tmp/url" ]; do
  tries=$((tries + 1))
  [ "$tries" -lt 50 ] || { echo "screenshots.sh: the viewer did not start" >&2; exit 1; }
  sleep 0.1
done
url=$(cat "$tmp/url")

sandbox=
[ "$(id -u)" -ne 0 ] || sandbox=--no-sandbox
shot () {
  HOME=$tmp "$chromium" --headless=new $sandbox --disable-gpu --no-first-run \
    --hide-scrollbars --user-data-dir="$tmp/profile" --window-size=1000,700 \
    --accept-lang="$1" --screenshot="$2" "${url}?sample=multi-recipient" \
    2>/dev/null
}
shot en "$out/bounce-viewer.png"
shot he "$out/bounce-viewer-he.png"
