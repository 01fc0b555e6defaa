# lookup.pl -- described reply codes from Perl, as "make bench" times them.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage: perl lookup.pl RUNS LANG...
#
# The Perl side of bench-lookup: every code of the table in each LANG in
# turn, for at least 0.2 seconds, the best of RUNS measures, in
# nanoseconds per call (the loop included).  It times
# SMTP::Reply::describe($code, $lang), the call a user makes (plain XS);
# SMTP::Replyc::reply_describe_lang, the same C function through SWIG's
# wrapper; and SMTP::Replyc::reply_lookup, the plain lookup, which copies
# the entry into a hash.  The first line, the bytes of all the
# descriptions in UTF-8, must be bench-lookup's.

use strict;
use warnings;

use Time::HiRes qw(clock_gettime CLOCK_MONOTONIC);
use SMTP::Reply;

use constant MIN_SECONDS => 0.2;

@ARGV >= 2 or die "usage: lookup.pl RUNS LANG...\n";
my ($runs, @langs) = @ARGV;
my @codes = map { $_->code } SMTP::Reply::codes();
my $calls = @codes * @langs;

# Return the best time per call, in ns, of $runs measures of FN.
sub best_ns {
  my ($fn) = @_;
  my $best;
  for (1 .. $runs) {
    my ($rounds, $seconds) = (1, 0);
    while (1) {
      my $t0 = clock_gettime(CLOCK_MONOTONIC);
      $fn->($rounds);
      $seconds = clock_gettime(CLOCK_MONOTONIC) - $t0;
      last if $seconds >= MIN_SECONDS;
      $rounds *= 2;
    }
    my $ns = $seconds * 1e9 / ($rounds * $calls);
    $best = $ns if !defined $best || $ns < $best;
  }
  return $best;
}

my $bytes = 0;
for my $code (@codes) {
  for my $lang (@langs) {
    my $text = SMTP::Reply::describe($code, $lang);
    utf8::encode($text);
    $bytes += length $text;
  }
}
print "bytes $bytes\n";

printf "describe %.1f\n", best_ns(sub {
  for (1 .. $_[0]) {
    for my $code (@codes) {
      SMTP::Reply::describe($code, $_) for @langs;
    }
  }
});
printf "describe_lang %.1f\n", best_ns(sub {
  for (1 .. $_[0]) {
    for my $code (@codes) {
      SMTP::Replyc::reply_describe_lang($code, $_) for @langs;
    }
  }
});
printf "lookup %.1f\n", best_ns(sub {
  for (1 .. $_[0]) {
    for my $code (@codes) {
      SMTP::Replyc::reply_lookup($code) for @langs;
    }
  }
});
