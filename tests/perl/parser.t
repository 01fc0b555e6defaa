# parser.t -- the incremental reply parser through SMTP::Reply::Parser.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

use strict;
use warnings;
use utf8;

use Test::More;

use SMTP::Reply;

# Return the fields of each of the replies REPLIES and of each error of the
# events EVENTS as plain data, to compare runs.
sub summary {
  return [ map {
    $_->isa('SMTP::Reply::Response')
      ? [ 'reply', $_->code, $_->enhanced, $_->flags, $_->offset,
          $_->line_number, [ $_->raw_lines ] ]
      : [ 'error', $_->kind, $_->line, $_->offset ]
  } @_ ];
}

# Feed CHUNKS to PARSER one by one and return what came out, replies and
# errors in order, then what finish said.
sub run {
  my ($parser, @chunks) = @_;
  my @events;
  for my $chunk (@chunks) {
    if (eval { push @events, $parser->feed($chunk); 1 }) {
      next;
    }
    my $err = $@;
    push @events, $err->replies;
    # The first error carries the replies and the other errors of its
    # chunk: put them back in stream order.
    my @all = sort { $a->offset <=> $b->offset }
      (splice(@events, -scalar($err->replies)), $err->errors);
    push @events, @all;
  }
  push @events, $@ unless eval { $parser->finish; 1 };
  return summary(@events);
}

subtest 'gives every field of a multi-line reply' => sub {
  my $p = SMTP::Reply::Parser->new;
  my @r = $p->feed("220 mx ESMTP\r\n"
                   . "550-5.1.1 The email account that you tried to reach\r\n"
                   . "550 5.1.1 does not exist.\r\n");
  is(scalar @r, 2, 'two replies');
  my $r = $r[1];
  isa_ok($r, 'SMTP::Reply::Response');
  is($r->code, 550, 'code');
  is($r->enhanced, '5.1.1', 'enhanced');
  is($r->flags, 0, 'no flags');
  is_deeply([ $r->flag_names ], [], 'no flag names');
  is($r->offset, 14, 'offset');
  is($r->line_number, 2, 'line number');
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
  ok($r->is_permanent && $r->is_failure && !$r->is_transient, 'predicates');
  is($r->lookup->name, 'MAILBOX_UNAVAILABLE', 'its entry');
  is($r->description, 'The requested action was not taken: the mailbox is '
       . 'unavailable (not found, no access, or refused by local policy)',
     'its description');
  is($r->enhanced_description, 'The recipient mailbox, the part of the '
       . 'address before the @, does not exist at the destination system',
     'its enhanced description');
  is($r->advice('rcpt')->action, 'give_up', 'its advice');
  is($r[0]->enhanced, undef, 'no enhanced code in 220 mx ESMTP');
  is($r[0]->enhanced_description, undef, 'so no description of one');
  $p->finish;
};

subtest 'keeps the raw bytes and decodes the lines' => sub {
  my $p = SMTP::Reply::Parser->new;
  my $bytes = "550 5.7.1 Сообщение отклонено\r\n";
  utf8::encode($bytes);
  my ($r) = $p->feed($bytes);
  is($r->flags, $SMTP::Reply::FLAG_EIGHT_BIT, 'EIGHT_BIT');
  is_deeply([ $r->flag_names ], ['EIGHT_BIT'], 'named');
  ok($r->has_flag('EIGHT_BIT') && !$r->has_flag('BARE_LF'), 'has_flag');
  is(($r->lines)[0], '5.7.1 Сообщение отклонено', 'line as characters');
  ok(utf8::is_utf8(($r->lines)[0]), 'flagged as UTF-8');
  my $raw = ($r->raw_lines)[0];
  ok(!utf8::is_utf8($raw), 'raw line as bytes');
  is(length $raw, 6 + 2 * 18 + 1, 'its length in bytes');
  is($r->text, 'Сообщение отклонено', 'text');
  # A KOI8-R server's bytes are no UTF-8: each bad byte is U+FFFD.
  ($r) = $p->feed("452 \xff\xf0\xd2\xc9 ok\r\n");
  is(($r->raw_lines)[0], "\xff\xf0\xd2\xc9 ok", 'raw bytes kept');
  is(($r->lines)[0], "\x{FFFD}\x{FFFD}\x{FFFD}\x{FFFD} ok",
     'invalid bytes replaced');
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
  is($r->flags, $SMTP::Reply::FLAG_BARE_LF, 'a bare LF');
  is_deeply([ $r->raw_lines ], [ 'mx', 'SIZE 100', 'DSN' ], 'its lines');
  ($r) = $p->feed("250-a\r\n550 b\r\n");
  is($r->code, 250, 'the first line gives the code');
  is_deeply([ $r->flag_names ], ['CODE_MISMATCH'], 'a code mismatch');
  ($r) = $p->feed("334\r\n");
  is_deeply([ $r->flag_names ], ['BARE_CODE'], 'a bare code');
  is_deeply([ $r->raw_lines ], [''], 'with an empty line');
  ($r) = $p->feed("250 \x1b[31mred\x1b[0m\r\n");
  is_deeply([ $r->flag_names ], ['CONTROL'], 'control characters');
  is(($r->raw_lines)[0], "\x1b[31mred\x1b[0m", 'kept as sent');
  ($r) = $p->feed("550 4.2.2 full\r\n");
  is_deeply([ $r->flag_names ], ['ENHANCED_MISMATCH'], 'classes disagree');
  ($r) = $p->feed("550-5.1.1 a\r\n550 b\r\n");
  is_deeply([ $r->flag_names ], ['ENHANCED_INCONSISTENT'],
            'enhanced codes differ');
  ($r) = $p->feed("550 5.01.1 x\r\n");
  is_deeply([ $r->flag_names ], ['ENHANCED_INVALID'],
            'a malformed enhanced code');
  is($r->enhanced, undef, 'is no enhanced code');
  ($r) = $p->feed("110 x\r\n");
  is_deeply([ $r->flag_names ], ['PRELIMINARY'], 'a preliminary reply');
  ($r) = $p->feed("250 \xff\x01\n");
  is_deeply([ $r->flag_names ], [qw(BARE_LF CONTROL EIGHT_BIT)],
            'several at once');
};

subtest 'croaks at a bad line with its line and offset' => sub {
  my $p = SMTP::Reply::Parser->new;
  ok(!eval { $p->feed("x\r\n"); 1 }, 'croaks');
  my $err = $@;
  isa_ok($err, 'SMTP::Reply::ParseError');
  isa_ok($err, 'SMTP::Reply::Error');
  is($err->kind, 'EBAD_CODE', 'kind');
  is("$err", 'A reply code is exactly three digits', 'message');
  is($err->line, 1, 'line');
  is($err->offset, 0, 'offset');
  ok(!eval { $p->feed("25\r\n"); 1 }, 'the next line too');
  is($@->line, 2, 'line 2');
  is($@->offset, 5, 'offset 5');
  ok(!eval { $p->feed("260 x\r\n"); 1 }, 'a category out of range');
  is($@->kind, 'EBAD_CATEGORY', 'EBAD_CATEGORY');
  is($@->offset, 8, 'at its second digit');
  my ($r) = $p->feed("250 ok\r\n");
  is($r->offset, 14, 'the parser goes on at the next line');
  is($r->line_number, 4, 'on line 4');
};

subtest 'croaks once per chunk with its replies and errors' => sub {
  my $p = SMTP::Reply::Parser->new;
  ok(!eval {
    $p->feed("250 a\r\nx\r\n251 b\r\n25\r\n252 c\r\n");
    1;
  }, 'croaks');
  my $err = $@;
  is($err->kind, 'EBAD_CODE', 'with the first error');
  is($err->line, 2, 'its line');
  is($err->offset, 7, 'its offset');
  is_deeply([ map { $_->code } $err->replies ], [ 250, 251, 252 ],
            'the replies of the chunk, before and after');
  is_deeply([ map { [ $_->line, $_->offset ] } $err->errors ],
            [ [ 2, 7 ], [ 4, 19 ] ], 'and each of its errors');
};

subtest 'hands errors to on_error instead of croaking' => sub {
  my @errors;
  my $p = SMTP::Reply::Parser->new(on_error => sub { push @errors, $_[0] });
  my @r = $p->feed("250 a\r\nx\r\n251 b\r\n250-c\r\n");
  is_deeply([ map { $_->code } @r ], [ 250, 251 ], 'the replies');
  is_deeply([ map { $_->kind } @errors ], ['EBAD_CODE'], 'the error');
  $p->finish;
  is_deeply([ map { $_->kind } @errors ], [ 'EBAD_CODE', 'ETRUNCATED' ],
            'and the one of finish');
};

subtest 'croaks when the stream ends inside a reply' => sub {
  my $p = SMTP::Reply::Parser->new;
  $p->feed('250 ok');
  ok(!eval { $p->finish; 1 }, 'a partial line');
  is($@->kind, 'ETRUNCATED', 'kind');
  is("$@", 'The input ended inside a reply', 'message');
  is($@->offset, 6, 'offset');
  is($@->line, 1, 'line');
  $p->feed("250-a\r\n250-b\r\n");
  ok(!eval { $p->finish; 1 }, 'a reply without its last line');
  is($@->offset, 14, 'offset');
  is($@->line, 3, 'line');
  ok(eval { $p->finish; 1 }, 'an empty stream is fine');
  my ($r) = $p->feed("250 ok\r\n");
  is($r->offset, 0, 'after finish the parser reads a new stream');
};

subtest 'makes the chosen flags errors in strict mode' => sub {
  my $p = SMTP::Reply::Parser->new(strict => ['BARE_LF']);
  is_deeply([ $p->strict ], ['BARE_LF'], 'strict about BARE_LF');
  ok(!eval { $p->feed("250 ok\n"); 1 }, 'a bare LF croaks');
  is($@->kind, 'EBARE_LF', 'kind');
  is("$@", 'A line ends in LF without CR', 'message');
  is($@->offset, 6, 'at the LF');
  is($@->line, 1, 'line');
  my ($r) = $p->feed("334\r\n");
  is_deeply([ $r->flag_names ], ['BARE_CODE'], 'other flags stay flags');
  $p = SMTP::Reply::Parser->new(strict => ['code_mismatch']);
  ok(!eval { $p->feed("250-a\r\n251 b\r\n"); 1 }, 'a code mismatch croaks');
  is($@->kind, 'ECODE_MISMATCH', 'kind');
  is($@->offset, 7, 'at its line');
  is($@->line, 2, 'line');
  $p->strict('all');
  ($r) = $p->feed("250-mx.example.net\r\n250 DSN\r\n");
  is($r->flags, 0, 'strict about all, a clean reply is a reply');
  $p->strict($SMTP::Reply::FLAG_NO_SPACE);
  is_deeply([ $p->strict ], ['NO_SPACE'], 'a mask works too');
  $p->strict(undef);
  is_deeply([ $p->strict ], [], 'and undef is none');
};

subtest 'sets and reads the limits' => sub {
  my $p = SMTP::Reply::Parser->new;
  is($p->limit('line_length'), 512, 'default line length');
  is($p->limit('lines'), 1000, 'default lines');
  is($p->limit('reply_bytes'), 65536, 'default reply bytes');
  $p = SMTP::Reply::Parser->new(line_length => 1000, lines => 3,
                                reply_bytes => 100);
  is($p->limit('line_length'), 1000, 'line length');
  is($p->limit('lines'), 3, 'lines');
  is($p->limit('reply_bytes'), 100, 'reply bytes');
  $p->set_limit(line_length => 10);
  ok(!eval { $p->feed("250 0123456789\r\n"); 1 }, 'a long line croaks');
  is($@->kind, 'ELINE_TOO_LONG', 'kind');
  is($@->offset, 9, 'at the first byte past the limit');
  ok(!eval { $p->feed("250-a\r\n250-b\r\n250-c\r\n250 d\r\n"); 1 },
     'too many lines croak');
  is($@->kind, 'ETOO_MANY_LINES', 'kind');
  ok(!eval { $p->set_limit(lines => 0); 1 }, 'a limit of 0 croaks');
  is($@->kind, 'EINVAL', 'EINVAL');
  ok(!eval { $p->set_limit(lines => 2_000_000); 1 },
     'a limit past the maximum croaks');
  is($@->kind, 'EINVAL', 'EINVAL');
  ok(!eval { $p->limit('width'); 1 }, 'an unknown limit croaks');
};

subtest 'gives the same replies and errors in any chunking' => sub {
  my $stream = "220 mx.example.net ESMTP\r\n"
    . "250-mx.example.net\r\n250-SIZE 52428800\n250 DSN\r\n"
    . "x\r\n"
    . "550-5.1.1 The email account that you tried to reach does not\r\n"
    . "550 5.1.1 exist.\r\n"
    . "250 \xd0\x9e\xd0\xba\r\n"
    . "452 4.2.2 full\r\n"
    . "2500 no\r\n"
    . "221 2.0.0 Bye\r\n"
    . "250-cut";
  my $whole = run(SMTP::Reply::Parser->new, $stream);
  my $bytes = run(SMTP::Reply::Parser->new, split //, $stream);
  my $sevens = run(SMTP::Reply::Parser->new, unpack '(a7)*', $stream);
  is(scalar(grep { $_->[0] eq 'reply' } @$whole), 6, 'six replies');
  is(scalar(grep { $_->[0] eq 'error' } @$whole), 3, 'three errors');
  is_deeply($bytes, $whole, 'byte by byte');
  is_deeply($sevens, $whole, 'seven bytes at a time');
  is_deeply($whole->[-1], [ 'error', 'ETRUNCATED', 12, length $stream ],
            'the stream ends inside a reply');
};

subtest 'parses a whole text at once' => sub {
  my $p = SMTP::Reply::Parser->new;
  my @r = $p->parse("250-a\r\n250 b\r\n421 bye\r\n");
  is_deeply([ map { $_->code } @r ], [ 250, 421 ], 'its replies');
  ok(!eval { $p->parse("250 a\r\n250-b\r\n"); 1 }, 'a cut reply croaks');
  is($@->kind, 'ETRUNCATED', 'ETRUNCATED');
  is_deeply([ map { $_->code } $@->replies ], [250], 'with the replies');
};

subtest 'forgets a partial reply on reset' => sub {
  my $p = SMTP::Reply::Parser->new(lines => 5);
  $p->feed("250-a\r\n250-");
  $p->reset;
  my ($r) = $p->feed("221 bye\r\n");
  is($r->code, 221, 'the new reply');
  is($r->offset, 0, 'at offset 0');
  is($p->limit('lines'), 5, 'the limits stay');
};

subtest 'reads the replies of real servers' => sub {
  my $file = "$ENV{top_srcdir}/examples/replies.txt";
  open my $fh, '<:raw', $file or die "$file: $!";
  my $text = do { local $/; <$fh> };
  close $fh;
  my @r = SMTP::Reply::Parser->new->parse($text);
  is(scalar @r, 55, 'every reply');
  is_deeply([ map { $_->code } @r[0 .. 2] ], [ 220, 250, 220 ], 'first');
  is(scalar(($r[1]->lines)), 12, 'the EHLO answer has 12 lines');
  my ($gmail) = grep { $_->code == 550 && $_->enhanced eq '5.1.1' } @r;
  is(scalar($gmail->lines), 4, "Gmail's 550 has four lines");
  is(($gmail->messages)[3], ' https://support.google.com/mail/?p=NoSuchUser '
       . '5b1f17b1804b1-42d9a8c3e4fsi1234567a.210 - gsmtp',
     'only one space after the enhanced code goes');
  ok(!grep({ !$_->has_flag('BARE_LF') } @r), 'the file ends lines in LF');
};

done_testing;
