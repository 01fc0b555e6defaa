# tokens.t -- the tokens of SMTP::Reply are the library's, kind by kind.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

use strict;
use warnings;
use utf8;

use FindBin;
use lib $FindBin::Bin;
use TestLib;

use Test::More;

use SMTP::Reply qw(tokens token_value token_name describe_token);

# Every kind of token smtpreply.h has, with the constant that numbers it.
my %kinds = (error => $SMTP::Replyc::TOKEN_ERROR,
             flag => $SMTP::Replyc::TOKEN_FLAG,
             stage => $SMTP::Replyc::TOKEN_STAGE,
             action => $SMTP::Replyc::TOKEN_ACTION,
             status => $SMTP::Replyc::TOKEN_STATUS,
             limit => $SMTP::Replyc::TOKEN_LIMIT,
             reason => $SMTP::Replyc::TOKEN_REASON,
             remedy => $SMTP::Replyc::TOKEN_REMEDY,
             severity => $SMTP::Replyc::TOKEN_SEVERITY,
             outcome => $SMTP::Replyc::TOKEN_OUTCOME,
             mta => $SMTP::Replyc::TOKEN_MTA,
             log_field => $SMTP::Replyc::TOKEN_LOG_FIELD,
             dsn_action => $SMTP::Replyc::TOKEN_DSN_ACTION);

subtest 'lists the tokens of each kind as the library does' => sub {
  for my $kind (sort keys %kinds) {
    my $k = $kinds{$kind};
    my $n = SMTP::Replyc::token_count($k);
    cmp_ok($n, '>', 0, "$kind: the library has tokens");
    my @c = map { [ SMTP::Replyc::token_at($k, $_) ] } 0 .. $n - 1;
    is_deeply([ tokens($kind) ], [ map { $_->[0] } @c ],
              "$kind: the same tokens in the same order");
    is_deeply([ map { token_value($kind, $_) } tokens($kind) ],
              [ map { $_->[1] } @c ], "$kind: their values");
    is_deeply([ map { token_name($kind, $_->[1]) } @c ],
              [ map { $_->[0] } @c ], "$kind: and back");
  }
};

subtest 'names the kinds as smtpreply.h does' => sub {
  my @constants = grep { /\ATOKEN_[A-Z_]+\z/ } keys %SMTP::Replyc::;
  is_deeply([ sort map { lc substr $_, 6 } @constants ], [ sort keys %kinds ],
            'one kind for each SMTPREPLY_TOKEN_ constant');
  ok(!eval { tokens('colour'); 1 }, 'an unknown kind croaks');
  is($@->kind, 'EINVAL', 'EINVAL');
};

subtest 'reads tokens in any case and croaks on unknown ones' => sub {
  is(token_value('stage', 'RCPT'), $SMTP::Replyc::STAGE_RCPT, 'RCPT');
  is(token_value('action', 'give_up'), $SMTP::Replyc::ACTION_GIVE_UP,
     'give_up');
  is(token_value('error', 'EBAD_CODE'), $SMTP::Replyc::EBAD_CODE,
     'EBAD_CODE');
  is(token_value('flag', 'bare_lf'), $SMTP::Replyc::FLAG_BARE_LF, 'bare_lf');
  ok(!eval { token_value('stage', 'nowhere'); 1 }, 'nowhere croaks');
  is($@->kind, 'EINVAL', 'EINVAL');
  is(token_name('action', 0), undef, 'no action 0');
};

subtest 'describes tokens in any language' => sub {
  is(describe_token('action', 'give_up'), 'Give up', 'give_up');
  is(describe_token('status', 'registry_only'), 'Registry only',
     'registry_only');
  is(describe_token('error', 'ETRUNCATED'), 'The input ended inside a reply',
     'an error');
  is(describe_token('error', 'ETRUNCATED', 'ru'),
     'Входные данные закончились посреди ответа', 'in Russian');
  is(describe_token('mta', 'postfix'), undef, 'MTAs have no titles');
};

subtest 'gives the errors of the library their tokens everywhere' => sub {
  for my $kind (tokens('error')) {
    my $rc = token_value('error', $kind);
    is(SMTP::Reply::strerror($kind), SMTP::Replyc::strerror($rc),
       "$kind: strerror by token");
  }
  ok(!eval { SMTP::Reply::check_code('5x0'); 1 }, 'a bad code croaks');
  is($@->kind, SMTP::Replyc::token_name($SMTP::Replyc::TOKEN_ERROR,
                                        $SMTP::Replyc::EBAD_CODE),
     'with the token of the library');
};

subtest 'names flags and stages from the library' => sub {
  my $p = SMTP::Reply::Parser->new;
  my ($r) = $p->feed("250 \xff\x01\n");
  is_deeply([ $r->flags ],
            [ grep { $_ =~ /\A(?:BARE_LF|CONTROL|EIGHT_BIT)\z/ }
                tokens('flag') ], 'a reply lists its flags as tokens');
  is(SMTP::Reply::advise(550, undef, 'rcpt')->action,
     token_name('action', $SMTP::Replyc::ACTION_GIVE_UP), 'advice');
};

done_testing;
