from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

LOCKED_STATES = ("evaluasi", "berjalan", "berakhir", "dibatalkan")
# What may still be recorded on a party while the agreement is being signed or afterwards.
SIGNATURE_FIELDS = {"signatory_name", "signatory_title", "sequence"}


class KerjasamaAgreementParty(models.Model):
    """A party to a kerja sama desa with its rights and obligations (Permendagri 96/2017 Pasal 6):
    a desa (never a kelurahan, Pasal 2-5) or a pihak ketiga (swasta, organisasi kemasyarakatan,
    lembaga lainnya, BUM Desa, BUM Desa Bersama)."""

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
        domain=[("level", "=", "desa"), ("village_type", "!=", "kelurahan")],
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
    kecamatan_id = fields.Many2one(related="region_id.kecamatan_id", string="Kecamatan")
    signatory_name = fields.Char(string="Signatory")
    signatory_title = fields.Char()
    rights = fields.Text()
    obligations = fields.Text()

    @api.depends("region_id")
    def _compute_partner_id(self):
        for party in self:
            if party.region_id:
                party.partner_id = party.region_id.sudo()._get_village_partner()

    @api.depends("partner_id", "region_id")
    def _compute_display_name(self):
        for party in self:
            party.display_name = party.partner_id.display_name or party.region_id.display_name

    @api.onchange("party_kind")
    def _onchange_party_kind(self):
        if self.party_kind == "pihak_ketiga":
            self.region_id = False
            if self.partner_id.kerjasama_party_type == "desa":
                self.partner_id = False

    @api.constrains("party_kind", "region_id", "partner_id")
    def _check_party(self):
        for party in self:
            title = party.agreement_id.title
            if party.party_kind == "desa":
                region = party.region_id
                if not region:
                    raise ValidationError(
                        self.env._(
                            "Agreement %(title)s: a desa party needs its village (region).",
                            title=title,
                        )
                    )
                if region.level != "desa":
                    raise ValidationError(
                        self.env._(
                            "Agreement %(title)s: %(region)s is not a village; only a desa can "
                            "be a party.",
                            title=title,
                            region=region.display_name,
                        )
                    )
                if region.village_type == "kelurahan":
                    raise ValidationError(
                        self.env._(
                            "Agreement %(title)s: %(region)s is a kelurahan. A kelurahan is not a "
                            "desa and cannot be a party to a kerja sama desa.",
                            title=title,
                            region=region.display_name,
                        )
                    )
            else:
                if party.region_id:
                    raise ValidationError(
                        self.env._(
                            "Agreement %(title)s: a third party is not a village; record a desa "
                            "as a desa party.",
                            title=title,
                        )
                    )
                if not party.partner_id:
                    raise ValidationError(
                        self.env._(
                            "Agreement %(title)s: a third party needs its contact.", title=title
                        )
                    )
                if party.partner_id.kerjasama_party_type == "desa":
                    raise ValidationError(
                        self.env._(
                            "Agreement %(title)s: %(partner)s is a village; record it as a desa "
                            "party, not as a third party.",
                            title=title,
                            partner=party.partner_id.display_name,
                        )
                    )
        for agreement in self.agreement_id:
            agreement._check_party_invariants()

    @api.model_create_multi
    def create(self, vals_list):
        parties = super().create(vals_list)
        parties._check_agreement_open(set())
        parties.agreement_id._assign_number()
        return parties

    def write(self, vals):
        self._check_agreement_open(set(vals))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        self._check_agreement_open(set())

    def _check_agreement_open(self, fields_written):
        """Parties of a signed or closed agreement change only through an amendment; while it
        is being signed only the signatories may still be recorded."""
        if self.env.is_superuser() or self.agreement_id._is_amendment_context():
            return
        for party in self:
            state = party.agreement_id.state
            signature_only = bool(fields_written) and fields_written <= SIGNATURE_FIELDS
            if state in LOCKED_STATES or (state == "penandatanganan" and not signature_only):
                raise UserError(
                    self.env._(
                        "Agreement %(name)s is being signed, signed or closed: its parties "
                        "change only through an amendment.",
                        name=party.agreement_id.display_name,
                    )
                )
