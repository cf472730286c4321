/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import {download} from "@web/core/network/download";
import {getReportUrl} from "@web/webclient/actions/reports/utils";
import {registry} from "@web/core/registry";
import {user} from "@web/core/user";

// report type -> converter of Odoo's report routes (/report/<converter>/<report_name>/<ids>)
const KD_REPORT_TYPES = {"reportlab-pdf": "pdf", "xlsxwriter-xlsx": "xlsx"};

/**
 * The Print menu of the reportlab/xlsxwriter documents: downloaded through Odoo's standard
 * /report/download route, as Odoo's own PDF reports are.
 */
async function kerjasamaReportHandler(action, options, env) {
    const converter = KD_REPORT_TYPES[action.report_type];
    if (!converter) {
        return false;
    }
    env.services.ui.block();
    try {
        await download({
            url: "/report/download",
            data: {
                data: JSON.stringify([
                    getReportUrl(action, converter, user.context),
                    action.report_type,
                ]),
                context: JSON.stringify(user.context),
            },
        });
    } finally {
        env.services.ui.unblock();
    }
    const {onClose} = options;
    if (action.close_on_report_download) {
        return env.services.action.doAction({type: "ir.actions.act_window_close"}, {onClose});
    } else if (onClose) {
        onClose();
    }
    return true;
}

registry
    .category("ir.actions.report handlers")
    .add("kerjasama_desa_report_handler", kerjasamaReportHandler);
