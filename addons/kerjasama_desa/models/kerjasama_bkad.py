from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.translate import LazyTranslate

from .kerjasama_lifecycle_mixin import Transition

_lt = LazyTranslate(__name__)

# The BKAD is formed by its member desa (MAD, Peraturan Bersama); the DPMD of the kabupaten
# registers it and keeps its founding data.
REGISTRARS = ("dpmd",)
TRANSITIONS = {
    "action_activate": Transition(
        ("draft",), "active", REGISTRARS, "_missing_activate", _lt("activate the BKAD")
    ),
    "action_deactivate": Transition(
        ("active",), "inactive", REGISTRARS, "_missing_deactivate", _lt("deactivate the BKAD")
    ),
    "action_reactivate": Transition(
        ("inactive",), "active", REGISTRARS, "_missing_activate", _lt("reactivate the BKAD")
    ),
}
# Founding document: fixed once the BKAD is active.
FOUNDING_FIELDS = {"peraturan_bersama_number", "peraturan_bersama_date"}
# Bookkeeping of the chatter, written by the server on any record a user reads.
FREE_FIELDS = {"message_main_attachment_id"}
# Agreements a BKAD still carries out (it cannot be deactivated meanwhile).
RUNNING_AGREEMENT_STATES = ("evaluasi", "berjalan")


class KerjasamaBkad(models.Model):
    """Badan Kerja Sama Antar-Desa: formed by the member desa in a MAD and set in a Peraturan
    Bersama (UU 6/2014 Pasal 92; Permendagri 96/2017). Day-to-day operations live in
    ``kerjasama_desa_bkad``.

    Registered by the DPMD of the kabupaten of its member desa; its stages (draft, active,
    inactive) are the table ``TRANSITIONS``. The BKAD of an agreement has every party desa
    among its members, so a member desa is not removed while an agreement of the BKAD has it
    as a party."""

    _name = "kerjasama.bkad"
    _description = "Inter-Village Cooperation Body (BKAD)"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "kerjasama.lifecycle.mixin",
        "kerjasama.region.scope.mixin",
    ]
    _kerjasama_scope_path = "member_region_ids"
    _kerjasama_scope_drafts = False
    _order = "name"
    _lifecycle_initial_state = "draft"
    _lifecycle_server_fields = ("state", "kecamatan_ids")
    _lifecycle_transitions = TRANSITIONS

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
        readonly=True,
    )
    active = fields.Boolean(default=True)

    @api.depends("member_region_ids.kecamatan_id")
    def _compute_kecamatan_ids(self):
        for bkad in self:
            bkad.kecamatan_ids = bkad.member_region_ids.kecamatan_id

    @api.constrains("member_region_ids")
    def _check_members_keep_agreements(self):
        """Every party desa of an agreement the BKAD has not finished with stays a member."""
        for bkad in self:
            agreements = bkad.sudo().agreement_ids.filtered(
                lambda a: a.state not in ("berakhir", "dibatalkan")
            )
            for agreement in agreements:
                outside = agreement.region_ids - bkad.member_region_ids
                if outside:
                    raise ValidationError(
                        self.env._(
                            "BKAD %(bkad)s carries out agreement %(agreement)s: %(desa)s, a "
                            "party to it, stays a member village.",
                            bkad=bkad.display_name,
                            agreement=agreement.display_name,
                            desa=", ".join(outside.mapped("name")),
                        )
                    )

    @api.constrains("member_region_ids")
    def _check_members_one_kabupaten(self):
        for bkad in self:
            if len(bkad.member_region_ids.kabupaten_id) > 1:
                raise ValidationError(
                    self.env._(
                        "BKAD %(bkad)s: its member villages lie in different regencies "
                        "(%(kabupaten)s); a BKAD joins desa of one kabupaten.",
                        bkad=bkad.display_name,
                        kabupaten=", ".join(bkad.member_region_ids.kabupaten_id.mapped("name")),
                    )
                )

    # ------------------------------------------------------------------ roles
    def _kerjasama_regions(self):
        return self.member_region_ids

    def _bkad_is_own_draft(self):
        """A BKAD without members yet is its author's (no desa to check the region on)."""
        self.ensure_one()
        return not self.member_region_ids and self.create_uid == self.env.user

    def _bkad_check_registrar(self, action):
        for bkad in self:
            if not bkad._bkad_is_own_draft():
                bkad._kerjasama_check_role(REGISTRARS, action)

    # ------------------------------------------------------------------ CRUD and guard
    @api.model_create_multi
    def create(self, vals_list):
        bkads = super().create(vals_list)
        bkads._bkad_check_registrar(self.env._("register it"))
        return bkads

    def _lifecycle_check_write(self, vals):
        super()._lifecycle_check_write(vals)
        keys = set(vals) - FREE_FIELDS
        if not keys:
            return
        for bkad in self:
            if keys & FOUNDING_FIELDS and bkad.state != "draft":
                raise UserError(
                    self.env._(
                        "BKAD %(bkad)s is active: its founding Peraturan Bersama is fixed.",
                        bkad=bkad.display_name,
                    )
                )
            bkad._bkad_check_content(keys)

    def _bkad_check_content(self, field_names):
        """Hook: who may change ``field_names`` (the DPMD keeps the founding data; the BKAD
        addon lets its staff set their operating rules)."""
        self._bkad_check_registrar(self.env._("change its founding data"))

    # ------------------------------------------------------------------ lifecycle
    def _missing_activate(self):
        missing = []
        if len(self.member_region_ids) < 2:
            missing.append(self.env._("at least two member villages"))
        if not self.peraturan_bersama_number or not self.peraturan_bersama_date:
            missing.append(self.env._("the number and date of the founding Peraturan Bersama"))
        return missing

    def _missing_deactivate(self):
        running = self.sudo().agreement_ids.filtered(lambda a: a.state in RUNNING_AGREEMENT_STATES)
        if not running:
            return []
        return [
            self.env._(
                "the end of the agreements it carries out (%(agreements)s)",
                agreements=", ".join(running.mapped("display_name")),
            )
        ]

    def action_activate(self):
        return self._lifecycle_run("action_activate")

    def action_deactivate(self):
        return self._lifecycle_run("action_deactivate")

    def action_reactivate(self):
        return self._lifecycle_run("action_reactivate")

    def _lifecycle_write(self, vals):
        """A step checked for stage and role is written as the server."""
        self.check_access("read")
        return super(KerjasamaBkad, self.sudo())._lifecycle_write(vals)
