# parse.pl -- smtpreply's Perl parser, as "make bench" times it.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage: perl parse.pl CORPUS
#
# Feed CORPUS to SMTP::Reply::Parser in chunks of 64 KiB, as a program
# reading a file or a socket would, and print the number of replies and
# the sum of their codes.  Each event is a full reply object (code,
# enhanced code, lines, flags) or a parse error.  Lines may be 4096 bytes
# long, as in bench-parse.  A parse error ends the program.

use strict;
use warnings;

use SMTP::Reply;

@ARGV == 1 or die "usage: parse.pl CORPUS\n";
open my $fh, '<:raw', $ARGV[0] or die "parse.pl: $ARGV[0]: $!\n";
my $parser = SMTP::Reply::Parser->new(max_line_length => 4096);
my ($replies, $sum) = (0, 0);

# Count the replies of EVENTS; die at an error.
sub count {
  for my $event (@_) {
    die "parse.pl: line ", $event->line, ": $event\n" if $event->is_error;
    $replies++;
    $sum += $event->code;
  }
}

while (sysread $fh, my $chunk, 65536) {
  count($parser->feed($chunk));
}
count($parser->finish);
print "$replies $sum\n";
