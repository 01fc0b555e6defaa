# taprunner.py -- run the unittest cases of a test file and print TAP.
# Copyright (C) 2026 The smtpreply authors.
# SPDX-License-Identifier: LGPL-2.1-or-later

"""Run the test cases of the calling script with unittest, printing TAP.

Each test file ends with:

    if __name__ == "__main__":
        taprunner.main()

The plan ("1..N") comes first, so that tests/local.mk's TAP driver counts
the cases of a script that dies halfway as errors.  Each case prints
"ok N - Class.method" or "not ok N - Class.method" followed by its
traceback as "#" comments.  A skip is a failure: a configured binding is
always tested whole.  The exit status is 0 if every case passed.
"""

import sys
import traceback
import unittest


class TapResult(unittest.TestResult):
    """A TestResult that prints one TAP line per test case."""

    def __init__(self, stream=None):
        super().__init__()
        self.stream = stream if stream is not None else sys.stdout
        self.number = 0
        self.failed = 0
        self._problems = []

    def _name(self, test):
        """Return TEST's name without the module: Class.method."""
        return test.id().split(".", 1)[-1]

    def startTest(self, test):
        super().startTest(test)
        self._problems = []

    def _problem(self, text):
        self._problems.append(text)

    def addError(self, test, err):
        super().addError(test, err)
        self._problem("".join(traceback.format_exception(*err)))

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._problem("".join(traceback.format_exception(*err)))

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:
            self._problem("%s\n%s" % (subtest.id(), "".join(
                traceback.format_exception(*err))))

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._problem("skipped (a skip counts as a failure): %s" % reason)

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self._problem("expected failures are not used here")

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self._problem("unexpected success")

    def stopTest(self, test):
        super().stopTest(test)
        self.number += 1
        ok = not self._problems
        if not ok:
            self.failed += 1
        print("%s %d - %s" % ("ok" if ok else "not ok", self.number,
                              self._name(test)), file=self.stream)
        for problem in self._problems:
            for line in problem.rstrip("\n").split("\n"):
                print("# " + line, file=self.stream)
        self.stream.flush()


class TestCase(unittest.TestCase):
    """unittest.TestCase with an assertion for the errors of smtpreply."""

    def assertError(self, kind, message, function, *args, **kwargs):
        """Check that FUNCTION(*ARGS, **KWARGS) raises smtpreply.Error (or
        the class given as error=) of KIND with MESSAGE (None: any), and
        return the exception."""
        import smtpreply
        error = kwargs.pop("error", smtpreply.Error)
        with self.assertRaises(error) as caught:
            function(*args, **kwargs)
        self.assertEqual(caught.exception.kind, kind)
        if message is not None:
            self.assertEqual(caught.exception.message, message)
            self.assertEqual(str(caught.exception), message)
        return caught.exception


def main(module="__main__"):
    """Run the test cases of MODULE, print TAP and exit."""
    suite = unittest.defaultTestLoader.loadTestsFromModule(
        sys.modules[module])
    print("1..%d" % suite.countTestCases())
    sys.stdout.flush()
    result = TapResult()
    suite.run(result)
    sys.exit(1 if result.failed else 0)
