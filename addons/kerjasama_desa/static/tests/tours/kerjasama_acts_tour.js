/** @odoo-module **/
// The acts of each role where the regulation puts them, in a real browser: the BPD gives its
// consent with one button, the kepala desa signs for his own desa, the camat forwards, the DPMD
// follows the banner to the evaluation, records it and approves. Each journey reads the
// next-step banner first. Run by tests/test_acts_tour.py; a tour fails on an English string of
// the suite or an error dialog.
import { registry } from "@web/core/registry";
import { englishChecker } from "@kerjasama_desa/../tests/tours/kerjasama_tour_helpers";

const ENGLISH = [
    "Waiting for",
    "Your turn",
    "Still needed",
    "Nothing is missing",
    "Give BPD Consent",
    "Sign for My Desa",
    "the consent of the BPD",
    "the signature of the village head",
    "the forwarding by the camat",
    "the evaluation by the DPMD",
    "Forward to the Regency",
    "Approve Evaluation",
    "Signing and Evaluation",
    "Preparation and Deliberation",
    "Village Cooperation Agreement",
    "Traceback",
];

const assertIndonesian = englishChecker(ENGLISH);

const noError = {
    content: "No English, no error",
    trigger: "body:not(:has(.o_error_dialog)) .o_form_view .o_kerjasama_next_step",
    run: assertIndonesian,
};

registry.category("web_tour.tours").add("kerjasama_desa_bpd_consent_tour", {
    steps: () => [
        {
            content: "The banner says the agreement waits for my consent",
            trigger: ".o_kerjasama_next_step:contains(persetujuan BPD Sukamaju):contains(Giliran Anda)",
        },
        noError,
        {
            content: "Give the consent with the one button of the BPD",
            trigger: ".o_form_view button[name='action_bpd_consent_mine']",
            run: "click",
        },
        {
            content: "The banner no longer waits for my consent",
            trigger: ".o_kerjasama_next_step:not(:contains(persetujuan BPD Sukamaju)):contains(persetujuan BPD Sukamulya)",
        },
        {
            content: "My button is gone",
            trigger: ".o_form_view:not(:has(button[name='action_bpd_consent_mine']))",
        },
        noError,
    ],
});

registry.category("web_tour.tours").add("kerjasama_desa_kades_sign_tour", {
    steps: () => [
        {
            content: "The banner says the agreement waits for my signature",
            trigger: ".o_kerjasama_next_step:contains(tanda tangan kepala desa Sukamaju):contains(Giliran Anda)",
        },
        noError,
        {
            content: "Sign for my desa",
            trigger: ".o_form_view button[name='action_sign_mine']",
            run: "click",
        },
        {
            content: "Confirm the signature",
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The banner waits for the other desa only",
            trigger: ".o_kerjasama_next_step:not(:contains(kepala desa Sukamaju)):contains(tanda tangan kepala desa Sukamulya)",
        },
        noError,
    ],
});

registry.category("web_tour.tours").add("kerjasama_desa_camat_forward_tour", {
    steps: () => [
        {
            content: "The banner says the agreement waits for my forwarding",
            trigger: ".o_kerjasama_next_step:contains(penerusan oleh camat):contains(Giliran Anda)",
        },
        noError,
        {
            content: "Forward to the regency",
            trigger: ".o_form_view button[name='action_camat_forward']",
            run: "click",
        },
        {
            content: "The banner now waits for the DPMD's evaluation",
            trigger: ".o_kerjasama_next_step:contains(evaluasi oleh DPMD Kabupaten Uji)",
        },
        noError,
    ],
});

registry.category("web_tour.tours").add("kerjasama_desa_dpmd_evaluate_tour", {
    steps: () => [
        {
            content: "The banner says the agreement waits for my evaluation",
            trigger: ".o_kerjasama_next_step:contains(evaluasi oleh DPMD):contains(Giliran Anda)",
        },
        noError,
        {
            content: "The missing evaluation date leads to its tab",
            trigger: ".o_kerjasama_missing a:contains(tanggal evaluasi)",
            run: "click",
        },
        {
            content: "The signing and evaluation tab is open",
            trigger: ".o_notebook_headers a.nav-link.active[name='signing']",
        },
        {
            content: "Record the evaluation date",
            trigger: ".o_field_widget[name='evaluation_date'] input",
            run: "edit 28/12/2025",
        },
        {
            content: "Record a compliant result",
            trigger: ".o_field_widget[name='evaluation_result'] select",
            run: "selectByLabel Sesuai",
        },
        {
            content: "Approve the evaluation",
            trigger: ".o_form_view button[name='action_to_berjalan']",
            run: "click",
        },
        {
            content: "The agreement is running",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains(Berjalan)",
        },
        {
            content: "No English, no error",
            trigger: "body:not(:has(.o_error_dialog)) .o_form_view",
            run: assertIndonesian,
        },
    ],
});

registry.category("web_tour.tours").add("kerjasama_desa_kades_register_tour", {
    steps: () => [
        {
            content: "Register a new agreement",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "My desa is already its first party",
            trigger: ".o_field_widget[name='party_ids'] .o_data_row:contains(Sukamaju)",
        },
        {
            content: "Give it a title",
            trigger: ".o_field_widget[name='title'] input",
            run: "edit Pengelolaan Air Bersih Sukamaju - Sukamulya",
        },
        {
            content: "Add the other desa",
            trigger: ".o_field_widget[name='party_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Choose the other desa",
            trigger: ".modal .o_field_widget[name='region_id'] input",
            run: "edit Sukamulya",
        },
        {
            content: "Pick it from the list",
            trigger: ".o-autocomplete--dropdown-item:contains(Sukamulya)",
            run: "click",
        },
        {
            content: "Close the party",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "Both desa are parties",
            trigger: ".o_field_widget[name='party_ids'] .o_data_row:contains(Sukamulya)",
        },
        {
            content: "Save the agreement",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "The banner says what it waits for, and that it is my turn",
            trigger: ".o_kerjasama_next_step:contains(penawaran oleh perangkat desa Sukamaju, Sukamulya):contains(Giliran Anda)",
        },
        {
            content: "...and what the offer still needs",
            trigger: ".o_kerjasama_missing:contains(inventarisasi potensi)",
        },
        noError,
    ],
});

registry.category("web_tour.tours").add("kerjasama_desa_bendahara_link_tour", {
    steps: () => [
        {
            content: "Open my desa's group",
            trigger: ".o_list_view .o_group_header:contains(Sukamaju)",
            run: "click",
        },
        {
            content: "My desa's financing line waits for its budget line",
            trigger: ".o_list_view .o_data_row:contains(Air Bersih Bendahara) td[name='apbdes_line_id']",
            run: "click",
        },
        {
            content: "Choose the APBDesa line that carries it",
            trigger: ".o_data_row .o_field_widget[name='apbdes_line_id'] input",
            run: "edit Kontribusi air",
        },
        {
            content: "Pick it",
            trigger: ".o-autocomplete--dropdown-item:contains(Kontribusi air)",
            run: "click",
        },
        {
            content: "Save the link",
            trigger: ".o_list_button_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_list_view:not(:has(.o_selected_row))",
        },
        {
            content: "No English, no error",
            trigger: "body:not(:has(.o_error_dialog)) .o_list_view",
            run: assertIndonesian,
        },
    ],
});

registry.category("web_tour.tours").add("kerjasama_desa_bendahara_realisation_tour", {
    steps: () => [
        {
            content: "Choose the agreement's financing line first",
            trigger: ".o_field_widget[name='funding_id'] input",
            run: "edit Air Bersih Bendahara",
        },
        {
            content: "Pick it",
            trigger: ".o-autocomplete--dropdown-item:contains(Air Bersih Bendahara)",
            run: "click",
        },
        {
            content: "The budget line comes with it",
            trigger: ".o_field_widget[name='line_id'] input:value(Kontribusi air)",
        },
        {
            content: "The proof number",
            trigger: ".o_field_widget[name='reference'] input",
            run: "edit 0012/BKU/2026",
        },
        {
            content: "The amount",
            trigger: ".o_field_widget[name='amount'] input",
            run: "edit 2500000",
        },
        {
            content: "Save",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "Saved, with a readable breadcrumb",
            trigger: ".o_breadcrumb:contains(0012/BKU/2026)",
        },
        {
            content: "No English, no error",
            trigger: "body:not(:has(.o_error_dialog)) .o_form_view",
            run: assertIndonesian,
        },
    ],
});
