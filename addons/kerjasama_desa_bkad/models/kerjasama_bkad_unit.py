from odoo import api, fields, models


class KerjasamaBkadUnit(models.Model):
    """Unit kerja / pelaksana under a BKAD, such as the unit that manages a BUM Desa Bersama or a
    joint service unit (domain: BKAD tasks, run the work programme)."""

    _name = "kerjasama.bkad.unit"
    _description = "BKAD Unit"
    _inherit = ["mail.thread"]
    _order = "bkad_id, sequence, name"

    name = fields.Char(required=True, tracking=True, index="trigram")
    sequence = fields.Integer(default=10)
    bkad_id = fields.Many2one(
        "kerjasama.bkad", string="BKAD", required=True, index=True, ondelete="cascade"
    )
    unit_type = fields.Selection(
        [
            ("bumdesma", "BUM Desa Bersama Unit"),
            ("layanan", "Joint Service Unit"),
            ("lainnya", "Other Unit"),
        ],
        string="Unit Type",
        required=True,
        default="layanan",
        tracking=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Managed Entity",
        index="btree_not_null",
        help="Legal entity the unit runs, for example the BUM Desa Bersama.",
    )
    pengurus_ids = fields.One2many("kerjasama.bkad.pengurus", "unit_id", string="Heads (History)")
    head_id = fields.Many2one(
        "kerjasama.bkad.pengurus",
        string="Current Head",
        compute="_compute_head_id",
        help="Official currently holding the unit-head role for this unit.",
    )
    agreement_ids = fields.Many2many(
        "kerjasama.agreement",
        "kerjasama_bkad_unit_agreement_rel",
        "unit_id",
        "agreement_id",
        string="Agreements Carried Out",
        domain="[('bkad_id', '=', bkad_id)]",
    )
    program_activity_ids = fields.One2many(
        "kerjasama.bkad.program.activity", "unit_id", string="Programme Activities"
    )
    description = fields.Text()
    active = fields.Boolean(default=True)

    @api.depends("pengurus_ids.is_current", "pengurus_ids.role_id.requires_unit")
    def _compute_head_id(self):
        for unit in self:
            unit.head_id = unit.pengurus_ids.filtered(
                lambda p: p.is_current and p.role_id.requires_unit
            )[:1]
