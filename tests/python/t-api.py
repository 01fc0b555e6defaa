# t-api.py -- the module's documentation and its type stub.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

"""Everything public has a docstring, pydoc renders the package, and the
stub installed with it (smtpreply/__init__.pyi, beside py.typed) names
what the package has: the same functions with the same parameters, the
same enumeration members (which both take from the C library), the same
tuple fields."""

import ast
import contextlib
import doctest
import enum
import inspect
import io
import os
import pydoc
import sysconfig

import taprunner
import smtpreply

PACKAGE = os.path.dirname(smtpreply.__file__)
STUB = os.path.join(PACKAGE, "__init__.pyi")


def stub_tree():
    """Return the top-level definitions of the stub by name."""
    with open(STUB, encoding="utf-8") as f:
        tree = ast.parse(f.read(), STUB)
    out = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            out[node.name] = node
        elif isinstance(node, ast.AnnAssign):
            out[node.target.id] = node
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                out[target.id] = node
    return out


def parameters(node):
    """Return the parameter names of the stub's function NODE."""
    args = node.args
    names = [a.arg for a in args.posonlyargs + args.args + args.kwonlyargs]
    if args.vararg:
        names.append("*" + args.vararg.arg)
    if args.kwarg:
        names.append("**" + args.kwarg.arg)
    return [n for n in names if n not in ("self", "cls")]


def runtime_parameters(function):
    """Return the parameter names of FUNCTION, as parameters() does."""
    names = []
    for p in inspect.signature(function).parameters.values():
        if p.kind is p.VAR_POSITIONAL:
            names.append("*" + p.name)
        elif p.kind is p.VAR_KEYWORD:
            names.append("**" + p.name)
        else:
            names.append(p.name)
    return [n for n in names if n not in ("self", "cls")]


class Api(taprunner.TestCase):

    def test_documents_everything_public(self):
        self.assertIn("What SMTP server replies mean", smtpreply.__doc__)
        for name in smtpreply.__all__:
            obj = getattr(smtpreply, name)
            self.assertTrue(inspect.getdoc(obj), name)
            if not inspect.isclass(obj) or issubclass(obj, enum.Enum):
                continue
            for attr, value in vars(obj).items():
                if attr.startswith("_"):
                    continue
                if callable(value) or isinstance(value, (property,
                                                         classmethod)):
                    self.assertTrue(inspect.getdoc(getattr(obj, attr)),
                                    "%s.%s" % (name, attr))
        for cls in (smtpreply.ReplyClass, smtpreply.Flag, smtpreply.Stage):
            self.assertTrue(cls.describe.__doc__)
        text = pydoc.render_doc(smtpreply, renderer=pydoc.plaintext)
        for word in ("class Parser", "def describe", "ParseError",
                     "describe(code, lang=None)", "feed(self, /, data=b'')"):
            self.assertIn(word.split()[-1], text)

    def test_is_a_typed_package(self):
        self.assertTrue(os.path.isfile(os.path.join(PACKAGE, "py.typed")))
        self.assertTrue(os.path.isfile(STUB))
        # The extension carries the interpreter's ABI tag.
        self.assertTrue(smtpreply._smtpreply.__file__.endswith(
            sysconfig.get_config_var("EXT_SUFFIX")),
            smtpreply._smtpreply.__file__)
        self.assertEqual(smtpreply._smtpreply.__name__,
                         "smtpreply._smtpreply")

    def test_runs_the_examples_of_the_docstrings(self):
        report = io.StringIO()
        with contextlib.redirect_stdout(report):
            result = doctest.testmod(smtpreply)
        self.assertGreater(result.attempted, 0)
        self.assertEqual(result.failed, 0, report.getvalue())

    def test_stub_names_what_the_module_has(self):
        stub = stub_tree()
        public = {n for n in stub if not n.startswith("_")}
        others = {"DEFAULT_CHUNK_SIZE", "Event", "__version__"}
        self.assertEqual(public - others, set(smtpreply.__all__))
        for name in others:
            self.assertTrue(hasattr(smtpreply, name), name)

    def test_stub_gives_the_parameters_of_each_function(self):
        stub = stub_tree()
        for name in smtpreply.__all__:
            obj = getattr(smtpreply, name)
            node = stub[name]
            if inspect.isfunction(obj) or inspect.isbuiltin(obj):
                self.assertEqual(parameters(node), runtime_parameters(obj),
                                 name)
            elif inspect.isclass(obj) and not issubclass(obj, enum.Enum):
                for item in node.body:
                    if (isinstance(item, ast.FunctionDef)
                            and not item.name.startswith("__")
                            and not any(isinstance(d, ast.Attribute)
                                        or getattr(d, "id", "") == "property"
                                        for d in item.decorator_list)):
                        method = getattr(obj, item.name)
                        self.assertEqual(parameters(item),
                                         runtime_parameters(method),
                                         "%s.%s" % (name, item.name))

    def test_stub_lists_the_members_the_library_gives(self):
        stub = stub_tree()
        for name in ("ReplyClass", "Category", "EnhancedClass", "Subject",
                     "ErrorKind", "CodeStatus", "Action", "Stage", "Flag",
                     "Limit", "Reason", "Remedy", "Severity", "Outcome",
                     "MTA", "LogField", "DsnAction"):
            members = [(item.targets[0].id, ast.literal_eval(item.value))
                       for item in stub[name].body
                       if isinstance(item, ast.Assign)]
            self.assertEqual(members,
                             [(m.name, m.value) for m in getattr(smtpreply,
                                                                 name)],
                             name)

    def test_stub_gives_the_fields_of_each_tuple(self):
        stub = stub_tree()
        for name in ("CodeInfo", "EnhancedCode", "EnhancedInfo", "Match",
                     "Advice", "Verdict", "ReasonInfo", "Rule"):
            fields = [item.target.id for item in stub[name].body
                      if isinstance(item, ast.AnnAssign)]
            self.assertEqual(tuple(fields), getattr(smtpreply, name)._fields,
                             name)
        # The stub's properties of Reply are its attributes.
        properties = {item.name for item in stub["Reply"].body
                      if isinstance(item, ast.FunctionDef)
                      and any(getattr(d, "id", "") == "property"
                              for d in item.decorator_list)}
        runtime = {name for name in dir(smtpreply.Reply)
                   if not name.startswith("_")
                   and not callable(getattr(smtpreply.Reply, name))}
        self.assertEqual(properties, runtime)


if __name__ == "__main__":
    taprunner.main()
