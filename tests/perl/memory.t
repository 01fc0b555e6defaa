# memory.t -- a million lookups and parses leave the memory as it was.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Each loop runs a tenth of its rounds first, so that perl's and the
# parser's buffers reach their size, then compares the resident set size
# before and after the rest.  A leak of 8 bytes a round would show as 8 MB.

use strict;
use warnings;

use FindBin;
use lib $FindBin::Bin;
use TestLib;

use Test::More;

use SMTP::Reply;

# The slack allowed, in kB.
my $slack = 1024;

# Return the resident set size of this process in kB.
sub rss {
  open my $status, '<', '/proc/self/status' or die "/proc/self/status: $!";
  while (<$status>) {
    return $1 if /^VmRSS:\s+(\d+)\s+kB/;
  }
  die "no VmRSS in /proc/self/status";
}

# Run CODE ROUNDS times and return how many kB the last nine tenths added.
sub growth {
  my ($rounds, $code) = @_;
  $code->() for 1 .. $rounds / 10;
  my $before = rss();
  $code->() for 1 .. $rounds - $rounds / 10;
  return rss() - $before;
}

my $parser = SMTP::Reply::Parser->new;

subtest 'a million lookups and parses' => sub {
  my $kb = growth(1_000_000, sub {
    my $entry = SMTP::Reply::lookup(550);
    my $title = $entry->title;
    my ($reply) = $parser->feed("550-5.1.1 no\r\n550 5.1.1 such user\r\n");
    my @lines = $reply->lines;
    my $text = SMTP::Reply::describe($reply->code, 'ru');
    my @flags = $reply->flags;
  });
  cmp_ok($kb, '<=', $slack, "grew by $kb kB");
};

subtest 'a hundred thousand errors of each kind' => sub {
  my $kb = growth(100_000, sub {
    my @errors = $parser->feed("x\r\n25\r\n");
    eval { SMTP::Reply::describe('5x0') };
    eval { SMTP::Reply::describe_enhanced('5.01.1') };
    eval { SMTP::Reply::Parser->new(colour => 1) };
    eval { SMTP::Reply::describe(550, "ru\0de") };
  });
  cmp_ok($kb, '<=', $slack, "grew by $kb kB");
};

subtest 'a hundred thousand of everything else' => sub {
  my $kb = growth(100_000, sub {
    my $p = SMTP::Reply::Parser->new(max_line_length => 1000,
                                     strict => 'all');
    $p->feed("250-mx\r\n250 ");
    my @end = $p->finish;
    $p->close;
    my $m = SMTP::Reply::extract('said: 550 5.1.1 <a@b>: unknown');
    my $safe = SMTP::Reply::display_safe("a\x1b[31mb\xff");
    my $advice = SMTP::Reply::advise(550, '5.1.1', 'rcpt')->text;
    my $e = SMTP::Reply::lookup_enhanced('5.1.1')->title;
    my @langs = SMTP::Reply::languages();
  });
  cmp_ok($kb, '<=', $slack, "grew by $kb kB");
};

# Slower calls, fewer rounds: a leak of 64 bytes a round would show.
subtest 'twenty thousand verdicts, records and summaries' => sub {
  my $kb = growth(20_000, sub {
    my $v = SMTP::Reply::classify('452 4.2.2 Mailbox full')->explanation;
    my @records = SMTP::Reply::annotate_lines(
      ['x postfix/smtp[1]: A1: to=<a@b.example>, dsn=5.1.1, status=bounced '
         . '(host h[192.0.2.1] said: 550 5.1.1 unknown)']);
    my $s = SMTP::Reply::Summary->new;
    $s->add_lines(['550 5.1.1 unknown', '250 ok']);
    my $t = SMTP::Reply::Summary->from_json($s->to_json)->render;
  });
  cmp_ok($kb, '<=', $slack, "grew by $kb kB");
};

done_testing;
