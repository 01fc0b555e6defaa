#!/usr/bin/perl
# bounce-handler.pl -- decide to retry or to bounce, from a server's replies.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage: bounce-handler.pl [--lang=LANG] [--stage=STAGE] [FILE]...
#
# Reads the SMTP replies in the FILEs (standard input if none), such as
# examples/replies.txt, and for each failure prints whether to retry the
# message later or to bounce it to its sender, with the explanation in the
# language of the environment (or LANG) and the server's own words made
# safe to print.

use strict;
use warnings;

use Getopt::Long;
use SMTP::Reply;

binmode STDOUT, ':encoding(UTF-8)';
binmode STDERR, ':encoding(UTF-8)';

my ($lang, $stage);
GetOptions('lang=s' => \$lang, 'stage=s' => \$stage)
  or die "usage: $0 [--lang=LANG] [--stage=STAGE] [FILE]...\n";

my %count = (replies => 0, retry => 0, bounce => 0);

# Print what to do with REPLY, if it is a failure.
sub handle {
  my ($reply) = @_;
  $count{replies}++;
  return unless $reply->is_failure;
  my $advice = $reply->advise($stage, $lang);
  my $verdict = $advice->action eq 'retry' ? 'retry' : 'bounce';
  $count{$verdict}++;
  printf "%s: line %d: %d%s\n", $verdict, $reply->line_number, $reply->code,
    defined $reply->enhanced ? ' ' . $reply->enhanced : '';
  print '  ', $reply->describe($lang)
    // SMTP::Reply::code_class($reply->code, $lang)->text, "\n";
  print '  ', $reply->describe_enhanced($lang), "\n"
    if defined $reply->enhanced;
  print '  ', $advice->text, "\n";
  print '  > ', SMTP::Reply::display_safe($_), "\n" for $reply->raw_messages;
}

# Handle each event of a stream: a reply, or a line that broke the rules.
sub events {
  for my $event (@_) {
    if ($event->is_error) {
      printf STDERR "%s: line %d: byte %d: %s\n", $0, $event->line,
        $event->offset, $event->message;
    } else {
      handle($event);
    }
  }
}

my $parser = SMTP::Reply::Parser->new(lang => $lang);

@ARGV = ('-') unless @ARGV;
for my $file (@ARGV) {
  my $in = \*STDIN;
  if ($file ne '-') {
    open $in, '<', $file or die "$0: $file: $!\n";
  }
  binmode $in;
  while (read $in, my $chunk, 4096) {
    events($parser->feed($chunk));
  }
  events($parser->finish);
  close $in if $file ne '-';
}

printf "%d replies: %d to retry, %d to bounce\n", $count{replies},
  $count{retry}, $count{bounce};
