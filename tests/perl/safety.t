# safety.t -- no sequence of calls crashes perl: owned objects, threads,
# forged objects, arguments of the wrong kind.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

use strict;
use warnings;

use FindBin;
use lib $FindBin::Bin;
use TestLib;

use threads;
use Test::More;

use SMTP::Reply;

# Return the kind of the error CODE dies with, or 'lived'.
sub dies_with {
  my ($code) = @_;
  return 'lived' if eval { $code->(); 1 };
  return ref $@ && $@->isa('SMTP::Reply::Error') ? $@->kind : "other: $@";
}

subtest 'closes a parser once, and refuses it after' => sub {
  my $p = SMTP::Reply::Parser->new;
  my ($r) = $p->feed("250 ok\r\n");
  $p->close;
  is(dies_with(sub { $p->close }), 'lived', 'closing twice is fine');
  for my $call (sub { $p->feed("250 ok\r\n") }, sub { $p->finish },
                sub { $p->parse('') }, sub { $p->reset },
                sub { $p->limit('max_lines') },
                sub { $p->set_limit(max_lines => 5) },
                sub { $p->set_strict('all') }) {
    is(dies_with($call), 'EINVAL', 'a closed parser croaks');
  }
  is($r->code, 250, 'what it returned lives on');
};

subtest 'keeps the low-level parser an owned object' => sub {
  my $h = SMTP::Replyc::parser_new();
  isa_ok($h, 'SMTP::Replyc::Parser');
  is(SMTP::Replyc::parser_get_limit($h, $SMTP::Replyc::LIMIT_LINES), 1000,
     'usable');
  SMTP::Replyc::parser_free($h);
  is(dies_with(sub { SMTP::Replyc::parser_free($h) }), 'lived',
     'freeing twice frees once');
  is(dies_with(sub { SMTP::Replyc::parser_reset($h) }), 'EINVAL',
     'and a freed parser croaks');
  my $forged = bless \(my $n = 12345), 'SMTP::Replyc::Parser';
  is(dies_with(sub { SMTP::Replyc::parser_reset($forged) }), 'EINVAL',
     'a blessed number is no parser');
  is(dies_with(sub { SMTP::Replyc::parser_scan($forged, "250 x\r\n") }),
     'EINVAL', 'nor for parser_scan');
  is(dies_with(sub { SMTP::Replyc::parser_free($forged) }), 'EINVAL',
     'nor to free');
  my $summary = SMTP::Replyc::summary_new(0);
  is(dies_with(sub { SMTP::Replyc::parser_reset($summary) }), 'EINVAL',
     'a summary is no parser');
  is(dies_with(sub { SMTP::Replyc::summary_lines($h) }), 'EINVAL',
     'nor a parser a summary');
  SMTP::Replyc::summary_free($summary);
  SMTP::Replyc::summary_free($summary);
  is(dies_with(sub { SMTP::Replyc::summary_lines($summary) }), 'EINVAL',
     'a freed summary croaks');
};

subtest 'leaves a parser to the thread that made it' => sub {
  my $p = SMTP::Reply::Parser->new;
  $p->feed("250-a\r\n");
  my $s = SMTP::Reply::Summary->new;
  my $in_thread = threads->create({ context => 'list' }, sub {
    return (dies_with(sub { $p->feed("250 b\r\n") }),
            dies_with(sub { $s->lines }));
  });
  my @kinds = $in_thread->join;
  is_deeply(\@kinds, [ 'EINVAL', 'EINVAL' ],
            'a copy in another thread is closed');
  my ($r) = $p->feed("250 b\r\n");
  is_deeply([ $r->raw_lines ], [ 'a', 'b' ], 'the original goes on');
  my @codes = map { $_->join } map {
    threads->create(sub {
      my $own = SMTP::Reply::Parser->new;
      return join ',', map { $_->code } $own->parse("221 bye\r\n" x 100);
    });
  } 1 .. 4;
  is_deeply(\@codes, [ map { join ',', ('221') x 100 } 1 .. 4 ],
            'each thread its own parser');
};

subtest 'refuses replies it did not make' => sub {
  for my $forged ('junk', "\x53\x4d\x50\x52" . ("\xff" x 60), undef, [],
                  {}) {
    my $r = bless ref $forged ? $forged : \(my $copy = $forged),
      'SMTP::Reply::Response';
    for my $method (qw(code lines raw_lines text flags enhanced)) {
      is(dies_with(sub { my @x = $r->$method }), 'EINVAL',
         "$method of a forged reply croaks");
    }
  }
  my ($r) = SMTP::Reply::Parser->new->feed("250 ok\r\n");
  like(dies_with(sub { ${$r} = 'x' }),
       qr/\Aother: Modification of a read-only value attempted at /,
       'a reply is read-only');
  is(dies_with(sub { SMTP::Reply::Response::code('x') }), 'EINVAL',
     'a method called on a string croaks');
};

subtest 'checks the kind of its arguments' => sub {
  is(SMTP::Reply::extract(5), undef, 'a number is the text "5"');
  is(dies_with(sub { SMTP::Reply::extract([]) }), 'EINVAL',
     'a reference is no text');
  is(dies_with(sub { SMTP::Reply::extract(undef) }), 'EINVAL',
     'nor is undef');
  is(dies_with(sub { SMTP::Reply::Parser->new->feed({}) }), 'EINVAL',
     'the parser takes no reference');
  is(dies_with(sub { SMTP::Reply::Parser->new->feed() }), 'EINVAL',
     'nor nothing');
  is(dies_with(sub { SMTP::Reply::describe([]) }), 'EINVAL',
     'a code is no reference');
  is(dies_with(sub { SMTP::Reply::describe() }), 'EINVAL',
     'and describe needs one');
  is(dies_with(sub { SMTP::Reply::describe(550, 'ru', 'x') }), 'EINVAL',
     'and no more than a language');
  is(dies_with(sub { SMTP::Reply::enhanced_class('x') }), 'EINVAL',
     'a class is a number');
  is(dies_with(sub { SMTP::Reply::enhanced_subject(2**40) }), 'EINVAL',
     'that fits');
  is(dies_with(sub { SMTP::Replyc::reply_at(-1) }), 'EINVAL',
     'an index is not negative');
  is(SMTP::Replyc::reply_at(SMTP::Replyc::reply_count()), undef,
     'an index past the end gives nothing');
};

subtest 'refuses a language tag with a NUL rather than cut it' => sub {
  my $tag = "ru\0de";
  for my $call (sub { SMTP::Reply::describe(550, $tag) },
                sub { SMTP::Reply::lookup(550, $tag)->title },
                sub { SMTP::Reply::describe_enhanced('5.1.1', $tag) },
                sub { SMTP::Reply::resolve_language($tag) },
                sub { SMTP::Reply::check_language($tag) },
                sub { SMTP::Reply::translate('Mailbox unavailable', $tag) },
                sub { SMTP::Reply::strerror('EINVAL', $tag) },
                sub { SMTP::Reply::Parser->new(lang => $tag) },
                sub { SMTP::Reply::codes($tag) },
                sub { SMTP::Reply::annotate_lines(['250 ok'], lang => $tag) },
                sub { SMTP::Reply::Summary->new->render('text', $tag) }) {
    is(dies_with($call), 'EBAD_LANG', 'EBAD_LANG');
  }
  is(dies_with(sub { SMTP::Reply::lookup_reason("mailboxfull\0x") }),
     'EINVAL', 'a name with a NUL is EINVAL');
};

done_testing;
