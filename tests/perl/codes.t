# codes.t -- reply codes through SMTP::Reply: lookups, classes, predicates.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

use strict;
use warnings;
use utf8;

use Test::More;

use SMTP::Reply qw(describe lookup is_permanent);

subtest 'the module and the library have the same version' => sub {
  is(SMTP::Reply::version(), '0.2.0', 'version()');
  is($SMTP::Reply::VERSION, '0.2.0', '$VERSION');
  ok(eval { SMTP::Reply->VERSION('v0.2.0'); 1 },
     'use SMTP::Reply v0.2.0 works');
  ok(!eval { SMTP::Reply->VERSION('v0.3.0'); 1 },
     'use SMTP::Reply v0.3.0 does not');
};

subtest 'describes 550 in English, as a character string' => sub {
  my $text = SMTP::Reply::describe(550);
  is($text, 'The requested action was not taken: the mailbox is unavailable '
       . '(not found, no access, or refused by local policy)');
  ok(utf8::is_utf8($text), 'flagged as UTF-8');
  is(describe('550'), $text, 'a code given as a string');
  is(describe(550, 'en'), $text, 'English asked for');
  is(describe(550, 'xx'), $text, 'an unknown language falls back to English');
};

subtest 'looks up 550 with every field' => sub {
  my $r = lookup(550);
  isa_ok($r, 'SMTP::Reply::Code');
  is($r->code, 550, 'code');
  is($r->name, 'MAILBOX_UNAVAILABLE', 'name');
  is($r->title, 'Mailbox unavailable', 'title');
  is($r->text, 'The requested action was not taken: the mailbox is '
       . 'unavailable (not found, no access, or refused by local policy)',
     'text');
  is($r->description, $r->text, 'description is the text');
  is($r->status, 'standard', 'status');
  like($r->reference, qr/\ARFC 5321\b/, 'reference');
  ok(utf8::is_utf8($r->name) && utf8::is_utf8($r->title), 'UTF-8 strings');
  ok($r->is_permanent && $r->is_failure && !$r->is_transient, 'predicates');
  is($r->class->name, 'PERMANENT_NEGATIVE', 'class');
  is($r->category->digit, 5, 'category');
};

subtest 'keeps invalid, unknown and known codes apart' => sub {
  is(lookup(259), undef, '259 is valid but not in the table');
  is(describe(259), undef, 'so it has no description');
  is(SMTP::Reply::code_class(259)->name, 'POSITIVE_COMPLETION',
     'but its class answers');
  is(SMTP::Reply::code_category(259)->name, 'MAIL_SYSTEM',
     'and its category');
  is(SMTP::Reply::code_check(259), 259, 'code_check returns the code');
  is(SMTP::Reply::code_check('250'), 250, 'from a string');
  ok(!eval { lookup(650); 1 }, '650 croaks');
  is($@->kind, 'EBAD_CLASS', 'with EBAD_CLASS');
};

subtest 'lists the whole table in order' => sub {
  my @codes = SMTP::Reply::codes();
  is(scalar @codes, 45, '45 codes');
  is($codes[0]->code, 211, 'first');
  is($codes[-1]->code, 556, 'last');
  is_deeply([ map { $_->code } @codes ], [ sort { $a <=> $b } map { $_->code }
                                           @codes ], 'ascending');
  my ($c550) = grep { $_->code == 550 } @codes;
  is($c550->name, 'MAILBOX_UNAVAILABLE', '550 among them');
};

subtest 'describes each digit' => sub {
  is(SMTP::Reply::class_lookup(1)->title, 'Positive preliminary reply');
  is(SMTP::Reply::class_lookup(2)->name, 'POSITIVE_COMPLETION');
  is(SMTP::Reply::class_lookup(3)->name, 'POSITIVE_INTERMEDIATE');
  is(SMTP::Reply::class_lookup(4)->text,
     'The command was not accepted and nothing was done, but the condition '
       . 'is temporary: the command may be tried again later');
  is(SMTP::Reply::class_lookup(5)->title, 'Permanent negative reply');
  is(SMTP::Reply::class_lookup(0), undef, 'no class 0');
  is(SMTP::Reply::class_lookup(6), undef, 'no class 6');
  is(SMTP::Reply::category_lookup(0)->name, 'SYNTAX');
  is(SMTP::Reply::category_lookup(1)->title, 'Information');
  is(SMTP::Reply::category_lookup(2)->text,
     'A reply about the transmission channel');
  is(SMTP::Reply::category_lookup(3)->title, 'Unspecified (x3z)');
  is(SMTP::Reply::category_lookup(4)->name, 'UNSPECIFIED_4');
  is(SMTP::Reply::category_lookup(5)->title, 'Mail system');
  is(SMTP::Reply::category_lookup(-1), undef, 'no category -1');
  is(SMTP::Reply::category_lookup(6), undef, 'no category 6');
  is(SMTP::Reply::code_class(354)->digit, 3, 'class of 354');
  is(SMTP::Reply::code_category(354)->digit, 5, 'category of 354');
};

subtest 'answers the predicates a mail program acts on' => sub {
  ok(SMTP::Reply::is_preliminary(110), '110 preliminary');
  ok(SMTP::Reply::is_success(250), '250 success');
  ok(!SMTP::Reply::is_success(354), '354 not success');
  ok(SMTP::Reply::is_intermediate(354), '354 intermediate');
  ok(SMTP::Reply::is_intermediate(334), '334 intermediate');
  ok(SMTP::Reply::is_transient(451), '451 transient');
  ok(!SMTP::Reply::is_transient(550), '550 not transient');
  ok(is_permanent(550), '550 permanent');
  ok(!is_permanent(421), '421 not permanent');
  ok(SMTP::Reply::is_failure(421), '421 failure');
  ok(SMTP::Reply::is_failure(554), '554 failure');
  ok(!SMTP::Reply::is_failure(250), '250 no failure');
  is(is_permanent(550), !!1, 'true is 1');
  is(is_permanent(250), !!0, 'false is the empty string');
};

subtest 'croaks on a predicate of an invalid code' => sub {
  my @cases = ([999, 'EBAD_CLASS'], [2500, 'EBAD_CODE'], [-1, 'EBAD_CODE'],
               [470, 'EBAD_CATEGORY']);
  for my $case (@cases) {
    my ($code, $kind) = @$case;
    ok(!eval { is_permanent($code); 1 }, "$code croaks");
    is($@->kind, $kind, "$code: $kind");
  }
};

subtest 'names the status of codes' => sub {
  is(SMTP::Reply::status_name($SMTP::Reply::STATUS_STANDARD), 'standard');
  is(SMTP::Reply::status_name($SMTP::Reply::STATUS_DEPRECATED),
     'deprecated');
  is(SMTP::Reply::status_name($SMTP::Reply::STATUS_EXPERIMENTAL),
     'experimental');
  is(SMTP::Reply::status_name($SMTP::Reply::STATUS_REGISTRY_ONLY),
     'registry_only');
  is(SMTP::Reply::status_name(9), undef, 'no status 9');
};

done_testing;
