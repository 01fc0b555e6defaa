# enhanced.t -- enhanced status codes (RFC 3463) through SMTP::Reply.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

use strict;
use warnings;
use utf8;

use FindBin;
use lib $FindBin::Bin;
use TestLib;

use Test::More;

use SMTP::Reply qw(:all);

subtest 'looks up 5.1.1 with every field' => sub {
  my $e = lookup_enhanced('5.1.1');
  isa_ok($e, 'SMTP::Reply::Enhanced');
  is($e->code, '5.1.1', 'code');
  is($e->subject, 1, 'subject');
  is($e->detail, 1, 'detail');
  is($e->name, 'BAD_DESTINATION_MAILBOX', 'name');
  is($e->title, 'Bad destination mailbox address', 'title');
  is($e->text, 'The recipient mailbox, the part of the address before the '
       . '@, does not exist at the destination system', 'text');
  is($e->status, 'standard', 'status');
  is($e->basic_codes, '451 550', 'basic codes');
  is($e->reference, 'RFC 3463', 'reference');
  ok(utf8::is_utf8($e->title), 'UTF-8');
};

subtest 'gives no entry for a valid code the registry does not list' => sub {
  is(lookup_enhanced('5.1.99'), undef, '5.1.99');
  is(lookup_enhanced('4.9.99'), undef, '4.9.99');
};

subtest 'describes a code, falling back to its subject and class' => sub {
  is(describe_enhanced('5.1.1'),
     'The recipient mailbox, the part of the address before the @, does not '
       . 'exist at the destination system', 'the detail');
  is(describe_enhanced('5.1.99'),
     'A problem with the sender or recipient address, such as its syntax or '
       . 'validity, which the sender can usually correct before trying again',
     'the subject');
  is(describe_enhanced('5.9.99'),
     'Delivery failed for good: sending the same message again will fail '
       . 'unless the message or its destination changes', 'the class');
};

subtest 'lists the registry' => sub {
  my @all = enhanced_codes();
  is(scalar @all, SMTP::Replyc::enhanced_count(), 'as many as the library');
  is($all[0]->code, 'X.0.0', 'each as X.S.D');
  my ($e) = grep { $_->code eq 'X.1.1' } @all;
  is($e->title, 'Bad destination mailbox address', 'X.1.1');
};

subtest 'describes classes and subjects' => sub {
  my $c = enhanced_class(5);
  isa_ok($c, 'SMTP::Reply::Digit');
  is($c->name, 'PERMANENT_FAILURE', 'class 5');
  is($c->title, 'Permanent Failure', 'class 5 title');
  is(enhanced_class(4)->name, 'PERSISTENT_TRANSIENT_FAILURE',
     'class 4');
  is(enhanced_class(2)->title, 'Success', 'class 2');
  is(enhanced_class(3), undef, 'no class 3');
  is(enhanced_subject(1)->name, 'ADDRESSING', 'subject 1');
  is(enhanced_subject(1)->title, 'Addressing Status',
     'subject 1 title');
  is(enhanced_subject(8), undef, 'no subject 8');
};

subtest 'checks codes and croaks at the offending byte' => sub {
  is(check_enhanced('5.1.1'), '5.1.1', 'valid');
  is(parse_enhanced('5.1.1'), '5.1.1', 'parse_enhanced too');
  is(check_enhanced('4.7.28'), '4.7.28', 'two digits');
  my @bad = (['5.01.1', 'EENHANCED_ZERO', 2,
              'The subject and detail of an enhanced status code have no '
                . 'leading zeros'],
             ['6.1.1', 'EENHANCED_CLASS', 0,
              'The class of an enhanced status code must be 2, 4 or 5'],
             ['5.1', 'EENHANCED_PARTS', 3,
              'An enhanced status code has three numbers: '
                . 'class.subject.detail'],
             ['5.1000.1', 'EENHANCED_DIGITS', 5,
              'The subject and detail of an enhanced status code have at '
                . 'most three digits'],
             ['5.x.1', 'EENHANCED_SYNTAX', 2,
              'An enhanced status code has only digits and dots']);
  for my $case (@bad) {
    my ($code, $kind, $offset, $message) = @$case;
    ok(!eval { check_enhanced($code); 1 }, "$code croaks");
    isa_ok($@, 'SMTP::Reply::Error');
    is($@->kind, $kind, "$code: kind");
    is($@->offset, $offset, "$code: offset");
    is($@->message, $message, "$code: message");
  }
};

subtest 'tells whether a reply code and an enhanced code agree' => sub {
  ok(enhanced_agrees(550, '5.1.1'), '550 and 5.1.1');
  ok(!enhanced_agrees(550, '4.2.2'), '550 and 4.2.2');
  ok(enhanced_agrees(354, '2.0.0'), '354 and 2.0.0');
  ok(!eval { enhanced_agrees(650, '5.1.1'); 1 }, 'an invalid code croaks');
  is($@->kind, 'EBAD_CLASS', 'with its error');
  ok(!eval { enhanced_agrees(550, '5.1'); 1 },
     'an invalid enhanced code croaks');
  is($@->kind, 'EENHANCED_PARTS', 'with its error');
  ok(!eval { enhanced_agrees(550, undef); 1 }, 'and none at all');
  is($@->kind, 'EINVAL', 'EINVAL');
};

done_testing;
