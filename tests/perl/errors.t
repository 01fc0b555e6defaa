# errors.t -- how SMTP::Reply dies: SMTP::Reply::Error objects in $@.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

use strict;
use warnings;
use utf8;

use FindBin;
use lib $FindBin::Bin;
use TestLib;

use Test::More;

use SMTP::Reply;

# Return "at FILE line N.\n" for the line LINE of this file.
sub at { return ' at ' . __FILE__ . " line $_[0].\n" }

subtest 'dies on a code that is not three digits' => sub {
  ok(!eval { SMTP::Reply::describe(5500); 1 }, 'dies');
  my ($err, $line) = ($@, __LINE__ - 1);
  isa_ok($err, 'SMTP::Reply::Error');
  is($err->kind, 'EBAD_CODE', 'kind');
  is($err->{kind}, 'EBAD_CODE', 'kind in the hash');
  is($err->message, 'A reply code is exactly three digits', 'message');
  is("$err", 'A reply code is exactly three digits' . at($line),
     'reads as the message, where the caller called');
  is($err->caller_file, __FILE__, 'caller_file');
  is($err->caller_line, $line, 'caller_line');
  is($err->number, $SMTP::Replyc::EBAD_CODE, 'number');
  is($err->offset, 3, 'offset of the fourth digit');
  is($err->line, undef, 'no line of a stream');
  ok(utf8::is_utf8($err->message), 'the message is UTF-8');
  ok($err ? 1 : 0, 'an error is true');
  ok($err->is_error, 'is_error');
};

# Call SMTP::Reply from a package of the caller's own, some calls deep.
package Caller::Deep {
  our ($lookup_at, $feed_at);
  sub lookup { return SMTP::Reply::lookup(@_) } $lookup_at = __LINE__;
  sub feed { SMTP::Reply::Parser->new(@_)->feed('') } $feed_at = __LINE__;
}

subtest 'says where the caller called, however deep in the module' => sub {
  eval { Caller::Deep::lookup(650) };
  is("$@", 'The first digit of a reply code must be 1 to 5'
       . at($Caller::Deep::lookup_at),
     'a function in the caller\'s package');
  eval { SMTP::Reply::Parser->new(colour => 1) };
  my $line = __LINE__ - 1;
  is("$@", 'Invalid argument' . at($line), 'a method of the module');
  eval { Caller::Deep::feed(max_lines => 0) };
  is("$@", 'Invalid argument' . at($Caller::Deep::feed_at),
     'a method that calls another of the module');
  eval { SMTP::Reply::tokens('colour') };
  $line = __LINE__ - 1;
  is("$@", 'Invalid argument' . at($line), 'a check of the Perl layer');
  eval { SMTP::Replyc::code_value('x') };
  $line = __LINE__ - 1;
  is("$@", 'A reply code is exactly three digits' . at($line),
     'a function of the low-level module');
  eval { SMTP::Reply::Summary->from_json('{') };
  $line = __LINE__ - 1;
  is($@->kind, 'ESUMMARY_JSON', 'a summary');
  is($@->caller_line, $line, 'where the caller called');
  my $p = SMTP::Reply::Parser->new;
  $p->close;
  eval {
    $p->feed('x');
  };
  is($@->caller_line, __LINE__ - 2, 'the line of the statement');
};

subtest 'gives the offset where a code given as text broke the rule' => sub {
  my @cases = (['abc', 'EBAD_CODE', 0], ['5x0', 'EBAD_CODE', 1],
               ['2500', 'EBAD_CODE', 3], ['-1', 'EBAD_CODE', 0],
               ['', 'EBAD_CODE', 0], ['55', 'EBAD_CODE', 2],
               ['099', 'EBAD_CLASS', 0], ['650', 'EBAD_CLASS', 0],
               ['560', 'EBAD_CATEGORY', 1], [ 550.5, 'EBAD_CODE', 3 ],
               [ -550, 'EBAD_CODE', 0 ]);
  for my $case (@cases) {
    my ($code, $kind, $offset) = @$case;
    ok(!eval { SMTP::Reply::check_code($code); 1 }, "'$code' dies");
    is($@->kind, $kind, "'$code': $kind");
    is($@->offset, $offset, "'$code': offset $offset");
  }
  ok(!eval { SMTP::Reply::check_code(undef); 1 }, 'undef dies');
  is($@->kind, 'EBAD_CODE', 'undef: EBAD_CODE');
};

subtest 'gives each class of invalid codes its own message' => sub {
  eval { SMTP::Reply::lookup(650) };
  is($@->kind, 'EBAD_CLASS', 'kind of 650');
  is($@->message, 'The first digit of a reply code must be 1 to 5',
     '650 message');
  eval { SMTP::Reply::lookup(560) };
  is($@->kind, 'EBAD_CATEGORY', 'kind of 560');
  is($@->message, 'The second digit of a reply code must be 0 to 5',
     '560 message');
};

subtest 'dies with EINVAL on arguments of the wrong kind' => sub {
  for my $call (sub { SMTP::Reply::enhanced_class('x') },
                sub { SMTP::Reply::describe_enhanced(undef) },
                sub { SMTP::Reply::advise(550, undef, 'nowhere') },
                sub { SMTP::Reply::Parser->new(colour => 1) },
                sub { SMTP::Reply::Parser->new(strict => ['NO_SUCH']) },
                sub { SMTP::Reply::Parser->new(max_line_length => 3) },
                sub { SMTP::Reply::Parser->new(max_lines => -1) },
                sub { SMTP::Reply::strerror('ENOSUCH') }) {
    ok(!eval { $call->(); 1 }, 'dies');
    is($@->kind, 'EINVAL', 'EINVAL');
    is($@->message, 'Invalid argument', 'message');
  }
};

subtest 'dies on language tags without a catalog or with bad characters' =>
  sub {
    ok(SMTP::Reply::check_language('en'), 'en is fine');
    ok(SMTP::Reply::check_language('ru'), 'ru is fine');
    ok(!eval { SMTP::Reply::check_language('xx'); 1 }, 'xx dies');
    is($@->kind, 'ENO_CATALOG', 'xx: ENO_CATALOG');
    is($@->message, 'No catalog is installed for this language',
       'xx: message');
    ok(!eval { SMTP::Reply::check_language('../etc'); 1 }, '../etc dies');
    is($@->kind, 'EBAD_LANG', '../etc: EBAD_LANG');
    ok(SMTP::Reply::check_catalog('ru'), 'the ru catalog is usable');
    ok(!eval { SMTP::Reply::check_catalog('xx'); 1 }, 'no xx catalog');
    is($@->kind, 'ENO_CATALOG', 'xx: ENO_CATALOG');
  };

subtest 'describes errors by their tokens in any language' => sub {
  is(SMTP::Reply::strerror('ETRUNCATED'), 'The input ended inside a reply',
     'strerror');
  is(SMTP::Reply::strerror('etruncated', 'ru'),
     'Входные данные закончились посреди ответа', 'in Russian');
  eval { SMTP::Reply::describe('x') };
  is($@->message('ru'), 'Код ответа состоит ровно из трёх цифр',
     'an error object translates its message');
  is($@->message, 'A reply code is exactly three digits',
     'and keeps its own');
};

subtest 'keeps the C wrappers out of the API' => sub {
  ok(!defined &SMTP::Reply::reply_lookup, 'no reply_lookup');
  ok(!defined &SMTP::Reply::parser_feed, 'no parser_feed');
  ok(defined &SMTP::Replyc::reply_lookup, 'the wrapper is in SMTP::Replyc');
  is(ref SMTP::Replyc::reply_lookup(550), 'HASH', 'and gives a hash');
  ok(defined &SMTP::Reply::describe, 'describe is there');
};

done_testing;
