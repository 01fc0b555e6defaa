# smtpreply-bindings.m4 -- configure the SWIG bindings.     -*- autoconf -*-
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# SMTPREPLY_BINDINGS: one --enable-<lang> per language, "auto" by default.
# Auto builds a binding when its interpreter, headers, SWIG and test tools
# are all present; --enable-<lang> makes any of them missing an error, so a
# configured binding is always tested.  PYTHON=, LUA= and PERL= choose the
# interpreter.  Each module installs under the prefix where its interpreter
# looks when the prefix is its usual one (/usr/local on Debian).

# _SMTPREPLY_BINDING_FAIL(LANG, MESSAGE): error if LANG was asked for, else
# turn it off and say why.
AC_DEFUN([_SMTPREPLY_BINDING_FAIL],
[AS_IF([test "x$enable_$1" = xyes],
   [AC_MSG_ERROR([--enable-$1: $2])],
   [AC_MSG_NOTICE([not building the $1 binding: $2])
    enable_$1=no
    smtpreply_$1_summary="no ($2)"])])

AC_DEFUN([SMTPREPLY_BINDINGS],
[
AC_ARG_ENABLE([python],
  [AS_HELP_STRING([--enable-python], [build the Python module (default: auto)])],
  [], [enable_python=auto])
AC_ARG_ENABLE([lua],
  [AS_HELP_STRING([--enable-lua], [build the Lua module, for Lua 5.1 to 5.4 or LuaJIT (default: auto)])],
  [], [enable_lua=auto])
AC_ARG_ENABLE([perl],
  [AS_HELP_STRING([--enable-perl], [build the Perl module SMTP::Reply (default: auto)])],
  [], [enable_perl=auto])
AC_ARG_VAR([PYTHON], [the Python 3 interpreter to build the module for])
AC_ARG_VAR([LUA], [the Lua interpreter to build the module for: lua5.1 to lua5.4, or luajit])
AC_ARG_VAR([PERL], [the Perl interpreter to build the module for])
AC_ARG_VAR([BUSTED], [the busted test runner for the Lua tests])
AC_ARG_VAR([SWIG], [the SWIG program (4.0 or later)])

smtpreply_python_summary=no
smtpreply_lua_summary=no
smtpreply_perl_summary=no

AS_IF([test "x$enable_python$enable_lua$enable_perl" != xnonono],
  [AC_PATH_PROG([SWIG], [swig])
   AS_IF([test -n "$SWIG"],
     [swig_major=`$SWIG -version | sed -n 's/^SWIG Version \([[0-9]]*\).*/\1/p'`
      AS_IF([test "${swig_major:-0}" -lt 4], [SWIG=])])])
AS_IF([test -z "$SWIG"], [smtpreply_no_swig="SWIG 4 not found (Debian: swig)"])

dnl ---- Python --------------------------------------------------------------
AS_IF([test "x$enable_python" != xno],
  [AS_IF([test -n "$smtpreply_no_swig"],
     [_SMTPREPLY_BINDING_FAIL([python], [$smtpreply_no_swig])])])
AS_IF([test "x$enable_python" != xno],
  [AS_IF([test -z "$PYTHON"], [AC_PATH_PROGS([PYTHON], [python3])])
   AC_MSG_CHECKING([for Python 3.7 or later and its headers])
   AS_IF([test -n "$PYTHON" && "$PYTHON" -c 'import sys, sysconfig, os.path; sys.exit (not (sys.version_info >= (3, 7) and os.path.exists (os.path.join (sysconfig.get_paths ()[["include"]], "Python.h"))))' 2>/dev/null],
     [AC_MSG_RESULT([yes])
      PYTHON_VERSION=`$PYTHON -c 'import sys; print ("%d.%d" % sys.version_info[[:2]])'`
      PYTHON_CPPFLAGS="-I`$PYTHON -c 'import sysconfig; print (sysconfig.get_paths ()[["include"]])'`"
      # The extension's name carries the interpreter's ABI tag, as pip
      # names it: _smtpreply.cpython-311-x86_64-linux-gnu.so.
      PYTHON_EXT_SUFFIX=`$PYTHON -c 'import sysconfig; print (sysconfig.get_config_var ("EXT_SUFFIX"))'`
      # Install where this interpreter looks: its platlib, relative to its
      # data prefix, under our ${exec_prefix}.
      smtpreply_pyrel=`$PYTHON -c 'import sysconfig; p = sysconfig.get_paths (); d = p[["data"]].rstrip ("/"); l = p[["platlib"]]; print (l[[len (d):]] if l.startswith (d + "/") else "/lib/python%d.%d/site-packages" % __import__ ("sys").version_info[[:2]])'`
      pyexecdir="\${exec_prefix}$smtpreply_pyrel"
      enable_python=yes
      smtpreply_python_summary="yes ($PYTHON $PYTHON_VERSION, to $pyexecdir)"],
     [AC_MSG_RESULT([no])
      _SMTPREPLY_BINDING_FAIL([python], [no Python 3.7 with headers (Debian: python3-dev)])])])
AC_SUBST([PYTHON_CPPFLAGS])
AC_SUBST([PYTHON_EXT_SUFFIX])
AC_SUBST([pyexecdir])
# In a sanitizer build, the tests load the sanitizer's runtime into the
# uninstrumented interpreter (bindings/python/local.mk).
AS_CASE([$enable_sanitizers],
  [thread], [PYTHON_SANITIZER_RUNTIME=libtsan.so],
  [PYTHON_SANITIZER_RUNTIME=libasan.so])
AC_SUBST([PYTHON_SANITIZER_RUNTIME])
AM_CONDITIONAL([BUILD_PYTHON], [test "x$enable_python" = xyes])

dnl ---- Lua -----------------------------------------------------------------
dnl Any of Lua 5.1, 5.2, 5.3, 5.4 and LuaJIT: LUA= names the interpreter,
dnl whose version chooses the headers (pkg-config's lua5.N or luajit) and
dnl the folders, ${libdir}/lua/5.N and ${datadir}/lua/5.N (5.1 for
dnl LuaJIT), where that interpreter looks.  busted runs the tests; without
dnl it the module is still built, and "make check" says what is missing.
AS_IF([test "x$enable_lua" != xno],
  [AS_IF([test -n "$smtpreply_no_swig"],
     [_SMTPREPLY_BINDING_FAIL([lua], [$smtpreply_no_swig])])])
AS_IF([test "x$enable_lua" != xno],
  [AS_IF([test -z "$LUA"],
     [AC_PATH_PROGS([LUA], [lua5.4 lua5.3 lua5.2 lua5.1 luajit])])
   AC_MSG_CHECKING([for the version of $LUA])
   smtpreply_lua_version=`$LUA -e 'io.write ((_VERSION:gsub ("^Lua ", "")))' 2>/dev/null`
   smtpreply_lua_jit=`$LUA -e 'io.write (jit and "yes" or "no")' 2>/dev/null`
   AS_CASE([$smtpreply_lua_jit:$smtpreply_lua_version],
     [yes:5.1], [smtpreply_lua_pc=luajit],
     [no:5.[[1234]]], [smtpreply_lua_pc=lua$smtpreply_lua_version],
     [smtpreply_lua_pc=])
   AS_IF([test -n "$smtpreply_lua_pc"],
     [AC_MSG_RESULT([$smtpreply_lua_version ($smtpreply_lua_pc)])],
     [AC_MSG_RESULT([none])
      _SMTPREPLY_BINDING_FAIL([lua], [no Lua 5.1 to 5.4 or LuaJIT interpreter (Debian: lua5.4)])])])
AS_IF([test "x$enable_lua" != xno],
  [PKG_CHECK_MODULES([LUA], [$smtpreply_lua_pc], [],
     [_SMTPREPLY_BINDING_FAIL([lua], [no headers for $LUA (Debian: liblua5.4-dev, liblua5.1-0-dev, libluajit-5.1-dev...)])])])
AS_IF([test "x$enable_lua" != xno],
  [AC_PATH_PROGS([BUSTED], [busted])
   enable_lua=yes
   luaexecdir="\${libdir}/lua/$smtpreply_lua_version"
   luadir="\${datadir}/lua/$smtpreply_lua_version"
   smtpreply_lua_summary="yes ($LUA, to $luadir and $luaexecdir)"
   AS_IF([test -z "$BUSTED"],
     [smtpreply_lua_summary="$smtpreply_lua_summary; make check needs busted (Debian: lua-busted)"])])
AC_SUBST([luaexecdir])
AC_SUBST([luadir])
AM_CONDITIONAL([BUILD_LUA], [test "x$enable_lua" = xyes])

dnl ---- Perl ----------------------------------------------------------------
AS_IF([test "x$enable_perl" != xno],
  [AS_IF([test -n "$smtpreply_no_swig"],
     [_SMTPREPLY_BINDING_FAIL([perl], [$smtpreply_no_swig])])])
dnl Under AddressSanitizer the tests preload its runtime into perl; under
dnl ThreadSanitizer the preloaded runtime crashes the programs perl starts
dnl (sh, the command), so the binding is left out there.
AS_IF([test "x$enable_perl" != xno && test "x$enable_sanitizers" = xthread],
  [_SMTPREPLY_BINDING_FAIL([perl], [its tests cannot run under ThreadSanitizer])])
AS_IF([test "x$enable_perl" != xno],
  [AS_IF([test -z "$PERL"], [AC_PATH_PROGS([PERL], [perl])])
   AC_MSG_CHECKING([for Perl headers, threads and Test::More])
   AS_IF([test -n "$PERL" && "$PERL" -MConfig -Mthreads -MTest::More -e 'exit (-f "$Config{archlibexp}/CORE/perl.h" ? 0 : 1)' 2>/dev/null],
     [AC_MSG_RESULT([yes])
      PERL_CPPFLAGS="-I`$PERL -MConfig -e 'print $Config{archlibexp}'`/CORE"
      PERL_CCFLAGS=`$PERL -MConfig -e 'print join " ", grep { /^-D/ } split " ", $Config{ccflags}'`
      # sitearch relative to the interpreter's site prefix, under ours.
      smtpreply_perlrel=`$PERL -MConfig -e '($r = $Config{installsitearch}) =~ s/^\Q$Config{siteprefixexp}\E//; print $r'`
      perlarchdir="\${prefix}$smtpreply_perlrel"
      enable_perl=yes
      smtpreply_perl_summary="yes ($PERL, to $perlarchdir)"],
     [AC_MSG_RESULT([no])
      _SMTPREPLY_BINDING_FAIL([perl], [no Perl headers, threads or Test::More (Debian: libperl-dev, a perl with ithreads)])])])
AC_SUBST([PERL_CPPFLAGS])
AC_SUBST([PERL_CCFLAGS])
AC_SUBST([perlarchdir])
AM_CONDITIONAL([BUILD_PERL], [test "x$enable_perl" = xyes])

# distcheck configures a fresh tree: give it the same interpreters.
AC_SUBST([SMTPREPLY_DISTCHECK_FLAGS],
  ["PYTHON='$PYTHON' LUA='$LUA' PERL='$PERL' --enable-python=$enable_python --enable-lua=$enable_lua --enable-perl=$enable_perl"])
])
