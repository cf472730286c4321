/** @odoo-module **/
// BKAD staff write the accountability report of a period and submit it to the village heads
// of the member desa: the report is numbered and a receipt line opens per member village.
// Run by tests/test_report_tour.py; fails on an English string or an error dialog.
import { registry } from "@web/core/registry";
import { englishChecker } from "@kerjasama_desa/../tests/tours/kerjasama_tour_helpers";

const ENGLISH = [
    "Submit to Village Heads",
    "Refresh Figures",
    "Submitted",
    "Period Start",
    "Period End",
    "Finance",
    "BKAD Accountability Report",
    "Traceback",
];

const assertIndonesian = englishChecker(ENGLISH);

registry.category("web_tour.tours").add("kerjasama_desa_bkad_report_tour", {
    steps: () => [
        {
            content: "Title of the report",
            trigger: ".o_field_widget[name='title'] input",
            run: "edit Laporan Pertanggungjawaban BKAD Uji 2025",
        },
        {
            content: "The BKAD",
            trigger: ".o_field_widget[name='bkad_id'] input",
            run: "edit BKAD Uji",
        },
        {
            content: "Pick it",
            trigger: ".o-autocomplete--dropdown-item:contains(BKAD Uji)",
            run: "click",
        },
        {
            content: "Period start",
            trigger: ".o_field_widget[name='date_from'] input",
            run: "edit 01/01/2025",
        },
        {
            content: "Period end",
            trigger: ".o_field_widget[name='date_to'] input",
            run: "edit 31/12/2025",
        },
        {
            content: "No English on the draft, no error",
            trigger: "body:not(:has(.o_error_dialog)) .o_form_view",
            run: assertIndonesian,
        },
        {
            content: "Submit to the village heads",
            trigger: ".o_form_view button[name='action_submit']",
            run: "click",
        },
        {
            content: "The report is submitted",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Disampaikan)",
        },
        {
            content: "...and numbered",
            trigger: ".o_form_view .oe_title h1:contains(LPJ-BKAD)",
        },
        {
            content: "No English, no error",
            trigger: "body:not(:has(.o_error_dialog)) .o_form_view",
            run: assertIndonesian,
        },
    ],
});
