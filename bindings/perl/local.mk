# bindings/perl/local.mk -- the perl module.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

if BUILD_PERL
endif
