"""Read the log of an Odoo 18.0 test run and count passed and failed tests.

What Odoo 18.0 logs (odoo/tests/result.py, odoo/modules/loading.py, odoo/service/server.py):

- per test, at INFO by the test's module logger: ``Starting TestClass.test_method ...``;
- per failing test, at ERROR: ``FAIL: TestClass.test_method`` or ``ERROR: TestClass.test_method``
  followed by the traceback (subtests: ``FAIL: Subtest TestClass.test_method (x=1)``);
- per skipped test, at INFO: ``skipped TestClass.test_method : reason``;
- once, at the end, by ``odoo.tests.result``:
  ``N failed, N error(s) of N tests when loading database 'db'`` (INFO when all passed,
  WARNING when no test ran, ERROR otherwise).

A run is counted failed for: each failed/erroring test, each skip of a browser test (Chrome or
websocket-client missing, or any skip in a tour), each ERROR/CRITICAL log line that does not
belong to a failing test (an error while loading a module, a traceback in a request, ...), a
missing final summary (Odoo stopped early), no test at all, and a non-zero exit status of Odoo.

Usage: odoo_test_log.py LOGFILE [--returncode N]
Prints a report, then a last line ``KD_COUNTS passed=N failed=N``; exit status 1 when failed > 0.
"""

import argparse
import re
import sys
from dataclasses import dataclass, field

LINE_RE = re.compile(
    r"^(?P<date>\d{4}-\d\d-\d\d) (?P<time>\d\d:\d\d:\d\d,\d+) (?P<pid>\d+) "
    r"(?P<level>DEBUG|INFO|WARNING|ERROR|CRITICAL|TEST|RUNBOT|\?) (?P<db>\S+) "
    r"(?P<logger>[^:\s]+): (?P<msg>.*)$"
)
SUMMARY_RE = re.compile(
    r"^(?P<failed>\d+) failed, (?P<errors>\d+) error\(s\) of (?P<run>\d+) tests "
    r"when loading database"
)
START_RE = re.compile(r"^Starting (?P<test>.+?) \.\.\.$")
FAILED_TEST_RE = re.compile(r"^(?P<kind>FAIL|ERROR): (?P<test>.+)$")
SKIP_RE = re.compile(r"^skipped (?P<test>.+?) : (?P<reason>.*)$")
BROWSER_RE = re.compile(r"chrom|websocket|browser|devtools|tour", re.IGNORECASE)
# ERROR lines that only repeat what the counts already say
SUMMARY_ERRORS = (
    re.compile(r"^Module \S+: \d+ failures, \d+ errors of \d+ tests$"),
    re.compile(r"^At least one test failed when loading the modules\.$"),
    re.compile(r"^\d+ failed, \d+ error\(s\) of \d+ tests when loading database"),
    re.compile(r"^Test suite halted: max failed tests already reached"),
    re.compile(r": at least one error occurred in a test$"),
)


@dataclass
class Report:
    tests_run: int = 0
    failures: int = 0
    errors: int = 0
    summary_found: bool = False
    started: int = 0
    failed_tests: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    browser_skips: list = field(default_factory=list)
    error_lines: list = field(default_factory=list)
    returncode: int = 0

    @property
    def passed(self):
        return max(self.tests_run - self.failures - self.errors - len(self.skipped), 0)

    @property
    def problems(self):
        """List of (count, explanation) of everything counted as failed."""
        out = []
        if self.failures or self.errors:
            out.append(
                (
                    self.failures + self.errors,
                    f"Odoo tests failed ({self.failures} failures, {self.errors} errors)",
                )
            )
        elif self.failed_tests:
            out.append((len(self.failed_tests), "Odoo tests failed"))
        if self.browser_skips:
            out.append((len(self.browser_skips), "browser tests skipped (Chrome/websocket/tour)"))
        if self.error_lines:
            out.append((len(self.error_lines), "ERROR/CRITICAL log lines outside failing tests"))
        if not self.summary_found:
            out.append((1, "Odoo stopped before printing its test summary (see the log)"))
        elif not self.tests_run:
            out.append((1, "no Odoo test ran"))
        if self.returncode and not out:
            out.append((1, f"odoo-bin exited with status {self.returncode}"))
        return out

    @property
    def failed(self):
        return sum(count for count, _why in self.problems)


def _is_test_logger(logger):
    return ".tests." in logger or logger.endswith(".tests")


def parse(text, returncode=0):
    report = Report(returncode=returncode)
    current_test = None
    pending_errors = []  # (test running at that time, line)
    for line in text.splitlines():
        match = LINE_RE.match(line)
        if not match:
            continue
        # Odoo's log format ends with " %(perf_info)s": strip the trailing space
        level, logger, msg = match["level"], match["logger"], match["msg"].rstrip()
        if logger == "odoo.tests.result":
            summary = SUMMARY_RE.match(msg)
            if summary:
                report.summary_found = True
                report.failures = int(summary["failed"])
                report.errors = int(summary["errors"])
                report.tests_run = int(summary["run"])
                continue
        if _is_test_logger(logger):
            started = START_RE.match(msg)
            if started and level == "INFO":
                report.started += 1
                current_test = started["test"]
                continue
            skipped = SKIP_RE.match(msg)
            if skipped and level == "INFO":
                entry = f"{skipped['test']} : {skipped['reason']}"
                report.skipped.append(entry)
                if BROWSER_RE.search(skipped["reason"]) or BROWSER_RE.search(
                    logger + " " + skipped["test"]
                ):
                    report.browser_skips.append(entry)
                continue
        if level not in ("ERROR", "CRITICAL"):
            continue
        failed_test = FAILED_TEST_RE.match(msg)
        if failed_test and _is_test_logger(logger):
            report.failed_tests.append(f"{failed_test['kind']}: {failed_test['test']}")
            continue
        if any(pattern.search(msg) for pattern in SUMMARY_ERRORS):
            continue
        pending_errors.append((current_test, line))
    # error lines logged while a test ran that then failed belong to that failure
    failing = {name.split(": ", 1)[1].removeprefix("Subtest ") for name in report.failed_tests}
    for test, line in pending_errors:
        if test and any(name == test or name.startswith(test + " ") for name in failing):
            continue
        report.error_lines.append(line)
    if not report.summary_found:
        report.tests_run = report.started
        report.failures = sum(1 for name in report.failed_tests if name.startswith("FAIL:"))
        report.errors = len(report.failed_tests) - report.failures
    return report


def format_report(report):
    out = [
        f"Odoo tests: {report.tests_run} run, {report.passed} passed, "
        f"{report.failures} failures, {report.errors} errors, {len(report.skipped)} skipped"
    ]
    out += [f"  {name}" for name in report.failed_tests]
    out += [f"  skipped {entry}" for entry in report.skipped]
    if report.error_lines:
        out.append("ERROR/CRITICAL log lines:")
        out += [f"  {line[:300]}" for line in report.error_lines[:20]]
    for count, why in report.problems:
        out.append(f"FAILED ({count}): {why}")
    out.append(f"KD_COUNTS passed={report.passed} failed={report.failed}")
    return "\n".join(out)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("logfile")
    parser.add_argument("--returncode", type=int, default=0, help="exit status of odoo-bin")
    args = parser.parse_args(argv)
    with open(args.logfile, encoding="utf-8", errors="replace") as handle:
        report = parse(handle.read(), returncode=args.returncode)
    sys.stdout.write(format_report(report) + "\n")
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
