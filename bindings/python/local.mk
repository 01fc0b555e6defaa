# bindings/python/local.mk -- the Python package smtpreply.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

# "import smtpreply" loads the package bindings/python/smtpreply/, the
# native layer, which is built on the extension smtpreply._smtpreply that
# SWIG generates from smtpreply-python.i, with the objects written by hand
# in smtpreply-python.c.  The package installs into $(pyexecdir)/smtpreply
# with its type stub and py.typed; the extension is named with the
# interpreter's ABI tag (_smtpreply.cpython-311-x86_64-linux-gnu.so), so
# that another interpreter does not load it.  The pyproject.toml at the
# top of the tree builds the same package with pip.

python_tests = \
	tests/python/t-codes.py \
	tests/python/t-enhanced.py \
	tests/python/t-errors.py \
	tests/python/t-parser.py \
	tests/python/t-chunking.py \
	tests/python/t-text.py \
	tests/python/t-verdicts.py \
	tests/python/t-logs.py \
	tests/python/t-command.py \
	tests/python/t-dask.py \
	tests/python/t-i18n.py \
	tests/python/t-lowlevel.py \
	tests/python/t-api.py \
	tests/python/t-threads.py \
	tests/python/t-memory.py \
	tests/python/t-example.py \
	tests/python/t-bounce.py \
	tests/python/t-viewer.py \
	tests/python/t-viewer-chromium.py

python_package_sources = \
	bindings/python/smtpreply/__init__.py \
	bindings/python/smtpreply/dask.py \
	bindings/python/smtpreply/py.typed

EXTRA_DIST += \
	bindings/python/smtpreply-python.i \
	bindings/python/smtpreply-python.c \
	bindings/python/smtpreply-python.h \
	bindings/python/smtpreply.pyi.in \
	bindings/python/gen-stub.py \
	$(python_package_sources) \
	pyproject.toml \
	setup.py \
	MANIFEST.in \
	examples/bounce-handler.py \
	tests/python/taprunner.py \
	tests/python/run-installed.sh \
	tests/python/bounce-records.py \
	tests/python/viewerpage.py \
	$(python_tests)

# The package as it is installed, in the build tree, for the tests and
# the benchmark: the sources, the extension and the generated stub.
python_stage = bindings/python/stage/smtpreply

if BUILD_PYTHON
pysmtpreplyexecdir = $(pyexecdir)/smtpreply
pysmtpreplyexec_LTLIBRARIES = bindings/python/_smtpreply.la
# libtool relinks the module against the installed libraries when it
# installs it: they go first, also under make -j.  The target is named
# through a variable, so that automake adds the prerequisite to its own
# rule instead of taking this line for a rule that replaces it.
python_install_modules = install-pysmtpreplyexecLTLIBRARIES
$(python_install_modules): install-libLTLIBRARIES
pysmtpreplyexec_DATA = $(python_package_sources) $(python_stage)/__init__.pyi

bindings_python__smtpreply_la_SOURCES = \
	bindings/python/smtpreply-python.c \
	bindings/python/smtpreply-python.h
nodist_bindings_python__smtpreply_la_SOURCES = \
	bindings/python/smtpreply-python-wrap.c
bindings_python__smtpreply_la_CPPFLAGS = $(AM_CPPFLAGS) $(PYTHON_CPPFLAGS) \
	-I$(srcdir)/core/bounce -I$(srcdir)/bindings/python
# Our warnings, but never -Werror on what SWIG generates, which changes
# with its version.  PyInit__smtpreply has no prototype by design; Python
# asks for -fno-strict-aliasing.
bindings_python__smtpreply_la_CFLAGS = \
	$(filter-out -Werror,$(WARN_CFLAGS)) -Wno-missing-prototypes \
	$(SANITIZER_CFLAGS) -fno-strict-aliasing
bindings_python__smtpreply_la_LDFLAGS = $(AM_LDFLAGS) \
	-module -avoid-version -no-undefined -shared
bindings_python__smtpreply_la_LIBADD = core/bounce/libsmtpreply-bounce.la \
	core/libsmtpreply.la

# SWIG also writes a smtpreply.py that only re-exports the extension: it
# goes to a scratch folder and away, since the package is the module.
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

# The staged package, which "make all" builds as the stub is installed
# from it; the stub's enumerations come from the built package, as the
# package's come from the library.  It is compiled to bytecode, as an
# installed package is: the tests and the benchmark import it with
# PYTHONDONTWRITEBYTECODE, and compiling its source took 20 ms at every
# import.
$(python_stage)/__init__.pyi: bindings/python/_smtpreply.la \
		$(python_package_sources:%=$(srcdir)/%) \
		$(srcdir)/bindings/python/smtpreply.pyi.in \
		$(srcdir)/bindings/python/gen-stub.py
	$(AM_V_GEN)rm -rf $(python_stage) && $(MKDIR_P) $(python_stage) && \
	cp $(python_package_sources:%=$(srcdir)/%) $(python_stage)/ && \
	cp bindings/python/.libs/_smtpreply.so \
	  $(python_stage)/_smtpreply$(PYTHON_EXT_SUFFIX) && \
	$(PYTHON) -m compileall -q $(python_stage) >/dev/null && \
	$(PYTHON_ENV) PYTHONPATH=bindings/python/stage \
	  PYTHONDONTWRITEBYTECODE=1 $(PYTHON) \
	  $(srcdir)/bindings/python/gen-stub.py \
	  $(srcdir)/bindings/python/smtpreply.pyi.in $@

# Python needs the extension, named with its ABI tag, not libtool's
# archive.  Without the archive, libtool's uninstall cannot find the
# extension: remove it here, with the bytecode.  The sources are compiled
# to bytecode where they are installed, as automake does for Python
# sources: a user who cannot write there would otherwise compile them at
# every import (20 ms).
install-exec-hook: install-exec-hook-python
install-exec-hook-python:
	rm -f '$(DESTDIR)$(pysmtpreplyexecdir)/_smtpreply.la'
	mv -f '$(DESTDIR)$(pysmtpreplyexecdir)/_smtpreply.so' \
	  '$(DESTDIR)$(pysmtpreplyexecdir)/_smtpreply$(PYTHON_EXT_SUFFIX)'
	$(PYTHON) -m compileall -q -d '$(pysmtpreplyexecdir)' \
	  '$(DESTDIR)$(pysmtpreplyexecdir)' >/dev/null
uninstall-hook: uninstall-hook-python
uninstall-hook-python:
	rm -f '$(DESTDIR)$(pysmtpreplyexecdir)/_smtpreply$(PYTHON_EXT_SUFFIX)'
	rm -rf '$(DESTDIR)$(pysmtpreplyexecdir)/__pycache__'

# The tests import the staged package.  They print TAP themselves
# (tests/python/taprunner.py), one line per test case.
TESTS += $(python_tests)
PY_LOG_COMPILER = env $(PYTHON_ENV) \
	PYTHONPATH='$(abs_builddir)/bindings/python/stage' \
	PYTHONDONTWRITEBYTECODE=1 $(PYTHON)
endif

# In a sanitizer build the extension and the library are instrumented and
# the interpreter is not: its process loads the sanitizer's runtime first.
# Leaks are not looked for (the interpreter keeps memory to its end), and
# freed memory waits in a small quarantine, so that the tests of memory
# growth still mean something; Python's own allocator is bypassed, so that
# the sanitizer sees every object.
if SANITIZERS
PYTHON_ENV = LD_PRELOAD="`$(CC) -print-file-name=$(PYTHON_SANITIZER_RUNTIME)`" \
	ASAN_OPTIONS=detect_leaks=0:quarantine_size_mb=4:halt_on_error=1 \
	PYTHONMALLOC=malloc SMTPREPLY_SANITIZED=1
else
PYTHON_ENV =
endif

clean-local: clean-python-stage
clean-python-stage:
	-rm -rf bindings/python/stage bindings/python/swig.tmp

.PHONY: install-exec-hook-python uninstall-hook-python clean-python-stage
