import base64
import csv
import io
import json
import os
import tempfile

import xlsxwriter

from odoo import fields, models


class KerjasamaDatasetExport(models.TransientModel):
    """Export of the national dataset of kerja sama desa for a region and a period (JSON with
    its schema, or CSV/XLSX open data), read under the user's own access rules."""

    _name = "kerjasama.dataset.export"
    _description = "Export the Cooperation Dataset"

    region_ids = fields.Many2many(
        "kerjasama.region",
        string="Regions",
        help="Provinsi, kabupaten, kecamatan or desa; empty: everything you may read.",
    )
    date_from = fields.Date(string="Period From")
    date_to = fields.Date(string="Period To")
    file_format = fields.Selection(
        [
            ("json", "JSON (national exchange format)"),
            ("csv", "CSV (open data)"),
            ("xlsx", "XLSX (open data)"),
        ],
        string="Format",
        default="json",
        required=True,
    )

    def _export_name(self):
        codes = "-".join(self.region_ids.mapped("code")) or "semua"
        return f"kerjasama-desa-{codes}-{fields.Date.context_today(self)}"

    def action_export(self):
        self.ensure_one()
        Dataset = self.env["kerjasama.dataset"]
        data = Dataset._dataset_export(
            regions=self.region_ids, date_from=self.date_from, date_to=self.date_to
        )
        name = self._export_name()
        if self.file_format == "json":
            content = json.dumps(data, ensure_ascii=False, indent=1).encode()
            filename, mimetype = f"{name}.json", "application/json"
        elif self.file_format == "csv":
            content = self._csv(Dataset._dataset_open_rows(data)["agreements"])
            filename, mimetype = f"{name}.csv", "text/csv"
        else:
            content = self._xlsx(Dataset._dataset_open_rows(data))
            filename = f"{name}.xlsx"
            mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        attachment = self.env["ir.attachment"].create(
            {
                "name": filename,
                "datas": base64.b64encode(content),
                "mimetype": mimetype,
                "res_model": self._name,
                "res_id": self.id,
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    def _csv(self, rows):
        columns = self.env["kerjasama.dataset"].OPEN_DATA_SHEETS["agreements"]
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        return buffer.getvalue().encode()

    def _xlsx(self, sheets):
        columns = self.env["kerjasama.dataset"].OPEN_DATA_SHEETS
        with tempfile.NamedTemporaryFile(suffix=".xlsx", delete=False) as handle:
            path = handle.name
        try:
            workbook = xlsxwriter.Workbook(path, {"constant_memory": True})
            bold = workbook.add_format({"bold": True})
            for sheet_name, rows in sheets.items():
                sheet = workbook.add_worksheet(sheet_name)
                sheet.write_row(0, 0, columns[sheet_name], bold)
                for index, row in enumerate(rows, start=1):
                    sheet.write_row(index, 0, [row.get(column) for column in columns[sheet_name]])
            workbook.close()
            with open(path, "rb") as result:
                return result.read()
        finally:
            os.unlink(path)
