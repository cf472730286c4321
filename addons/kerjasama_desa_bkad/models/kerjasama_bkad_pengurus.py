import logging

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Date
from odoo.osv import expression

from odoo.addons.kerjasama_desa.tools.formatting import format_date_id

_logger = logging.getLogger(__name__)

# The seat a term holds: a change of role, unit or village is a new term, not an edit of a term
# that has started (history is kept).
SEAT_FIELDS = {"bkad_id", "role_id", "unit_id", "region_id", "date_start"}


class KerjasamaBkadPengurus(models.Model):
    """Official (pengurus) of a BKAD: a delegate of a member desa (Pemerintah Desa, BPD,
    lembaga kemasyarakatan, tokoh masyarakat) holding a role for a term set by a decree (SK).
    Terms are kept as history; a single-seat role has one holder at a time (domain: BKAD).

    A term has no stages of its own: it is planned, then in office from its start, then ended
    (``action_end_term``). The staff of the BKAD record it; once it has started its seat is fixed
    and it is never deleted. The MAD decision that appointed or changed the official
    (``decision_id``) is set when that decision is carried out, and only to a decision of a
    closed meeting of the same BKAD that names this official."""

    _name = "kerjasama.bkad.pengurus"
    _description = "BKAD Official"
    _inherit = ["mail.thread", "kerjasama.bkad.base.mixin"]
    _order = "bkad_id, role_sequence, date_start desc, id desc"

    name = fields.Char(string="Official Name", required=True, tracking=True, index="trigram")
    bkad_id = fields.Many2one(
        "kerjasama.bkad", string="BKAD", required=True, index=True, ondelete="cascade"
    )
    role_id = fields.Many2one(
        "kerjasama.bkad.role",
        string="Role",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    role_sequence = fields.Integer(related="role_id.sequence", store=True)
    single_seat = fields.Boolean(related="role_id.single_seat", store=True)
    role_requires_unit = fields.Boolean(related="role_id.requires_unit")
    unit_id = fields.Many2one(
        "kerjasama.bkad.unit",
        string="Unit",
        index="btree_not_null",
        ondelete="restrict",
        domain="[('bkad_id', '=', bkad_id)]",
    )
    region_id = fields.Many2one(
        "kerjasama.region",
        string="Village of Origin",
        required=True,
        index=True,
        domain="[('id', 'in', member_region_ids)]",
        help="Member village that delegated the official.",
    )
    member_region_ids = fields.Many2many(related="bkad_id.member_region_ids")
    delegate_origin = fields.Selection(
        [
            ("pemerintah_desa", "Village Government"),
            ("bpd", "Village Council (BPD)"),
            ("lembaga", "Village Community Institution"),
            ("tokoh", "Community Figure"),
        ],
        string="Delegated From",
    )
    gender = fields.Selection([("male", "Male"), ("female", "Female")])
    partner_id = fields.Many2one("res.partner", string="Contact", index="btree_not_null")
    date_start = fields.Date(string="Term Start", required=True, tracking=True, index=True)
    date_end = fields.Date(string="Term End", tracking=True, index=True)
    sk_number = fields.Char(string="Decree (SK) Number", tracking=True)
    sk_date = fields.Date(string="Decree (SK) Date")
    decision_id = fields.Many2one(
        "kerjasama.bkad.mad.decision",
        string="MAD Decision",
        index="btree_not_null",
        readonly=True,
        help="Decision of the Musyawarah Antar Desa that appointed or changed this official.",
    )
    is_current = fields.Boolean(
        string="In Office", compute="_compute_is_current", search="_search_is_current"
    )
    note = fields.Text(string="Notes")

    _sql_constraints = [
        (
            "term_dates",
            "CHECK(date_end IS NULL OR date_end >= date_start)",
            "The term of an official cannot end before it starts.",
        ),
        (
            "single_seat_excl",
            "EXCLUDE USING gist (bkad_id WITH =, role_id WITH =, (COALESCE(unit_id, 0)) WITH =, "
            "daterange(date_start, date_end, '[]') WITH &&) WHERE (single_seat) "
            "DEFERRABLE INITIALLY DEFERRED",
            "A single-seat role of a BKAD can have only one holder at a time.",
        ),
    ]

    def _auto_init(self):
        # The exclusion constraint over a daterange needs btree_gist for the equality parts.
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        except Exception:
            _logger.warning("btree_gist unavailable: the BKAD single-seat exclusion is not added.")
        return super()._auto_init()

    @api.depends("date_start", "date_end")
    def _compute_is_current(self):
        today = Date.context_today(self)
        for official in self:
            official.is_current = bool(
                official.date_start
                and official.date_start <= today
                and (not official.date_end or official.date_end >= today)
            )

    def _search_is_current(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(self.env._("Unsupported search on the In Office field."))
        today = Date.context_today(self)
        domain = [
            ("date_start", "<=", today),
            "|",
            ("date_end", "=", False),
            ("date_end", ">=", today),
        ]
        if (operator == "=") != bool(value):
            domain = ["!", *expression.normalize_domain(domain)]
        return domain

    @api.depends("name", "role_id")
    def _compute_display_name(self):
        for official in self:
            official.display_name = (
                f"{official.name} ({official.role_id.name})" if official.role_id else official.name
            )

    @api.constrains("region_id", "bkad_id")
    def _check_region_member(self):
        self._check_member_village()

    @api.constrains("role_id", "unit_id", "bkad_id")
    def _check_unit(self):
        for official in self:
            if official.role_id.requires_unit and not official.unit_id:
                raise ValidationError(
                    self.env._(
                        "The role %(role)s of %(name)s heads a unit: choose the unit.",
                        role=official.role_id.name,
                        name=official.name,
                    )
                )
        self._check_same_bkad("unit_id")

    @api.constrains("role_id", "unit_id", "bkad_id", "date_start", "date_end")
    def _check_single_seat(self):
        officials = self.filtered("single_seat")
        if not officials:
            return
        others = self.search(
            [
                ("bkad_id", "in", officials.bkad_id.ids),
                ("role_id", "in", officials.role_id.ids),
                ("single_seat", "=", True),
            ]
        )
        for official in officials:
            for other in others:
                if (
                    other == official
                    or other.bkad_id != official.bkad_id
                    or other.role_id != official.role_id
                    or other.unit_id != official.unit_id
                ):
                    continue
                if official._overlaps(other):
                    raise ValidationError(
                        self.env._(
                            "The role %(role)s of %(bkad)s is already held by %(other)s from "
                            "%(start)s: end that term before %(name)s takes office.",
                            role=official.role_id.name,
                            bkad=official.bkad_id.name,
                            other=other.name,
                            start=format_date_id(other.date_start),
                            name=official.name,
                        )
                    )

    def _overlaps(self, other):
        self.ensure_one()
        self_end = self.date_end or Date.to_date("9999-12-31")
        other_end = other.date_end or Date.to_date("9999-12-31")
        return self.date_start <= other_end and other.date_start <= self_end

    # ------------------------------------------------------------------ guard
    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("decision_id") for vals in vals_list):
            raise UserError(
                self.env._(
                    "The MAD decision of an official is set when that decision is carried out, "
                    "not when the official is recorded."
                )
            )
        officials = super().create(vals_list)
        officials._bkad_check_operator(self.env._("record an official"))
        return officials

    def write(self, vals):
        self._bkad_check_operator(self.env._("change an official"))
        if "decision_id" in vals:
            self._check_decision(vals["decision_id"])
        today = Date.context_today(self)
        seat = SEAT_FIELDS & set(vals)
        if seat:
            for official in self.filtered(lambda p: p.date_start and p.date_start <= today):
                changed = {
                    f
                    for f in seat
                    if official._fields[f].convert_to_cache(vals[f], official)
                    != official._fields[f].convert_to_cache(official[f], official)
                }
                if changed:
                    raise UserError(
                        self.env._(
                            "The term of %(name)s has started: its %(fields)s stay as they are; "
                            "end the term and record a new one for another seat.",
                            name=official.name,
                            fields=", ".join(
                                sorted(
                                    self._fields[f]._description_string(self.env) for f in changed
                                )
                            ),
                        )
                    )
        return super().write(vals)

    def _check_decision(self, decision_id):
        """``decision_id`` is a decision changing officials, of a closed meeting of the same
        BKAD, that names every official of ``self``."""
        decision = self.env["kerjasama.bkad.mad.decision"].sudo().browse(decision_id)
        for official in self:
            if not decision or not (
                decision.decision_type == "pengurus"
                and decision.mad_id.state == "closed"
                and decision.bkad_id == official.bkad_id
                and official in decision.pengurus_ids
            ):
                raise UserError(
                    self.env._(
                        "The MAD decision of %(name)s is set only by carrying out a decision "
                        "of a closed Musyawarah Antar Desa of its BKAD that names this official.",
                        name=official.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started(self):
        today = Date.context_today(self)
        started = self.filtered(lambda p: p.date_start and p.date_start <= today)
        if started:
            raise UserError(
                self.env._(
                    "The term of %(names)s has started: history is kept. Set the term end date "
                    "instead of deleting.",
                    names=", ".join(started.mapped("name")),
                )
            )

    def action_end_term(self):
        """End the term of the selected officials today (history is kept)."""
        self._bkad_check_operator(self.env._("end the term of an official"))
        today = Date.context_today(self)
        for official in self:
            if official.date_end and official.date_end <= today:
                continue
            official.date_end = max(today, official.date_start)
        return True
