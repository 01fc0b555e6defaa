# classify.t -- why a message failed: verdicts, reasons, rules, advice.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

use strict;
use warnings;
use utf8;

use FindBin;
use lib $FindBin::Bin;
use TestLib;

use Test::More;

use SMTP::Reply qw(classify reasons lookup_reason rules lookup_rule advise);

subtest 'classifies an unknown user from a whole reply' => sub {
  my $v = classify('550 5.1.1 <bob@example.net>: Recipient address '
                   . 'rejected: User unknown', stage => 'rcpt');
  isa_ok($v, 'SMTP::Reply::Verdict');
  is($v->reason, 'userunknown', 'reason');
  is($v->reason_title, 'Unknown recipient', 'reason_title');
  is($v->reason_text, "The recipient's mailbox does not exist",
     'reason_text');
  ok(defined $v->soft && !$v->soft, 'hard');
  ok($v->is_failure, 'a failure');
  is($v->rule, 'text.user-unknown', 'rule');
  is($v->explanation, "The reply says \x{201c}user unknown\x{201d}. The "
       . "recipient's mailbox does not exist.", 'explanation');
  isa_ok($v->advice, 'SMTP::Reply::Advice');
  is($v->advice->action, 'give_up', 'advice');
  is($v->advice->rule, 'REMEDY_SUPPRESS', 'the rule of the advice');
  is($v->advice->text, 'Return the message to its sender and stop sending '
       . 'to this address', 'its text');
  is($v->stage, 'rcpt', 'stage');
  is($v->code, 550, 'code');
  is($v->enhanced, '5.1.1', 'enhanced');
};

subtest 'classifies from what is known' => sub {
  my $v = classify('452 4.2.2 Mailbox full');
  is($v->reason, 'mailboxfull', 'a full mailbox');
  ok($v->soft, 'is soft');
  is($v->advice->action, 'retry', 'retried');
  is($v->stage, 'any', 'at no known stage');
  $v = classify('421 4.7.0 Try again later', remote_mta => 'mx.google.com');
  is($v->reason, 'securityerror', 'a remote MTA');
  is($v->rule, 'enhanced.x.7', 'by its enhanced code');
  $v = classify(undef, enhanced => '5.2.2');
  is($v->reason, 'mailboxfull', 'an enhanced code alone');
  is($v->code, undef, 'without a code');
  $v = classify('', code => 571);
  is($v->reason, 'undefined', 'a nonstandard code counts by its class');
  is($v->rule, 'class.5', 'class.5');
  is($v->code, 571, 'code');
  $v = classify('250 ok');
  is($v->reason, 'delivered', 'a success');
  is($v->soft, undef, 'is no failure');
  ok(!$v->is_failure, 'is_failure');
  $v = classify('354 go ahead');
  is($v->reason, undef, 'a reply that goes on has no reason');
  is($v->rule, undef, 'nor rule');
  is($v->explanation, 'No rule tells more about this reply.', 'explanation');
  is($v->advice->action, 'continue', 'advice');
};

subtest 'classifies the reply the parser read' => sub {
  my ($r) = SMTP::Reply::Parser->new->feed(
    "550-5.7.1 Service unavailable; client [192.0.2.1]\r\n"
      . "550 5.7.1 blocked using zen.spamhaus.org\r\n");
  my $v = $r->classify;
  is($v->reason, 'blocked', 'blocked');
  is($v->rule, 'text.blocked-using', 'by its text');
  is($v->advice->rule, 'REMEDY_DELIST', 'delist');
};

subtest 'croaks on what it cannot classify' => sub {
  for my $case ([ [ 'x', stage => 'nowhere' ], 'EINVAL' ],
                [ [ 'x', colour => 1 ], 'EINVAL' ],
                [ [ 'x', enhanced => '5.1' ], 'EENHANCED_PARTS' ],
                [ [ 'x', code => 'abc' ], 'EBAD_CODE' ],
                [ [ 'x', lang => "ru\0de" ], 'EBAD_LANG' ]) {
    my ($args, $kind) = @$case;
    ok(!eval { classify(@$args); 1 }, "@$args croaks");
    is($@->kind, $kind, $kind);
  }
};

subtest 'lists the reasons of the library' => sub {
  my @reasons = reasons();
  is(scalar @reasons, SMTP::Replyc::reason_count(), 'all of them');
  is_deeply([ map { $_->name } @reasons ], [ SMTP::Reply::tokens('reason') ],
            'in the order of their tokens');
  is_deeply([ map { $_->index } @reasons ], [ 0 .. $#reasons ],
            'each at its index');
  my $r = lookup_reason('MailboxFull');
  isa_ok($r, 'SMTP::Reply::Reason');
  is($r->name, 'mailboxfull', 'found in any case');
  is($r->title, 'Mailbox full', 'title');
  is($r->text, "The recipient's mailbox is full or over its quota", 'text');
  is($r->severity, 'soft', 'severity');
  is($r->remedy, 'retry_later', 'remedy');
  is(lookup_reason('nosuchreason'), undef, 'no such reason');
};

subtest 'lists the rules of the library' => sub {
  my @rules = rules();
  is(scalar @rules, SMTP::Replyc::rule_count(), 'all of them');
  my %ids = map { $_->id => 1 } @rules;
  is(scalar keys %ids, scalar @rules, 'each with its own id');
  my $rule = lookup_rule('text.mailbox-full');
  isa_ok($rule, 'SMTP::Reply::Rule');
  is($rule->id, 'text.mailbox-full', 'id');
  is($rule->reason, 'mailboxfull', 'reason');
  is($rule->priority, 50, 'priority');
  is($rule->phrase, 'mailbox full', 'phrase');
  is($rule->source, 'composed', 'source');
  is($rule->code, '', 'no code');
  is($rule->severity, '', "the reason's own severity");
  is(lookup_rule('no.such.rule'), undef, 'no such rule');
};

subtest 'advises on replies' => sub {
  my $a = advise(550);
  isa_ok($a, 'SMTP::Reply::Advice');
  is($a->action, 'give_up', 'action');
  is($a->rule, 'PERMANENT', 'rule');
  is($a->text, 'Do not retry as is: return the message to its sender, or '
       . 'fix the cause before sending again', 'text');
  is(advise(451)->action, 'retry', '451 is retried');
  is(advise(552, undef, 'rcpt')->text, 'Treat this as a temporary failure, '
       . 'as RFC 5321 asks for 552 to RCPT: send to this recipient later',
     '552 to RCPT');
  is(advise(554, undef, 'greeting')->text, 'This host does not accept mail; '
       . "do not retry it, but try the domain's other MX hosts if it has any",
     '554 as a greeting');
  is(advise(0, '4.7.1')->text,
     'Delivery failed for now; keep the message and try again later',
     'an enhanced code alone');
  is(advise(undef, '5.1.1')->text,
     'Delivery failed for good; return the message to its sender',
     'undef as the code');
  is(advise(550, '5.1.1', 'RCPT')->action, 'give_up',
     'stage names in any case');
  ok(!eval { advise(0, undef); 1 }, 'nothing to advise on croaks');
  is($@->kind, 'EINVAL', 'EINVAL');
  ok(!eval { advise(650); 1 }, 'an invalid code croaks');
  is($@->kind, 'EBAD_CLASS', 'EBAD_CLASS');
  ok(!eval { advise(550, undef, 'nowhere'); 1 }, 'an unknown stage croaks');
  is($@->kind, 'EINVAL', 'EINVAL');
};

done_testing;
