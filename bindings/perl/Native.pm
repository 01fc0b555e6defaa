# SMTP::Reply::Native -- the Perl API of SMTP::Reply.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# SMTP/Reply.pm, which SWIG generates, loads this file once it has taken
# its own aliases of the C wrappers out of the package SMTP::Reply.  The
# wrappers stay in SMTP::Replyc: they take bytes and give UTF-8 strings,
# plain hashes and SMTP::Reply::Error objects in $@.  This layer turns them
# into functions and objects; every answer still comes from the C library.
# The API is documented in SMTP/Reply.pod (bindings/perl/Reply.pod).

package SMTP::Reply;

use strict;
use warnings;

use Encode ();

our @EXPORT_OK = qw(
  version describe lookup codes code_check code_class code_category
  class_lookup category_lookup is_preliminary is_success is_intermediate
  is_transient is_permanent is_failure status_name
  enhanced_check enhanced_describe enhanced_lookup enhanced_codes
  enhanced_class_lookup enhanced_subject_lookup enhanced_agrees
  translate translate_context translate_plural languages language_resolve
  language_check catalog_check strerror errname
  flag_name flag_names flag_error flag_all
  advise action_name stage_name stages extract display_safe
);
our %EXPORT_TAGS = (all => [@EXPORT_OK]);

# Croak with an SMTP::Reply::Error for the error RC (a negative number).
sub _fail {
  my ($rc) = @_;
  die SMTP::Replyc::_perl_error($rc);
}

# Return the reply code CODE (a number or a string of three digits) as a
# number, or croak if it is not one.
sub _code {
  my ($code) = @_;
  return SMTP::Replyc::code_parse(defined $code ? "$code" : '');
}

# Return the enhanced status code CODE as a string for the wrappers, which
# parse it; croak if it is undef.
sub _enhanced {
  my ($code) = @_;
  _fail($SMTP::Reply::EINVAL) unless defined $code;
  return "$code";
}

# Return N as a number, or croak if it is not an integer that fits.
sub _int {
  my ($n) = @_;
  _fail($SMTP::Reply::EINVAL)
    unless defined $n && !ref $n && $n =~ /\A[-+]?[0-9]{1,15}\z/;
  return 0 + $n;
}

# Return the UTF-8 bytes BYTES as characters, each invalid sequence
# replaced by U+FFFD.
sub _decode {
  my ($bytes) = @_;
  return Encode::decode('UTF-8', "$bytes");
}

# Return how many characters the first BYTES bytes of the UTF-8 encoding
# of TEXT hold, or BYTES if TEXT is a byte string.
sub _char_offset {
  my ($text, $bytes) = @_;
  return $bytes unless defined $bytes && utf8::is_utf8($text);
  my $prefix = $text;
  utf8::encode($prefix);
  $prefix = substr $prefix, 0, $bytes;
  utf8::decode($prefix);
  return length $prefix;
}

# ---------------------------------------------------------------------------
# Reply codes.

sub version { return SMTP::Replyc::version() }

sub describe {
  my ($code, $lang) = @_;
  return SMTP::Replyc::reply_describe_lang(_code($code), $lang);
}

sub lookup {
  my ($code, $lang) = @_;
  my $entry = SMTP::Replyc::reply_lookup(_code($code)) or return undef;
  $entry->{lang} = $lang;
  return bless $entry, 'SMTP::Reply::Code';
}

sub codes {
  my ($lang) = @_;
  my $n = SMTP::Replyc::reply_count();
  return map {
    my $entry = SMTP::Replyc::reply_at($_);
    $entry->{lang} = $lang;
    bless $entry, 'SMTP::Reply::Code';
  } 0 .. $n - 1;
}

sub code_check { return _code($_[0]) }

# Return the digit entry ENTRY (a hash or undef) as an SMTP::Reply::Digit
# speaking LANG.
sub _digit {
  my ($entry, $lang) = @_;
  return undef unless $entry;
  $entry->{lang} = $lang;
  return bless $entry, 'SMTP::Reply::Digit';
}

sub code_class {
  my ($code, $lang) = @_;
  return _digit(SMTP::Replyc::code_class(_code($code)), $lang);
}

sub code_category {
  my ($code, $lang) = @_;
  return _digit(SMTP::Replyc::code_category(_code($code)), $lang);
}

sub class_lookup {
  my ($digit, $lang) = @_;
  return _digit(SMTP::Replyc::class_lookup(_int($digit)), $lang);
}

sub category_lookup {
  my ($digit, $lang) = @_;
  return _digit(SMTP::Replyc::category_lookup(_int($digit)), $lang);
}

sub is_preliminary  { return SMTP::Replyc::code_is_preliminary(_code($_[0])) }
sub is_success      { return SMTP::Replyc::code_is_success(_code($_[0])) }
sub is_intermediate { return SMTP::Replyc::code_is_intermediate(_code($_[0])) }
sub is_transient    { return SMTP::Replyc::code_is_transient(_code($_[0])) }
sub is_permanent    { return SMTP::Replyc::code_is_permanent(_code($_[0])) }
sub is_failure      { return SMTP::Replyc::code_is_failure(_code($_[0])) }

sub status_name { return SMTP::Replyc::code_status_name(_int($_[0])) }

# ---------------------------------------------------------------------------
# Enhanced status codes.

sub enhanced_check {
  return SMTP::Replyc::enhanced_parse(_enhanced($_[0]));
}

sub enhanced_describe {
  my ($code, $lang) = @_;
  return SMTP::Replyc::enhanced_describe_lang(_enhanced($code), $lang);
}

# Return the registry entry ENTRY (a hash or undef) as an
# SMTP::Reply::Enhanced for CODE speaking LANG.
sub _enhanced_entry {
  my ($entry, $code, $lang) = @_;
  return undef unless $entry;
  $entry->{code} = $code;
  $entry->{lang} = $lang;
  return bless $entry, 'SMTP::Reply::Enhanced';
}

sub enhanced_lookup {
  my ($code, $lang) = @_;
  my $canonical = enhanced_check($code);
  my (undef, $subject, $detail) = split /\./, $canonical;
  return _enhanced_entry(SMTP::Replyc::enhanced_lookup($subject, $detail),
                         $canonical, $lang);
}

sub enhanced_codes {
  my ($lang) = @_;
  my $n = SMTP::Replyc::enhanced_count();
  return map {
    my $entry = SMTP::Replyc::enhanced_at($_);
    _enhanced_entry($entry, "X.$entry->{subject}.$entry->{detail}", $lang);
  } 0 .. $n - 1;
}

sub enhanced_class_lookup {
  my ($class, $lang) = @_;
  return _digit(SMTP::Replyc::enhanced_class_lookup(_int($class)), $lang);
}

sub enhanced_subject_lookup {
  my ($subject, $lang) = @_;
  return _digit(SMTP::Replyc::enhanced_subject_lookup(_int($subject)), $lang);
}

sub enhanced_agrees {
  my ($code, $enhanced) = @_;
  return SMTP::Replyc::enhanced_agrees(_code($code), _enhanced($enhanced));
}

# ---------------------------------------------------------------------------
# Languages and errors.

sub translate {
  my ($msgid, $lang) = @_;
  return SMTP::Replyc::translate($msgid, $lang);
}

sub translate_context {
  my ($context, $msgid, $lang) = @_;
  return SMTP::Replyc::translate_context($context, $msgid, $lang);
}

sub translate_plural {
  my ($msgid, $plural, $n, $lang) = @_;
  $n = _int($n);
  _fail($SMTP::Reply::EINVAL) if $n < 0;
  return SMTP::Replyc::translate_plural($msgid, $plural, $n, $lang);
}

sub languages {
  return map { SMTP::Replyc::language_at($_) }
    0 .. SMTP::Replyc::language_count() - 1;
}

sub language_resolve { return SMTP::Replyc::language_resolve($_[0]) }
sub language_check   { return SMTP::Replyc::language_check($_[0]) }
sub catalog_check    { return SMTP::Replyc::catalog_check($_[0]) }

sub strerror {
  my ($rc, $lang) = @_;
  return SMTP::Replyc::strerror_lang(_int($rc), $lang);
}

sub errname { return SMTP::Replyc::errname(_int($_[0])) }

# ---------------------------------------------------------------------------
# Parser diagnostics.

# The flag of each diagnostic by name: BARE_LF => FLAG_BARE_LF, ...
my %FLAG;
{
  my $all = SMTP::Replyc::flag_all();
  for my $i (0 .. 31) {
    my $bit = 1 << $i;
    $FLAG{SMTP::Replyc::flag_name($bit)} = $bit if $all & $bit;
  }
}

# Return the flags SPEC names: a list of names in an array ref, "all", or
# a mask.  Croak on a name that is no flag's.
sub _flags {
  my ($spec) = @_;
  return 0 unless defined $spec;
  return SMTP::Replyc::flag_all() if !ref $spec && $spec eq 'all';
  return _int($spec) unless ref $spec;
  _fail($SMTP::Reply::EINVAL) unless ref $spec eq 'ARRAY';
  my $mask = 0;
  for my $name (@$spec) {
    _fail($SMTP::Reply::EINVAL) unless defined $name && exists $FLAG{uc $name};
    $mask |= $FLAG{uc $name};
  }
  return $mask;
}

sub flag_name  { return SMTP::Replyc::flag_name(_int($_[0])) }
sub flag_error { return SMTP::Replyc::flag_error(_int($_[0])) }
sub flag_all   { return SMTP::Replyc::flag_all() }

sub flag_names {
  my ($mask) = @_;
  $mask = _int($mask);
  return map { SMTP::Replyc::flag_name($FLAG{$_}) }
    sort { $FLAG{$a} <=> $FLAG{$b} } grep { $mask & $FLAG{$_} } keys %FLAG;
}

# ---------------------------------------------------------------------------
# Advice, free text, display.

# The number of each stage by name: any => 0, greeting => 1, ...
my %STAGE;
for (my $s = 0; defined(my $name = SMTP::Replyc::stage_name($s)); $s++) {
  $STAGE{$name} = $s;
}

sub stages {
  return sort { $STAGE{$a} <=> $STAGE{$b} } keys %STAGE;
}

sub action_name { return SMTP::Replyc::action_name(_int($_[0])) }
sub stage_name  { return SMTP::Replyc::stage_name(_int($_[0])) }

# Return the number of the stage STAGE (a name or a number; undef is
# "any"), or croak if there is no such stage.
sub _stage {
  my ($stage) = @_;
  return 0 unless defined $stage;
  return $STAGE{lc $stage} if exists $STAGE{lc $stage};
  my $n = _int($stage);
  _fail($SMTP::Reply::EINVAL) unless defined SMTP::Replyc::stage_name($n);
  return $n;
}

sub advise {
  my ($code, $enhanced, $stage, $lang) = @_;
  my $n = defined $code && $code ne '' && $code ne '0' ? _code($code) : 0;
  my $advice = SMTP::Replyc::advise($n, defined $enhanced ? "$enhanced"
                                                          : undef,
                                    _stage($stage));
  $advice->{lang} = $lang;
  return bless $advice, 'SMTP::Reply::Advice';
}

sub extract {
  my ($text) = @_;
  $text = '' unless defined $text;
  my $match = SMTP::Replyc::extract($text) or return undef;
  for my $key (qw(code_offset enhanced_offset text_offset)) {
    $match->{$key} = _char_offset($text, $match->{$key});
  }
  $match->{text} = substr $text, $match->{text_offset};
  return bless $match, 'SMTP::Reply::Match';
}

sub display_safe {
  my ($text) = @_;
  return SMTP::Replyc::display_safe(defined $text ? $text : '');
}

# ---------------------------------------------------------------------------
# Objects.

package SMTP::Reply::Error;

use overload
  '""' => sub { $_[0]{message} },
  'bool' => sub { 1 },
  fallback => 1;

sub kind   { $_[0]{kind} }
sub number { $_[0]{number} }
sub offset { $_[0]{offset} }

sub message {
  my ($self, $lang) = @_;
  return $self->{message} if @_ < 2;
  return SMTP::Replyc::strerror_lang($self->{number}, $lang);
}

sub throw { die $_[0] }

package SMTP::Reply::ParseError;

our @ISA = ('SMTP::Reply::Error');

sub line    { $_[0]{line} }
sub replies { @{ $_[0]{replies} || [] } }
sub errors  { @{ $_[0]{errors} || [ $_[0] ] } }

# Entries of the tables: the hash holds the library's fields, with the
# English title and text; the accessors translate them into the language
# of the lookup, or into LANG when given one.
package SMTP::Reply::Entry;

sub name { $_[0]{name} }

sub title {
  my ($self, @lang) = @_;
  return SMTP::Replyc::translate($self->{title}, @lang ? $lang[0]
                                                       : $self->{lang});
}

sub text {
  my ($self, @lang) = @_;
  return SMTP::Replyc::translate($self->{text}, @lang ? $lang[0]
                                                     : $self->{lang});
}

sub description { my $self = shift; return $self->text(@_) }

package SMTP::Reply::Digit;

our @ISA = ('SMTP::Reply::Entry');

sub digit { $_[0]{digit} }

package SMTP::Reply::Code;

our @ISA = ('SMTP::Reply::Entry');

sub code      { $_[0]{code} }
sub reference { $_[0]{reference} }
sub context   { $_[0]{context} }
sub status    { SMTP::Replyc::code_status_name($_[0]{status}) }

sub class    { SMTP::Reply::code_class($_[0]{code}, $_[0]{lang}) }
sub category { SMTP::Reply::code_category($_[0]{code}, $_[0]{lang}) }

sub is_preliminary  { SMTP::Reply::is_preliminary($_[0]{code}) }
sub is_success      { SMTP::Reply::is_success($_[0]{code}) }
sub is_intermediate { SMTP::Reply::is_intermediate($_[0]{code}) }
sub is_transient    { SMTP::Reply::is_transient($_[0]{code}) }
sub is_permanent    { SMTP::Reply::is_permanent($_[0]{code}) }
sub is_failure      { SMTP::Reply::is_failure($_[0]{code}) }

package SMTP::Reply::Enhanced;

our @ISA = ('SMTP::Reply::Entry');

sub code        { $_[0]{code} }
sub subject     { $_[0]{subject} }
sub detail      { $_[0]{detail} }
sub basic_codes { $_[0]{basic_codes} }
sub reference   { $_[0]{reference} }
sub status      { SMTP::Replyc::code_status_name($_[0]{status}) }

package SMTP::Reply::Advice;

sub rule   { $_[0]{rule} }
sub action { SMTP::Replyc::action_name($_[0]{action}) }

sub text {
  my ($self, @lang) = @_;
  return SMTP::Replyc::translate($self->{text}, @lang ? $lang[0]
                                                     : $self->{lang});
}

package SMTP::Reply::Match;

sub code            { $_[0]{code} }
sub code_offset     { $_[0]{code_offset} }
sub enhanced        { $_[0]{enhanced} }
sub enhanced_offset { $_[0]{enhanced_offset} }
sub enhanced_length { $_[0]{enhanced_length} }
sub text_offset     { $_[0]{text_offset} }
sub text            { $_[0]{text} }

package SMTP::Reply::Response;

sub code        { $_[0]{code} }
sub enhanced    { $_[0]{enhanced} }
sub flags       { $_[0]{flags} }
sub offset      { $_[0]{offset} }
sub line_number { $_[0]{line_number} }

sub raw_lines    { @{ $_[0]{raw_lines} } }
sub raw_messages { @{ $_[0]{raw_messages} } }

sub lines {
  my ($self) = @_;
  $self->{lines} ||= [ map { SMTP::Reply::_decode($_) } @{ $self->{raw_lines} } ];
  return @{ $self->{lines} };
}

sub messages {
  my ($self) = @_;
  $self->{messages}
    ||= [ map { SMTP::Reply::_decode($_) } @{ $self->{raw_messages} } ];
  return @{ $self->{messages} };
}

sub text { return join "\n", $_[0]->messages }

sub flag_names { SMTP::Reply::flag_names($_[0]{flags}) }

sub has_flag {
  my ($self, $name) = @_;
  return ($self->{flags} & SMTP::Reply::_flags([$name])) != 0;
}

sub is_preliminary  { SMTP::Reply::is_preliminary($_[0]{code}) }
sub is_success      { SMTP::Reply::is_success($_[0]{code}) }
sub is_intermediate { SMTP::Reply::is_intermediate($_[0]{code}) }
sub is_transient    { SMTP::Reply::is_transient($_[0]{code}) }
sub is_permanent    { SMTP::Reply::is_permanent($_[0]{code}) }
sub is_failure      { SMTP::Reply::is_failure($_[0]{code}) }

sub lookup      { SMTP::Reply::lookup($_[0]{code}, $_[1]) }
sub description { SMTP::Reply::describe($_[0]{code}, $_[1]) }
sub class       { SMTP::Reply::code_class($_[0]{code}, $_[1]) }
sub category    { SMTP::Reply::code_category($_[0]{code}, $_[1]) }

sub enhanced_description {
  my ($self, $lang) = @_;
  return undef unless defined $self->{enhanced};
  return SMTP::Reply::enhanced_describe($self->{enhanced}, $lang);
}

sub advice {
  my ($self, $stage, $lang) = @_;
  return SMTP::Reply::advise($self->{code}, $self->{enhanced}, $stage, $lang);
}

package SMTP::Reply::Parser;

use Scalar::Util ();

# The limits by option name.
my %LIMIT = (
  line_length => $SMTP::Reply::LIMIT_LINE_LENGTH,
  lines       => $SMTP::Reply::LIMIT_LINES,
  reply_bytes => $SMTP::Reply::LIMIT_REPLY_BYTES,
);

sub new {
  my ($class, %option) = @_;
  my $self = bless { parser => SMTP::Replyc::parser_new(), strict => 0 },
    $class;
  for my $key (sort keys %option) {
    if (exists $LIMIT{$key}) {
      $self->set_limit($key, $option{$key});
    } elsif ($key eq 'strict') {
      $self->strict($option{$key});
    } elsif ($key eq 'on_error') {
      SMTP::Reply::_fail($SMTP::Reply::EINVAL)
        if defined $option{$key} && ref $option{$key} ne 'CODE';
      $self->{on_error} = $option{$key};
    } else {
      SMTP::Reply::_fail($SMTP::Reply::EINVAL);
    }
  }
  return $self;
}

# A parser belongs to the thread that made it.
sub CLONE_SKIP { 1 }

sub DESTROY {
  my ($self) = @_;
  SMTP::Replyc::parser_free(delete $self->{parser}) if $self->{parser};
}

sub set_limit {
  my ($self, $name, $value) = @_;
  SMTP::Reply::_fail($SMTP::Reply::EINVAL)
    unless defined $name && exists $LIMIT{$name};
  $value = SMTP::Reply::_int($value);
  SMTP::Reply::_fail($SMTP::Reply::EINVAL) if $value < 1;
  SMTP::Replyc::parser_set_limit($self->{parser}, $LIMIT{$name}, $value);
  return $self;
}

sub limit {
  my ($self, $name) = @_;
  SMTP::Reply::_fail($SMTP::Reply::EINVAL)
    unless defined $name && exists $LIMIT{$name};
  return SMTP::Replyc::parser_get_limit($self->{parser}, $LIMIT{$name});
}

sub strict {
  my ($self, @spec) = @_;
  return SMTP::Reply::flag_names($self->{strict}) unless @spec;
  my $mask = SMTP::Reply::_flags($spec[0]);
  SMTP::Replyc::parser_set_strict($self->{parser}, $mask);
  $self->{strict} = $mask;
  return $self;
}

sub reset {
  my ($self) = @_;
  SMTP::Replyc::parser_reset($self->{parser});
  return $self;
}

# Hand the ERRORS found while REPLIES were read to the on_error handler,
# or croak with the first of them, which carries them all.
sub _errors {
  my ($self, $replies, @errors) = @_;
  if (my $handler = $self->{on_error}) {
    $handler->($_) for @errors;
    return;
  }
  my $first = $errors[0];
  $first->{replies} = $replies;
  $first->{errors} = [@errors];
  # The first error is in its own list: no cycle.
  Scalar::Util::weaken($first->{errors}[0]);
  die $first;
}

sub feed {
  my ($self, $chunk) = @_;
  my $events = SMTP::Replyc::_perl_feed($self->{parser},
                                         defined $chunk ? $chunk : '');
  my (@replies, @errors);
  for my $event (@$events) {
    if (ref $event eq 'SMTP::Reply::Response') {
      push @replies, $event;
    } else {
      push @errors, $event;
    }
  }
  $self->_errors(\@replies, @errors) if @errors;
  return @replies;
}

sub finish {
  my ($self) = @_;
  my $error = SMTP::Replyc::_perl_finish($self->{parser});
  $self->_errors([], $error) if $error;
  return;
}

sub parse {
  my ($self, $text) = @_;
  my (@replies, @errors);
  {
    local $self->{on_error} = sub { push @errors, $_[0] };
    @replies = $self->feed($text);
    $self->finish;
  }
  $self->_errors(\@replies, @errors) if @errors;
  return @replies;
}

1;
