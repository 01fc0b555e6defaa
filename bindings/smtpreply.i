/* smtpreply.i -- the SWIG interface shared by Python, Lua and Perl.
   Copyright (C) 2026 The smtpreply authors.
   SPDX-License-Identifier: LGPL-2.1-or-later

   Each language's entry file (bindings/<lang>/smtpreply-<lang>.i) holds
   %module, that language's typemaps (bytes in, out-parameters out, the
   error typemap on smtpreply_status) and its native layer, then includes
   this file.  Nothing here is specific to one language, and no table or
   rule is written here: every answer comes from the C library.  */

%{
#include "smtpreply.h"
%}

/* smtpreply_reply_lookup -> reply_lookup; SMTPREPLY_EBAD_CODE -> EBAD_CODE.  */
%rename("%(strip:[smtpreply_])s") "";
%rename("%(strip:[SMTPREPLY_])s", %$isconstant) "";
%rename("%(strip:[SMTPREPLY_])s", %$isenumitem) "";

/* The header's include guard, and its internal helpers: not API.  */
%ignore SMTPREPLY_H;
%ignore SMTPREPLY__STR;
%ignore SMTPREPLY__XSTR;
%ignore SMTPREPLY__FORMAT_ARG;
%ignore SMTPREPLY__DIAG_BASE;
/* Not yet wrapped natively in the languages: the bindings' rewrite for
   the one contract (issue 13) gives each of them its native form.  */
%ignore smtpreply_parser_scan;
%ignore smtpreply_scan_fn;
%ignore smtpreply_verdict_explain;
%ignore smtpreply_verdict_json;
%ignore smtpreply_log_record_json;
%ignore smtpreply_log_record_field;
%ignore smtpreply_log_redact;
%ignore smtpreply_summary_to_json;
%ignore smtpreply_summary_from_json;
%ignore smtpreply_summary_render;
%ignore smtpreply_summary_write;
%ignore smtpreply_write_fn;
%ignore smtpreply_json_quote;
%ignore smtpreply_free;
/* The enum's constants come from the .def just below, once.  */
%ignore smtpreply_error;
/* The flag constants likewise.  */
%ignore smtpreply_flag;

/* The errors, and a flag for each parser diagnostic, from the .def.  */
#define N_(s) s
%define SMTPREPLY_ERROR(sym, num, text)
%constant int SMTPREPLY_E ## sym = num;
%enddef
%define SMTPREPLY_DIAG(sym, num, text)
%constant int SMTPREPLY_E ## sym = num;
%constant unsigned int SMTPREPLY_FLAG_ ## sym = 1U << (-(num) - 64);
%enddef
%include "smtpreply/errors.def"
#undef SMTPREPLY_DIAG
#undef SMTPREPLY_ERROR

/* The header defines these two as format attributes, which SWIG need not
   see.  */
#define SMTPREPLY__FORMAT_ARG(n)

/* Table entries are read-only in every language.  */
%immutable;
%include "smtpreply.h"
%mutable;
