/** @odoo-module **/
// The next-step banner of an agreement: who it waits for, and what its next step still needs,
// each requirement leading to the tab and field of the form where it is filled. The content
// is computed on the server from the one transition table (kerjasama.agreement.next_step_info).
import { Component, useRef } from "@odoo/owl";
import { browser } from "@web/core/browser/browser";
import { registry } from "@web/core/registry";
import { standardFieldProps } from "@web/views/fields/standard_field_props";

export class KerjasamaNextStep extends Component {
    static template = "kerjasama_desa.KerjasamaNextStep";
    static props = { ...standardFieldProps };

    setup() {
        this.root = useRef("root");
    }

    get info() {
        return this.props.record.data[this.props.name] || false;
    }

    /** Open the notebook page of a requirement and put the cursor in its field. */
    openRequirement(item) {
        const form = this.root.el && this.root.el.closest(".o_form_view");
        if (!form || !item.page) {
            return;
        }
        const tab = form.querySelector(`.o_notebook_headers a.nav-link[name="${item.page}"]`);
        if (tab) {
            tab.click();
        }
        browser.setTimeout(() => {
            const field = form.querySelector(`.o_field_widget[name="${item.field}"]`);
            if (!field) {
                return;
            }
            field.scrollIntoView({ block: "center" });
            const input = field.querySelector("input, textarea, select, [contenteditable]");
            if (input) {
                input.focus();
            }
        }, 50);
    }
}

registry.category("fields").add("kerjasama_next_step", {
    component: KerjasamaNextStep,
    supportedTypes: ["json"],
});
