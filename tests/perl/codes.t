# codes.t -- reply codes through SMTP::Reply: lookups, classes, predicates.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

use strict;
use warnings;
use utf8;

use FindBin;
use lib $FindBin::Bin;
use TestLib;

use Test::More;

use SMTP::Reply qw(describe lookup is_permanent);

subtest 'the module and the library have the same version' => sub {
  my $version = sprintf '%d.%d.%d', $SMTP::Replyc::VERSION_MAJOR,
    $SMTP::Replyc::VERSION_MINOR, $SMTP::Replyc::VERSION_PATCH;
  is(SMTP::Reply::version(), $version, 'version()');
  is($SMTP::Reply::VERSION, $version, '$VERSION');
  ok(eval { SMTP::Reply->VERSION("v$version"); 1 },
     "use SMTP::Reply v$version works");
  ok(!eval { SMTP::Reply->VERSION('v99.0.0'); 1 },
     'use SMTP::Reply v99.0.0 does not');
  is(SMTP::Reply::check_version($version), $version,
     'check_version of its own version');
  is(SMTP::Reply::check_version('0.1'), $version, 'of an older one');
  is(SMTP::Reply::check_version(undef), $version, 'of none');
  is(SMTP::Reply::check_version('99.0'), undef, 'not of a newer one');
  is(SMTP::Reply::check_version('x'), undef, 'nor of a word');
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
  is($r->status, 'standard', 'status, a token');
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
  is(SMTP::Reply::check_code(259), 259, 'check_code returns the code');
  is(SMTP::Reply::check_code('250'), 250, 'from a string');
  is(SMTP::Reply::parse_code('250'), 250, 'parse_code too');
  ok(!eval { lookup(650); 1 }, '650 croaks');
  is($@->kind, 'EBAD_CLASS', 'with EBAD_CLASS');
};

subtest 'lists the whole table in order' => sub {
  my @codes = SMTP::Reply::codes();
  is(scalar @codes, SMTP::Replyc::reply_count(), 'as many as the library');
  is_deeply([ map { $_->code } @codes ],
            [ map { SMTP::Replyc::reply_at($_)->{code} }
                0 .. SMTP::Replyc::reply_count() - 1 ], 'the same');
  is_deeply([ map { $_->code } @codes ], [ sort { $a <=> $b } map { $_->code }
                                           @codes ], 'ascending');
  my ($c550) = grep { $_->code == 550 } @codes;
  is($c550->name, 'MAILBOX_UNAVAILABLE', '550 among them');
};

subtest 'describes the digits of a code' => sub {
  is(SMTP::Reply::code_class(150)->title, 'Positive preliminary reply');
  is(SMTP::Reply::code_class(250)->name, 'POSITIVE_COMPLETION');
  is(SMTP::Reply::code_class(354)->name, 'POSITIVE_INTERMEDIATE');
  is(SMTP::Reply::code_class(421)->text,
     'The command was not accepted and nothing was done, but the condition '
       . 'is temporary: the command may be tried again later');
  is(SMTP::Reply::code_class(550)->title, 'Permanent negative reply');
  is(SMTP::Reply::code_category(500)->name, 'SYNTAX');
  is(SMTP::Reply::code_category(214)->title, 'Information');
  is(SMTP::Reply::code_category(421)->text,
     'A reply about the transmission channel');
  is(SMTP::Reply::code_category(530)->title, 'Unspecified (x3z)');
  is(SMTP::Reply::code_category(541)->name, 'UNSPECIFIED_4');
  is(SMTP::Reply::code_category(550)->title, 'Mail system');
  is(SMTP::Reply::code_class(354)->digit, 3, 'class of 354');
  is(SMTP::Reply::code_category(354)->digit, 5, 'category of 354');
  ok(!eval { SMTP::Reply::code_class(650); 1 }, 'no class 6');
  is($@->kind, 'EBAD_CLASS', 'EBAD_CLASS');
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

subtest 'names the status of codes with tokens' => sub {
  my %status = map { $_->status => 1 } SMTP::Reply::codes();
  my %tokens = map { $_ => 1 } SMTP::Reply::tokens('status');
  ok(!grep({ !$tokens{$_} } keys %status), 'every status is a token');
  is(lookup(550)->status, 'standard', '550 is standard');
};

done_testing;
