# setup.py -- how pip builds the Python package smtpreply.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# pyproject.toml holds the package's metadata; this file holds what
# setuptools cannot say there: the extension smtpreply._smtpreply, which
# SWIG generates from bindings/python/smtpreply-python.i, built against
# the installed libsmtpreply and libsmtpreply-bounce that pkg-config
# finds, or, when there are none, with the C libraries' sources compiled
# in (core/ and core/bounce/, the latter over GMime 3, which pkg-config
# must find: Debian's libgmime-3.0-dev); the catalogs, compiled
# from po/*.po into the package (smtpreply/locale), which the package
# reads without any environment variable; and the type stub, whose
# enumerations come from the built extension.
#
#   pip install .                       # from a clone or an sdist
#   python3 -m build                    # an sdist and a wheel
#   SMTPREPLY_LIBRARY=bundled pip install .   # never the installed library
#
# SMTPREPLY_LIBRARY is "auto" (the default: the installed library if
# pkg-config finds smtpreply and smtpreply-bounce at least at this
# version, with the headers of this tree), "system" (them, or an error)
# or "bundled".  The build needs
# SWIG 4, a C compiler, pkg-config and GMime 3; from a clone, msgfmt too
# (an sdist carries the compiled catalogs).

import glob
import os
import re
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext
from setuptools.command.build_py import build_py
from setuptools.command.install import install
from setuptools.command.sdist import sdist

# setuptools wants paths relative to this folder.
TOP = os.path.dirname(os.path.abspath(__file__))
os.chdir(TOP)

PACKAGE_DIR = os.path.join("bindings", "python")
INTERFACE = os.path.join(PACKAGE_DIR, "smtpreply-python.i")
# Where an sdist keeps the compiled catalogs, inside the package.
SHIPPED_LOCALE = os.path.join(PACKAGE_DIR, "smtpreply", "locale")


def version():
    """Return the version the header core/smtpreply.h gives."""
    with open(os.path.join("core", "smtpreply.h"), encoding="utf-8") as f:
        parts = dict(re.findall(
            r"^#define SMTPREPLY_VERSION_(MAJOR|MINOR|PATCH) (\d+)$",
            f.read(), re.M))
    return "%s.%s.%s" % (parts["MAJOR"], parts["MINOR"], parts["PATCH"])


VERSION = version()


def fail(message):
    """Stop the build with MESSAGE."""
    sys.exit("smtpreply: " + message)


def run(argv, **kwargs):
    """Run ARGV, stopping the build if it fails."""
    try:
        return subprocess.run(argv, check=True, **kwargs)
    except FileNotFoundError:
        fail("%s not found" % argv[0])
    except subprocess.CalledProcessError as e:
        fail("%s failed with status %d" % (" ".join(argv), e.returncode))


def pkg_config(*args):
    """Return the output of pkg-config ARGS, or None if it fails."""
    try:
        done = subprocess.run(["pkg-config"] + list(args), check=True,
                              stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL,
                              universal_newlines=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return done.stdout.split()


# The installed headers, under pkg-config's includedir, and the files of
# this tree they are installed from.
HEADERS = (("smtpreply.h", os.path.join("core", "smtpreply.h")),
           (os.path.join("smtpreply", "errors.def"),
            os.path.join("core", "smtpreply", "errors.def")),
           (os.path.join("smtpreply", "bounce.h"),
            os.path.join("core", "bounce", "smtpreply", "bounce.h")))


def same_headers():
    """Return True if the headers of the installed library are this
    tree's: the extension, generated from this tree's, then finds in the
    library every function it calls.  An unreleased version is built many
    times under one version number, which pkg-config cannot tell apart."""
    includedir = (pkg_config("--variable=includedir", "smtpreply") or [""])[0]
    for installed, ours in HEADERS:
        try:
            with open(os.path.join(includedir, installed), "rb") as f:
                theirs = f.read()
            with open(ours, "rb") as f:
                if f.read() != theirs:
                    return False
        except OSError:
            return False
    return True


def installed_library():
    """Return the compiler and linker flags of the installed libsmtpreply,
    or None if SMTPREPLY_LIBRARY and pkg-config say to compile it in."""
    choice = os.environ.get("SMTPREPLY_LIBRARY", "auto")
    if choice not in ("auto", "system", "bundled"):
        fail("SMTPREPLY_LIBRARY is auto, system or bundled, not %r" % choice)
    if choice == "bundled":
        return None
    for name in ("smtpreply", "smtpreply-bounce"):
        if pkg_config("--atleast-version=" + VERSION, name) is None:
            if choice == "system":
                fail("pkg-config finds no %s >= %s (set PKG_CONFIG_PATH, "
                     "or SMTPREPLY_LIBRARY=bundled)" % (name, VERSION))
            return None
    if choice == "auto" and not same_headers():
        print("smtpreply: the installed headers differ from this tree's "
              "(another build of %s?): compiling the library in"
              % VERSION, file=sys.stderr)
        return None
    libdir = (pkg_config("--variable=libdir", "smtpreply") or [""])[0]
    return {"cflags": pkg_config("--cflags", "smtpreply-bounce") or [],
            "libs": pkg_config("--libs", "smtpreply-bounce",
                               "smtpreply") or [],
            "libdir": libdir}


def gmime():
    """Return the compiler and linker flags of GMime 3, which the sources
    of libsmtpreply-bounce need, or stop the build."""
    cflags = pkg_config("--cflags", "gmime-3.0 >= 3.2")
    libs = pkg_config("--libs", "gmime-3.0 >= 3.2")
    if cflags is None or libs is None:
        fail("pkg-config finds no GMime 3.2 or later, which reading bounce "
             "messages needs (Debian: libgmime-3.0-dev)")
    return cflags, libs


class BuildExt(build_ext):
    """Generate the wrapper with SWIG, choose the library, build, and
    write the type stub beside the extension."""

    def finalize_options(self):
        super().finalize_options()
        self.generated_dir = os.path.join(self.build_temp, "swig")

    def run_swig(self):
        """Generate the wrapper into the build folder; return its path."""
        swig = os.environ.get("SWIG", "swig")
        try:
            out = subprocess.run([swig, "-version"], check=True,
                                 stdout=subprocess.PIPE,
                                 universal_newlines=True).stdout
        except (OSError, subprocess.CalledProcessError):
            fail("SWIG 4 is needed to build the extension (Debian: swig)")
        m = re.search(r"SWIG Version (\d+)", out)
        if m is None or int(m.group(1)) < 4:
            fail("SWIG 4 is needed to build the extension, not %s"
                 % out.strip())
        scratch = os.path.join(self.generated_dir, "py")
        os.makedirs(scratch, exist_ok=True)
        wrap = os.path.join(self.generated_dir, "smtpreply-python-wrap.c")
        run([swig, "-python", "-builtin", "-doxygen", "-Icore", "-Ibindings",
             "-outdir", scratch, "-o", wrap, INTERFACE])
        return wrap

    def config_header(self):
        """Write the config.h the C library's sources include first;
        return its folder."""
        folder = os.path.join(self.generated_dir, "config")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "config.h"), "w") as f:
            f.write("/* config.h -- written by setup.py.  */\n"
                    "#define _GNU_SOURCE 1\n"
                    "#include <limits.h>\n"
                    "#define HAVE_NL_LANGINFO 1\n"
                    "#ifdef __GLIBC__\n"
                    "# define HAVE_DECL__NL_LOCALE_NAME 1\n"
                    "#else\n"
                    "# define HAVE_DECL__NL_LOCALE_NAME 0\n"
                    "#endif\n")
        return folder

    def build_extensions(self):
        ext = self.extensions[0]
        ext.sources = [self.run_swig(),
                       os.path.join(PACKAGE_DIR, "smtpreply-python.c")]
        ext.include_dirs = ["core", os.path.join("core", "bounce"),
                            PACKAGE_DIR]
        ext.extra_compile_args = ["-fno-strict-aliasing"]
        library = installed_library()
        if library is None:
            print("smtpreply: compiling the C libraries into the extension")
            cflags, libs = gmime()
            ext.sources += sorted(glob.glob(os.path.join("core", "*.c")))
            ext.sources += sorted(glob.glob(os.path.join("core", "bounce",
                                                         "*.c")))
            ext.include_dirs.append(self.config_header())
            # A folder the package's own catalogs replace at import.
            localedir = os.path.join(sys.prefix, "share", "locale")
            ext.define_macros = [("LOCALEDIR", '"%s"' % localedir)]
            ext.extra_compile_args += ["-std=gnu11", "-pthread"] + cflags
            ext.extra_link_args = ["-pthread"] + libs
        else:
            print("smtpreply: linking the installed libraries (%s)"
                  % " ".join(library["libs"]))
            ext.extra_compile_args += library["cflags"]
            ext.extra_link_args = library["libs"]
            if library["libdir"] and library["libdir"] not in (
                    "/usr/lib", "/lib", "/usr/lib64", "/lib64"):
                ext.runtime_library_dirs = [library["libdir"]]
        super().build_extensions()
        self.write_stub(os.path.dirname(self.get_ext_fullpath(ext.name)))

    def write_stub(self, package):
        """Write PACKAGE/__init__.pyi from the built package."""
        if not os.path.isfile(os.path.join(package, "__init__.py")):
            return
        env = dict(os.environ, PYTHONPATH=os.path.dirname(package),
                   PYTHONDONTWRITEBYTECODE="1")
        run([sys.executable, os.path.join(PACKAGE_DIR, "gen-stub.py"),
             os.path.join(PACKAGE_DIR, "smtpreply.pyi.in"),
             os.path.join(package, "__init__.pyi")], env=env)


def languages():
    """Return the languages of po/LINGUAS."""
    with open(os.path.join("po", "LINGUAS"), encoding="utf-8") as f:
        return [w for line in f for w in line.split("#")[0].split()]


def compile_catalogs(dest):
    """Compile po/LANG.po into DEST/LANG/LC_MESSAGES/smtpreply.mo."""
    msgfmt = os.environ.get("MSGFMT", "msgfmt")
    if shutil.which(msgfmt) is None:
        fail("msgfmt is needed to compile the catalogs (Debian: gettext)")
    for lang in languages():
        folder = os.path.join(dest, lang, "LC_MESSAGES")
        os.makedirs(folder, exist_ok=True)
        run([msgfmt, "--check", "-o", os.path.join(folder, "smtpreply.mo"),
             os.path.join("po", lang + ".po")])


class BuildPy(build_py):
    """Put the catalogs into the package: those an sdist carries, or
    compiled from po/."""

    def run(self):
        super().run()
        dest = os.path.join(self.build_lib, "smtpreply", "locale")
        if os.path.isdir(SHIPPED_LOCALE):
            if os.path.isdir(dest):
                shutil.rmtree(dest)
            shutil.copytree(SHIPPED_LOCALE, dest)
        else:
            compile_catalogs(dest)


class Sdist(sdist):
    """Carry the compiled catalogs in the sdist, so that installing it
    needs no msgfmt."""

    def make_release_tree(self, base_dir, files):
        super().make_release_tree(base_dir, files)
        compile_catalogs(os.path.join(base_dir, SHIPPED_LOCALE))


class Install(install):
    """The install command, with the options install_layout and
    prefix_option that the setuptools of Debian's python3-setuptools-whl
    asks of it (a venv of another interpreter installs that wheel
    offline): Debian's own interpreter has them, the others do not."""

    install_layout = None
    prefix_option = None


setup(
    version=VERSION,
    ext_modules=[Extension("smtpreply._smtpreply", sources=[])],
    cmdclass={"build_ext": BuildExt, "build_py": BuildPy, "sdist": Sdist,
              "install": Install},
)
