# bindings/python/local.mk -- the python module.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

# "import smtpreply" loads bindings/python/smtpreply.py, the native layer,
# which is built on the low-level extension _smtpreply that SWIG generates
# from smtpreply-python.i.  Both install into $(pyexecdir), with the type
# stub smtpreply.pyi beside them.

python_tests = \
	tests/python/t-codes.py \
	tests/python/t-enhanced.py \
	tests/python/t-errors.py \
	tests/python/t-parser.py \
	tests/python/t-text.py \
	tests/python/t-i18n.py \
	tests/python/t-lowlevel.py \
	tests/python/t-api.py \
	tests/python/t-threads.py \
	tests/python/t-memory.py \
	tests/python/t-example.py

EXTRA_DIST += \
	bindings/python/smtpreply-python.i \
	bindings/python/smtpreply.py \
	bindings/python/smtpreply.pyi \
	examples/bounce-handler.py \
	tests/python/taprunner.py \
	$(python_tests)

if BUILD_PYTHON
pyexec_LTLIBRARIES = bindings/python/_smtpreply.la
pyexec_DATA = bindings/python/smtpreply.py bindings/python/smtpreply.pyi

nodist_bindings_python__smtpreply_la_SOURCES = \
	bindings/python/smtpreply-python-wrap.c
bindings_python__smtpreply_la_CPPFLAGS = $(AM_CPPFLAGS) $(PYTHON_CPPFLAGS)
# Our warnings, but never -Werror: the code SWIG generates changes with
# its version.  PyInit__smtpreply has no prototype by design; Python asks
# for -fno-strict-aliasing.
bindings_python__smtpreply_la_CFLAGS = \
	$(filter-out -Werror,$(WARN_CFLAGS)) -Wno-missing-prototypes \
	$(SANITIZER_CFLAGS) -fno-strict-aliasing
bindings_python__smtpreply_la_LDFLAGS = $(AM_LDFLAGS) \
	-module -avoid-version -no-undefined
bindings_python__smtpreply_la_LIBADD = core/libsmtpreply.la

# SWIG also writes a smtpreply.py that only re-exports _smtpreply: it
# goes to a scratch folder and away, since the smtpreply.py of the source
# tree is the module.
bindings/python/smtpreply-python-wrap.c: \
		$(srcdir)/bindings/python/smtpreply-python.i $(SWIG_DEPS)
	$(AM_V_GEN)rm -rf bindings/python/swig.tmp && \
	$(MKDIR_P) bindings/python/swig.tmp && \
	$(SWIG) -python -builtin -doxygen $(SWIG_FLAGS) \
	  -outdir bindings/python/swig.tmp -o $@-t \
	  $(srcdir)/bindings/python/smtpreply-python.i && \
	rm -rf bindings/python/swig.tmp && \
	mv -f $@-t $@
CLEANFILES += bindings/python/smtpreply-python-wrap.c \
	bindings/python/smtpreply-python-wrap.c-t

# Python needs the module and its stub, not libtool's archive.  Without
# the archive, libtool's uninstall cannot find the module: remove it here,
# with what Python compiled from smtpreply.py at its first import.
install-exec-hook: install-exec-hook-python
install-exec-hook-python:
	rm -f '$(DESTDIR)$(pyexecdir)/_smtpreply.la'
uninstall-hook: uninstall-hook-python
uninstall-hook-python:
	rm -f '$(DESTDIR)$(pyexecdir)/_smtpreply.so' \
	  '$(DESTDIR)$(pyexecdir)/__pycache__/smtpreply.'*.pyc

# The tests import the module from the trees: smtpreply.py from the source,
# _smtpreply.so from where libtool built it.  They print TAP themselves
# (tests/python/taprunner.py), one line per test case.
TESTS += $(python_tests)
python_source_dir = $(abs_top_srcdir)/bindings/python
python_module_dir = $(abs_top_builddir)/bindings/python/.libs
PY_LOG_COMPILER = env \
	PYTHONPATH='$(python_source_dir):$(python_module_dir)' \
	PYTHONDONTWRITEBYTECODE=1 $(PYTHON)
endif

.PHONY: install-exec-hook-python uninstall-hook-python
