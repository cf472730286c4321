from odoo import api, fields, models


class KerjasamaAgreementParty(models.Model):
    """A party to a kerja sama desa with its rights and obligations (Permendagri 96/2017 Pasal 6)."""

    _name = "kerjasama.agreement.party"
    _description = "Agreement Party"
    _order = "agreement_id, sequence, id"

    agreement_id = fields.Many2one(
        "kerjasama.agreement", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    party_kind = fields.Selection(
        [("desa", "Village"), ("pihak_ketiga", "Third Party")],
        required=True,
        default="desa",
    )
    region_id = fields.Many2one(
        "kerjasama.region",
        string="Village",
        domain=[("level", "=", "desa")],
        index="btree_not_null",
        ondelete="restrict",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Party",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        ondelete="restrict",
    )
    signatory_name = fields.Char(string="Signatory")
    signatory_title = fields.Char(string="Signatory Title")
    rights = fields.Text()
    obligations = fields.Text()

    @api.depends("region_id")
    def _compute_partner_id(self):
        for party in self:
            if party.region_id:
                party.partner_id = party.region_id._get_village_partner()

    @api.depends("partner_id", "region_id")
    def _compute_display_name(self):
        for party in self:
            party.display_name = party.partner_id.display_name or party.region_id.display_name
