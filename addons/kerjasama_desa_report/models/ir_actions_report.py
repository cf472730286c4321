# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import io
import logging
from collections import OrderedDict

from odoo import api, fields, models
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

    # ------------------------------------------------------------------ Odoo's entry points
    # Odoo's report controller (/report/pdf/..., /report/download), mail templates and other
    # modules print through _render_qweb_pdf / _pre_render_qweb_pdf: for a reportlab document
    # they return its PDF instead of rendering a QWeb template it does not have.
    def _kd_report_type(self, report_ref):
        """The Kerja Sama Desa type of ``report_ref`` ("reportlab-pdf"...), or None."""
        try:
            report_type = self._get_report(report_ref).report_type
        except ValueError:
            return None
        return report_type if report_type in KD_REPORT_TYPES else None

    @api.model
    def _render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        report_type = self._kd_report_type(report_ref)
        if report_type == REPORTLAB_PDF:
            return self._kd_render(report_ref, res_ids, data, REPORTLAB_PDF)
        if report_type:
            self._kd_raise_wrong_format(report_ref, "PDF")
        return super()._render_qweb_pdf(report_ref, res_ids=res_ids, data=data)

    @api.model
    def _pre_render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        if self._kd_report_type(report_ref) == REPORTLAB_PDF:
            if isinstance(res_ids, int):
                res_ids = [res_ids]
            return self._render_qweb_pdf_prepare_streams(report_ref, data, res_ids=res_ids), "pdf"
        return super()._pre_render_qweb_pdf(report_ref, res_ids=res_ids, data=data)

    def _render_qweb_pdf_prepare_streams(self, report_ref, data, res_ids=None):
        """One PDF stream per record, as Odoo's own PDF reports give them."""
        if self._kd_report_type(report_ref) != REPORTLAB_PDF:
            return super()._render_qweb_pdf_prepare_streams(report_ref, data, res_ids=res_ids)
        report = self._get_report(report_ref)
        streams = OrderedDict()
        if not res_ids:
            content, _ext = self._kd_render(report, [], data, REPORTLAB_PDF)
            streams[False] = {"stream": io.BytesIO(content), "attachment": None}
            return streams
        records = self.env[report.model].browse(res_ids)
        records.check_access("read")
        renderer = self._kd_get_renderer(report)
        for record in records:
            if record.id in streams:
                continue
            content = self._kd_render_record(report, renderer, record, dict(data or {}))
            streams[record.id] = {
                "stream": io.BytesIO(content),
                "attachment": report.attachment and report.retrieve_attachment(record) or None,
            }
        return streams

    @api.model
    def _render_qweb_html(self, report_ref, docids, data=None):
        if self._kd_report_type(report_ref):
            self._kd_raise_wrong_format(report_ref, "HTML")
        return super()._render_qweb_html(report_ref, docids, data=data)

    @api.model
    def _render_qweb_text(self, report_ref, docids, data=None):
        if self._kd_report_type(report_ref):
            self._kd_raise_wrong_format(report_ref, "text")
        return super()._render_qweb_text(report_ref, docids, data=data)

    def _kd_raise_wrong_format(self, report_ref, fmt):
        report = self._get_report(report_ref)
        raise UserError(
            self.env._(
                "The report %(report)s cannot be printed as %(format)s: it is printed as "
                "%(extension)s only.",
                report=report.name,
                format=fmt,
                extension=KD_REPORT_TYPES[report.report_type].upper(),
            )
        )

    # ------------------------------------------------------------------ renderers
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
        # a read-only request (Odoo's /report/pdf/... route) prints without saving the copy;
        # the Print menu (/report/download) and the callers in a transaction save it
        if (
            report.attachment
            and not self.env.context.get("report_no_attachment")
            and not self.env.cr.readonly
        ):
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
