# parser.t -- the stream parser: SMTP::Reply::Parser and its events.
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

# Return each of the events EVENTS as plain data, to compare runs.
sub summary {
  return [ map {
    $_->is_error
      ? [ 'error', $_->kind, $_->line, $_->offset ]
      : [ 'reply', $_->code, $_->enhanced, [ $_->flags ], $_->offset,
          $_->line_number, [ $_->raw_lines ] ]
  } @_ ];
}

subtest 'gives every field of a multi-line reply' => sub {
  my $p = SMTP::Reply::Parser->new;
  my @r = $p->feed("220 mx ESMTP\r\n"
                   . "550-5.1.1 The email account that you tried to reach\r\n"
                   . "550 5.1.1 does not exist.\r\n");
  is(scalar @r, 2, 'two replies');
  my $r = $r[1];
  isa_ok($r, 'SMTP::Reply::Response');
  ok(!$r->is_error, 'not an error');
  is($r->code, 550, 'code');
  is($r->enhanced, '5.1.1', 'enhanced');
  is_deeply([ $r->flags ], [], 'no flags');
  is($r->offset, 14, 'offset');
  is($r->line_number, 2, 'line number');
  is($r->line_count, 2, 'line count');
  is_deeply([ $r->raw_lines ],
            [ '5.1.1 The email account that you tried to reach',
              '5.1.1 does not exist.' ], 'raw lines');
  is_deeply([ $r->lines ],
            [ '5.1.1 The email account that you tried to reach',
              '5.1.1 does not exist.' ], 'lines');
  is_deeply([ $r->messages ],
            [ 'The email account that you tried to reach',
              'does not exist.' ], 'messages');
  is($r->text, "The email account that you tried to reach\ndoes not exist.",
     'text');
  is($r->raw_text, "The email account that you tried to reach\n"
       . 'does not exist.', 'raw text');
  ok($r->is_permanent && $r->is_failure && !$r->is_transient, 'predicates');
  is($r->lookup->name, 'MAILBOX_UNAVAILABLE', 'its entry');
  is($r->describe, 'The requested action was not taken: the mailbox is '
       . 'unavailable (not found, no access, or refused by local policy)',
     'its description');
  is($r->describe_enhanced, 'The recipient mailbox, the part of the '
       . 'address before the @, does not exist at the destination system',
     'its enhanced description');
  is($r->advise('rcpt')->action, 'give_up', 'its advice');
  is($r->classify(stage => 'rcpt')->reason, 'userunknown', 'its reason');
  is($r[0]->enhanced, undef, 'no enhanced code in 220 mx ESMTP');
  is($r[0]->describe_enhanced, undef, 'so no description of one');
  is_deeply([ $p->finish ], [], 'the stream ends between replies');
};

subtest 'keeps the raw bytes and decodes the lines when asked' => sub {
  my $p = SMTP::Reply::Parser->new;
  my $bytes = "550 5.7.1 Сообщение отклонено\r\n";
  utf8::encode($bytes);
  my ($r) = $p->feed($bytes);
  is_deeply([ $r->flags ], ['EIGHT_BIT'], 'EIGHT_BIT');
  ok($r->has_flag('EIGHT_BIT') && $r->has_flag('eight_bit')
       && !$r->has_flag('BARE_LF'), 'has_flag');
  is(($r->lines)[0], '5.7.1 Сообщение отклонено', 'line as characters');
  ok(utf8::is_utf8(($r->lines)[0]), 'flagged as UTF-8');
  my $raw = ($r->raw_lines)[0];
  ok(!utf8::is_utf8($raw), 'raw line as bytes');
  is(length $raw, 6 + 2 * 18 + 1, 'its length in bytes');
  is($r->text, 'Сообщение отклонено', 'text');
  # A KOI8-R server's bytes are no UTF-8: each bad sequence is U+FFFD.
  ($r) = $p->feed("452 \xff\xf0\xd2\xc9 ok\r\n");
  is(($r->raw_lines)[0], "\xff\xf0\xd2\xc9 ok", 'raw bytes kept');
  is(($r->lines)[0], "\x{FFFD}\x{FFFD}\x{FFFD}\x{FFFD} ok",
     'invalid bytes replaced');
  ($r) = $p->feed("250 a\xed\xa0\x80b\xf4\x90\x80\x80c\xe2\x82\r\n");
  is(($r->lines)[0], "a\x{FFFD}\x{FFFD}\x{FFFD}b\x{FFFD}\x{FFFD}\x{FFFD}"
       . "\x{FFFD}c\x{FFFD}", 'surrogates, beyond U+10FFFF, cut short');
};

subtest 'takes a character string as its UTF-8 encoding' => sub {
  my $p = SMTP::Reply::Parser->new;
  my ($r) = $p->feed("250 Привет\r\n");
  is(($r->lines)[0], 'Привет', 'the text comes back');
  is(($r->raw_lines)[0], "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82",
     'as UTF-8 bytes');
  my ($next) = $p->feed("250 ok\r\n");
  is($next->offset, 18, 'offsets count bytes');
};

subtest 'flags deviations without blocking' => sub {
  my $p = SMTP::Reply::Parser->new;
  my ($r) = $p->feed("250-mx\n250-SIZE 100\n250 DSN\n");
  is_deeply([ $r->flags ], ['BARE_LF'], 'a bare LF');
  is_deeply([ $r->raw_lines ], [ 'mx', 'SIZE 100', 'DSN' ], 'its lines');
  ($r) = $p->feed("250-a\r\n550 b\r\n");
  is($r->code, 250, 'the first line gives the code');
  is_deeply([ $r->flags ], ['CODE_MISMATCH'], 'a code mismatch');
  ($r) = $p->feed("334\r\n");
  is_deeply([ $r->flags ], ['BARE_CODE'], 'a bare code');
  is_deeply([ $r->raw_lines ], [''], 'with an empty line');
  ($r) = $p->feed("250 \x1b[31mred\x1b[0m\r\n");
  is_deeply([ $r->flags ], ['CONTROL'], 'control characters');
  is(($r->raw_lines)[0], "\x1b[31mred\x1b[0m", 'kept as sent');
  ($r) = $p->feed("550 4.2.2 full\r\n");
  is_deeply([ $r->flags ], ['ENHANCED_MISMATCH'], 'classes disagree');
  ($r) = $p->feed("550-5.1.1 a\r\n550 b\r\n");
  is_deeply([ $r->flags ], ['ENHANCED_INCONSISTENT'],
            'enhanced codes differ');
  ($r) = $p->feed("550 5.01.1 x\r\n");
  is_deeply([ $r->flags ], ['ENHANCED_INVALID'], 'a malformed enhanced code');
  is($r->enhanced, undef, 'is no enhanced code');
  ($r) = $p->feed("110 x\r\n");
  is_deeply([ $r->flags ], ['PRELIMINARY'], 'a preliminary reply');
  ($r) = $p->feed("250 \xff\x01\n");
  is_deeply([ $r->flags ], [qw(BARE_LF CONTROL EIGHT_BIT)],
            'several at once, in the order of their bits');
};

subtest 'returns parse errors as events, in the order of the stream' => sub {
  my $p = SMTP::Reply::Parser->new;
  my @e = $p->feed("250 a\r\nx\r\n251 b\r\n25\r\n252 c\r\n");
  is_deeply(summary(@e),
            [ [ 'reply', 250, undef, [], 0, 1, ['a'] ],
              [ 'error', 'EBAD_CODE', 2, 7 ],
              [ 'reply', 251, undef, [], 10, 3, ['b'] ],
              [ 'error', 'EBAD_CODE', 4, 19 ],
              [ 'reply', 252, undef, [], 21, 5, ['c'] ] ],
            'replies and errors, nothing lost');
  my $err = $e[1];
  isa_ok($err, 'SMTP::Reply::ParseError');
  isa_ok($err, 'SMTP::Reply::Error');
  ok($err->is_error, 'is_error');
  is($err->message, 'A reply code is exactly three digits', 'message');
  is("$err", 'A reply code is exactly three digits',
     'an event was not thrown, so it reads as its message');
  is($err->number, $SMTP::Replyc::EBAD_CODE, 'number');
  is($err->caller_file, undef, 'no caller');
  my @more = $p->feed("260 x\r\n");
  is($more[0]->kind, 'EBAD_CATEGORY', 'a category out of range');
  is($more[0]->offset, 29, 'at its line');
  ok(!eval { $err->throw; 1 }, 'an event can be thrown');
  is("$@", 'A reply code is exactly three digits at ' . __FILE__
       . ' line ' . (__LINE__ - 2) . ".\n", 'and then says where');
  is($@->line, 2, 'keeping its line in the stream');
};

subtest 'reports a stream that ends inside a reply' => sub {
  my $p = SMTP::Reply::Parser->new;
  is_deeply([ $p->feed('250 ok') ], [], 'nothing yet');
  my @e = $p->finish;
  is_deeply(summary(@e), [ [ 'error', 'ETRUNCATED', 1, 6 ] ],
            'a partial line');
  is("$e[0]", 'The input ended inside a reply', 'message');
  $p->feed("250-a\r\n250-b\r\n");
  is_deeply(summary($p->finish), [ [ 'error', 'ETRUNCATED', 3, 14 ] ],
            'a reply without its last line');
  is_deeply([ $p->finish ], [], 'an empty stream is fine');
  my $n = $p->feed("250 ok\r\nx\r\n250-a");
  is($n, 2, 'in scalar context, the number of events');
  is(scalar $p->finish, 1, 'of finish too');
  is(scalar $p->parse("250 a\r\n250 b\r\n"), 2, 'and of parse');
  my ($r) = $p->feed("250 ok\r\n");
  is($r->offset, 0, 'after finish the parser reads a new stream');
};

subtest 'parses a whole text at once' => sub {
  my $p = SMTP::Reply::Parser->new;
  is_deeply([ map { $_->code } $p->parse("250-a\r\n250 b\r\n421 bye\r\n") ],
            [ 250, 421 ], 'its replies');
  is_deeply(summary($p->parse("250 a\r\n250-b\r\n")),
            [ [ 'reply', 250, undef, [], 0, 1, ['a'] ],
              [ 'error', 'ETRUNCATED', 3, 14 ] ], 'and the cut one');
};

subtest 'reads a file handle' => sub {
  open my $fh, '<:raw', \"220 mx\r\n250-a\r\n250 b\r\nx\r\n221 bye" or die;
  my $next = SMTP::Reply::Parser->new->iterate($fh, 5);
  my @events;
  while (my $event = $next->()) {
    push @events, $event;
  }
  is_deeply([ map { $_->is_error ? $_->kind : $_->code } @events ],
            [ 220, 250, 'EBAD_CODE', 'ETRUNCATED' ], 'every event');
  is($next->(), undef, 'then nothing');
};

subtest 'makes the chosen flags errors in strict mode' => sub {
  my $p = SMTP::Reply::Parser->new(strict => ['BARE_LF']);
  is_deeply([ $p->strict ], ['BARE_LF'], 'strict about BARE_LF');
  my ($e) = $p->feed("250 ok\n");
  is_deeply(summary($e), [ [ 'error', 'EBARE_LF', 1, 6 ] ], 'a bare LF');
  is("$e", 'A line ends in LF without CR', 'message');
  my ($r) = $p->feed("334\r\n");
  is_deeply([ $r->flags ], ['BARE_CODE'], 'other flags stay flags');
  $p = SMTP::Reply::Parser->new(strict => 'code_mismatch');
  is_deeply(summary($p->feed("250-a\r\n251 b\r\n")),
            [ [ 'error', 'ECODE_MISMATCH', 2, 7 ] ], 'a code mismatch');
  $p->set_strict('all');
  is_deeply([ $p->strict ], [ SMTP::Reply::tokens('flag') ], 'all flags');
  ($r) = $p->feed("250-mx.example.net\r\n250 DSN\r\n");
  is_deeply([ $r->flags ], [], 'strict about all, a clean reply is a reply');
  $p->set_strict(undef);
  is_deeply([ $p->strict ], [], 'and undef is none');
};

subtest 'sets and reads the limits by the names of the library' => sub {
  my $p = SMTP::Reply::Parser->new;
  is($p->limit('max_line_length'), 512, 'default line length');
  is($p->limit('max_lines'), 1000, 'default lines');
  is($p->limit('max_reply_bytes'), 65536, 'default reply bytes');
  $p = SMTP::Reply::Parser->new(max_line_length => 1000, max_lines => 3,
                                max_reply_bytes => 100);
  is($p->limit('max_line_length'), 1000, 'line length');
  is($p->limit('max_lines'), 3, 'lines');
  is($p->limit('max_reply_bytes'), 100, 'reply bytes');
  $p->set_limit(max_line_length => 10);
  is_deeply(summary($p->feed("250 0123456789\r\n")),
            [ [ 'error', 'ELINE_TOO_LONG', 1, 9 ] ], 'a long line');
  is_deeply(summary($p->feed("250-a\r\n250-b\r\n250-c\r\n250 d\r\n")),
            [ [ 'error', 'ETOO_MANY_LINES', 5, 37 ] ], 'too many lines');
  for my $bad ([ max_lines => 0 ], [ max_lines => 2_000_000 ],
               [ max_lines => -1 ], [ max_lines => 'x' ],
               [ max_lines => 1.5 ], [ width => 5 ]) {
    ok(!eval { $p->set_limit(@$bad); 1 }, "@$bad croaks");
    is($@->kind, 'EINVAL', 'EINVAL');
  }
  ok(!eval { $p->limit('width'); 1 }, 'an unknown limit croaks');
  is($@->kind, 'EINVAL', 'EINVAL');
};

subtest 'writes the messages of errors in the language of the parser' =>
  sub {
    my $p = SMTP::Reply::Parser->new(lang => 'ru');
    is($p->lang, 'ru', 'lang');
    my ($e) = $p->feed("x\r\n");
    is($e->message, 'Код ответа состоит ровно из трёх цифр', 'in Russian');
    is($e->message('en'), 'A reply code is exactly three digits',
       'or in another language on demand');
  };

subtest 'forgets a partial reply on reset' => sub {
  my $p = SMTP::Reply::Parser->new(max_lines => 5);
  $p->feed("250-a\r\n250-");
  $p->reset;
  my ($r) = $p->feed("221 bye\r\n");
  is($r->code, 221, 'the new reply');
  is($r->offset, 0, 'at offset 0');
  is($p->limit('max_lines'), 5, 'the limits stay');
};

subtest 'reads the replies of real servers' => sub {
  my $text = slurp(top_srcdir() . '/examples/replies.txt');
  my @r = SMTP::Reply::Parser->new->parse($text);
  ok(!grep({ $_->is_error } @r), 'no errors');
  is(scalar @r, scalar(() = $text =~ /^[0-9]{3}(?: [^\n]*)?\n/mg),
     'a reply for each last line');
  is_deeply([ map { $_->code } @r[0 .. 2] ], [ 220, 250, 220 ], 'first');
  is($r[1]->line_count, 12, 'the EHLO answer has its 12 lines');
  is(($r[0]->lines)[1], 'Unsolicited bulk mail is not accepted here.',
     'the greeting its 3');
  my ($gmail) = grep { $_->code == 550 && ($_->enhanced // '') eq '5.1.1' }
    @r;
  is($gmail->line_count, 4, "Gmail's 550 has four lines");
  is(($gmail->messages)[3], ' https://support.google.com/mail/?p=NoSuchUser '
       . '5b1f17b1804b1-42d9a8c3e4fsi1234567a.210 - gsmtp',
     'only one space after the enhanced code goes');
  ok(!grep({ !$_->has_flag('BARE_LF') } @r), 'the file ends lines in LF');
};

done_testing;
