from odoo import api, fields, models
from odoo.exceptions import UserError

from .kerjasama_dataset import parse_utc


class KerjasamaNationalAgreement(models.Model):
    """An agreement of a lower instance, as its last pull brought it (read-only).

    The roll-up of the national database of kerja sama desa: a province's instance holds the
    registers of its kabupaten, the ministry's those of the provinces, each row identified by
    its source and its register number, never twice. Only a pull writes here.
    """

    _name = "kerjasama.national.agreement"
    _description = "Rolled-up Cooperation Agreement"
    _order = "source_id, register_number"
    _rec_name = "register_number"

    source_id = fields.Many2one(
        "kerjasama.national.source", required=True, ondelete="cascade", index=True
    )
    register_number = fields.Char(required=True)
    document_number = fields.Char()
    title = fields.Char(required=True)
    kind = fields.Selection(
        [("antar_desa", "Between Villages (Antar-Desa)"), ("pihak_ketiga", "With a Third Party")],
        required=True,
    )
    state = fields.Selection(
        lambda self: self.env["kerjasama.agreement"]
        ._fields["state"]
        ._description_selection(self.env),
        required=True,
        index=True,
    )
    bidang = fields.Char()
    kabupaten_code = fields.Char(index=True)
    kabupaten_id = fields.Many2one("kerjasama.region", string="Regency/City", index=True)
    provinsi_id = fields.Many2one("kerjasama.region", string="Province", index=True)
    date_start = fields.Date(string="Start Date")
    date_end = fields.Date(string="End Date")
    signing_date = fields.Date()
    amount_total = fields.Float(string="Total Value", digits=(16, 0), aggregator="sum")
    party_ids = fields.One2many(
        "kerjasama.national.party", "national_agreement_id", string="Parties"
    )
    village_count = fields.Integer(aggregator="sum")
    report_count = fields.Integer(aggregator="sum")
    dispute_open_count = fields.Integer(string="Open Disputes", aggregator="sum")
    source_write_date = fields.Datetime(string="Changed at Source")
    pulled_at = fields.Datetime(string="Pulled At", readonly=True)
    payload = fields.Json(string="Dataset Record")

    _sql_constraints = [
        (
            "source_number_unique",
            "UNIQUE(source_id, register_number)",
            "An agreement of a source is held once (source and register number).",
        )
    ]

    @api.model_create_multi
    def create(self, vals_list):
        self._national_check_pull()
        return super().create(vals_list)

    def write(self, vals):
        self._national_check_pull()
        return super().write(vals)

    def unlink(self):
        self._national_check_pull()
        return super().unlink()

    def _national_check_pull(self):
        from odoo.addons.kerjasama_desa.tools.guard import is_unlocked

        if not is_unlocked("kerjasama.national:pull"):
            raise UserError(
                self.env._(
                    "Rolled-up agreements are read-only: they change only with the next pull "
                    "of their source."
                )
            )

    @api.model
    def _national_values(self, record, regions_by_code, pulled_at):
        """Values of a mirror row from one dataset ``record``."""
        kabupaten = regions_by_code.get(record.get("kabupaten_code"))
        open_disputes = [d for d in record["disputes"] if d["state"] not in ("settled", "failed")]
        return {
            "register_number": record["register_number"],
            "document_number": record.get("document_number"),
            "title": record["title"],
            "kind": record["kind"],
            "state": record["state"],
            "bidang": record.get("bidang"),
            "kabupaten_code": record.get("kabupaten_code"),
            "kabupaten_id": kabupaten.id if kabupaten else False,
            "provinsi_id": kabupaten.provinsi_id.id if kabupaten else False,
            "date_start": record.get("date_start"),
            "date_end": record.get("date_end"),
            "signing_date": record.get("signing_date"),
            "amount_total": record["amount_total"],
            "village_count": sum(1 for p in record["parties"] if p["party_kind"] == "desa"),
            "report_count": len(record["reports"]),
            "dispute_open_count": len(open_disputes),
            "source_write_date": parse_utc(record.get("write_date")),
            "pulled_at": pulled_at,
            "payload": record,
        }
