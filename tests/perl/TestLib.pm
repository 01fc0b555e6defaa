# TestLib.pm -- what the Perl tests share: a pinned environment, the
# source tree, and the smtpreply command to compare with.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# "make check" sets the environment itself (tests/local.mk); Makefile.PL's
# "make test" does not.  So this module pins it the same way before the
# library first reads it: English in the C.UTF-8 locale, whatever the
# caller's LANGUAGE or LANG.  Load it before using SMTP::Reply:
#
#   use FindBin;
#   use lib $FindBin::Bin;
#   use TestLib;

package TestLib;

use strict;
use warnings;

use Exporter qw(import);
use File::Spec ();
use FindBin ();

our @EXPORT = qw(top_srcdir smtpreply_command slurp);

BEGIN {
  $ENV{LC_ALL} = 'C.UTF-8';
  delete @ENV{qw(LANGUAGE LANG LC_MESSAGES)};
}

# Return the top of the source tree.
sub top_srcdir {
  return $ENV{top_srcdir} if defined $ENV{top_srcdir};
  return File::Spec->catdir($FindBin::Bin, File::Spec->updir,
                            File::Spec->updir);
}

# Return the smtpreply command to run: $SMTPREPLY_COMMAND if set (by
# Makefile.PL's "make test": the one installed with the library), the
# build tree's under "make check", else the one on PATH.  Die if there is
# none: a test that needs it fails rather than skip.
sub smtpreply_command {
  return $ENV{SMTPREPLY_COMMAND} if defined $ENV{SMTPREPLY_COMMAND};
  if (defined $ENV{top_builddir}) {
    my $built = "$ENV{top_builddir}/cli/smtpreply";
    return $built if -x $built;
  }
  for my $dir (File::Spec->path) {
    my $file = File::Spec->catfile($dir, 'smtpreply');
    return $file if -x $file;
  }
  die "TestLib: no smtpreply command in the build tree or on PATH\n";
}

# Return the bytes of FILE.
sub slurp {
  my ($file) = @_;
  open my $fh, '<:raw', $file or die "$file: $!";
  local $/;
  my $bytes = <$fh>;
  close $fh;
  return $bytes;
}

1;
