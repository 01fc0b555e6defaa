# bounce-handler.t -- examples/bounce-handler.pl on examples/replies.txt.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

use strict;
use warnings;
use utf8;

use FindBin;
use lib $FindBin::Bin;
use TestLib;

use File::Temp ();
use Test::More;

my $script = top_srcdir() . '/examples/bounce-handler.pl';
my $replies = top_srcdir() . '/examples/replies.txt';

# Run the example with ARGS, INPUT on its standard input, and return its
# exit status, its output and its errors, as characters.
sub run_example {
  my ($input, @args) = @_;
  my @inc = map { "-I$_" } grep { !ref } @INC;
  my $dir = File::Temp::tempdir(CLEANUP => 1);
  my ($out_file, $err_file) = ("$dir/out", "$dir/err");
  open my $pipe, '|-', "'$^X' "
    . join(' ', map { "'$_'" } @inc, $script, @args)
    . " >'$out_file' 2>'$err_file'"
    or die "$^X: $!";
  print $pipe $input;
  close $pipe;
  my $status = $? >> 8;
  my @text = map {
    open my $in, '<:encoding(UTF-8)', $_ or die "$_: $!";
    my $text = do { local $/; <$in> };
    close $in;
    $text;
  } $out_file, $err_file;
  return ($status, @text);
}

subtest 'bounces and retries the failures of examples/replies.txt' => sub {
  my ($status, $out, $err) = run_example('', $replies);
  is($status, 0, 'exit status');
  is($err, '', 'no errors');
  like($out, qr/\n55 replies: 6 to retry, 11 to bounce\n\z/, 'the summary');
  my $gmail = <<'EOF';
bounce: line 58: 550 5.1.1
  The requested action was not taken: the mailbox is unavailable (not found, no access, or refused by local policy)
  The recipient mailbox, the part of the address before the @, does not exist at the destination system
  Do not retry as is: return the message to its sender, or fix the cause before sending again
  > The email account that you tried to reach does not exist. Please try
  > double-checking the recipient's email address for typos or
  > unnecessary spaces. For more information, go to
  >  https://support.google.com/mail/?p=NoSuchUser 5b1f17b1804b1-42d9a8c3e4fsi1234567a.210 - gsmtp
EOF
  ok(index($out, $gmail) >= 0, "Gmail's unknown user is bounced");
  my $greylisted = <<'EOF';
retry: line 78: 450 4.2.0
  The requested mail action was not taken: the mailbox is unavailable for now, for example busy
  A status about the recipient's mailbox that no other detail code describes
  Keep the message and try again later
EOF
  ok(index($out, $greylisted) >= 0, 'greylisting is retried');
  is(scalar(() = $out =~ /^(?:retry|bounce): /mg), 17, 'one verdict each');
};

subtest 'explains in the language asked for' => sub {
  my ($status, $out) = run_example('', '--lang=ru', $replies);
  is($status, 0, 'exit status');
  my $gmail = <<'EOF';
bounce: line 58: 550 5.1.1
  Запрошенная операция невозможна — почтовый ящик недоступен (почтовый ящик не найден или нет доступа; команда отклонена локальной политикой безопасности)
  Почтовый ящик получателя — часть адреса до @ — не существует в системе назначения
  Не повторяйте попытку без изменений: верните сообщение отправителю или устраните причину, прежде чем отправлять снова
EOF
  ok(index($out, $gmail) >= 0, "Gmail's unknown user in Russian");
};

subtest 'reads standard input and reports bad lines' => sub {
  my ($status, $out, $err) = run_example(
    "220 mx ESMTP\r\nnonsense\r\n452 4.2.2 Mailbox full\r\n"
      . "554 \x1b[31mgo away\x1b[0m\r\n");
  is($status, 0, 'exit status');
  is($out, <<'EOF', 'the verdicts');
retry: line 3: 452 4.2.2
  The requested action was not taken: the system does not have enough storage
  No room is left in the recipient mailbox because of its quota or its size; deleting old messages there would make room
  Keep the message and try again later
  > Mailbox full
bounce: line 4: 554
  The transaction failed, or, at connection time, the server offers no SMTP service
  Do not retry as is: return the message to its sender, or fix the cause before sending again
  > go away
3 replies: 1 to retry, 1 to bounce
EOF
  like($err, qr/: line 2: byte 14: A reply code is exactly three digits\n\z/,
       'the bad line');
};

done_testing;
