/** @odoo-module **/
// The assessment against the standard goes up the tiers in the browser: the camat verifies the
// assessment a village submitted, then the DPMD validates it for the kabupaten's ranking. Run
// by tests/test_assessment_tour.py; fails on an English string or an error dialog.
import { registry } from "@web/core/registry";

const ENGLISH = [
    "Verify (Kecamatan)",
    "Validate (Kabupaten)",
    "Return for Correction",
    "Submitted to the Kecamatan",
    "Verified by the Kecamatan",
    "Validated by the Kabupaten",
    "Traceback",
];

function assertIndonesian() {
    const text = document.querySelector(".o_action_manager").innerText;
    const found = ENGLISH.filter((word) => text.includes(word));
    if (found.length) {
        throw new Error(`English text shown to an Indonesian user: ${found.join(", ")}`);
    }
}

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
