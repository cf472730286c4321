from odoo import api, fields, models
from odoo.exceptions import ValidationError

ACCOUNT_TYPES = [
    ("pendapatan", "Revenue (Pendapatan)"),
    ("belanja", "Expenditure (Belanja)"),
    ("pembiayaan", "Financing (Pembiayaan)"),
    ("kegiatan", "Activity Classification (Bidang/Sub Bidang/Kegiatan)"),
]


class KerjasamaAccountCode(models.Model):
    """Kode rekening of the APBDesa (Permendagri 20/2018, Lampiran): the account codes of
    pendapatan (4), belanja (5) and pembiayaan (6) down to rincian obyek, and the belanja
    classification bidang (01-05) > sub bidang (nn.nn) > kegiatan (nn.nn.nn). Shipped as data,
    extensible by the administrator (a new object adds two digits, e.g. 4.3.1.01)."""

    _name = "kerjasama.account.code"
    _description = "APBDesa Account Code"
    _parent_store = True
    _order = "account_type, code"
    _rec_names_search = ["code", "name"]

    code = fields.Char(required=True, index=True)
    name = fields.Char(required=True, translate=True, index="trigram")
    account_type = fields.Selection(ACCOUNT_TYPES, string="Type", required=True, index=True)
    parent_id = fields.Many2one(
        "kerjasama.account.code", string="Parent", index=True, ondelete="restrict"
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("kerjasama.account.code", "parent_id", string="Sub-codes")
    is_cooperation = fields.Boolean(
        string="Cooperation Related",
        help="Code used for cooperation income or spending (e.g. 4.3.1, 4.3.2, kegiatan 01.04.09).",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_type_unique", "UNIQUE(code, account_type)", "This account code already exists."),
    ]

    @api.depends("code", "name")
    def _compute_display_name(self):
        for rec in self:
            rec.display_name = f"{rec.code} {rec.name}" if rec.code else rec.name

    @api.constrains("code", "parent_id", "account_type")
    def _check_parent_prefix(self):
        for rec in self:
            parent = rec.parent_id
            if not parent:
                continue
            if parent.account_type != rec.account_type or not rec.code.startswith(
                parent.code + "."
            ):
                raise ValidationError(
                    self.env._(
                        "Account code %(code)s must start with the code of its parent "
                        "%(parent)s and be of the same type.",
                        code=rec.code,
                        parent=parent.code,
                    )
                )
