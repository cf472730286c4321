from odoo import api, fields, models
from odoo.exceptions import ValidationError

PARTY_TYPES = [
    ("desa", "Village (Desa)"),
    ("swasta", "Private Company (Swasta)"),
    ("ormas", "Community Organisation (Organisasi Kemasyarakatan)"),
    ("lembaga", "Other Institution (Lembaga Lainnya)"),
    ("bumdes", "BUM Desa"),
    ("bumdesma", "BUM Desa Bersama"),
]
THIRD_PARTY_TYPES = ("swasta", "ormas", "lembaga", "bumdes", "bumdesma")
# legal form of a pihak ketiga, as its deed of establishment names it
LEGAL_FORMS = [
    ("pt", "Limited Company (PT)"),
    ("cv", "Limited Partnership (CV)"),
    ("firma", "Partnership (Firma)"),
    ("koperasi", "Cooperative (Koperasi)"),
    ("yayasan", "Foundation (Yayasan)"),
    ("perkumpulan", "Association (Perkumpulan)"),
    ("ud", "Sole Proprietorship (UD)"),
    ("bumdes", "BUM Desa"),
    ("bumdesma", "BUM Desa Bersama"),
    ("lainnya", "Other"),
]


class ResPartner(models.Model):
    """Parties of a kerja sama desa (Permendagri 96/2017 Pasal 3 and 5).

    A desa is a party through its own partner record (kepala desa, address, BPD chair,
    BUM Desa), linked to its desa region; a kelurahan is not a desa and never a party.
    Pihak ketiga are typed swasta, organisasi kemasyarakatan or lembaga lainnya, with
    BUM Desa and BUM Desa Bersama as their own kinds; their legal identity (legal form, deed of
    establishment, NIB) is printed in the Perjanjian Bersama.
    """

    _inherit = "res.partner"

    kerjasama_party_type = fields.Selection(
        PARTY_TYPES, string="Cooperation Party Type", index=True
    )
    kerjasama_is_third_party = fields.Boolean(
        string="Third Party (Pihak Ketiga)",
        compute="_compute_kerjasama_is_third_party",
        search="_search_kerjasama_is_third_party",
    )
    kerjasama_region_id = fields.Many2one(
        "kerjasama.region",
        string="Region",
        index="btree_not_null",
        ondelete="restrict",
        help="For a village party: its desa. For a third party: where it is based.",
    )
    kepala_desa_name = fields.Char(string="Village Head (Kepala Desa)")
    bpd_chair_name = fields.Char(string="BPD Chair")
    kerjasama_legal_form = fields.Selection(LEGAL_FORMS, string="Legal Form")
    kerjasama_deed_number = fields.Char(
        string="Deed of Establishment No.",
        help="Number of the akta pendirian (or the Peraturan Desa establishing a BUM Desa).",
    )
    kerjasama_deed_date = fields.Date(string="Deed Date")
    kerjasama_deed_notary = fields.Char(string="Notary")
    kerjasama_nib = fields.Char(
        string="NIB", help="Nomor Induk Berusaha (business identification number, OSS)."
    )
    bumdes_partner_id = fields.Many2one(
        "res.partner",
        string="BUM Desa",
        domain=[("kerjasama_party_type", "=", "bumdes")],
    )

    @api.depends("kerjasama_party_type")
    def _compute_kerjasama_is_third_party(self):
        for partner in self:
            partner.kerjasama_is_third_party = partner.kerjasama_party_type in THIRD_PARTY_TYPES

    def _search_kerjasama_is_third_party(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(self.env._("Unsupported search on third party."))
        positive = (operator == "=") == value
        return [("kerjasama_party_type", "in" if positive else "not in", THIRD_PARTY_TYPES)]

    @api.constrains("kerjasama_party_type", "kerjasama_region_id")
    def _check_kerjasama_desa_region(self):
        desa_partners = self.filtered(lambda p: p.kerjasama_party_type == "desa")
        for partner in desa_partners:
            region = partner.kerjasama_region_id
            if not region:
                raise ValidationError(
                    self.env._(
                        "%(partner)s is typed as a village (desa) party: choose its desa "
                        "region.",
                        partner=partner.display_name,
                    )
                )
            if region.level != "desa":
                raise ValidationError(
                    self.env._(
                        "%(region)s is not a village: a village (desa) party must be linked to "
                        "the region of its desa.",
                        region=region.display_name,
                    )
                )
            if region.village_type == "kelurahan":
                raise ValidationError(
                    self.env._(
                        "%(region)s is a kelurahan, not a desa: a kelurahan cannot be a party "
                        "to a kerja sama desa.",
                        region=region.display_name,
                    )
                )
        first_by_region = {}
        for partner in desa_partners:
            first = first_by_region.setdefault(partner.kerjasama_region_id, partner)
            if first != partner:
                self._raise_desa_taken(first)
        if desa_partners:
            taken = self.sudo().search(
                [
                    ("kerjasama_party_type", "=", "desa"),
                    (
                        "kerjasama_region_id",
                        "in",
                        desa_partners.kerjasama_region_id.ids,
                    ),
                    ("id", "not in", desa_partners.ids),
                ],
                limit=1,
            )
            if taken:
                self._raise_desa_taken(taken)

    def _raise_desa_taken(self, taken):
        raise ValidationError(
            self.env._(
                "Desa %(region)s already has its party record %(partner)s.",
                region=taken.kerjasama_region_id.display_name,
                partner=taken.display_name,
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        partners._link_kerjasama_desa_region()
        return partners

    def write(self, vals):
        res = super().write(vals)
        if "kerjasama_party_type" in vals or "kerjasama_region_id" in vals:
            self._link_kerjasama_desa_region()
        return res

    def _link_kerjasama_desa_region(self):
        """Make each desa party the village partner of its region when it has none yet.

        The link is technical reference data kept as superuser: a village officer who
        records his desa's partner does not need write access to the region list.
        """
        for partner in self.filtered(lambda p: p.kerjasama_party_type == "desa"):
            region = partner.kerjasama_region_id.sudo()
            if region and not region.partner_id:
                region.partner_id = partner
