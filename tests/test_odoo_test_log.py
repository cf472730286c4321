"""scripts/odoo_test_log.py reads Odoo 18.0 test logs right (samples in Odoo's own format)."""

import odoo_test_log

# Odoo's format: "%(asctime)s %(pid)s %(levelname)s %(dbname)s %(name)s: %(message)s %(perf_info)s"
HEAD = "2026-11-21 23:10:0{n},123 4242 {level} {db} {logger}: {msg} "
MOD = "odoo.addons.kerjasama_desa.tests.test_agreement"
TOUR = "odoo.addons.kerjasama_desa.tests.test_tour"


def line(level, logger, msg, n=1, db="kd_test_db"):
    return HEAD.format(n=n, level=level, logger=logger, msg=msg, db=db)


def summary(failed=0, errors=0, run=0, level="INFO"):
    return line(
        level,
        "odoo.tests.result",
        f"{failed} failed, {errors} error(s) of {run} tests when loading database 'kd_test_db'",
    )


GREEN = "\n".join(
    [
        line("INFO", "odoo.modules.loading", "loading 45 modules..."),
        line("INFO", MOD, "Starting TestAgreement.test_create ..."),
        line("INFO", MOD, "Starting TestAgreement.test_state ..."),
        line("INFO", TOUR, "Starting TestKerjasamaDesaTour.test_kerjasama_desa_tour ..."),
        line("INFO", "odoo.service.server", "3 post-tests in 12.00s, 900 queries"),
        summary(run=3),
    ]
)


def test_green_run_counts_every_test_as_passed():
    report = odoo_test_log.parse(GREEN)
    assert (report.tests_run, report.passed, report.failed) == (3, 3, 0)
    assert report.summary_found
    assert "KD_COUNTS passed=3 failed=0" in odoo_test_log.format_report(report)


def test_failed_and_erroring_tests_are_counted_and_named():
    log = "\n".join(
        [
            line("INFO", MOD, "Starting TestAgreement.test_create ..."),
            line("INFO", MOD, "=" * 70),
            line("ERROR", MOD, "FAIL: TestAgreement.test_create"),
            "Traceback (most recent call last):",
            "AssertionError: 1 != 2",
            line("INFO", MOD, "Starting TestAgreement.test_state ..."),
            line("ERROR", MOD, "ERROR: TestAgreement.test_state"),
            "Traceback (most recent call last):",
            "KeyError: 'x'",
            line("INFO", MOD, "Starting TestAgreement.test_ok ..."),
            line(
                "ERROR",
                "odoo.modules.loading",
                "Module kerjasama_desa: 1 failures, 1 errors of 3 tests",
            ),
            line(
                "ERROR",
                "odoo.modules.loading",
                "At least one test failed when loading the modules.",
            ),
            summary(failed=1, errors=1, run=3, level="ERROR"),
        ]
    )
    report = odoo_test_log.parse(log)
    assert report.failed_tests == [
        "FAIL: TestAgreement.test_create",
        "ERROR: TestAgreement.test_state",
    ]
    assert (report.passed, report.failed) == (1, 2)
    assert report.error_lines == []  # the summary lines are not counted twice


def test_error_logged_inside_a_failing_test_is_not_counted_twice():
    log = "\n".join(
        [
            line("INFO", TOUR, "Starting TestKerjasamaDesaTour.test_kerjasama_desa_tour ..."),
            line("ERROR", "odoo.http", "Exception during request handling.", db="?"),
            "Traceback (most recent call last):",
            "FileNotFoundError: [Errno 2] No such file or directory: '/opt/odoo/18.0/addons'",
            line("ERROR", TOUR, "Tour kerjasama_desa_tour failed at step 3"),
            line("ERROR", TOUR, "FAIL: TestKerjasamaDesaTour.test_kerjasama_desa_tour"),
            summary(failed=1, run=1, level="ERROR"),
        ]
    )
    report = odoo_test_log.parse(log)
    assert report.failed == 1
    assert report.error_lines == []


def test_error_while_loading_a_module_fails_the_run():
    log = "\n".join(
        [
            line("ERROR", "odoo.modules.registry", "Failed to load registry"),
            line("CRITICAL", "odoo.service.server", "Failed to initialize database `kd_test_db`."),
            "Traceback (most recent call last):",
            "odoo.tools.convert.ParseError: while parsing kerjasama_agreement_views.xml:12",
        ]
    )
    report = odoo_test_log.parse(log, returncode=255)
    assert not report.summary_found
    assert len(report.error_lines) == 2
    # two error lines + no summary
    assert report.failed == 3
    assert report.passed == 0


def test_error_line_outside_tests_fails_a_green_run():
    log = GREEN + "\n" + line("ERROR", "odoo.http", "Exception during request handling.")
    report = odoo_test_log.parse(log)
    assert report.failed == 1
    assert "odoo.http" in report.error_lines[0]


def test_browser_skips_fail_the_run():
    log = "\n".join(
        [
            line("INFO", TOUR, "Starting TestKerjasamaDesaTour.test_kerjasama_desa_tour ..."),
            line("WARNING", TOUR, "websocket-client module is not installed"),
            line(
                "INFO",
                TOUR,
                "skipped TestKerjasamaDesaTour.test_kerjasama_desa_tour : "
                "websocket-client module is not installed",
            ),
            summary(run=1),
        ]
    )
    report = odoo_test_log.parse(log)
    assert len(report.browser_skips) == 1
    assert (report.passed, report.failed) == (0, 1)


def test_chrome_missing_skip_in_any_module_fails_the_run():
    log = "\n".join(
        [
            line("INFO", MOD, "Starting TestUi.test_ui ..."),
            line("INFO", MOD, "skipped TestUi.test_ui : Chrome executable not found"),
            summary(run=1),
        ]
    )
    assert odoo_test_log.parse(log).failed == 1


def test_other_skips_are_reported_but_do_not_fail():
    log = "\n".join(
        [
            line("INFO", MOD, "Starting TestAgreement.test_optional ..."),
            line("INFO", MOD, "skipped TestAgreement.test_optional : needs l10n_id"),
            line("INFO", MOD, "Starting TestAgreement.test_create ..."),
            summary(run=2),
        ]
    )
    report = odoo_test_log.parse(log)
    assert report.skipped == ["TestAgreement.test_optional : needs l10n_id"]
    assert (report.passed, report.failed) == (1, 0)


def test_no_test_at_all_fails():
    report = odoo_test_log.parse(summary(run=0, level="WARNING"))
    assert report.failed == 1
    assert any("no Odoo test ran" in why for _count, why in report.problems)


def test_nonzero_exit_status_alone_fails():
    report = odoo_test_log.parse(GREEN, returncode=1)
    assert report.failed == 1


def test_cli_prints_counts_and_exits_non_zero_on_failure(tmp_path, capsys):
    log = tmp_path / "odoo.log"
    log.write_text(GREEN + "\n" + line("CRITICAL", "odoo.service.server", "boom"))
    assert odoo_test_log.main([str(log)]) == 1
    assert capsys.readouterr().out.rstrip().endswith("KD_COUNTS passed=3 failed=1")
    log.write_text(GREEN)
    assert odoo_test_log.main([str(log)]) == 0
