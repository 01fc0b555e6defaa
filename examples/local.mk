# examples/local.mk -- example data and scripts.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

EXTRA_DIST += \
	examples/bounce-viewer/strings.def \
	examples/bounce-viewer/viewer.py \
	examples/bounce-viewer/viewer.css \
	examples/bounce-viewer/screenshots.sh \
	examples/bounce-viewer/samples/hostile.eml \
	examples/bounce-viewer/samples/multi-recipient.eml \
	examples/exim.log \
	examples/postfix.log \
	examples/replies.txt \
	examples/sendmail.log
