# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json
import logging

import werkzeug.exceptions
from werkzeug.urls import url_parse

from odoo import http
from odoo.exceptions import AccessDenied, AccessError, UserError
from odoo.http import content_disposition, request
from odoo.tools.misc import html_escape
from odoo.tools.safe_eval import safe_eval, time

from odoo.addons.web.controllers.report import ReportController

from ..models.ir_actions_report import KD_REPORT_TYPES

_logger = logging.getLogger(__name__)

MIMETYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class KerjasamaReportController(ReportController):
    """Odoo's report routes serve the reportlab/xlsxwriter documents too (the pattern of OCA
    report_xlsx): ``/report/pdf/<report>/<ids>`` for a PDF document, ``/report/xlsx/<report>``
    for a workbook, and ``/report/download`` (the Print menu, report_handler.esm.js) for both.
    Access is the record's: a user who cannot read a record is refused (403)."""

    @http.route()
    def report_routes(self, reportname, docids=None, converter=None, **data):
        report = request.env["ir.actions.report"]._get_report_from_name(reportname)
        extension = KD_REPORT_TYPES.get(report.report_type)
        if not extension:
            return super().report_routes(reportname, docids=docids, converter=converter, **data)
        if converter != extension:
            # e.g. /report/html/... of a PDF document: a bad request that says why
            request.env["ir.actions.report"]._kd_raise_wrong_format(report, converter.upper())
        context = dict(request.env.context)
        ids = [int(i) for i in docids.split(",") if i.isdigit()] if docids else []
        if data.get("options"):
            data.update(json.loads(data.pop("options")))
        if data.get("context"):
            data["context"] = json.loads(data["context"])
            context.update(data["context"])
        content, extension = (
            request.env["ir.actions.report"].with_context(context)._render(reportname, ids, data)
        )
        return request.make_response(
            content,
            headers=[("Content-Type", MIMETYPES[extension]), ("Content-Length", len(content))],
        )

    @http.route()
    def report_download(self, data, context=None, token=None, readonly=True):
        url, report_type = json.loads(data)[:2]
        extension = KD_REPORT_TYPES.get(report_type)
        if not extension:
            return super().report_download(data, context=context, token=token, readonly=readonly)
        reportname = "???"
        try:
            reportname = url.split(f"/report/{extension}/")[1].split("?")[0]
            docids = None
            if "/" in reportname:
                reportname, docids = reportname.split("/")
            if docids:
                response = self.report_routes(
                    reportname, docids=docids, converter=extension, context=context
                )
            else:
                # a report printed from its data (a wizard): the options are in the URL
                data = url_parse(url).decode_query(cls=dict)
                if "context" in data:
                    context = json.dumps(
                        {**json.loads(context or "{}"), **json.loads(data.pop("context"))}
                    )
                response = self.report_routes(
                    reportname, converter=extension, context=context, **data
                )
            report = request.env["ir.actions.report"]._get_report_from_name(reportname)
            filename = f"{report.name}.{extension}"
            if docids:
                records = request.env[report.model].browse(
                    [int(i) for i in docids.split(",") if i.isdigit()]
                )
                if report.print_report_name and len(records) == 1:
                    name = safe_eval(report.print_report_name, {"object": records, "time": time})
                    filename = f"{name}.{extension}"
            response.headers.add("Content-Disposition", content_disposition(filename))
            return response
        except werkzeug.exceptions.HTTPException:
            raise
        except Exception as e:
            # the web client's download helper shows this error as it shows Odoo's own; a
            # refused access is a refusal (403), a document that cannot be printed a bad request
            if isinstance(e, AccessError | AccessDenied):
                error_class = werkzeug.exceptions.Forbidden
            elif isinstance(e, UserError):
                error_class = werkzeug.exceptions.BadRequest
            else:
                _logger.warning("Error while generating report %s", reportname, exc_info=True)
                error_class = werkzeug.exceptions.InternalServerError
            error = {
                "code": 200,
                "message": "Odoo Server Error",
                "data": http.serialize_exception(e),
            }
            res = request.make_response(html_escape(json.dumps(error)))
            res.status_code = error_class.code
            raise error_class(response=res) from e
