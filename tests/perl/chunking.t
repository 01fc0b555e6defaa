# chunking.t -- the same events as the C parser, however the stream is cut.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Random streams of replies, with random errors among them, go through
# SMTP::Reply::Parser in random chunks, and through the C library as
# "smtpreply --json parse" reads them; the replies and the errors must be
# the same, in the same order.  Each stream is made from a seed the test
# names, so that a failure can be replayed.

use strict;
use warnings;

use FindBin;
use lib $FindBin::Bin;
use TestLib;

use File::Spec ();
use File::Temp ();
use JSON::PP ();
use Test::More;

use SMTP::Reply;

my $command = smtpreply_command();

# The limits and strict flags both readers get.
my @options = (max_line_length => 64, max_lines => 4);
my @cli_options = ('--line-length=64', '--max-lines=4');

# Return a random stream of replies and errors.
sub random_stream {
  my @pieces;
  my $eol = sub { rand() < 0.1 ? "\n" : "\r\n" };
  my @words = ('ok', 'Hello there', 'mx.example.net ESMTP', "caf\xc3\xa9",
               "tab\there", "esc\x1b[0m", '', 'Mailbox full');
  my $text = sub { $words[ int rand @words ] };
  for (1 .. 10 + int rand 40) {
    my $r = rand;
    if ($r < 0.45) {
      my $code = (220, 250, 354, 421, 450, 452, 550, 554)[ int rand 8 ];
      my $n = 1 + int rand 3;
      my $enh = rand() < 0.5 ? ((substr $code, 0, 1) =~ tr/3/2/r) . '.1.1 '
                             : '';
      for my $i (1 .. $n) {
        my $c = rand() < 0.05 ? $code + 1 : $code;
        push @pieces, $c . ($i < $n ? '-' : ' ') . $enh . $text->() . $eol->();
      }
    } elsif ($r < 0.5) {
      push @pieces, '334' . $eol->();
    } elsif ($r < 0.6) {
      push @pieces, ('x', '25', '2500 no', '650 x', '260 y', '-', '250x')
                      [ int rand 7 ] . $eol->();
    } elsif ($r < 0.7) {
      push @pieces, '250 ' . ('y' x (50 + int rand 30)) . $eol->();
    } elsif ($r < 0.75) {
      push @pieces, join '', map { "250-l$_" . $eol->() } 1 .. 6;
      push @pieces, '250 end' . $eol->();
    } elsif ($r < 0.8) {
      push @pieces, "250 a\0b" . $eol->();
    } else {
      push @pieces, '221 2.0.0 Bye' . $eol->();
    }
  }
  push @pieces, '250-cut' if rand() < 0.3;
  push @pieces, '25' if rand() < 0.1;
  return join '', @pieces;
}

# Return the events of the C parser on STREAM, with STRICT (a list of
# flags) as plain data.
sub c_events {
  my ($stream, @strict) = @_;
  my $dir = File::Temp::tempdir(CLEANUP => 1);
  open my $out, '>:raw', "$dir/stream" or die "$dir/stream: $!";
  print $out $stream;
  close $out;
  my @strict_option = @strict ? ('--strict=' . join ',', @strict) : ();
  # The command reports each error on its standard error too: not here.
  open my $saved, '>&', \*STDERR or die "dup: $!";
  open STDERR, '>', File::Spec->devnull or die "/dev/null: $!";
  my $ok = open my $in, '-|', $command, '--json', 'parse', @cli_options,
    @strict_option, "$dir/stream";
  open STDERR, '>&', $saved or die "dup: $!";
  $ok or die "$command: $!";
  my @events;
  my $json = JSON::PP->new->utf8;
  while (my $line = <$in>) {
    my $o = $json->decode($line);
    push @events, defined $o->{error}
      ? [ 'error', $o->{error}, $o->{line}, $o->{offset} ]
      : [ 'reply', $o->{code}, $o->{enhanced}, $o->{flags}, $o->{line},
          $o->{lines} ];
  }
  close $in;
  return \@events;
}

# Return the events SMTP::Reply::Parser makes of CHUNKS as plain data.
sub perl_events {
  my ($strict, @chunks) = @_;
  my $p = SMTP::Reply::Parser->new(@options, strict => $strict);
  my @events = ((map { $p->feed($_) } @chunks), $p->finish);
  return [ map {
    $_->is_error
      ? [ 'error', $_->kind, $_->line, $_->offset ]
      : [ 'reply', $_->code, $_->enhanced, [ $_->flags ], $_->line_number,
          [ $_->lines ] ]
  } @events ];
}

# Return STREAM cut at random places.
sub random_chunks {
  my ($stream) = @_;
  my @chunks;
  my $at = 0;
  while ($at < length $stream) {
    my $n = 1 + int rand 24;
    push @chunks, substr $stream, $at, $n;
    $at += $n;
  }
  return @chunks;
}

subtest 'random streams and chunkings give the C parser\'s events' => sub {
  my ($events, $errors) = (0, 0);
  for my $seed (1 .. 40) {
    srand $seed;
    my $stream = random_stream();
    my @strict = $seed % 3 == 0 ? ('BARE_LF', 'CODE_MISMATCH') : ();
    my $expected = c_events($stream, @strict);
    $events += @$expected;
    $errors += grep { $_->[0] eq 'error' } @$expected;
    is_deeply(perl_events([@strict], $stream), $expected,
              "seed $seed: the whole stream at once");
    is_deeply(perl_events([@strict], split //, $stream), $expected,
              "seed $seed: byte by byte");
    for my $round (1 .. 3) {
      is_deeply(perl_events([@strict], random_chunks($stream)), $expected,
                "seed $seed: random chunks, round $round");
    }
  }
  cmp_ok($errors, '>', 100, "the streams held errors ($errors)");
  cmp_ok($events - $errors, '>', 500, 'and replies (' . ($events - $errors)
           . ')');
};

subtest 'errors cost linear time' => sub {
  my $lines = 100_000;
  my $stream = "x\r\n" x $lines;
  my @t0 = times;
  my @events = SMTP::Reply::Parser->new->parse($stream);
  my @t1 = times;
  my $cpu = ($t1[0] - $t0[0]) + ($t1[1] - $t0[1]);
  is(scalar @events, $lines, 'an error for each bad line');
  is_deeply([ map { [ $_->kind, $_->line, $_->offset ] } @events[0, -1] ],
            [ [ 'EBAD_CODE', 1, 0 ], [ 'EBAD_CODE', $lines, 3 * $lines - 3 ] ],
            'the first and the last');
  # A sanity bound, not a benchmark; the sanitizers slow everything down.
  my $bound = ($ENV{LD_PRELOAD} // '') =~ /lib[at]san/ ? 4 : 1;
  cmp_ok($cpu, '<', $bound, "100,000 errors in one buffer in ${cpu}s of CPU");
};

done_testing;
