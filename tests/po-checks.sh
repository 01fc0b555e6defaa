#!/bin/sh
# po-checks.sh -- run the checks of every catalog (tests/catalog-checks.py, TAP).
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
: "${top_srcdir:?}"
exec /usr/bin/python3 "$top_srcdir/tests/catalog-checks.py" "$top_srcdir"
