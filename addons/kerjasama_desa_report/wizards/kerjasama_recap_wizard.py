# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import os
import tempfile

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.kerjasama_desa.tools.formatting import format_date_id

RECAP_REPORT = "kerjasama_desa_report.recap_xlsx"
RECAP_RENDERER = "report.kerjasama_desa_report.recap_xlsx"
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# above this many rows (about a few seconds of work) the recap is built in the background
BACKGROUND_ROWS_PARAM = "kerjasama_desa_report.recap_background_rows"
BACKGROUND_ROWS_DEFAULT = 50000


class KerjasamaRecapWizard(models.TransientModel):
    """Filters of the Rekapitulasi Kerja Sama Desa workbook that DPMD sends up to the province
    and the ministry (Permendagri 96/2017, pembinaan dan pengawasan)."""

    _name = "kerjasama.recap.wizard"
    _description = "Cooperation Recap Export"

    date_from = fields.Date(string="Period From")
    date_to = fields.Date(string="Period To")
    kabupaten_id = fields.Many2one(
        "kerjasama.region", string="Regency/City", domain=[("level", "=", "kabupaten")]
    )
    kecamatan_ids = fields.Many2many(
        "kerjasama.region",
        "kerjasama_recap_wizard_kecamatan_rel",
        "wizard_id",
        "region_id",
        string="Kecamatan",
        domain="[('level', '=', 'kecamatan')]"
        " + ([('kabupaten_id', '=', kabupaten_id)] if kabupaten_id else [])",
    )
    region_ids = fields.Many2many(
        "kerjasama.region",
        "kerjasama_recap_wizard_desa_rel",
        "wizard_id",
        "region_id",
        string="Villages",
        domain="[('level', '=', 'desa')]"
        " + ([('kecamatan_id', 'in', kecamatan_ids)] if kecamatan_ids else [])",
    )
    kind = fields.Selection(
        selection=lambda self: self.env["kerjasama.agreement"]
        ._fields["kind"]
        ._description_selection(self.env),
        string="Kind",
    )
    bidang_id = fields.Many2one(
        "kerjasama.bidang", string="Bidang", domain=[("parent_id", "=", False)]
    )
    state = fields.Selection(
        selection=lambda self: self.env["kerjasama.agreement"]
        ._fields["state"]
        ._description_selection(self.env),
        string="Stage",
    )
    sheet_kecamatan = fields.Boolean(string="Recap per Kecamatan", default=True)
    sheet_desa = fields.Boolean(string="Recap per Village", default=True)
    sheet_apbdes = fields.Boolean(string="APBDesa Linkage per Village and Year", default=True)
    sheet_ranking = fields.Boolean(string="Standard Ranking (Peringkat)", default=True)
    sheet_epdeskel = fields.Boolean(string="Epdeskel Indicators per Village", default=True)
    attachment_id = fields.Many2one("ir.attachment", readonly=True)

    @api.onchange("kabupaten_id")
    def _onchange_kabupaten_id(self):
        if self.kabupaten_id:
            self.kecamatan_ids = self.kecamatan_ids.filtered(
                lambda r: r.kabupaten_id == self.kabupaten_id
            )

    def _kd_selected_sheets(self):
        self.ensure_one()
        sheets = []
        if self.sheet_kecamatan:
            sheets.append("kecamatan")
        if self.sheet_desa:
            sheets.append("desa")
        if self.sheet_apbdes:
            sheets.append("apbdes")
        if self.sheet_ranking:
            sheets.append("peringkat")
        if self.sheet_epdeskel:
            sheets.append("epdeskel")
        return sheets

    def _kd_check_filters(self):
        self.ensure_one()
        if self.date_from and self.date_to and self.date_to < self.date_from:
            raise UserError(
                self.env._(
                    "The period ends (%(end)s) before it starts (%(start)s): correct the dates.",
                    end=format_date_id(self.date_to),
                    start=format_date_id(self.date_from),
                )
            )
        if not self._kd_selected_sheets():
            raise UserError(self.env._("Select at least one recap to export."))
        if self.kabupaten_id:
            outside = self.kecamatan_ids.filtered(lambda r: r.kabupaten_id != self.kabupaten_id)
            if outside:
                raise UserError(
                    self.env._(
                        "The kecamatan %(kecamatan)s are not in %(kabupaten)s: the selection "
                        "would be empty.",
                        kecamatan=", ".join(outside.mapped("name")),
                        kabupaten=self.kabupaten_id.name,
                    )
                )
        parent = self.kecamatan_ids or self.kabupaten_id
        if parent and self.region_ids:
            field = "kecamatan_id" if self.kecamatan_ids else "kabupaten_id"
            outside = self.region_ids.filtered(lambda r: r[field] not in parent)
            if outside:
                raise UserError(
                    self.env._(
                        "The villages %(villages)s are outside the selected regions: the "
                        "selection would be empty.",
                        villages=", ".join(outside.mapped("name")),
                    )
                )

    def _kd_filter_labels(self):
        self.ensure_one()
        all_label = "Semua"
        kind_labels = dict(self._fields["kind"]._description_selection(self.env))
        state_labels = dict(self._fields["state"]._description_selection(self.env))
        return [
            ("Periode dari", format_date_id(self.date_from) or all_label),
            ("Periode sampai", format_date_id(self.date_to) or all_label),
            ("Kabupaten/Kota", self.kabupaten_id.name or all_label),
            ("Kecamatan", ", ".join(self.kecamatan_ids.mapped("name")) or all_label),
            ("Desa", ", ".join(self.region_ids.mapped("name")) or all_label),
            ("Jenis kerja sama", kind_labels.get(self.kind) or all_label),
            ("Bidang", self.bidang_id.name or all_label),
            ("Tahapan", state_labels.get(self.state) or all_label),
        ]

    def _kd_report_data(self):
        self.ensure_one()
        return {
            "date_from": self.date_from and fields.Date.to_string(self.date_from),
            "date_to": self.date_to and fields.Date.to_string(self.date_to),
            "kabupaten_id": self.kabupaten_id.id,
            "kecamatan_ids": self.kecamatan_ids.ids,
            "region_ids": self.region_ids.ids,
            "kind": self.kind,
            "bidang_id": self.bidang_id.id,
            "states": [self.state] if self.state else [],
            "sheets": self._kd_selected_sheets(),
            "filter_labels": self._kd_filter_labels(),
        }

    def _kd_render(self):
        self.ensure_one()
        self._kd_check_filters()
        content, _ext = self.env["ir.actions.report"]._render(
            RECAP_REPORT, [], data=self._kd_report_data()
        )
        return content

    def _kd_file_name(self):
        today = fields.Date.context_today(self)
        return f"Rekapitulasi Kerja Sama Desa {fields.Date.to_string(today)}"

    def _kd_estimated_rows(self, data):
        """Rows of the per-kecamatan and per-desa sheets (the large ones), counted in SQL."""
        renderer = self.env[RECAP_RENDERER]
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """SELECT (SELECT COUNT(*) FROM kerjasama_agreement_region_rel
                            WHERE agreement_id IN %(agreements)s)
                        + (SELECT COUNT(*) FROM kerjasama_agreement_kecamatan_rel
                            WHERE agreement_id IN %(agreements)s)""",
                agreements=renderer._kd_agreement_query(data),
            )
        )
        return self.env.cr.fetchone()[0] or 0

    def _kd_background_threshold(self):
        value = self.env["ir.config_parameter"].sudo().get_param(BACKGROUND_ROWS_PARAM)
        try:
            return int(value) if value else BACKGROUND_ROWS_DEFAULT
        except ValueError:
            return BACKGROUND_ROWS_DEFAULT

    def action_export(self):
        """Build the workbook and download it; a large one is built in the background (the
        user follows it in Recaps in the Background and receives the file in his inbox)."""
        self.ensure_one()
        self._kd_check_filters()
        data = self._kd_report_data()
        estimated = self._kd_estimated_rows(data)
        if estimated > self._kd_background_threshold():
            return self.action_export_background(data, estimated)
        handle, path = tempfile.mkstemp(suffix=".xlsx", prefix="kd_recap_")
        os.close(handle)
        try:
            self.env[RECAP_RENDERER]._kd_generate_file(data, path)
            self.attachment_id = self.env["ir.attachment"]._kd_create_from_file(
                {
                    "name": f"{self._kd_file_name()}.xlsx",
                    "res_model": self._name,
                    "res_id": self.id,
                    "type": "binary",
                    "mimetype": XLSX_MIMETYPE,
                },
                path,
            )
        finally:
            os.unlink(path)
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self.attachment_id.id}?download=true",
            "target": "self",
        }

    def action_export_background(self, data=None, estimated=0):
        """Queue the recap for the background cron and show its job."""
        self.ensure_one()
        if data is None:
            self._kd_check_filters()
            data = self._kd_report_data()
        job = self.env["kerjasama.recap.job"]._kd_enqueue(self._kd_file_name(), data, estimated)
        return {
            "type": "ir.actions.act_window",
            "res_model": "kerjasama.recap.job",
            "res_id": job.id,
            "view_mode": "form",
            "target": "current",
        }
