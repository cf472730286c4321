# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json
import logging

import werkzeug.exceptions

from odoo import http
from odoo.http import content_disposition, request
from odoo.tools.misc import html_escape
from odoo.tools.safe_eval import safe_eval, time

from ..models.ir_actions_report import KD_REPORT_TYPES

_logger = logging.getLogger(__name__)

MIMETYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class KerjasamaReportController(http.Controller):
    """Download of the reportlab/xlsxwriter reports (called by report_handler.esm.js)."""

    @http.route(
        "/kerjasama_desa_report/download/<string:reportname>/<string:docids>",
        type="http",
        auth="user",
        methods=["POST", "GET"],
        readonly=False,
    )
    def kd_report_download(self, reportname, docids, context=None, **kwargs):
        try:
            ctx = dict(request.env.context)
            if context:
                ctx.update(json.loads(context))
            env = request.env(context=ctx)
            Report = env["ir.actions.report"]
            report = Report._get_report_from_name(reportname)
            if not report or report.report_type not in KD_REPORT_TYPES:
                raise werkzeug.exceptions.NotFound()
            ids = [int(i) for i in docids.split(",") if i.isdigit()]
            content, extension = Report._render(reportname, ids)
            records = env[report.model].browse(ids)
            filename = f"{report.name}.{extension}"
            if report.print_report_name and len(records) == 1:
                name = safe_eval(report.print_report_name, {"object": records, "time": time})
                filename = f"{name}.{extension}"
            return request.make_response(
                content,
                headers=[
                    ("Content-Type", MIMETYPES[extension]),
                    ("Content-Length", len(content)),
                    ("Content-Disposition", content_disposition(filename)),
                ],
            )
        except werkzeug.exceptions.HTTPException:
            raise
        except Exception as e:
            _logger.warning("Error while generating report %s", reportname, exc_info=True)
            error = {
                "code": 200,
                "message": "Odoo Server Error",
                "data": http.serialize_exception(e),
            }
            res = request.make_response(html_escape(json.dumps(error)))
            raise werkzeug.exceptions.InternalServerError(response=res) from e
