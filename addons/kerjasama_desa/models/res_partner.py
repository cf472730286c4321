from odoo import fields, models

PARTY_TYPES = [
    ("desa", "Village (Desa)"),
    ("swasta", "Private Company (Swasta)"),
    ("ormas", "Community Organisation (Organisasi Kemasyarakatan)"),
    ("lembaga", "Other Institution (Lembaga Lainnya)"),
    ("bumdes", "BUM Desa"),
    ("bumdesma", "BUM Desa Bersama"),
]


class ResPartner(models.Model):
    """Parties of a kerja sama desa: the desa itself, or a pihak ketiga (Permendagri 96/2017 Pasal 3)."""

    _inherit = "res.partner"

    kerjasama_party_type = fields.Selection(PARTY_TYPES, string="Cooperation Party Type", index=True)
    kerjasama_region_id = fields.Many2one(
        "kerjasama.region", string="Region", index="btree_not_null", ondelete="restrict"
    )
    kepala_desa_name = fields.Char(string="Village Head (Kepala Desa)")
    bpd_chair_name = fields.Char(string="BPD Chair")
    bumdes_partner_id = fields.Many2one(
        "res.partner", string="BUM Desa", domain=[("kerjasama_party_type", "=", "bumdes")]
    )
