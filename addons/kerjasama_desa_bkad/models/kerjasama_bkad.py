from odoo import api, fields, models

from odoo.addons.kerjasama_desa.tools.numbering import next_number

# What the BKAD staff may change on the BKAD record itself; the founding data (members,
# Peraturan Bersama, staff assignment) stays with the DPMD.
STAFF_WRITABLE_FIELDS = {"mad_quorum_percent"}

COUNTED = {
    "pengurus_count": ("kerjasama.bkad.pengurus", "pengurus_ids"),
    "unit_count": ("kerjasama.bkad.unit", "unit_ids"),
    "mad_count": ("kerjasama.mad", "mad_ids"),
    "program_count": ("kerjasama.bkad.program", "program_ids"),
    "contribution_count": ("kerjasama.bkad.contribution", "contribution_ids"),
    "ledger_count": ("kerjasama.bkad.ledger", "ledger_ids"),
    "report_count": ("kerjasama.bkad.accountability.report", "report_ids"),
}


class KerjasamaBkad(models.Model):
    """Day-to-day operation of a BKAD: its staff, officials, units, Musyawarah Antar Desa, work
    programmes, finance and accountability reports (domain: BKAD tasks)."""

    _inherit = "kerjasama.bkad"

    user_ids = fields.Many2many(
        "res.users",
        "kerjasama_bkad_staff_users_rel",
        "bkad_id",
        "user_id",
        string="BKAD Staff",
        help="Users of the BKAD staff group who run this BKAD: they see and edit only the BKADs "
        "they are assigned to.",
    )
    mad_quorum_percent = fields.Float(
        string="MAD Quorum (%)",
        default=50.0,
        tracking=True,
        help="Share of the invited member villages that must be present for a Musyawarah Antar "
        "Desa to decide.",
    )
    pengurus_ids = fields.One2many("kerjasama.bkad.pengurus", "bkad_id", string="Officials")
    unit_ids = fields.One2many("kerjasama.bkad.unit", "bkad_id", string="Units")
    mad_ids = fields.One2many("kerjasama.mad", "bkad_id", string="Deliberations (MAD)")
    program_ids = fields.One2many("kerjasama.bkad.program", "bkad_id", string="Work Programmes")
    contribution_ids = fields.One2many(
        "kerjasama.bkad.contribution", "bkad_id", string="Contributions"
    )
    ledger_ids = fields.One2many("kerjasama.bkad.ledger", "bkad_id", string="Ledger")
    report_ids = fields.One2many(
        "kerjasama.bkad.accountability.report", "bkad_id", string="Accountability Reports"
    )
    pengurus_count = fields.Integer(compute="_compute_counts")
    unit_count = fields.Integer(compute="_compute_counts")
    mad_count = fields.Integer(compute="_compute_counts")
    program_count = fields.Integer(compute="_compute_counts")
    contribution_count = fields.Integer(compute="_compute_counts")
    ledger_count = fields.Integer(compute="_compute_counts")
    report_count = fields.Integer(compute="_compute_counts")
    currency_id = fields.Many2one("res.currency", compute="_compute_currency_id")
    ledger_balance = fields.Monetary(
        string="Cash Balance",
        compute="_compute_ledger_balance",
        help="Sum of the posted ledger entries.",
    )

    _sql_constraints = [
        (
            "mad_quorum_percent_range",
            "CHECK(mad_quorum_percent > 0 AND mad_quorum_percent <= 100)",
            "The MAD quorum is a percentage above 0 and at most 100.",
        ),
    ]

    def _kerjasama_bkads(self):
        return self

    def _bkad_check_content(self, field_names):
        """The staff of the BKAD set its operating rules (the MAD quorum); the rest stays with
        the DPMD."""
        if field_names <= STAFF_WRITABLE_FIELDS:
            for bkad in self:
                bkad._kerjasama_check_role(
                    ("bkad", "dpmd"), self.env._("change the operating rules of the BKAD")
                )
            return
        super()._bkad_check_content(field_names)

    def _compute_counts(self):
        for count_field, (model, _o2m) in COUNTED.items():
            counts = dict(
                self.env[model]._read_group([("bkad_id", "in", self.ids)], ["bkad_id"], ["__count"])
            )
            for bkad in self:
                bkad[count_field] = counts.get(bkad, 0)

    def _compute_currency_id(self):
        self.currency_id = self.env.company.currency_id

    def _get_ledger_balance(self):
        """Cash balance per BKAD (record keys) from the posted ledger entries."""
        return self.env["kerjasama.bkad.ledger"]._posted_totals("bkad_id", self)

    @api.depends("ledger_ids.state", "ledger_ids.amount_signed")
    def _compute_ledger_balance(self):
        balances = self._get_ledger_balance()
        for bkad in self:
            bkad.ledger_balance = balances.get(bkad, 0.0)

    def _bkad_kabupaten(self):
        """The kabupaten whose register numbers the BKAD's documents (that of its member
        desa, all in one kabupaten)."""
        self.ensure_one()
        return self.sudo().member_region_ids.kabupaten_id[:1]

    def _next_document_number(self, prefix_code, date=None):
        """Next number of a BKAD document in the suite register of the kabupaten of its
        member desa, e.g. ``BA-MAD/32.05/2025/0001``. The BKAD's own documents with a lifecycle
        (ledger entries, accountability reports) number through ``kerjasama.numbering.mixin``
        on the same register (``_bkad_kabupaten``)."""
        self.ensure_one()
        return next_number(self.env, prefix_code, self._bkad_kabupaten(), date=date)

    def _action_open(self, model, name):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "list,form",
            "domain": [("bkad_id", "=", self.id)],
            "context": {"default_bkad_id": self.id},
        }

    def action_open_pengurus(self):
        return self._action_open("kerjasama.bkad.pengurus", self.env._("Officials"))

    def action_open_units(self):
        return self._action_open("kerjasama.bkad.unit", self.env._("Units"))

    def action_open_mad(self):
        return self._action_open("kerjasama.mad", self.env._("Deliberations (MAD)"))

    def action_open_programs(self):
        return self._action_open("kerjasama.bkad.program", self.env._("Work Programmes"))

    def action_open_contributions(self):
        return self._action_open("kerjasama.bkad.contribution", self.env._("Contributions"))

    def action_open_ledger(self):
        return self._action_open("kerjasama.bkad.ledger", self.env._("Ledger"))

    def action_open_reports(self):
        return self._action_open(
            "kerjasama.bkad.accountability.report", self.env._("Accountability Reports")
        )
