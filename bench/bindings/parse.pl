# parse.pl -- smtpreply's Perl parser, as "make bench" times it.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage: perl parse.pl CORPUS
#
# Feed CORPUS to SMTP::Reply::Parser in chunks of 64 KiB, as a program
# reading a file or a socket would, and print the number of replies and
# the sum of their codes.  Lines may be 4096 bytes long, as in
# bench-parse.  A parse error ends the program.

use strict;
use warnings;

use SMTP::Reply;

@ARGV == 1 or die "usage: parse.pl CORPUS\n";
open my $fh, '<:raw', $ARGV[0] or die "parse.pl: $ARGV[0]: $!\n";
my $parser = SMTP::Reply::Parser->new(line_length => 4096);
my ($replies, $sum) = (0, 0);
while (sysread $fh, my $chunk, 65536) {
  for my $reply ($parser->feed($chunk)) {
    $replies++;
    $sum += $reply->code;
  }
}
$parser->finish;
print "$replies $sum\n";
