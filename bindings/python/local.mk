# bindings/python/local.mk -- the python module.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

if BUILD_PYTHON
endif
