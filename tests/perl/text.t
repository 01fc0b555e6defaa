# text.t -- free text, display and advice through SMTP::Reply.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

use strict;
use warnings;
use utf8;

use FindBin;
use lib $FindBin::Bin;
use TestLib;

use Test::More;

use SMTP::Reply qw(extract display_safe);

subtest 'finds the reply in a log line' => sub {
  my $line = 'Nov 28 03:15:20 mx1 postfix/smtp[44884]: DD51AF25C5: '
    . 'to=<bob@example.net>, relay=mx.example.net[198.51.100.7]:25, '
    . 'delay=2.29, delays=0.26/0.04/1.27/0.72, dsn=5.1.1, status=bounced '
    . '(host mx.example.net[198.51.100.7] said: 550 5.1.1 '
    . '<bob@example.net>: Recipient address rejected: User unknown in '
    . 'virtual mailbox table (in reply to RCPT TO command))';
  my $m = extract($line);
  isa_ok($m, 'SMTP::Reply::Match');
  is($m->code, 550, 'code');
  is($m->code_offset, 221, 'code offset');
  is($m->enhanced, '5.1.1', 'enhanced');
  is($m->enhanced_offset, 225, 'enhanced offset');
  is($m->enhanced_length, 5, 'enhanced length');
  is($m->text_offset, 231, 'text offset');
  ok(!$m->nonstandard && !$m->last_line, 'a standard code, found plainly');
  like($m->text, qr/\A<bob\@example\.net>: Recipient address rejected/,
       'text');
};

subtest 'finds an enhanced code alone' => sub {
  my $m = extract('dsn=4.7.1');
  is($m->code, undef, 'no code');
  is($m->code_offset, undef, 'no code offset');
  is($m->enhanced, '4.7.1', 'enhanced');
  is($m->enhanced_offset, 4, 'enhanced offset');
  is($m->text_offset, 9, 'text offset');
};

subtest 'finds a whole reply without an enhanced code' => sub {
  my $m = extract('421 mx.example.net Service not available, closing '
                  . 'transmission channel');
  is($m->code, 421, 'code');
  is($m->enhanced, undef, 'no enhanced code');
  is($m->text_offset, 4, 'text offset');
};

subtest 'takes no number that is not a reply' => sub {
  is(extract('from=<a@b>, size=550, nrcpt=1 (queue active)'), undef,
     'a size');
  is(extract('listening for SMTP on port 465 (IPv4)'), undef, 'a port');
  is(extract(''), undef, 'nothing');
};

subtest 'tells a nonstandard code' => sub {
  my $m = extract('571 No PTR Record found');
  is($m->code, 571, 'code');
  ok($m->nonstandard, 'nonstandard');
};

subtest 'counts characters in a character string, bytes in bytes' => sub {
  my $chars = 'Сервер ответил: 550 5.1.1 нет такого ящика';
  my $m = extract($chars);
  is($m->code_offset, 16, 'code offset in characters');
  is($m->enhanced_offset, 20, 'enhanced offset in characters');
  is($m->text_offset, 26, 'text offset in characters');
  is($m->text, 'нет такого ящика', 'text as characters');
  is(substr($chars, $m->code_offset, 3), '550', 'substr finds the code');
  my $bytes = $chars;
  utf8::encode($bytes);
  $m = extract($bytes);
  is($m->code_offset, 29, 'code offset in bytes');
  is(substr($bytes, $m->code_offset, 3), '550', 'substr finds it');
};

subtest 'makes server text safe to print' => sub {
  is(display_safe('550 5.1.1 <bob@example.net>: User unknown'),
     '550 5.1.1 <bob@example.net>: User unknown', 'printable ASCII as is');
  is(display_safe("a\0b"), 'a\x00b', 'a NUL');
  is(display_safe("a\rb\nc"), 'a\x0Db\x0Ac', 'CR and LF');
  is(display_safe("a\tb"), 'a b', 'a tab');
  is(display_safe("a\x7fb"), 'a\x7Fb', 'DEL');
  is(display_safe("\x1b[31mred\x1b[0m"), 'red', 'a CSI sequence');
  is(display_safe("\x1b]0;title\x07after"), 'after', 'an OSC sequence');
  is(display_safe("a\xc2\x85b"), 'a\u0085b', 'a C1 control');
  is(display_safe("bad \xff"), "bad \x{FFFD}", 'an invalid byte');
  is(display_safe("\xd0\x9e\xd0\xba"), 'Ок', 'UTF-8 bytes');
  is(display_safe("Ок\x{202E}"), 'Ок', 'characters, without bidi controls');
  ok(utf8::is_utf8(display_safe('x')), 'flagged as UTF-8');
  is(display_safe(''), '', 'empty');
};


subtest 'names actions and stages with the tokens of the library' => sub {
  is_deeply([ SMTP::Reply::tokens('stage') ],
            [qw(any greeting ehlo mail rcpt data data_end bdat auth starttls
                quit)], 'stages');
  is_deeply([ SMTP::Reply::tokens('action') ],
            [qw(proceed continue retry give_up)], 'actions');
};

done_testing;
