from odoo import fields, models


class KerjasamaNationalParty(models.Model):
    """A party of a rolled-up agreement: the desa (by its Kemendagri code) or the pihak ketiga,
    with its own share of the financing, the unit of the figures by region upward."""

    _name = "kerjasama.national.party"
    _description = "Rolled-up Agreement Party"
    _order = "national_agreement_id, id"

    national_agreement_id = fields.Many2one(
        "kerjasama.national.agreement", required=True, ondelete="cascade", index=True
    )
    source_id = fields.Many2one(related="national_agreement_id.source_id", store=True, index=True)
    party_kind = fields.Selection([("desa", "Village"), ("pihak_ketiga", "Third Party")])
    name = fields.Char()
    desa_code = fields.Char(index=True)
    region_id = fields.Many2one("kerjasama.region", string="Village", index=True)
    kecamatan_id = fields.Many2one("kerjasama.region", string="Kecamatan", index=True)
    kabupaten_id = fields.Many2one("kerjasama.region", string="Regency/City", index=True)
    contribution = fields.Float(digits=(16, 0), aggregator="sum")
    income = fields.Float(digits=(16, 0), aggregator="sum")
