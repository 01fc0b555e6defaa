# i18n.t -- SMTP::Reply in other languages, per call and by default.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The catalogs come from tests/locale (SMTPREPLY_LOCALEDIR), built from
# po/*.po; the expected Russian is the msgstr of po/ru.po.

use strict;
use warnings;
use utf8;

use FindBin;
use lib $FindBin::Bin;
use TestLib;

use Test::More;

use SMTP::Reply qw(:all);

# Russian as po/ru.po has it.
my $ru_550 = 'Запрошенная операция невозможна — почтовый ящик недоступен '
  . '(почтовый ящик не найден или нет доступа; команда отклонена локальной '
  . 'политикой безопасности)';
my $ru_bad_code = 'Код ответа состоит ровно из трёх цифр';

# Run CODE in a new perl with the environment ENV (pairs; undef unsets)
# over that of the tests, and return what it printed, as characters.
sub run_perl {
  my ($code, %env) = @_;
  local %ENV = %ENV;
  for my $name (keys %env) {
    if (defined $env{$name}) {
      $ENV{$name} = $env{$name};
    } else {
      delete $ENV{$name};
    }
  }
  my @inc = map { "-I$_" } grep { !ref } @INC;
  open my $out, '-|', $^X, @inc, '-MSMTP::Reply', '-e',
    "binmode STDOUT, ':encoding(UTF-8)'; $code"
    or die "$^X: $!";
  my $text = do { local $/; <$out> };
  close $out;
  utf8::decode($text);
  return $text;
}

subtest 'describes 550 in Russian when asked' => sub {
  is(describe(550, 'ru'), $ru_550, 'ru');
  ok(utf8::is_utf8(describe(550, 'ru')), 'as characters');
  is(describe(550, 'ru_RU.UTF-8'), $ru_550, 'ru_RU.UTF-8');
  is(describe(550, 'xx:ru'), $ru_550, 'the first tag with a catalog');
  my $r = lookup(550, 'ru');
  is($r->title, 'Почтовый ящик недоступен', 'the title of the entry');
  is($r->text, $ru_550, 'its text');
  is($r->title('en'), 'Mailbox unavailable', 'and in English on demand');
  is($r->{title}, 'Mailbox unavailable', 'the hash keeps the msgid');
};

subtest 'describes a class in Russian' => sub {
  is(code_class(550, 'ru')->title, 'Постоянный негативный отклик', '5yz');
  is(code_class(421, 'ru')->title, 'Временный негативный отклик', '4yz');
  is(lookup(550, 'ru')->class->title, 'Постоянный негативный отклик',
     'through the entry, in its language');
};

subtest 'describes an enhanced detail in Russian' => sub {
  is(describe_enhanced('5.1.1', 'ru'), 'Почтовый ящик получателя — часть '
       . 'адреса до @ — не существует в системе назначения', 'describe');
  is(lookup_enhanced('5.1.1', 'ru')->title,
     'Неверный адрес почтового ящика назначения', 'title');
};

subtest 'gives advice in Russian' => sub {
  is(advise(550, undef, undef, 'ru')->text, 'Не повторяйте попытку без '
       . 'изменений: верните сообщение отправителю или устраните причину, '
       . 'прежде чем отправлять снова', 'give up');
  is(advise(451)->text('ru'), 'Сохраните сообщение и повторите попытку позже',
     'retry');
};

subtest 'translates the messages of errors' => sub {
  is(strerror('EBAD_CODE', 'ru'), $ru_bad_code, 'strerror');
  my ($e) = SMTP::Reply::Parser->new->feed("x\r\n");
  is($e->message('ru'), $ru_bad_code, 'a parse error in Russian');
  is("$e", 'A reply code is exactly three digits', 'English by default');
};

subtest 'translates msgids' => sub {
  is(translate('Mailbox unavailable', 'ru'), 'Почтовый ящик недоступен',
     'translate');
  is(translate('Not a msgid of ours', 'ru'), 'Not a msgid of ours',
     'an unknown msgid is itself');
  is(translate_context('no such context', 'Mailbox unavailable', 'ru'),
     'Mailbox unavailable', 'a context the catalog lacks');
  is(translate_plural('one line', 'many lines', 1, 'en'), 'one line',
     'singular');
  is(translate_plural('one line', 'many lines', 5, 'en'), 'many lines',
     'plural');
};

subtest 'lists and resolves languages' => sub {
  my @langs = languages();
  ok((grep { $_ eq 'ru' } @langs), 'ru is installed');
  is_deeply(\@langs, [ sort @langs ], 'in order');
  is(resolve_language('ru_RU.UTF-8'), 'ru', 'ru_RU.UTF-8');
  is(resolve_language('pt-BR'), 'pt_BR', 'pt-BR');
  is(resolve_language('uk:ru'), 'uk', 'the first of a list');
  is(resolve_language('zh-TW'), 'zh_TW', 'zh-TW has its own catalog');
  is(resolve_language('zh_HK'), 'zh_TW', 'zh_HK is Traditional, never zh_CN');
  is(resolve_language('xx'), 'en', 'an unknown tag is English');
  is(negotiate_language('ru-RU,ru;q=0.9,en;q=0.8'), 'ru',
     'negotiates an Accept-Language');
  is(negotiate_language('xx, de;q=0.5, fr;q=0.7'), 'fr', 'by weight');
  is(negotiate_language('zh-Hant-TW'), 'zh_TW', 'never sideways');
  is(negotiate_language('*'), 'en', 'anything is English');
  is(catalog_dir(), $ENV{SMTPREPLY_LOCALEDIR} // catalog_dir(),
     'the catalogs come from SMTPREPLY_LOCALEDIR when set');
};

subtest 'speaks Russian by default under LC_ALL=C.UTF-8 LANGUAGE=ru' => sub {
  my $out = run_perl(
    'print SMTP::Reply::describe(550), "\n";'
      . 'print SMTP::Reply::lookup(550)->title, "\n";'
      . 'print SMTP::Reply::resolve_language(undef), "\n";'
      . 'my ($e) = SMTP::Reply::Parser->new->feed("x\r\n");'
      . 'print "$e\n", $e->line, " ", $e->offset, "\n";',
    LC_ALL => 'C.UTF-8', LANGUAGE => 'ru');
  is($out, "$ru_550\nПочтовый ящик недоступен\nru\n$ru_bad_code\n1 0\n",
     'descriptions and errors');
};

subtest 'reads the environment as gettext does' => sub {
  is(run_perl('print SMTP::Reply::describe(550)', LC_ALL => 'C',
              LANGUAGE => 'ru'),
     'The requested action was not taken: the mailbox is unavailable (not '
       . 'found, no access, or refused by local policy)',
     'LANGUAGE is ignored in the C locale');
  is(run_perl('print SMTP::Reply::describe(550)', LC_ALL => undef,
              LANGUAGE => undef, LANG => 'ru_RU.UTF-8', PERL_BADLANG => 0),
     $ru_550, 'LANG=ru_RU.UTF-8, installed or not');
  is(run_perl('print SMTP::Reply::describe(550, "en")', LC_ALL => 'C.UTF-8',
              LANGUAGE => 'ru'),
     'The requested action was not taken: the mailbox is unavailable (not '
       . 'found, no access, or refused by local policy)',
     'a language asked for wins');
};

subtest 'reads the environment once, and again after a reset' => sub {
  like(describe(550), qr/\AThe requested action/, 'English first');
  local $ENV{LANGUAGE} = 'ru';
  like(describe(550), qr/\AThe requested action/,
       'a change of %ENV alone changes nothing');
  is(reset_language(), undef, 'reset_language');
  is(describe(550), $ru_550, 'then LANGUAGE=ru counts');
  $ENV{LANGUAGE} = 'en';
  reset_language();
  like(describe(550), qr/\AThe requested action/, 'and back to English');
};

done_testing;
