# examples/local.mk -- example data and scripts.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

EXTRA_DIST += \
	examples/bounce-viewer/strings.def \
	examples/exim.log \
	examples/postfix.log \
	examples/replies.txt \
	examples/sendmail.log
