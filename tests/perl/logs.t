# logs.t -- mail logs: annotated records and summaries that merge.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

use strict;
use warnings;
use utf8;

use FindBin;
use lib $FindBin::Bin;
use TestLib;

use Test::More;

use SMTP::Reply qw(annotate_lines);

my @postfix = (
  'Nov 28 03:10:52 mx1 postfix/smtp[2817]: E11DF51CF1: '
    . 'to=<m.jones@mail.example.net>, relay=mx2.example.net[198.51.100.8]:25, '
    . 'delay=3790, dsn=4.2.2, status=deferred (host '
    . 'mx2.example.net[198.51.100.8] said: 452 4.2.2 '
    . '<m.jones@mail.example.net>: Recipient address rejected: Mailbox full '
    . '(in reply to RCPT TO command))',
  'Nov 28 03:10:53 mx1 postfix/qmgr[1]: E11DF51CF1: removed',
  '2026-11-28 03:12:00 1tGx1a-000ABC-12 ** bob@example.org R=dnslookup '
    . 'T=remote_smtp H=mx.example.org [192.0.2.5]: SMTP error from remote '
    . 'mail server after RCPT TO:<bob@example.org>: 550 5.1.1 '
    . '<bob@example.org>: User unknown');

subtest 'annotates the lines that hold a reply' => sub {
  my @records = annotate_lines(\@postfix, file => 'mail.log');
  is(scalar @records, 2, 'two of three lines');
  my $r = $records[0];
  is_deeply([ sort keys %$r ],
            [ sort qw(advice advice_text category category_name class
                      class_name code description domain enhanced
                      enhanced_description explanation file input lang line
                      mta name outcome queue_id reason reason_text
                      reason_title recipient relay rule soft stage status
                      title) ], 'the fields of a Postfix line');
  is($r->{input}, $postfix[0], 'input');
  is($r->{file}, 'mail.log', 'file');
  is($r->{line}, 1, 'line');
  is($r->{code}, 452, 'code');
  is($r->{enhanced}, '4.2.2', 'enhanced');
  is($r->{outcome}, 'deferred', 'outcome');
  is($r->{mta}, 'postfix', 'mta');
  is($r->{queue_id}, 'E11DF51CF1', 'queue_id');
  is($r->{recipient}, 'm.jones@mail.example.net', 'recipient');
  is($r->{domain}, 'mail.example.net', 'domain');
  is($r->{relay}, 'mx2.example.net', 'relay');
  is($r->{status}, 'deferred', 'status');
  is($r->{reason}, 'mailboxfull', 'reason');
  ok($r->{soft}, 'soft');
  is($r->{stage}, 'rcpt', 'stage');
  is($r->{lang}, 'en', 'lang');
  $r = $records[1];
  is($r->{line}, 3, 'the Exim line keeps its number');
  is($r->{mta}, 'exim', 'mta');
  is($r->{queue_id}, '1tGx1a-000ABC-12', 'queue_id');
  is($r->{outcome}, 'bounced', 'outcome');
  is($r->{reason}, 'userunknown', 'reason');
  ok(!$r->{soft}, 'hard');
  ok(!exists $r->{status}, 'Exim logs no status=');
};

subtest 'takes the lines as one text too, and their options' => sub {
  my $text = join "\r\n", @postfix;
  is_deeply([ annotate_lines($text, file => 'mail.log') ],
            [ annotate_lines([ map { "$_\n" } @postfix ], file => 'mail.log') ],
            'a text with CRLF and lines with LF give the same');
  my @records = annotate_lines(\@postfix, first_line => 41, lang => 'ru',
                               redact => 1);
  is_deeply([ map { $_->{line} } @records ], [ 41, 43 ], 'first_line');
  is($records[0]{file}, '-', 'the file is - by default');
  is($records[0]{lang}, 'ru', 'the language');
  is($records[0]{description},
     SMTP::Reply::describe(452, 'ru'), 'the description in it');
  is($records[0]{recipient}, '...@mail.example.net', 'redacted recipient');
  unlike($records[0]{input}, qr/m\.jones/, 'and input');
  is_deeply([ annotate_lines([]) ], [], 'no lines, no records');
  for my $bad ([ \@postfix, colour => 1 ], [ \@postfix, first_line => 0 ],
               [ \@postfix, stage => 'nowhere' ], [ undef ],
               [ [ \'x' ] ]) {
    ok(!eval { annotate_lines(@$bad); 1 }, 'bad arguments croak');
    is($@->kind, 'EINVAL', 'EINVAL');
  }
};

# The example logs, as lines of their files.
my @files = map {
  my $name = "$_.log";
  [ $name, [ split /\n/, slurp(top_srcdir() . "/examples/$name") ] ];
} qw(postfix exim sendmail);

# Return a summary of the example logs, each file cut into pieces at the
# line numbers CUTS (each piece a summary of its own), merged in ORDER
# ("forward" or "backward"), with the options OPTIONS.
sub summary_in_pieces {
  my ($cuts, $order, @options) = @_;
  my @pieces;
  for my $file (@files) {
    my ($name, $lines) = @$file;
    my @at = (0, (grep { $_ < @$lines } @$cuts), scalar @$lines);
    for my $i (0 .. $#at - 1) {
      my $s = SMTP::Reply::Summary->new(@options);
      $s->add_lines([ @$lines[ $at[$i] .. $at[ $i + 1 ] - 1 ] ],
                    file => $name, first_line => $at[$i] + 1);
      push @pieces, $s;
    }
  }
  @pieces = reverse @pieces if $order eq 'backward';
  my $all = SMTP::Reply::Summary->new(@options);
  $all->merge(@pieces);
  return $all;
}

subtest 'merges summaries made in pieces into the summary of the whole' =>
  sub {
    my $whole = SMTP::Reply::Summary->new;
    for my $file (@files) {
      $whole->add_lines(join("\n", @{ $file->[1] }) . "\n",
                        file => $file->[0]);
    }
    cmp_ok($whole->lines, '>', 50, 'the logs have lines with replies ('
             . $whole->lines . ')');
    srand 15;
    for my $round (1 .. 5) {
      my @cuts = sort { $a <=> $b } map { 1 + int rand 60 } 1 .. 4;
      for my $order (qw(forward backward)) {
        my $merged = summary_in_pieces(\@cuts, $order);
        is($merged->lines, $whole->lines, "cuts @cuts, $order: lines");
        for my $format (qw(text json color)) {
          for my $lang (undef, 'ru') {
            is($merged->render($format, $lang), $whole->render($format, $lang),
               "cuts @cuts, $order: $format in " . ($lang // 'en'));
          }
        }
        is(SMTP::Reply::Summary->from_json($merged->to_json)->render,
           $whole->render, "cuts @cuts, $order: through JSON");
      }
    }
  };

subtest 'travels as JSON' => sub {
  my $s = summary_in_pieces([ 10, 20 ], 'forward', redact => 1);
  my $json = $s->to_json;
  ok(utf8::is_utf8($json), 'a character string');
  like($json, qr/\A\{"format":"smtpreply-summary","version":1,/, 'its head');
  my $back = SMTP::Reply::Summary->from_json($json);
  isa_ok($back, 'SMTP::Reply::Summary');
  is($back->to_json, $json, 'read back, it writes the same');
  is($back->render, $s->render, 'and renders the same');
  my $bytes = $json;
  utf8::encode($bytes);
  is(SMTP::Reply::Summary->from_json($bytes)->to_json, $json,
     'from its UTF-8 bytes too');
  ok(!eval { SMTP::Reply::Summary->from_json('{"format":"x"}'); 1 },
     'another JSON text croaks');
  is($@->kind, 'ESUMMARY_JSON', 'ESUMMARY_JSON');
  is($@->offset, 10, 'at the byte that broke it');
  ok(!eval { SMTP::Reply::Summary->from_json(undef); 1 }, 'undef croaks');
  is($@->kind, 'EINVAL', 'EINVAL');
};

subtest 'renders exactly what the command prints' => sub {
  my $s = SMTP::Reply::Summary->new;
  $s->add_lines(\@postfix, file => 'mail.log');
  is($s->lines, 2, 'two lines counted');
  my $deferred = $postfix[0];
  my $bounced = $postfix[2];
  is($s->render, <<"EOF", 'text');
Deferred: 1 line
  By reason:
       1  Mailbox full
          $deferred
  By destination domain:
       1  mail.example.net
  By reply:
       1  452 4.2.2  status=deferred  Mailbox full \x{2014} No room is left in the recipient mailbox because of its quota or its size; deleting old messages there would make room
          $deferred

Bounced: 1 line
  By reason:
       1  Unknown recipient
          $bounced
  By destination domain:
       1  example.org
  By reply:
       1  550 5.1.1  Unknown recipient \x{2014} The recipient mailbox, the part of the address before the @, does not exist at the destination system
          $bounced
EOF
  my @json = split /\n/, $s->render('json');
  is(scalar @json, 8, 'JSON Lines: a line per row');
  is($json[0], '{"kind":"outcome","outcome":"deferred","count":1,'
       . '"title":"Deferred","lang":"en"}', 'the first');
};

subtest 'keeps to its options' => sub {
  my $failures = SMTP::Reply::Summary->new(failures => 1);
  my $all = SMTP::Reply::Summary->new;
  my @lines = ('x postfix/smtp[1]: A1: to=<a@b.example>, relay=r[192.0.2.1]:25,'
                 . ' dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 123)',
               @postfix);
  $_->add_lines(\@lines) for $failures, $all;
  is($all->lines, 3, 'all lines with a reply');
  is($failures->lines, 2, 'or only the failures');
  ok(!eval { $all->merge($failures); 1 }, 'summaries of other options do '
       . 'not merge');
  is($@->kind, 'EINVAL', 'EINVAL');
  ok(!eval { $all->merge('x'); 1 }, 'nor do other things');
  is($@->kind, 'EINVAL', 'EINVAL');
  ok(!eval { SMTP::Reply::Summary->new(colour => 1); 1 },
     'an unknown option croaks');
  ok(!eval { $all->render('html'); 1 }, 'an unknown format croaks');
  is($@->kind, 'EINVAL', 'EINVAL');
  ok(!eval { $all->add_lines(\@lines, file => "a\0b"); 1 },
     'a file name with a NUL croaks');
  is($@->kind, 'EINVAL', 'EINVAL');
  my $redacted = SMTP::Reply::Summary->new(redact => 1);
  $redacted->add_lines(\@postfix);
  unlike($redacted->render, qr/m\.jones|bob\@/, 'redact hides local parts');
};

subtest 'a temporary file that cannot be made croaks ETEMP_FILE' => sub {
  # Past 512 KiB of rows a summary spills them to a file in $TMPDIR: where
  # none can be made, add_lines croaks and the summary keeps the lines it
  # counted before.
  my @many = map {
    sprintf('Nov 28 03:15:21 mx1 postfix/smtp[%d]: %05X: to=<u@d%d.example>, '
            . 'relay=mx.example.net[198.51.100.7]:25, dsn=5.1.1, '
            . 'status=bounced (host mx.example.net[198.51.100.7] said: 550 '
            . '5.1.1 User unknown (in reply to RCPT TO command))', $_, $_, $_)
  } 0 .. 19999;
  my $s = SMTP::Reply::Summary->new;
  {
    local $ENV{TMPDIR} = '/nonexistent/smtpreply-test';
    ok(!eval { $s->add_lines(\@many, file => 'many.log'); 1 },
       'add_lines croaks');
  }
  is($@->kind, 'ETEMP_FILE', 'ETEMP_FILE');
  is($@->message, 'A temporary file could not be created, written or read',
     'its message');
  cmp_ok($s->lines, '>', 1000, 'the lines before it are counted');
  cmp_ok($s->lines, '<', 20000, 'the others are not');
  my $whole = SMTP::Reply::Summary->new;
  $whole->add_lines(\@many, file => 'many.log');
  is($whole->lines, 20000, 'with a folder, all lines are counted');
};

done_testing;
