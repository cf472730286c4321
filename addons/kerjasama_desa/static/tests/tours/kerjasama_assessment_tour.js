/** @odoo-module **/
// The assessment against the standard goes up the tiers in the browser: the camat verifies the
// assessment a village submitted, then the DPMD validates it for the kabupaten's ranking. Run
// by tests/test_assessment_tour.py; fails on an English string or an error dialog.
import { registry } from "@web/core/registry";
import { englishChecker } from "@kerjasama_desa/../tests/tours/kerjasama_tour_helpers";

const ENGLISH = [
    "Verify (Kecamatan)",
    "Validate (Kabupaten)",
    "Return for Correction",
    "Submitted to the Kecamatan",
    "Verified by the Kecamatan",
    "Validated by the Kabupaten",
    "Traceback",
];

const assertIndonesian = englishChecker(ENGLISH);

function tierSteps(button, stage) {
    return [
        {
            content: "The assessment waits for my tier",
            trigger: `.o_form_view button[name='${button}']`,
        },
        {
            content: "No English, no error",
            trigger: "body:not(:has(.o_error_dialog)) .o_form_view",
            run: assertIndonesian,
        },
        {
            content: "Make my tier's act",
            trigger: `.o_form_view button[name='${button}']`,
            run: "click",
        },
        {
            content: "The assessment moved up",
            trigger: `.o_statusbar_status button.o_arrow_button_current:contains(${stage})`,
        },
        {
            content: "No English, no error",
            trigger: "body:not(:has(.o_error_dialog)) .o_form_view",
            run: assertIndonesian,
        },
    ];
}

registry.category("web_tour.tours").add("kerjasama_desa_assessment_camat_tour", {
    steps: () => tierSteps("action_verify", "Diverifikasi Kecamatan"),
});

registry.category("web_tour.tours").add("kerjasama_desa_assessment_dpmd_tour", {
    steps: () => tierSteps("action_validate", "Divalidasi Kabupaten"),
});
