/** @odoo-module **/
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import {download} from "@web/core/network/download";
import {registry} from "@web/core/registry";
import {user} from "@web/core/user";

const KD_REPORT_TYPES = ["reportlab-pdf", "xlsxwriter-xlsx"];

async function kerjasamaReportHandler(action, options, env) {
    if (!KD_REPORT_TYPES.includes(action.report_type)) {
        return false;
    }
    const context = {...user.context, ...(action.context || {})};
    const ids = (action.context && action.context.active_ids) || [];
    env.services.ui.block();
    try {
        await download({
            url: `/kerjasama_desa_report/download/${action.report_name}/${ids.join(",")}`,
            data: {context: JSON.stringify(context)},
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
