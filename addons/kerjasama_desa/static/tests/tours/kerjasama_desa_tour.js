/** @odoo-module **/
// Smoke tour of the Kerja Sama Desa app: from the home menu, open the app and its
// Agreements menu, and see the list of agreements. Run by tests/test_tour.py.
import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("kerjasama_desa_tour", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps(
            "kerjasama_desa.kerjasama_desa_menu_root",
            "Open the Kerja Sama Desa app"
        ),
        {
            content: "Open the Cooperation menu",
            trigger:
                '.o_menu_sections [data-menu-xmlid="kerjasama_desa.kerjasama_desa_menu_agreements"]',
            run: "click",
        },
        {
            content: "Open the Agreements list",
            trigger: '.o-dropdown--menu [data-menu-xmlid="kerjasama_desa.kerjasama_desa_menu_agreement"]',
            run: "click",
        },
        {
            content: "The agreements list is shown",
            trigger: ".o_action_manager .o_list_view .o_list_renderer",
        },
        {
            content: "The agreements list is ready (no error dialog)",
            trigger: "body:not(:has(.o_error_dialog)) .o_list_view",
        },
    ],
});
