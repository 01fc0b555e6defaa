#!/bin/sh
# check-corpus.sh -- check the bounce corpus of tests/bounces/ itself.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# tests/bounces/check-corpus.py prints TAP.  It needs only Python 3's
# standard library, so it runs in every build, with the system's
# interpreter: the Python binding's PY_LOG_COMPILER exists only when the
# binding is built.
set -u
: "${top_srcdir:?run me from make check}"
python=/usr/bin/python3
[ -x "$python" ] || python=python3
exec "$python" "$top_srcdir/tests/bounces/check-corpus.py" \
  "$top_srcdir/tests/bounces"
