#!/bin/sh
# check-replies.sh -- run the checks of the labelled reply set (TAP).
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The checks are in Python (standard library only) and need no binding,
# so they run in every build, --disable-python included.
: "${top_srcdir:?}"
exec /usr/bin/python3 "$top_srcdir/tests/reasons/check-set.py" \
  "$top_srcdir/tests/reasons/replies.tsv"
