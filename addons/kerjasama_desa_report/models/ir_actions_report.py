# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging

from odoo import fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools.pdf import merge_pdf
from odoo.tools.safe_eval import safe_eval, time

_logger = logging.getLogger(__name__)

REPORTLAB_PDF = "reportlab-pdf"
XLSXWRITER_XLSX = "xlsxwriter-xlsx"
KD_REPORT_TYPES = {REPORTLAB_PDF: "pdf", XLSXWRITER_XLSX: "xlsx"}


class IrActionsReport(models.Model):
    """Report types of the Kerja Sama Desa documents: PDFs drawn with reportlab and workbooks
    written with xlsxwriter (the pattern of OCA report_xlsx).

    The renderer of a report is the abstract model ``report.<report_name>``; it implements
    ``_kd_generate(records, data)`` and returns the file content of ONE record (or of the data
    when there is no record). Documents are attached to their record when the action has an
    ``attachment`` expression, and reloaded from it with ``attachment_use``.
    """

    _inherit = "ir.actions.report"

    report_type = fields.Selection(
        selection_add=[
            (REPORTLAB_PDF, "PDF (ReportLab)"),
            (XLSXWRITER_XLSX, "XLSX (xlsxwriter)"),
        ],
        ondelete={REPORTLAB_PDF: "set default", XLSXWRITER_XLSX: "set default"},
    )

    def _render_reportlab_pdf(self, report_ref, res_ids, data=None):
        return self._kd_render(report_ref, res_ids, data, REPORTLAB_PDF)

    def _render_xlsxwriter_xlsx(self, report_ref, res_ids, data=None):
        return self._kd_render(report_ref, res_ids, data, XLSXWRITER_XLSX)

    def _kd_get_renderer(self, report):
        renderer_name = f"report.{report.report_name}"
        if renderer_name not in self.env:
            raise UserError(
                self.env._(
                    "The report %(report)s has no renderer (model %(model)s is missing).",
                    report=report.name,
                    model=renderer_name,
                )
            )
        return self.env[renderer_name].with_context(active_model=report.model)

    def _kd_render(self, report_ref, res_ids, data, report_type):
        """Render a reportlab/xlsxwriter report; return ``(content, extension)``."""
        report = self._get_report(report_ref)
        extension = KD_REPORT_TYPES[report_type]
        if report.report_type != report_type:
            raise UserError(
                self.env._(
                    "The report %(report)s is not of type %(type)s.",
                    report=report.name,
                    type=report_type,
                )
            )
        renderer = self._kd_get_renderer(report)
        data = dict(data or {})
        if isinstance(res_ids, int):
            res_ids = [res_ids]
        if not res_ids:
            return renderer._kd_generate(self.env[report.model], data), extension
        # as the current user: reading a document requires reading its record
        records = self.env[report.model].browse(res_ids)
        records.check_access("read")
        contents = []
        for record in records:
            contents.append(self._kd_render_record(report, renderer, record, data))
        if len(contents) == 1:
            return contents[0], extension
        if extension != "pdf":
            raise UserError(
                self.env._("The report %(report)s prints one record at a time.", report=report.name)
            )
        return merge_pdf(contents), extension

    def _kd_render_record(self, report, renderer, record, data):
        attachment = report.attachment and report.retrieve_attachment(record)
        if attachment and report.attachment_use:
            return attachment.raw
        content = renderer._kd_generate(record, data)
        if report.attachment and not self.env.context.get("report_no_attachment"):
            self._kd_save_attachment(report, record, content, attachment)
        return content

    def _kd_save_attachment(self, report, record, content, attachment=None):
        name = report._kd_attachment_name(record)
        if not name:
            return
        try:
            if attachment:
                attachment.write({"raw": content})
            else:
                self.env["ir.attachment"].create(
                    {
                        "name": name,
                        "raw": content,
                        "res_model": report.model,
                        "res_id": record.id,
                        "type": "binary",
                    }
                )
        except AccessError:
            _logger.info("Cannot save report %r attachment for %s", name, self.env.user.name)

    def _kd_attachment_name(self, record):
        return (
            safe_eval(self.attachment, {"object": record, "time": time}) if self.attachment else ""
        )
