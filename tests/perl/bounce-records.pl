# bounce-records.pl -- print the records of SMTP::Reply::bounce for a
# message or a mailbox, one JSON object per line, for
# tests/bounces/compare.py.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage: perl bounce-records.pl [--mbox] FILE
#
# Read FILE, one message (or with --mbox a mailbox: a line starting
# "From " after an empty line, or first, starts a message; a body line
# ">From " loses one ">"), and print for each message what
# SMTP::Reply::bounce says: one object per recipient, built from the
# accessors of the Bounce and its Recipients, with the keys kind,
# recipient, action, status, code, enhanced, remote_mta, diagnostic_type,
# reason, soft, feedback_type, original, and message (from 1) in a
# mailbox, each when it has a value; {"kind": "not_bounce"} for a
# message without recipients; {"error": KIND} for a message bounce()
# croaks on.

use strict;
use warnings;

use JSON::PP ();
use SMTP::Reply ();

my $json = JSON::PP->new->utf8->canonical;

# Return the messages of the mailbox DATA.
sub messages {
  my ($data) = @_;
  my (@found, $current);
  my $prev_blank = 0;
  for my $line ($data =~ /([^\n]*\n|[^\n]+\z)/g) {
    if ($line =~ /\AFrom / && ($prev_blank || !defined $current)) {
      push @found, $current if defined $current;
      $current = '';
    } else {
      if (!defined $current) {
        # Text before any "From " line: not a mailbox, one message.
        $current = '';
      } elsif ($line =~ /\A>+From /) {
        substr($line, 0, 1) = '';
      }
      $current .= $line;
    }
    $prev_blank = $line eq "\n" || $line eq "\r\n";
  }
  push @found, $current if defined $current;
  return @found;
}

# Print the records of the message DATA, number INDEX (0: alone).
sub records {
  my ($data, $index) = @_;
  my %head = $index ? (message => $index) : ();
  my $bounce = eval { SMTP::Reply::bounce($data) };
  if (!$bounce) {
    print $json->encode({ %head, error => $@->kind }), "\n";
    return;
  }
  my @recipients = $bounce->recipients;
  if (!@recipients) {
    print $json->encode({ %head, kind => $bounce->kind }), "\n";
    return;
  }
  for my $r (@recipients) {
    my %rec = (%head, kind => $bounce->kind, recipient => $r->address);
    $rec{action} = $r->action if $r->action ne 'none';
    for my $key (qw(status code enhanced remote_mta diagnostic_type reason
                    feedback_type)) {
      my $value = $r->$key;
      $rec{$key} = $value if defined $value;
    }
    $rec{soft} = $r->soft ? JSON::PP::true : JSON::PP::false
      if defined $r->soft;
    $rec{original} = $bounce->original if %{ $bounce->original };
    print $json->encode(\%rec), "\n";
  }
}

my $mbox = @ARGV == 2 && $ARGV[0] eq '--mbox';
die "usage: bounce-records.pl [--mbox] FILE\n" unless @ARGV == 1 + $mbox;
open my $fh, '<:raw', $ARGV[-1] or die "$ARGV[-1]: $!\n";
my $data = do { local $/; <$fh> };
close $fh;
if ($mbox) {
  my $i = 0;
  records($_, ++$i) for messages($data);
} else {
  records($data, 0);
}
