# bounce.t -- whole bounce messages: SMTP::Reply::bounce.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# bounce reads the messages of tests/bounces/ as the C library and the
# command do: a DSN with several recipients, an ARF report, a bounce
# without a report, messages that are not bounces, broken ones, wrong
# arguments; and every message of the corpus, read by bounce-records.pl,
# gives the records of its .expect (tests/bounces/compare.py).

use strict;
use warnings;
use utf8;

use FindBin;
use lib $FindBin::Bin;
use TestLib;

use File::Spec ();
use Test::More;

use SMTP::Reply qw(bounce);

my $corpus = top_srcdir() . '/tests/bounces';

sub corpus { return slurp("$corpus/$_[0]") }

# The fields of recipient R that are not the verdict.
sub fields {
  my ($r) = @_;
  return [$r->address, $r->action, $r->status, $r->code, $r->enhanced,
          [$r->lines], $r->remote_mta, $r->diagnostic_type, $r->source,
          $r->feedback_type, $r->reason, $r->soft];
}

my %original = (
  message_id => '<board-2024-04@example.com>',
  from       => 'Board <board@example.com>',
  to         => 'ann@example.org, bert@example.net, cleo@unrouted.example',
  subject    => 'Board papers for April',
  date       => 'Wed, 03 Apr 2024 07:00:00 +0000',
);

subtest 'gives each recipient of a multi-recipient DSN' => sub {
  my $b = bounce(corpus('exim-dsn-multi-recipient.eml'));
  isa_ok($b, 'SMTP::Reply::Bounce');
  is($b->kind, 'dsn', 'kind');
  is($b->format, 'dsn', 'format');
  my @r = $b->recipients;
  is(scalar @r, 3, 'three recipients');
  isa_ok($r[0], 'SMTP::Reply::Bounce::Recipient');
  is_deeply(fields($r[0]),
            ['ann@example.org', 'failed', '5.0.0', 550, '5.1.1',
             ['5.1.1 <ann@example.org>: Recipient address rejected: User '
              . 'unknown in local recipient table'],
             'mx.example.org', 'smtp', 'dsn', undef, 'userunknown', !1],
            'the first');
  is_deeply(fields($r[1]),
            ['bert@example.net', 'failed', '5.0.0', 552, undef,
             ['sorry, mailbox bert is over quota temporarily (#5.1.1)'],
             'mail.example.net', 'smtp', 'dsn', undef, 'mailboxfull', !0],
            'the second');
  is_deeply(fields($r[2]),
            ['cleo@unrouted.example', 'failed', '5.0.0', undef, undef, [],
             undef, undef, 'dsn', undef, 'hostunknown', !1],
            'the third, without a reply');
  is_deeply($b->original, \%original, 'the returned message');
  is($b->report_field('Feedback-Type'), undef, 'no report');
};

subtest 'gives each recipient the verdict classify gives' => sub {
  my ($ann) = bounce(corpus('exim-dsn-multi-recipient.eml'))->recipients;
  is($ann->diagnostic, '550 5.1.1 <ann@example.org>: Recipient address '
       . 'rejected: User unknown in local recipient table', 'diagnostic');
  my $v = $ann->verdict;
  isa_ok($v, 'SMTP::Reply::Verdict');
  is_deeply([$v->rule, $v->code, $v->enhanced, $v->stage, $v->reason_title],
            ['text.user-unknown', 550, '5.1.1', 'rcpt', 'Unknown recipient'],
            'rule, code, enhanced, stage, title');
  isa_ok($ann->advice, 'SMTP::Reply::Advice');
  is($ann->advice->action, 'give_up', 'advice');
  is($ann->advice->text, 'Return the message to its sender and stop '
       . 'sending to this address', 'its text');
};

subtest 'says its verdicts in the language asked' => sub {
  my @r = bounce(corpus('exim-dsn-multi-recipient.eml'), lang => 'ru')
    ->recipients;
  is($r[1]->verdict->reason_title, 'Почтовый ящик переполнен', 'Russian');
  @r = bounce(corpus('exim-dsn-multi-recipient.eml'))->recipients;
  is($r[1]->verdict->reason_title, 'Mailbox full', 'English by default');
  ok(!eval { bounce('', lang => "r\0u"); 1 }, 'a NUL in the tag dies');
  is($@->kind, 'EBAD_LANG', 'EBAD_LANG');
  ok(!eval { bounce('', language => 'ru'); 1 }, 'an unknown option dies');
  is($@->kind, 'EINVAL', 'EINVAL');
};

subtest 'never takes a reply code from an x-unix diagnostic' => sub {
  my ($r) = bounce(corpus('sendmail-dsn-x-unix-255.eml'))->recipients;
  is_deeply([$r->address, $r->status, $r->code, $r->enhanced, [$r->lines],
             $r->diagnostic_type, $r->diagnostic, $r->verdict->rule],
            ['support@example.com', '5.3.0', undef, undef, [], 'x-unix',
             '255', 'text.x-unix'], 'no code, no lines');
};

subtest 'reads an ARF report' => sub {
  my $b = bounce(corpus('arf-abuse.eml'));
  is_deeply([$b->kind, $b->format], ['arf', 'arf'], 'kind and format');
  my ($r) = $b->recipients;
  is_deeply(fields($r),
            ['kate@example.com', 'none', undef, undef, undef, [], undef,
             undef, 'arf', 'abuse', 'feedback', undef], 'the recipient');
  is($b->report_field('feedback-type'), 'abuse', 'Feedback-Type');
  is($b->report_field('Source-IP'), '192.0.2.1', 'Source-IP');
  is($b->report_field('User-Agent'), 'ExampleFeedback/1.0', 'User-Agent');
  is($b->report_field('X-Nothing'), undef, 'no such field');
  is($b->original->{subject}, 'You have won 550 000 dollars', 'original');
};

subtest 'reads a bounce without a report' => sub {
  my $b = bounce(corpus('qmail-nondsn-local-multi.eml'));
  is_deeply([$b->kind, $b->format], ['bounce', 'qmail'], 'kind and format');
  is_deeply([map { [$_->address, $_->action, $_->status, $_->reason,
                    $_->soft, $_->source] } $b->recipients],
            [['vera@example.com', 'failed', '5.1.1', 'userunknown', !1,
              'text:5'],
             ['walt@example.com', 'failed', '5.2.2', 'mailboxfull', !0,
              'text:8'],
             ['xena@example.com', 'failed', '5.4.6', 'networkerror', !0,
              'text:11']], 'three recipients');
  is(($b->recipients)[0]->diagnostic, '<vera@example.com>: Sorry, no '
       . 'mailbox here by that name. (#5.1.1)', 'the text block');
};

subtest 'reads an auto-reply, junk and nothing as no bounce' => sub {
  for my $name ('notbounce-vacation.eml', 'malformed-binary-junk.eml', '') {
    my $b = bounce($name eq '' ? '' : corpus($name));
    is_deeply([$b->kind, $b->format, [$b->recipients], $b->original],
              ['not_bounce', undef, [], {}], $name || 'empty');
  }
};

subtest 'dies with the error of a broken message' => sub {
  ok(!eval { bounce(corpus('malformed-multipart-no-boundary.eml')); 1 },
     'dies');
  isa_ok($@, 'SMTP::Reply::Error');
  is($@->kind, 'EBOUNCE_MIME', 'kind');
  is($@->message, 'The message could not be read as MIME', 'message');
  ok(!eval { bounce('x' x (64 * 1024 * 1024 + 1)); 1 }, 'over 64 MiB');
  is($@->kind, 'EBOUNCE_TOO_BIG', 'EBOUNCE_TOO_BIG');
  ok(!eval { bounce(undef); 1 }, 'undef dies');
  is($@->kind, 'EINVAL', 'EINVAL');
  ok(!eval { bounce([]); 1 }, 'a reference dies');
  is($@->kind, 'EINVAL', 'EINVAL');
};

subtest 'gives every message of the corpus the records of its .expect' =>
  sub {
  # The script runs in a child perl, which finds the module where this
  # one did.
  local $ENV{PERL5LIB} = join ':', map { File::Spec->rel2abs($_) }
    grep { !ref } @INC;
  my $script = "$^X $FindBin::Bin/bounce-records.pl";
  my $command = "python3 '$corpus/compare.py' '$corpus' '$script {}' "
    . "'$script --mbox {}'";
  my $out = `$command`;
  is($?, 0, 'compare.py exits 0') or diag($out);
  unlike($out, qr/^not ok/m, 'no file fails');
  like($out, qr/\n1\.\.98\n\z/, 'every file');
};

done_testing;
