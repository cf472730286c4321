from odoo import api, fields, models


class KerjasamaBkad(models.Model):
    """Badan Kerja Sama Antar-Desa: formed by the member desa in a MAD and set in a Peraturan
    Bersama (UU 6/2014 Pasal 92; Permendagri 96/2017). Day-to-day operations live in
    ``kerjasama_desa_bkad``."""

    _name = "kerjasama.bkad"
    _description = "Inter-Village Cooperation Body (BKAD)"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "name"

    name = fields.Char(required=True, tracking=True, index="trigram")
    member_region_ids = fields.Many2many(
        "kerjasama.region",
        "kerjasama_bkad_region_rel",
        "bkad_id",
        "region_id",
        string="Member Villages",
        domain=[("level", "=", "desa"), ("village_type", "!=", "kelurahan")],
    )
    kecamatan_ids = fields.Many2many(
        "kerjasama.region",
        "kerjasama_bkad_kecamatan_rel",
        "bkad_id",
        "region_id",
        string="Kecamatan",
        compute="_compute_kecamatan_ids",
        store=True,
    )
    peraturan_bersama_number = fields.Char(
        string="Founding Peraturan Bersama Number", tracking=True
    )
    peraturan_bersama_date = fields.Date(string="Founding Peraturan Bersama Date")
    agreement_ids = fields.One2many("kerjasama.agreement", "bkad_id", string="Agreements")
    state = fields.Selection(
        [("draft", "Draft"), ("active", "Active"), ("inactive", "Inactive")],
        default="draft",
        required=True,
        tracking=True,
        index=True,
    )
    active = fields.Boolean(default=True)

    @api.depends("member_region_ids.kecamatan_id")
    def _compute_kecamatan_ids(self):
        for bkad in self:
            bkad.kecamatan_ids = bkad.member_region_ids.kecamatan_id
