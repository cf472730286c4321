/** @odoo-module **/
// Home page of each role of Kerja Sama Desa: the overview of a region (camat, DPMD, BINWAS,
// administrators) or what waits for a village role. The figures come from one server call,
// kerjasama.overview.get_overview(), each with the model and domain of its list.
import { Component, onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";

export class KerjasamaOverview extends Component {
    static template = "kerjasama_desa.KerjasamaOverview";
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.state = useState({ data: null });
        onWillStart(async () => {
            this.state.data = await this.orm.call("kerjasama.overview", "get_overview", []);
        });
    }

    /** Open the list behind a figure. */
    openList(figure, name) {
        return this.actionService.doAction({
            type: "ir.actions.act_window",
            name: name || figure.label,
            res_model: figure.model,
            domain: figure.domain,
            views: [
                [false, "list"],
                [false, "form"],
            ],
            target: "current",
        });
    }

    /** Open a breakdown cell: the agreements of one region (and stage or alert). */
    openCell(row, cell, column) {
        const model = this.state.data.breakdown.model;
        const name = column ? `${row.name}: ${column.label}` : row.name;
        return this.openList({ model, domain: cell.domain, label: name });
    }

    /** Open one record named under a "what waits for me" item. */
    openRecord(item, record) {
        return this.actionService.doAction({
            type: "ir.actions.act_window",
            name: item.label,
            res_model: item.model,
            res_id: record.id,
            views: [[false, "form"]],
            target: "current",
        });
    }

    get heading() {
        return this.state.data.mode === "village"
            ? _t("What waits for me")
            : _t("Overview of the cooperation");
    }
}

registry.category("actions").add("kerjasama_desa.overview", KerjasamaOverview);
registry.category("actions").add("kerjasama_desa.my_work", KerjasamaOverview);
