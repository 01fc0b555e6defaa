# SMTP::Reply -- what SMTP server replies mean, in Perl.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The Perl layer of the binding.  The XS module (auto/SMTP/Reply/Reply.so,
# made by SWIG from bindings/perl/smtpreply-perl.i) puts the functions of
# smtpreply.h into SMTP::Replyc, with their typemaps, the methods of
# SMTP::Reply::Response and SMTP::Reply::describe; this file turns the rest
# into functions and objects.  It holds no table and no rule: every answer,
# every token and every message comes from the C library.  The API is
# documented in SMTP/Reply.pod (bindings/perl/Reply.pod).

package SMTP::Reply;

use strict;
use warnings;

use Carp ();
use Exporter qw(import);
use Scalar::Util ();
use overload ();
require XSLoader;

XSLoader::load('SMTP::Reply');

# The version of smtpreply.h the module was built with.
our $VERSION = $SMTP::Replyc::VERSION;

our @EXPORT_OK = qw(
  version check_version describe title lookup codes check_code parse_code
  code_class code_category is_preliminary is_success is_intermediate
  is_transient is_permanent is_failure
  parse_enhanced check_enhanced describe_enhanced lookup_enhanced
  enhanced_codes enhanced_class enhanced_subject enhanced_agrees
  languages resolve_language negotiate_language reset_language
  check_language check_catalog catalog_dir translate translate_context
  translate_plural strerror
  tokens token_value token_name describe_token
  extract display_safe advise classify reasons lookup_reason rules
  lookup_rule annotate_lines
);
our %EXPORT_TAGS = (all => [@EXPORT_OK]);

# Die with an SMTP::Reply::Error for the error token KIND ("EINVAL"),
# from the caller's view.
sub _fail {
  my ($kind) = @_;
  SMTP::Replyc::throw(token_value('error', $kind));
}

# The kinds of tokens by name ("error", "flag", ...), from the constants
# SMTPREPLY_TOKEN_* of smtpreply.h.
my %KIND;
{
  no strict 'refs';
  for my $name (keys %SMTP::Replyc::) {
    $KIND{ lc $1 } = ${"SMTP::Replyc::$name"}
      if $name =~ /\ATOKEN_([A-Z_]+)\z/;
  }
}

# Return the number of the kind of tokens NAME; croak if there is none.
sub _kind {
  my ($name) = @_;
  _fail('EINVAL') unless defined $name && !ref $name && exists $KIND{$name};
  return $KIND{$name};
}

# The tokens of each kind, in order, once asked for.
my %TOKENS;

sub tokens {
  my ($kind) = @_;
  my $k = _kind($kind);
  $TOKENS{$k} ||= [ map { (SMTP::Replyc::token_at($k, $_))[0] }
                    0 .. SMTP::Replyc::token_count($k) - 1 ];
  return @{ $TOKENS{$k} };
}

sub token_value {
  my ($kind, $name) = @_;
  return SMTP::Replyc::token_value(_kind($kind), $name);
}

sub token_name {
  my ($kind, $value) = @_;
  return SMTP::Replyc::token_name(_kind($kind), $value);
}

sub describe_token {
  my ($kind, $token, $lang) = @_;
  my $k = _kind($kind);
  my $value = SMTP::Replyc::token_value($k, $token);
  return SMTP::Replyc::token_describe($k, $value, $lang);
}

# Return the lines LINES (a string, or a reference to an array of lines,
# each without its line ending or with it) as one string of lines that
# end at LF.
sub _lines {
  my ($lines) = @_;
  return $lines unless ref $lines eq 'ARRAY';
  return join "\n", map {
    _fail('EINVAL') unless defined $_ && (!ref $_ || overload::Method($_, '""'));
    my $line = "$_";
    $line =~ s/\r?\n\z//;
    $line;
  } @$lines;
}

# Croak unless the options OPTION (a hash reference) are among NAMES.
sub _check_options {
  my ($option, @names) = @_;
  my %known = map { $_ => 1 } @names;
  for my $key (keys %$option) {
    _fail('EINVAL') unless $known{$key};
  }
}

# ---------------------------------------------------------------------------
# The library.

sub version       { return SMTP::Replyc::version() }
sub check_version { return SMTP::Replyc::check_version($_[0]) }

# ---------------------------------------------------------------------------
# Reply codes.  describe is plain XS (see smtpreply-perl.i).

sub title {
  my ($code, $lang) = @_;
  my $entry = SMTP::Replyc::reply_lookup($code) or return undef;
  return SMTP::Replyc::translate($entry->{title}, $lang);
}

sub lookup {
  my ($code, $lang) = @_;
  my $entry = SMTP::Replyc::reply_lookup($code) or return undef;
  $entry->{lang} = $lang;
  return bless $entry, 'SMTP::Reply::Code';
}

sub codes {
  my ($lang) = @_;
  SMTP::Replyc::language_resolve($lang);
  return map {
    my $entry = SMTP::Replyc::reply_at($_);
    $entry->{lang} = $lang;
    bless $entry, 'SMTP::Reply::Code';
  } 0 .. SMTP::Replyc::reply_count() - 1;
}

sub check_code { return SMTP::Replyc::code_value($_[0]) }
sub parse_code { return SMTP::Replyc::code_value($_[0]) }

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
  return _digit(SMTP::Replyc::code_class($code), $lang);
}

sub code_category {
  my ($code, $lang) = @_;
  return _digit(SMTP::Replyc::code_category($code), $lang);
}

# The predicates take a code as the typemap of CODE reads it, and croak
# on one that is not valid rather than answer false.
{
  no strict 'refs';
  for my $what (qw(preliminary success intermediate transient permanent
                   failure)) {
    *{"is_$what"} = \&{"SMTP::Replyc::code_is_$what"};
  }
}

# ---------------------------------------------------------------------------
# Enhanced status codes.

sub parse_enhanced { return SMTP::Replyc::enhanced_parse($_[0]) }
sub check_enhanced { return SMTP::Replyc::enhanced_parse($_[0]) }

sub describe_enhanced {
  my ($code, $lang) = @_;
  return SMTP::Replyc::enhanced_describe_lang($code, $lang);
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

sub lookup_enhanced {
  my ($code, $lang) = @_;
  my $canonical = parse_enhanced($code);
  my (undef, $subject, $detail) = split /\./, $canonical;
  return _enhanced_entry(SMTP::Replyc::enhanced_lookup($subject, $detail),
                         $canonical, $lang);
}

sub enhanced_codes {
  my ($lang) = @_;
  SMTP::Replyc::language_resolve($lang);
  return map {
    my $entry = SMTP::Replyc::enhanced_at($_);
    _enhanced_entry($entry, "X.$entry->{subject}.$entry->{detail}", $lang);
  } 0 .. SMTP::Replyc::enhanced_count() - 1;
}

sub enhanced_class {
  my ($class, $lang) = @_;
  return _digit(SMTP::Replyc::enhanced_class_lookup($class), $lang);
}

sub enhanced_subject {
  my ($subject, $lang) = @_;
  return _digit(SMTP::Replyc::enhanced_subject_lookup($subject), $lang);
}

sub enhanced_agrees {
  my ($code, $enhanced) = @_;
  _fail('EINVAL') unless defined $enhanced;
  return SMTP::Replyc::enhanced_agrees($code, $enhanced);
}

# ---------------------------------------------------------------------------
# Languages and messages.

sub languages {
  return map { SMTP::Replyc::language_at($_) }
    0 .. SMTP::Replyc::language_count() - 1;
}

sub resolve_language   { return SMTP::Replyc::language_resolve($_[0]) }
sub negotiate_language { return SMTP::Replyc::language_negotiate($_[0]) }
sub reset_language     { SMTP::Replyc::language_reset(); return }
sub check_language     { return SMTP::Replyc::language_check($_[0]) }
sub check_catalog      { return SMTP::Replyc::catalog_check($_[0]) }
sub catalog_dir        { return SMTP::Replyc::catalog_dir() }

sub translate {
  my ($msgid, $lang) = @_;
  _fail('EINVAL') unless defined $msgid;
  return SMTP::Replyc::translate($msgid, $lang);
}

sub translate_context {
  my ($context, $msgid, $lang) = @_;
  _fail('EINVAL') unless defined $context && defined $msgid;
  return SMTP::Replyc::translate_context($context, $msgid, $lang);
}

sub translate_plural {
  my ($msgid, $plural, $n, $lang) = @_;
  _fail('EINVAL') unless defined $msgid && defined $plural;
  return SMTP::Replyc::translate_plural($msgid, $plural, $n, $lang);
}

sub strerror {
  my ($kind, $lang) = @_;
  return SMTP::Replyc::strerror_lang(token_value('error', $kind), $lang);
}

# ---------------------------------------------------------------------------
# Free text, advice, verdicts, mail logs.

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

sub extract {
  my ($text) = @_;
  my $match = SMTP::Replyc::extract($text) or return undef;
  for my $key (qw(code_offset enhanced_offset text_offset)) {
    $match->{$key} = _char_offset($text, $match->{$key});
  }
  $match->{text} = substr "$text", $match->{text_offset};
  return bless $match, 'SMTP::Reply::Match';
}

sub display_safe { return SMTP::Replyc::display_safe($_[0]) }

# Return the number of the stage STAGE (a token; undef is "any").
sub _stage {
  my ($stage) = @_;
  return 0 unless defined $stage;
  return token_value('stage', $stage);
}

sub advise {
  my ($code, $enhanced, $stage, $lang) = @_;
  SMTP::Replyc::language_resolve($lang);
  my $advice = SMTP::Replyc::advise($code, $enhanced, _stage($stage));
  $advice->{lang} = $lang;
  return bless $advice, 'SMTP::Reply::Advice';
}

sub classify {
  my ($text, %option) = @_;
  _check_options(\%option, qw(code enhanced stage remote_mta lang));
  my $verdict = SMTP::Replyc::classify(
    defined $text ? $text : '', $option{code}, $option{enhanced},
    _stage($option{stage}), $option{remote_mta}, $option{lang});
  bless $verdict->{advice}, 'SMTP::Reply::Advice' if $verdict->{advice};
  $verdict->{advice}{lang} = $option{lang} if $verdict->{advice};
  return $verdict;
}

# Return the reason entry ENTRY (a hash or undef) as an SMTP::Reply::Reason
# speaking LANG.
sub _reason {
  my ($entry, $lang) = @_;
  return undef unless $entry;
  $entry->{lang} = $lang;
  return bless $entry, 'SMTP::Reply::Reason';
}

sub reasons {
  my ($lang) = @_;
  SMTP::Replyc::language_resolve($lang);
  return map { _reason(SMTP::Replyc::reason_at($_), $lang) }
    0 .. SMTP::Replyc::reason_count() - 1;
}

sub lookup_reason {
  my ($name, $lang) = @_;
  _fail('EINVAL') unless defined $name;
  SMTP::Replyc::language_resolve($lang);
  return _reason(SMTP::Replyc::reason_lookup($name), $lang);
}

sub rules {
  return map { bless SMTP::Replyc::rule_at($_), 'SMTP::Reply::Rule' }
    0 .. SMTP::Replyc::rule_count() - 1;
}

sub lookup_rule {
  my ($id) = @_;
  _fail('EINVAL') unless defined $id;
  my $rule = SMTP::Replyc::rule_lookup($id) or return undef;
  return bless $rule, 'SMTP::Reply::Rule';
}

sub annotate_lines {
  my ($lines, %option) = @_;
  _check_options(\%option, qw(file first_line lang redact stage));
  return SMTP::Replyc::annotate_lines(
    _lines($lines), defined $option{file} ? $option{file} : '-',
    defined $option{first_line} ? $option{first_line} : 1, $option{lang},
    $option{redact} ? 1 : 0, _stage($option{stage}));
}

# A place is kept here for bounce(BYTES), the reading of whole bounce
# messages, which comes with libsmtpreply-bounce.

# ---------------------------------------------------------------------------
# Errors.

package SMTP::Reply::Error;

use overload
  '""' => sub {
    my ($self) = @_;
    return $self->{message} unless defined $self->{caller_file};
    return "$self->{message} at $self->{caller_file} line "
      . "$self->{caller_line}.\n";
  },
  'bool' => sub { 1 },
  fallback => 1;

sub kind        { $_[0]{kind} }
sub number      { $_[0]{number} }
sub offset      { $_[0]{offset} }
sub line        { $_[0]{line} }
sub caller_file { $_[0]{caller_file} }
sub caller_line { $_[0]{caller_line} }
sub is_error    { 1 }

sub message {
  my ($self, @lang) = @_;
  return $self->{message} unless @lang;
  return SMTP::Replyc::strerror_lang($self->{number}, $lang[0]);
}

sub throw {
  my ($self) = @_;
  my ($file, $line) = (caller)[1, 2];
  my %copy = (%$self, caller_file => $file, caller_line => $line);
  die bless \%copy, ref $self;
}

package SMTP::Reply::ParseError;

our @ISA = ('SMTP::Reply::Error');

# ---------------------------------------------------------------------------
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
sub status    { $_[0]{status} }

sub class    { SMTP::Reply::code_class($_[0]{code}, $_[0]{lang}) }
sub category { SMTP::Reply::code_category($_[0]{code}, $_[0]{lang}) }

sub is_preliminary  { SMTP::Replyc::code_is_preliminary($_[0]{code}) }
sub is_success      { SMTP::Replyc::code_is_success($_[0]{code}) }
sub is_intermediate { SMTP::Replyc::code_is_intermediate($_[0]{code}) }
sub is_transient    { SMTP::Replyc::code_is_transient($_[0]{code}) }
sub is_permanent    { SMTP::Replyc::code_is_permanent($_[0]{code}) }
sub is_failure      { SMTP::Replyc::code_is_failure($_[0]{code}) }

package SMTP::Reply::Enhanced;

our @ISA = ('SMTP::Reply::Entry');

sub code        { $_[0]{code} }
sub subject     { $_[0]{subject} }
sub detail      { $_[0]{detail} }
sub basic_codes { $_[0]{basic_codes} }
sub reference   { $_[0]{reference} }
sub status      { $_[0]{status} }

package SMTP::Reply::Reason;

our @ISA = ('SMTP::Reply::Entry');

sub index    { $_[0]{index} }
sub severity { $_[0]{severity} }
sub remedy   { $_[0]{remedy} }

package SMTP::Reply::Rule;

sub id       { $_[0]{id} }
sub reason   { $_[0]{reason} }
sub priority { $_[0]{priority} }
sub code     { $_[0]{code} }
sub enhanced { $_[0]{enhanced} }
sub stages   { $_[0]{stages} }
sub mta      { $_[0]{mta} }
sub phrase   { $_[0]{phrase} }
sub source   { $_[0]{source} }
sub severity { $_[0]{severity} }

package SMTP::Reply::Advice;

sub rule   { $_[0]{rule} }
sub action { $_[0]{action} }

sub text {
  my ($self, @lang) = @_;
  return SMTP::Replyc::translate($self->{text}, @lang ? $lang[0]
                                                     : $self->{lang});
}

package SMTP::Reply::Verdict;

sub reason       { $_[0]{reason} }
sub reason_title { $_[0]{reason_title} }
sub reason_text  { $_[0]{reason_text} }
sub soft         { $_[0]{soft} }
sub rule         { $_[0]{rule} }
sub explanation  { $_[0]{explanation} }
sub advice       { $_[0]{advice} }
sub stage        { $_[0]{stage} }
sub code         { $_[0]{code} }
sub enhanced     { $_[0]{enhanced} }
sub is_failure   { defined $_[0]{soft} }

package SMTP::Reply::Match;

sub code            { $_[0]{code} }
sub code_offset     { $_[0]{code_offset} }
sub enhanced        { $_[0]{enhanced} }
sub enhanced_offset { $_[0]{enhanced_offset} }
sub enhanced_length { $_[0]{enhanced_length} }
sub text_offset     { $_[0]{text_offset} }
sub text            { $_[0]{text} }
sub nonstandard     { $_[0]{nonstandard} }
sub last_line       { $_[0]{last_line} }

# ---------------------------------------------------------------------------
# Replies.  The methods that read a reply (code, enhanced, flags, offset,
# line_number, line_count, lines, raw_lines, messages, raw_messages, text)
# are plain XS; these use them.

package SMTP::Reply::Response;

sub is_error { 0 }

sub has_flag {
  my ($self, $name) = @_;
  my $want = uc(defined $name ? $name : '');
  return !!grep { $_ eq $want } $self->flags;
}

sub is_preliminary  { SMTP::Replyc::code_is_preliminary($_[0]->code) }
sub is_success      { SMTP::Replyc::code_is_success($_[0]->code) }
sub is_intermediate { SMTP::Replyc::code_is_intermediate($_[0]->code) }
sub is_transient    { SMTP::Replyc::code_is_transient($_[0]->code) }
sub is_permanent    { SMTP::Replyc::code_is_permanent($_[0]->code) }
sub is_failure      { SMTP::Replyc::code_is_failure($_[0]->code) }

sub lookup   { SMTP::Reply::lookup($_[0]->code, $_[1]) }
sub describe { SMTP::Reply::describe($_[0]->code, $_[1]) }

sub describe_enhanced {
  my ($self, $lang) = @_;
  my $enhanced = $self->enhanced;
  return undef unless defined $enhanced;
  return SMTP::Reply::describe_enhanced($enhanced, $lang);
}

sub advise {
  my ($self, $stage, $lang) = @_;
  return SMTP::Reply::advise($self->code, $self->enhanced, $stage, $lang);
}

sub classify {
  my ($self, %option) = @_;
  SMTP::Reply::_check_options(\%option, qw(stage remote_mta lang));
  return SMTP::Reply::classify(scalar $self->raw_text, code => $self->code,
                               enhanced => $self->enhanced, %option);
}

# The messages of the lines as sent, joined by newlines (bytes).
sub raw_text { return join "\n", $_[0]->raw_messages }

# ---------------------------------------------------------------------------
# The parser.

package SMTP::Reply::Parser;

# The limits by option name ("max_line_length"), from the library.
my %LIMIT = map { $_ => SMTP::Reply::token_value('limit', $_) }
  SMTP::Reply::tokens('limit');

sub new {
  my ($class, %option) = @_;
  my $self = bless { h => SMTP::Replyc::parser_new(), strict => 0 },
    ref $class || $class;
  for my $key (sort keys %option) {
    if (exists $LIMIT{$key}) {
      $self->set_limit($key, $option{$key});
    } elsif ($key eq 'strict') {
      $self->set_strict($option{$key});
    } elsif ($key eq 'lang') {
      SMTP::Replyc::language_resolve($option{lang});
      $self->{lang} = $option{lang};
    } else {
      SMTP::Reply::_fail('EINVAL');
    }
  }
  return $self;
}

# Each returns the events in list context, their number in scalar
# context.

sub feed {
  my $self = shift;
  return SMTP::Replyc::parser_scan($self->{h}, $_[0], 0, $self->{lang})
    if wantarray;
  my @events = SMTP::Replyc::parser_scan($self->{h}, $_[0], 0, $self->{lang});
  return scalar @events;
}

sub finish {
  my ($self) = @_;
  return SMTP::Replyc::parser_scan($self->{h}, '', 1, $self->{lang})
    if wantarray;
  my @events = SMTP::Replyc::parser_scan($self->{h}, '', 1, $self->{lang});
  return scalar @events;
}

sub parse {
  my $self = shift;
  return SMTP::Replyc::parser_scan($self->{h}, $_[0], 1, $self->{lang})
    if wantarray;
  my @events = SMTP::Replyc::parser_scan($self->{h}, $_[0], 1, $self->{lang});
  return scalar @events;
}

sub iterate {
  my ($self, $fh, $size) = @_;
  $size = 65536 unless defined $size;
  SMTP::Reply::_fail('EINVAL')
    unless defined $fh && $size =~ /\A[1-9][0-9]*\z/;
  my (@events, $done);
  return sub {
    while (!@events && !$done) {
      my $chunk;
      my $n = read $fh, $chunk, $size;
      Carp::croak("SMTP::Reply::Parser: cannot read: $!") unless defined $n;
      if ($n == 0) {
        @events = $self->finish;
        $done = 1;
      } else {
        @events = $self->feed($chunk);
      }
    }
    return shift @events;
  };
}

sub reset {
  my ($self) = @_;
  SMTP::Replyc::parser_reset($self->{h});
  return $self;
}

sub close {
  my ($self) = @_;
  SMTP::Replyc::parser_free($self->{h});
  return;
}

sub lang { $_[0]{lang} }

sub limit {
  my ($self, $name) = @_;
  SMTP::Reply::_fail('EINVAL')
    unless defined $name && !ref $name && exists $LIMIT{$name};
  return SMTP::Replyc::parser_get_limit($self->{h}, $LIMIT{$name});
}

sub set_limit {
  my ($self, $name, $value) = @_;
  SMTP::Reply::_fail('EINVAL')
    unless defined $name && !ref $name && exists $LIMIT{$name};
  SMTP::Replyc::parser_set_limit($self->{h}, $LIMIT{$name}, $value);
  return $self;
}

sub strict {
  my ($self) = @_;
  my $mask = $self->{strict};
  return grep { $mask & SMTP::Reply::token_value('flag', $_) }
    SMTP::Reply::tokens('flag');
}

sub set_strict {
  my ($self, $spec) = @_;
  my $mask = 0;
  if (defined $spec && !ref $spec && $spec eq 'all') {
    $mask = SMTP::Replyc::flag_all();
  } elsif (defined $spec) {
    my @names = ref $spec eq 'ARRAY' ? @$spec : ($spec);
    SMTP::Reply::_fail('EINVAL') if ref $spec && ref $spec ne 'ARRAY';
    for my $name (@names) {
      SMTP::Reply::_fail('EINVAL') unless defined $name;
      $mask |= SMTP::Reply::token_value('flag', $name);
    }
  }
  SMTP::Replyc::parser_set_strict($self->{h}, $mask);
  $self->{strict} = $mask;
  return $self;
}

# ---------------------------------------------------------------------------
# Summaries.

package SMTP::Reply::Summary;

# The options and the formats by name, as smtpreply.h numbers them.
my %OPTION = (redact   => $SMTP::Replyc::SUMMARY_REDACT,
              failures => $SMTP::Replyc::SUMMARY_FAILURES);
my %FORMAT = (text  => $SMTP::Replyc::SUMMARY_TEXT,
              color => $SMTP::Replyc::SUMMARY_COLOR,
              json  => $SMTP::Replyc::SUMMARY_JSON);

sub new {
  my ($class, %option) = @_;
  my $mask = 0;
  for my $key (keys %option) {
    SMTP::Reply::_fail('EINVAL') unless exists $OPTION{$key};
    $mask |= $OPTION{$key} if $option{$key};
  }
  return bless { h => SMTP::Replyc::summary_new($mask) }, ref $class || $class;
}

sub add_lines {
  my ($self, $lines, %option) = @_;
  SMTP::Reply::_check_options(\%option, qw(file first_line));
  SMTP::Replyc::summary_add_lines(
    $self->{h}, SMTP::Reply::_lines($lines),
    defined $option{file} ? $option{file} : '-',
    defined $option{first_line} ? $option{first_line} : 1);
  return $self;
}

sub merge {
  my ($self, @others) = @_;
  for my $other (@others) {
    SMTP::Reply::_fail('EINVAL')
      unless Scalar::Util::blessed($other)
        && $other->isa('SMTP::Reply::Summary');
    SMTP::Replyc::summary_merge($self->{h}, $other->{h});
  }
  return $self;
}

sub lines { return SMTP::Replyc::summary_lines($_[0]{h}) }

sub to_json { return SMTP::Replyc::summary_to_json($_[0]{h}) }

sub from_json {
  my ($class, $json) = @_;
  return bless { h => SMTP::Replyc::summary_from_json($json) },
    ref $class || $class;
}

sub render {
  my ($self, $format, $lang) = @_;
  $format = 'text' unless defined $format;
  SMTP::Reply::_fail('EINVAL') unless !ref $format && exists $FORMAT{$format};
  return SMTP::Replyc::summary_render($self->{h}, $FORMAT{$format}, $lang);
}

sub close {
  my ($self) = @_;
  SMTP::Replyc::summary_free($self->{h});
  return;
}

1;
