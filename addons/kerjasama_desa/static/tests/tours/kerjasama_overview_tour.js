/** @odoo-module **/
// The DPMD officer logs in and lands on the overview of his regency (his home action, no menu
// clicked), reads it in Indonesian, and drills into the list of overdue implementation reports.
// Run by tests/test_overview_tour.py; fails on an English string or an error dialog.
import { registry } from "@web/core/registry";
import { englishChecker } from "@kerjasama_desa/../tests/tours/kerjasama_tour_helpers";

// English source strings of the overview and of the lists it opens: none may be shown to an
// Indonesian user.
const ENGLISH = [
    "Overview of the cooperation",
    "Needs attention",
    "By stage",
    "Awaiting the camat",
    "Awaiting the DPMD",
    "Implementation reports overdue",
    "Ending within",
    "Disputes open",
    "All agreements",
    "Reports overdue",
    "Ending soon",
    "counts in each of them",
    "Preparation",
    "Running",
    "Regency Evaluation",
    "Implementation Reports",
    "Due Date",
    "Draft",
];

const assertIndonesian = englishChecker(ENGLISH);

registry.category("web_tour.tours").add("kerjasama_desa_overview_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "The home page is the overview, with the stages in Indonesian",
            trigger: ".o_kerjasama_overview [data-kd-stage='berjalan']:contains(Berjalan)",
        },
        {
            content: "The breakdown per kecamatan is shown",
            trigger: ".o_kerjasama_overview .o_kerjasama_breakdown tbody tr",
        },
        {
            content: "No English on the overview, no error",
            trigger: "body:not(:has(.o_error_dialog)) .o_kerjasama_overview",
            run: assertIndonesian,
        },
        {
            content: "Open the overdue implementation reports",
            trigger: ".o_kerjasama_overview [data-kd-figure='reports_overdue']",
            run: "click",
        },
        {
            content: "The list of overdue reports is shown",
            trigger: ".o_action_manager .o_list_view .o_data_row",
        },
        {
            content: "No English in the list, no error",
            trigger: "body:not(:has(.o_error_dialog)) .o_list_view",
            run: assertIndonesian,
        },
    ],
});
