/** @odoo-module **/
// Pemetaan: the network of cooperation and the cooperation by region, offline (plain SVG and
// HTML, no tiles, no external script). The figures and the layout come from one server call
// each, kerjasama.map.get_network() and get_regions(), with the domain of each figure's list.
import { Component, onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";

/** Open the agreements behind a figure. */
function openAgreements(actionService, name, domain) {
    return actionService.doAction({
        type: "ir.actions.act_window",
        name,
        res_model: "kerjasama.agreement",
        domain,
        views: [
            [false, "list"],
            [false, "form"],
        ],
        target: "current",
    });
}

export class KerjasamaMapNetwork extends Component {
    static template = "kerjasama_desa_national.KerjasamaMapNetwork";
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.state = useState({ data: null, filters: { stage: "", year: "", kecamatan_id: "" } });
        onWillStart(() => this.load());
    }

    async load() {
        const { stage, year, kecamatan_id } = this.state.filters;
        this.state.data = await this.orm.call("kerjasama.map", "get_network", [], {
            stage: stage || null,
            year: year ? parseInt(year) : null,
            kecamatan_id: kecamatan_id ? parseInt(kecamatan_id) : null,
        });
    }

    onFilter(name, ev) {
        this.state.filters[name] = ev.target.value;
        return this.load();
    }

    get nodesByKind() {
        const nodes = this.state.data.nodes;
        return {
            desa: nodes.filter((node) => node.kind === "desa"),
            third: nodes.filter((node) => node.kind === "pihak_ketiga"),
        };
    }

    open(figure) {
        return openAgreements(this.actionService, figure.name || figure.title, figure.domain);
    }

    openEdge(edge) {
        return openAgreements(this.actionService, edge.title, edge.domain);
    }

    openCluster(cluster) {
        return openAgreements(
            this.actionService,
            _t("Kecamatan %(name)s", { name: cluster.name }),
            cluster.domain
        );
    }
}

export class KerjasamaMapRegions extends Component {
    static template = "kerjasama_desa_national.KerjasamaMapRegions";
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.state = useState({ data: null, measure: "count" });
        onWillStart(() => this.load(null));
    }

    async load(regionId) {
        this.state.data = await this.orm.call("kerjasama.map", "get_regions", [], {
            region_id: regionId,
        });
    }

    drill(row) {
        return row.drill ? this.load(row.id) : this.open(row);
    }

    open(row, name) {
        return openAgreements(this.actionService, name || row.name, row.domain);
    }

    setMeasure(measure) {
        this.state.measure = measure;
    }

    /** Share of the row in the largest figure of the level, for the shading (0 to 1). */
    share(row) {
        const data = this.state.data;
        const max = this.state.measure === "amount" ? data.max_amount : data.max_count;
        const value = this.state.measure === "amount" ? row.amount : row.count;
        return max ? value / max : 0;
    }

    /** The figure at the dark end of the shading scale. */
    get scaleMax() {
        const data = this.state.data;
        if (this.state.measure !== "amount") {
            return data.max_count;
        }
        const top = data.rows.find((row) => row.amount === data.max_amount);
        return top ? top.amount_display : "0";
    }

    cellStyle(row) {
        const share = this.share(row);
        const alpha = share ? 0.12 + 0.78 * share : 0;
        return `background-color: rgba(31, 94, 160, ${alpha.toFixed(3)});`;
    }

    cellClass(row) {
        return this.share(row) > 0.55 ? "text-white o_kerjasama_cell_dark" : "";
    }
}

registry.category("actions").add("kerjasama_desa_national.map_network", KerjasamaMapNetwork);
registry.category("actions").add("kerjasama_desa_national.map_regions", KerjasamaMapRegions);
