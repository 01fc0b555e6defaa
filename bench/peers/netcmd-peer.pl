# netcmd-peer.pl -- the Perl peer of "make bench": Net::Cmd's response.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage: perl netcmd-peer.pl CORPUS
#
# Read the replies of CORPUS as Net::SMTP reads a server's: Net::Cmd's
# response(), which reads the lines of one reply, on an object of a class
# that inherits from Net::Cmd and IO::Handle, as Net::SMTP's does, made of
# CORPUS opened for reading.  Print the number of replies and the sum of
# their codes.

use strict;
use warnings;

package CorpusReader;
use Net::Cmd;
use IO::Handle;
our @ISA = ('Net::Cmd', 'IO::Handle');

# Net::Cmd asks its socket for a timeout; a file needs none.
sub timeout { return undef }

package main;
use Net::Cmd qw(CMD_ERROR);

@ARGV == 1 or die "usage: netcmd-peer.pl CORPUS\n";
open my $fh, '<:raw', $ARGV[0] or die "netcmd-peer.pl: $ARGV[0]: $!\n";
my $cmd = bless $fh, 'CorpusReader';

my ($replies, $sum, $bad) = (0, 0, 0);
while (1) {
  $@ = '';
  my $status = $cmd->response;
  # CMD_ERROR is also the status of a 5yz reply; at the end of the file,
  # Net::Cmd has closed the handle.  A line without a code is left in
  # $@ and pushed back: drop it.
  if ($status == CMD_ERROR) {
    last unless defined fileno $cmd;
    if ($@ ne '') {
      $bad++;
      $cmd->getline;
      next;
    }
  }
  $replies++;
  $sum += $cmd->code;
}
print "$replies $sum\n";
if ($bad) {
  print STDERR "netcmd-peer.pl: $bad lines without a code\n";
  exit 1;
}
exit 0;
