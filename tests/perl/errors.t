# errors.t -- how SMTP::Reply croaks: the error objects in $@.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

use strict;
use warnings;
use utf8;

use Test::More;

use SMTP::Reply;

subtest 'croaks on a code that is not three digits' => sub {
  ok(!eval { SMTP::Reply::describe(5500); 1 }, 'croaks');
  my $err = $@;
  isa_ok($err, 'SMTP::Reply::Error');
  is($err->kind, 'EBAD_CODE', 'kind');
  is($err->{kind}, 'EBAD_CODE', 'kind in the hash');
  is($err->message, 'A reply code is exactly three digits', 'message');
  is("$err", 'A reply code is exactly three digits', 'stringifies to it');
  is($err->number, $SMTP::Reply::EBAD_CODE, 'number');
  is($err->number, -10, 'which is -10');
  is($err->offset, 3, 'offset of the fourth digit');
  ok(utf8::is_utf8($err->message), 'the message is UTF-8');
  ok($err ? 1 : 0, 'an error is true');
};

subtest 'gives the offset where a code given as text broke the rule' => sub {
  my @cases = (['abc', 'EBAD_CODE', 0], ['5x0', 'EBAD_CODE', 1],
               ['2500', 'EBAD_CODE', 3], ['-1', 'EBAD_CODE', 0],
               ['', 'EBAD_CODE', 0], ['55', 'EBAD_CODE', 2],
               ['099', 'EBAD_CLASS', 0], ['650', 'EBAD_CLASS', 0],
               ['560', 'EBAD_CATEGORY', 1]);
  for my $case (@cases) {
    my ($code, $kind, $offset) = @$case;
    ok(!eval { SMTP::Reply::code_check($code); 1 }, "'$code' croaks");
    is($@->kind, $kind, "'$code': $kind");
    is($@->offset, $offset, "'$code': offset $offset");
  }
  my $undef;
  ok(!eval { no warnings; SMTP::Reply::code_check($undef); 1 },
     'undef croaks');
  is($@->kind, 'EBAD_CODE', 'undef: EBAD_CODE');
};

subtest 'gives each class of invalid codes its own message' => sub {
  eval { SMTP::Reply::lookup(650) };
  is($@->kind, 'EBAD_CLASS', 'kind of 650');
  is("$@", 'The first digit of a reply code must be 1 to 5', '650 message');
  eval { SMTP::Reply::lookup(560) };
  is($@->kind, 'EBAD_CATEGORY', 'kind of 560');
  is("$@", 'The second digit of a reply code must be 0 to 5',
     '560 message');
};

subtest 'croaks with EINVAL on arguments of the wrong kind' => sub {
  for my $call (sub { SMTP::Reply::class_lookup('x') },
                sub { SMTP::Reply::enhanced_describe(undef) },
                sub { SMTP::Reply::advise(550, undef, 'nowhere') },
                sub { SMTP::Reply::Parser->new(colour => 1) },
                sub { SMTP::Reply::Parser->new(strict => ['NO_SUCH']) },
                sub { SMTP::Reply::Parser->new(line_length => 3) },
                sub { SMTP::Reply::Parser->new(lines => -1) }) {
    ok(!eval { $call->(); 1 }, 'croaks');
    is($@->kind, 'EINVAL', 'EINVAL');
    is("$@", 'Invalid argument', 'message');
  }
};

subtest 'croaks on language tags without a catalog or with bad characters' =>
  sub {
    ok(SMTP::Reply::language_check('en'), 'en is fine');
    ok(SMTP::Reply::language_check('ru'), 'ru is fine');
    ok(!eval { SMTP::Reply::language_check('xx'); 1 }, 'xx croaks');
    is($@->kind, 'ENO_CATALOG', 'xx: ENO_CATALOG');
    is("$@", 'No catalog is installed for this language', 'xx: message');
    ok(!eval { SMTP::Reply::language_check('../etc'); 1 }, '../etc croaks');
    is($@->kind, 'EBAD_LANG', '../etc: EBAD_LANG');
    ok(SMTP::Reply::catalog_check('ru'), 'the ru catalog is usable');
    ok(!eval { SMTP::Reply::catalog_check('xx'); 1 }, 'no xx catalog');
    is($@->kind, 'ENO_CATALOG', 'xx: ENO_CATALOG');
  };

subtest 'names errors and describes them in any language' => sub {
  is(SMTP::Reply::errname($SMTP::Reply::ETRUNCATED), 'SMTPREPLY_ETRUNCATED',
     'errname');
  is(SMTP::Reply::errname(0), undef, 'no error 0');
  is(SMTP::Reply::strerror($SMTP::Reply::ETRUNCATED),
     'The input ended inside a reply', 'strerror');
  is(SMTP::Reply::strerror($SMTP::Reply::ETRUNCATED, 'ru'),
     'Входные данные закончились посреди ответа', 'strerror in Russian');
  eval { SMTP::Reply::describe('x') };
  is($@->message('ru'), 'Код ответа состоит ровно из трёх цифр',
     'an error object translates its message');
  is($@->message, 'A reply code is exactly three digits',
     'and keeps its own');
};

subtest 'has a constant for each error and each flag' => sub {
  is($SMTP::Reply::EINVAL, -1, 'EINVAL');
  is($SMTP::Reply::EBAD_LANG, -90, 'EBAD_LANG');
  is($SMTP::Reply::EBARE_LF, -67, 'EBARE_LF');
  is($SMTP::Reply::FLAG_BARE_LF, 8, 'FLAG_BARE_LF');
  is(SMTP::Reply::flag_error($SMTP::Reply::FLAG_BARE_LF),
     $SMTP::Reply::EBARE_LF, 'a flag becomes its error');
  is(SMTP::Reply::flag_name($SMTP::Reply::FLAG_BARE_LF), 'BARE_LF',
     'flag_name');
  is_deeply([ SMTP::Reply::flag_names(SMTP::Reply::flag_all()) ],
            [qw(CODE_MISMATCH BARE_CODE NO_SPACE BARE_LF CONTROL EIGHT_BIT
                ENHANCED_MISMATCH ENHANCED_INCONSISTENT ENHANCED_INVALID
                PRELIMINARY)], 'flag_names of flag_all, in order');
};

subtest 'keeps the C wrappers out of the API' => sub {
  ok(!defined &SMTP::Reply::reply_lookup, 'no reply_lookup');
  ok(!defined &SMTP::Reply::parser_feed, 'no parser_feed');
  ok(defined &SMTP::Replyc::reply_lookup, 'the wrapper is in SMTP::Replyc');
  is(ref SMTP::Replyc::reply_lookup(550), 'HASH', 'and gives a hash');
  ok(defined &SMTP::Reply::describe, 'describe is there');
};

done_testing;
