from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools.numbering import next_number

AGREEMENT_STATES = [
    ("persiapan", "Preparation"),
    ("penawaran", "Offer"),
    ("musyawarah", "Village Deliberation"),
    ("penyusunan", "Drafting"),
    ("penandatanganan", "Signing"),
    ("evaluasi", "Regency Evaluation"),
    ("berjalan", "Running"),
    ("berakhir", "Ended"),
    ("dibatalkan", "Cancelled"),
]
# States after the signature: the record is a legal document, never deleted, content locked.
SIGNED_STATES = ("evaluasi", "berjalan", "berakhir")
FINAL_STATES = ("berakhir", "dibatalkan")
# Content of the legal document (Pasal 6): changed after signing only through an amendment
# (context key ``kerjasama_amendment`` or ``kerjasama_amendment_apply``).
CONTENT_FIELDS = {
    "title",
    "kind",
    "initiative",
    "bidang_id",
    "sub_bidang_id",
    "kewenangan",
    "scope",
    "objective",
    "implementation_terms",
    "dispute_clause",
    "amendment_clause",
    "termination_clause",
    "legal_basis",
    "date_start",
    "date_end",
    "party_ids",
    "funding_ids",
    "bkad_id",
    "document_number",
    "signing_date",
    "signed_document",
}
EVALUATION_FIELDS = {"evaluation_date", "evaluation_result", "evaluation_note"}
ENDING_SOON_DAYS = 90
NUMBER_PREFIX = "KSD"

KEWENANGAN = [
    ("asal_usul", "Right of Origin (Hak Asal Usul)"),
    ("lokal", "Local Village-scale Authority"),
    ("penugasan", "Assigned by Central/Provincial/Regency Government"),
    ("lainnya", "Other Assigned Authority"),
]

GROUP_PERANGKAT = "kerjasama_desa.kerjasama_desa_group_perangkat_desa"
GROUP_KEPALA_DESA = "kerjasama_desa.kerjasama_desa_group_kepala_desa"
GROUP_BPD = "kerjasama_desa.kerjasama_desa_group_bpd"
GROUP_DPMD = "kerjasama_desa.kerjasama_desa_group_dpmd"
GROUP_ADMIN = "kerjasama_desa.kerjasama_desa_group_admin"


class KerjasamaAgreement(models.Model):
    """A kerja sama desa (Permendagri 96/2017): antar-Desa under a Peraturan Bersama Kepala Desa,
    or with a pihak ketiga under a Perjanjian Bersama, with the content of Pasal 6 and the
    stages of Pasal 13-15 (persiapan, penawaran, musyawarah desa, penyusunan, penandatanganan),
    the evaluation and clarification by the kabupaten, its run and its end.

    The register number (``name``, ``KSD/PP.KK/YYYY/NNNN``) is given as soon as the agreement
    knows its kabupaten, i.e. at creation when it is created with its desa parties (the usual
    case), otherwise at the first save that adds one.
    """

    _name = "kerjasama.agreement"
    _description = "Village Cooperation Agreement"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _mail_post_access = "read"

    name = fields.Char(
        string="Number", required=True, copy=False, readonly=True, default="/", index="trigram"
    )
    title = fields.Char(required=True, tracking=True, index="trigram")
    kind = fields.Selection(
        [("antar_desa", "Between Villages (Antar-Desa)"), ("pihak_ketiga", "With a Third Party")],
        required=True,
        default="antar_desa",
        tracking=True,
        index=True,
    )
    initiative = fields.Selection(
        [
            ("desa", "Village Initiative (Prakarsa Desa)"),
            ("pihak_ketiga", "Third-Party Initiative"),
        ],
        required=True,
        default="desa",
        tracking=True,
    )
    instrument = fields.Selection(
        [
            ("peraturan_bersama", "Peraturan Bersama Kepala Desa"),
            ("perjanjian_bersama", "Perjanjian Bersama"),
        ],
        compute="_compute_instrument",
        store=True,
        string="Legal Instrument",
    )
    state = fields.Selection(
        AGREEMENT_STATES,
        default="persiapan",
        required=True,
        tracking=True,
        index=True,
        copy=False,
        group_expand=True,
    )
    bidang_id = fields.Many2one(
        "kerjasama.bidang",
        string="Bidang",
        domain=[("parent_id", "=", False)],
        index=True,
        tracking=True,
    )
    sub_bidang_id = fields.Many2one(
        "kerjasama.bidang",
        string="Sub-bidang",
        domain="[('parent_id', '=', bidang_id)]",
        index="btree_not_null",
    )
    kewenangan = fields.Selection(KEWENANGAN, string="Village Authority (Kewenangan)")
    scope = fields.Text(string="Scope (Ruang Lingkup)")
    objective = fields.Text(string="Objectives")
    implementation_terms = fields.Text(string="Implementation Procedure and Terms")
    dispute_clause = fields.Text(string="Dispute Settlement Clause")
    amendment_clause = fields.Text(string="Amendment, Suspension and Cancellation Clause")
    termination_clause = fields.Text()
    legal_basis = fields.Text()
    date_start = fields.Date(string="Start Date", tracking=True, index=True)
    date_end = fields.Date(string="End Date", tracking=True, index=True)
    duration_months = fields.Integer(
        string="Duration (Months)",
        compute="_compute_duration_months",
        help="Term of the cooperation (jangka waktu), in whole months.",
    )
    party_ids = fields.One2many("kerjasama.agreement.party", "agreement_id", string="Parties")
    funding_ids = fields.One2many("kerjasama.agreement.funding", "agreement_id", string="Financing")
    region_ids = fields.Many2many(
        "kerjasama.region",
        "kerjasama_agreement_region_rel",
        "agreement_id",
        "region_id",
        string="Villages",
        compute="_compute_regions",
        store=True,
        help="Villages (desa) that are party to the agreement: the basis of region-scoped access.",
    )
    kecamatan_ids = fields.Many2many(
        "kerjasama.region",
        "kerjasama_agreement_kecamatan_rel",
        "agreement_id",
        "region_id",
        string="Kecamatan",
        compute="_compute_regions",
        store=True,
    )
    kabupaten_id = fields.Many2one(
        "kerjasama.region",
        string="Regency/City",
        compute="_compute_regions",
        store=True,
        index=True,
    )
    is_cross_kecamatan = fields.Boolean(
        string="Across Kecamatan", compute="_compute_regions", store=True
    )
    coverage = fields.Selection(
        [("one_kecamatan", "Within One Kecamatan"), ("cross_kecamatan", "Across Kecamatan")],
        compute="_compute_regions",
        store=True,
        help="Whether the villages lie in one kecamatan (the camat facilitates disputes) or "
        "across kecamatan of the regency (the bupati/walikota facilitates).",
    )
    bkad_id = fields.Many2one(
        "kerjasama.bkad", string="BKAD", index="btree_not_null", tracking=True
    )
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.company, required=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount_total = fields.Monetary(
        string="Total Value",
        compute="_compute_amount_total",
        store=True,
        aggregator="sum",
        currency_field="currency_id",
    )
    active = fields.Boolean(default=True)

    # Persiapan (Pasal 13 and 14)
    potential_inventory = fields.Text(
        string="Inventory of Potential",
        help="Potentials and fields of the village inventoried by the village head.",
    )
    priority_scale = fields.Selection(
        [("high", "High"), ("medium", "Medium"), ("low", "Low")],
    )
    cost_benefit_note = fields.Text(
        string="Cost-Benefit Analysis", help="Measurable benefits and costs of the cooperation."
    )
    rkp_desa_item = fields.Char(
        string="RKP Desa Item", help="Activity of the village government work plan (RKP Desa)."
    )
    kak_file = fields.Binary(string="Terms of Reference (KAK)", attachment=True)
    kak_filename = fields.Char(string="KAK File Name")
    spatial_compliance = fields.Boolean(
        string="Complies with Spatial and Environmental Rules",
    )
    # Penawaran
    offer_date = fields.Date(
        tracking=True,
        help="Date of the offer letter sent or published by the village, or of the proposal "
        "received from the third party (prakarsa pihak ketiga).",
    )
    offer_reference = fields.Char(
        string="Offer Letter Number", help="Number of the offer letter or of the received proposal."
    )
    # Musyawarah desa
    musyawarah_ids = fields.One2many(
        "kerjasama.musyawarah", "agreement_id", string="Village Deliberations"
    )
    musyawarah_count = fields.Integer(compute="_compute_musyawarah_count")
    # Preparation steps by initiative (Pasal 14 prakarsa Desa, Pasal 15 prakarsa Pihak Ketiga)
    step_ids = fields.One2many(
        "kerjasama.agreement.step", "agreement_id", string="Preparation Steps", copy=False
    )
    step_progress = fields.Char(
        string="Steps Done",
        compute="_compute_step_progress",
        help="Preparation steps done out of the steps on the checklist.",
    )
    village_count = fields.Integer(compute="_compute_village_count")
    # Penandatanganan
    document_number = fields.Char(
        tracking=True,
        copy=False,
        help="Number of the signed Peraturan Bersama or Perjanjian Bersama.",
    )
    signing_date = fields.Date(tracking=True, copy=False)
    signed_document = fields.Binary(string="Signed Document Scan", attachment=True, copy=False)
    signed_document_filename = fields.Char(string="Signed Document File Name", copy=False)
    # Evaluasi dan klarifikasi kabupaten
    evaluation_date = fields.Date(tracking=True, copy=False)
    evaluation_result = fields.Selection(
        [("approved", "Compliant"), ("revision", "Needs Revision")],
        tracking=True,
        copy=False,
    )
    evaluation_note = fields.Text(string="Evaluation and Clarification Notes", copy=False)
    evaluation_user_id = fields.Many2one(
        "res.users", string="Evaluated By", readonly=True, copy=False
    )
    # Berakhir / dibatalkan
    termination_reason_id = fields.Many2one(
        "kerjasama.termination.reason", string="Termination Reason", tracking=True, copy=False
    )
    termination_date = fields.Date(tracking=True, copy=False)
    termination_note = fields.Text(string="Termination Notes", copy=False)
    cancel_reason = fields.Text(string="Cancellation Reason", tracking=True, copy=False)
    is_ending_soon = fields.Boolean(
        string="Ending Soon",
        compute="_compute_is_ending_soon",
        search="_search_is_ending_soon",
        help="Running agreement whose end date falls within the next 90 days.",
    )

    # ------------------------------------------------------------------ computes
    @api.depends("kind")
    def _compute_instrument(self):
        for agreement in self:
            agreement.instrument = (
                "peraturan_bersama" if agreement.kind == "antar_desa" else "perjanjian_bersama"
            )

    @api.depends("party_ids.region_id", "party_ids.region_id.kecamatan_id")
    def _compute_regions(self):
        for agreement in self:
            desa = agreement.party_ids.region_id.filtered(lambda r: r.level == "desa")
            agreement.region_ids = desa
            agreement.kecamatan_ids = desa.kecamatan_id
            agreement.kabupaten_id = desa.kabupaten_id[:1]
            agreement.is_cross_kecamatan = len(desa.kecamatan_id) > 1
            if not desa:
                agreement.coverage = False
            elif len(desa.kecamatan_id) > 1:
                agreement.coverage = "cross_kecamatan"
            else:
                agreement.coverage = "one_kecamatan"

    @api.depends("funding_ids.amount")
    def _compute_amount_total(self):
        for agreement in self:
            agreement.amount_total = sum(agreement.funding_ids.mapped("amount"))

    @api.depends("date_start", "date_end")
    def _compute_duration_months(self):
        for agreement in self:
            if agreement.date_start and agreement.date_end:
                delta = relativedelta(agreement.date_end + timedelta(days=1), agreement.date_start)
                agreement.duration_months = delta.years * 12 + delta.months
            else:
                agreement.duration_months = 0

    @api.depends("musyawarah_ids")
    def _compute_musyawarah_count(self):
        counts = dict(
            self.env["kerjasama.musyawarah"]._read_group(
                [("agreement_id", "in", self.ids)], ["agreement_id"], ["__count"]
            )
        )
        for agreement in self:
            agreement.musyawarah_count = counts.get(agreement, 0)

    @api.depends("step_ids.done")
    def _compute_step_progress(self):
        for agreement in self:
            steps = agreement.step_ids
            agreement.step_progress = (
                f"{len(steps.filtered('done'))} / {len(steps)}" if steps else False
            )

    @api.depends("region_ids")
    def _compute_village_count(self):
        for agreement in self:
            agreement.village_count = len(agreement.region_ids)

    @api.depends("state", "date_end")
    def _compute_is_ending_soon(self):
        today = fields.Date.context_today(self)
        limit = today + timedelta(days=ENDING_SOON_DAYS)
        for agreement in self:
            agreement.is_ending_soon = bool(
                agreement.state == "berjalan"
                and agreement.date_end
                and today <= agreement.date_end <= limit
            )

    def _search_is_ending_soon(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on 'Ending Soon'."))
        today = fields.Date.context_today(self)
        domain = [
            ("state", "=", "berjalan"),
            ("date_end", ">=", today),
            ("date_end", "<=", today + timedelta(days=ENDING_SOON_DAYS)),
        ]
        if (operator == "=") == value:
            return domain
        return ["!", "&", "&", *domain]

    @api.depends("name", "title")
    def _compute_display_name(self):
        for agreement in self:
            if agreement.name and agreement.name != "/":
                agreement.display_name = f"{agreement.name} - {agreement.title}"
            else:
                agreement.display_name = agreement.title

    # ------------------------------------------------------------------ onchange / constraints
    @api.onchange("bidang_id")
    def _onchange_bidang_id(self):
        if self.sub_bidang_id and self.sub_bidang_id.parent_id != self.bidang_id:
            self.sub_bidang_id = False

    @api.onchange("kind")
    def _onchange_kind(self):
        if self.kind != "antar_desa":
            self.bkad_id = False
        else:
            self.initiative = "desa"

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for agreement in self:
            if (
                agreement.date_start
                and agreement.date_end
                and agreement.date_end < agreement.date_start
            ):
                raise ValidationError(
                    self.env._(
                        "Agreement %(title)s: the end date %(end)s is before the start date "
                        "%(start)s.",
                        title=agreement.title,
                        end=agreement.date_end,
                        start=agreement.date_start,
                    )
                )

    @api.constrains("bidang_id", "sub_bidang_id")
    def _check_sub_bidang(self):
        for agreement in self:
            if agreement.sub_bidang_id and agreement.sub_bidang_id.parent_id != agreement.bidang_id:
                raise ValidationError(
                    self.env._(
                        "Agreement %(title)s: sub-bidang %(sub)s does not belong to bidang "
                        "%(bidang)s.",
                        title=agreement.title,
                        sub=agreement.sub_bidang_id.display_name,
                        bidang=agreement.bidang_id.display_name or "-",
                    )
                )

    @api.constrains("kind", "bkad_id")
    def _check_bkad(self):
        for agreement in self:
            if agreement.bkad_id and agreement.kind != "antar_desa":
                raise ValidationError(
                    self.env._(
                        "Agreement %(title)s: only an antar-Desa cooperation is carried out by a "
                        "BKAD.",
                        title=agreement.title,
                    )
                )

    @api.constrains("kind", "initiative")
    def _check_initiative(self):
        for agreement in self:
            if agreement.kind == "antar_desa" and agreement.initiative == "pihak_ketiga":
                raise ValidationError(
                    self.env._(
                        "Agreement %(title)s: an antar-Desa cooperation is made on the initiative "
                        "of the villages; a third-party initiative belongs to a cooperation with "
                        "a third party.",
                        title=agreement.title,
                    )
                )

    @api.constrains("kind", "party_ids")
    def _check_party_composition(self):
        """Parties as Pasal 2-5 require (checked when parties are given, and at each step)."""
        for agreement in self:
            agreement._check_party_invariants()
            if agreement.party_ids:
                agreement._check_party_minimum()

    def _check_party_invariants(self):
        """Rules that hold at any time: no kelurahan, no desa twice, one kabupaten, and no
        third party in an antar-Desa cooperation."""
        self.ensure_one()
        desa_parties = self.party_ids.filtered(lambda p: p.party_kind == "desa")
        regions = desa_parties.region_id
        if len(regions) != len(desa_parties.filtered("region_id")):
            duplicate = next(
                r
                for r in regions
                if len(desa_parties.filtered(lambda p, r=r: p.region_id == r)) > 1
            )
            raise ValidationError(
                self.env._(
                    "Agreement %(title)s: desa %(desa)s appears more than once; a desa cannot "
                    "cooperate with itself.",
                    title=self.title,
                    desa=duplicate.display_name,
                )
            )
        if len(regions.kabupaten_id) > 1:
            raise ValidationError(
                self.env._(
                    "Agreement %(title)s: the villages lie in different regencies (%(kabupaten)s). "
                    "Cooperation across regencies follows the antar-daerah rules and is out of "
                    "the scope of a kerja sama desa.",
                    title=self.title,
                    kabupaten=", ".join(regions.kabupaten_id.mapped("name")),
                )
            )
        if self.kind == "antar_desa" and self.party_ids.filtered(
            lambda p: p.party_kind == "pihak_ketiga"
        ):
            raise ValidationError(
                self.env._(
                    "Agreement %(title)s: an antar-Desa cooperation is made between desa only; a "
                    "third party (including a BUM Desa or BUM Desa Bersama) makes a cooperation "
                    "with a third party instead.",
                    title=self.title,
                )
            )

    def _check_party_minimum(self):
        self.ensure_one()
        desa = self.party_ids.filtered(lambda p: p.party_kind == "desa").region_id
        third = self.party_ids.filtered(lambda p: p.party_kind == "pihak_ketiga")
        if self.kind == "antar_desa" and len(desa) < 2:
            raise ValidationError(
                self.env._(
                    "Agreement %(title)s: an antar-Desa cooperation needs at least two different "
                    "desa as parties.",
                    title=self.title,
                )
            )
        if self.kind == "pihak_ketiga" and (not desa or not third):
            raise ValidationError(
                self.env._(
                    "Agreement %(title)s: a cooperation with a third party needs at least one "
                    "desa and at least one third party.",
                    title=self.title,
                )
            )

    # ------------------------------------------------------------------ CRUD
    @api.model_create_multi
    def create(self, vals_list):
        agreements = super().create(vals_list)
        agreements._assign_number()
        agreements._sync_initiative_steps()
        return agreements

    def write(self, vals):
        if not self.env.is_superuser():
            self._check_write_allowed(vals)
        res = super().write(vals)
        if "party_ids" in vals:
            self._assign_number()
        if "kind" in vals or "initiative" in vals:
            self._sync_initiative_steps()
        return res

    def _check_write_allowed(self, vals):
        if "state" in vals and not self.env.context.get("kerjasama_transition"):
            raise UserError(
                self.env._("The stage of an agreement changes only through its stage buttons.")
            )
        if CONTENT_FIELDS.intersection(vals) and not self._is_amendment_context():
            locked = self.filtered(lambda a: a.state in SIGNED_STATES + FINAL_STATES)
            if locked:
                raise UserError(
                    self.env._(
                        "Agreement %(name)s is signed or closed: its content changes only through "
                        "an amendment.",
                        name=locked[0].display_name,
                    )
                )
        if EVALUATION_FIELDS.intersection(vals) and not self._is_dpmd_user():
            raise AccessError(
                self.env._(
                    "Only the DPMD of the regency records the evaluation and clarification of "
                    "an agreement."
                )
            )

    def _is_amendment_context(self):
        """True while an amendment (perubahan) writes the new text of a signed agreement."""
        context = self.env.context
        return bool(context.get("kerjasama_amendment") or context.get("kerjasama_amendment_apply"))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_signed(self):
        signed = self.filtered(lambda a: a.state in SIGNED_STATES or a.signing_date)
        if signed:
            raise UserError(
                self.env._(
                    "Agreement %(name)s has been signed: a signed or finished agreement is never "
                    "deleted; archive it instead.",
                    name=signed[0].display_name,
                )
            )

    def _assign_number(self):
        """Give the register number to the agreements that know their kabupaten."""
        for agreement in self.filtered(lambda a: a.name == "/" and a.kabupaten_id):
            date = agreement.create_date or fields.Datetime.now()
            agreement.sudo().name = next_number(
                self.env, NUMBER_PREFIX, agreement.kabupaten_id, date.date()
            )

    # ------------------------------------------------------------------ roles
    def _user_region_ids(self):
        return self.env.user.kerjasama_region_ids

    def _is_admin_user(self):
        return self.env.is_superuser() or self.env.user.has_group(GROUP_ADMIN)

    def _is_dpmd_user(self):
        return self._is_admin_user() or self.env.user.has_group(GROUP_DPMD)

    def _user_covers(self, regions):
        """True when one of ``regions`` lies under the current user's working regions."""
        user_regions = self._user_region_ids()
        return any(
            (region.parent_path or "").startswith(user_region.parent_path or "-")
            for region in regions
            for user_region in user_regions
        )

    def _check_step_role(self, step_label, group, role_label):
        """Raise AccessError unless the user has ``group`` over one of the party desa."""
        self.ensure_one()
        if self._is_admin_user():
            return
        if not self.env.user.has_group(group) or not self._user_covers(self.region_ids):
            raise AccessError(
                self.env._(
                    "Agreement %(name)s: only %(role)s of a participating desa may %(step)s.",
                    name=self.display_name,
                    role=role_label,
                    step=step_label,
                )
            )

    def _check_dpmd_role(self, step_label):
        self.ensure_one()
        if self._is_admin_user():
            return
        if not self.env.user.has_group(GROUP_DPMD) or not self._user_covers(self.region_ids):
            raise AccessError(
                self.env._(
                    "Agreement %(name)s: only the DPMD of its regency may %(step)s.",
                    name=self.display_name,
                    step=step_label,
                )
            )

    # ------------------------------------------------------------------ lifecycle
    def _raise_missing(self, missing):
        raise UserError(
            self.env._(
                "Agreement %(name)s cannot move to the next stage; missing: %(missing)s.",
                name=self.display_name,
                missing="; ".join(missing),
            )
        )

    def _check_state(self, expected):
        self.ensure_one()
        if self.state not in expected:
            raise UserError(
                self.env._(
                    "Agreement %(name)s is in stage %(state)s; this step is not possible from "
                    "there.",
                    name=self.display_name,
                    state=dict(self._fields["state"]._description_selection(self.env))[self.state],
                )
            )

    def _set_state(self, state, extra=None):
        vals = dict(extra or {}, state=state)
        self.with_context(kerjasama_transition=True).write(vals)

    def _check_parties_complete(self):
        self.ensure_one()
        if not self.party_ids:
            self._raise_missing([self.env._("the parties of the agreement")])
        self._check_party_invariants()
        self._check_party_minimum()

    # ------------------------------------------------------------------ preparation steps
    def _sync_initiative_steps(self):
        """Give each agreement the checklist lines of the configured preparation steps that
        apply to its kind and initiative; drop the lines of steps that no longer apply."""
        if not self:
            return
        steps = self.env["kerjasama.initiative.step"].sudo().search([])
        lines = self.env["kerjasama.agreement.step"].sudo()
        vals_list = []
        obsolete = lines
        for agreement in self:
            existing = agreement.sudo().step_ids
            obsolete |= existing.filtered(
                lambda line, a=agreement: line.step_id.initiative != a.initiative
                or line.step_id.kind not in (a.kind, "both")
            )
            applicable = steps.filtered(
                lambda step, a=agreement: step.initiative == a.initiative
                and step.kind in (a.kind, "both")
            )
            vals_list += [
                {"agreement_id": agreement.id, "step_id": step.id}
                for step in applicable - existing.step_id
            ]
        obsolete.unlink()
        lines.create(vals_list)

    def _missing_initiative_steps(self, target_state, reported_fields=()):
        """Names of the preparation steps required before ``target_state`` that are not done.

        ``reported_fields``: agreement fields the caller already reported as missing; a step
        proven by one of them is not listed a second time."""
        self.ensure_one()
        self._sync_initiative_steps()
        lines = self.sudo().step_ids.filtered(
            lambda line: line.step_id.active
            and line.step_id.required_before_state == target_state
            and line.step_id.agreement_field not in reported_fields
        )
        return [line.step_id.name for line in lines.sorted("sequence") if not line._is_done()]

    def action_refresh_steps(self):
        """Add to the checklist the steps configured after the agreement was created."""
        self.check_access("write")
        self._sync_initiative_steps()
        return True

    def action_to_penawaran(self):
        """Persiapan -> penawaran: inventory and priority done (Pasal 13), and the preparation
        steps of the initiative (Pasal 14: RKP Desa, benefit/cost analysis, KAK, spatial and
        environmental compliance; configured in ``kerjasama.initiative.step``)."""
        for agreement in self:
            agreement._check_state(["persiapan"])
            agreement._check_step_role(
                self.env._("propose the offer"), GROUP_PERANGKAT, self.env._("a village officer")
            )
            agreement._check_parties_complete()
            missing = []
            if not agreement.potential_inventory:
                missing.append(self.env._("inventory of potential"))
            if not agreement.priority_scale:
                missing.append(self.env._("priority scale"))
            missing += agreement._missing_initiative_steps("penawaran")
            if missing:
                agreement._raise_missing(missing)
            agreement._assign_number()
            agreement._set_state("penawaran")
        return True

    def action_to_musyawarah(self):
        """Penawaran -> musyawarah desa: the offer letter (or received proposal) is recorded."""
        for agreement in self:
            agreement._check_state(["penawaran"])
            agreement._check_step_role(
                self.env._("move to the village deliberation"),
                GROUP_PERANGKAT,
                self.env._("a village officer"),
            )
            missing = []
            reported = set()
            if not agreement.offer_date:
                missing.append(self.env._("offer date"))
            if not agreement.offer_reference:
                missing.append(self.env._("offer letter number"))
                reported.add("offer_reference")
            missing += agreement._missing_initiative_steps("musyawarah", reported)
            if missing:
                agreement._raise_missing(missing)
            agreement._set_state("musyawarah")
        return True

    def action_to_penyusunan(self):
        """Musyawarah -> penyusunan: every party desa agreed in musyawarah with BPD consent."""
        for agreement in self:
            agreement._check_state(["musyawarah"])
            agreement._check_step_role(
                self.env._("start drafting"), GROUP_PERANGKAT, self.env._("a village officer")
            )
            agreement._check_parties_complete()
            done = agreement.sudo().musyawarah_ids.filtered(
                lambda m: m.decision == "agreed" and m.bpd_consent
            )
            missing = []
            missing_desa = agreement.region_ids - done.region_id
            if missing_desa:
                missing.append(
                    self.env._(
                        "a musyawarah desa that agreed, with BPD consent, in %(desa)s",
                        desa=", ".join(missing_desa.mapped("name")),
                    )
                )
            missing += agreement._missing_initiative_steps("penyusunan")
            if missing:
                agreement._raise_missing(missing)
            agreement._set_state("penyusunan")
        return True

    def action_to_penandatanganan(self):
        """Penyusunan -> penandatanganan: the draft carries the content of Pasal 6."""
        for agreement in self:
            agreement._check_state(["penyusunan"])
            agreement._check_step_role(
                self.env._("submit the draft for signing"),
                GROUP_PERANGKAT,
                self.env._("a village officer"),
            )
            agreement._check_parties_complete()
            missing = []
            checks = [
                ("scope", self.env._("scope (ruang lingkup)")),
                ("bidang_id", self.env._("bidang")),
                ("implementation_terms", self.env._("implementation procedure and terms")),
                ("date_start", self.env._("start date")),
                ("date_end", self.env._("end date")),
                ("amendment_clause", self.env._("amendment, suspension and cancellation clause")),
                ("dispute_clause", self.env._("dispute settlement clause")),
            ]
            missing += [label for field, label in checks if not agreement[field]]
            for party in agreement.party_ids:
                if not party.rights or not party.obligations:
                    missing.append(
                        self.env._("rights and obligations of %(party)s", party=party.display_name)
                    )
            if not agreement.funding_ids:
                missing.append(self.env._("financing"))
            missing += agreement._missing_initiative_steps("penandatanganan")
            if missing:
                agreement._raise_missing(missing)
            agreement._set_state("penandatanganan")
        return True

    def action_to_evaluasi(self):
        """Penandatanganan -> evaluasi: signed by the village heads, sent to the kabupaten."""
        for agreement in self:
            agreement._check_state(["penandatanganan"])
            agreement._check_step_role(
                self.env._("record the signature"),
                GROUP_KEPALA_DESA,
                self.env._("a village head"),
            )
            missing = []
            if not agreement.document_number:
                missing.append(self.env._("document number"))
            if not agreement.signing_date:
                missing.append(self.env._("signing date"))
            for party in agreement.party_ids.filtered(lambda p: not p.signatory_name):
                missing.append(self.env._("signatory of %(party)s", party=party.display_name))
            if not agreement.signed_document:
                missing.append(self.env._("scan of the signed document"))
            missing += agreement._missing_initiative_steps("evaluasi")
            if missing:
                agreement._raise_missing(missing)
            agreement._assign_number()
            agreement._set_state("evaluasi")
        return True

    def action_to_berjalan(self):
        """Evaluasi -> berjalan: the DPMD recorded a compliant evaluation/clarification."""
        for agreement in self:
            agreement._check_state(["evaluasi"])
            agreement._check_dpmd_role(self.env._("record the evaluation result"))
            missing = []
            if not agreement.evaluation_date:
                missing.append(self.env._("evaluation date"))
            if agreement.evaluation_result != "approved":
                missing.append(self.env._("an evaluation result 'Compliant'"))
            missing += agreement._missing_initiative_steps("berjalan")
            if missing:
                agreement._raise_missing(missing)
            agreement._set_state("berjalan", {"evaluation_user_id": self.env.uid})
        return True

    def action_return_to_penyusunan(self):
        """Evaluasi -> penyusunan: the DPMD asks for a revision of the document."""
        for agreement in self:
            agreement._check_state(["evaluasi"])
            agreement._check_dpmd_role(self.env._("return the agreement for revision"))
            if agreement.evaluation_result != "revision" or not agreement.evaluation_note:
                agreement._raise_missing(
                    [self.env._("an evaluation result 'Needs Revision' with its notes")]
                )
            agreement._set_state("penyusunan", {"evaluation_user_id": self.env.uid})
        return True

    def action_to_berakhir(self):
        """Berjalan -> berakhir, on one of the grounds kept as data."""
        for agreement in self:
            agreement._check_state(["berjalan"])
            agreement._check_dpmd_role(self.env._("end the agreement"))
            missing = []
            if not agreement.termination_reason_id:
                missing.append(self.env._("termination reason"))
            missing += agreement._missing_initiative_steps("berakhir")
            if missing:
                agreement._raise_missing(missing)
            agreement._set_state(
                "berakhir",
                {"termination_date": agreement.termination_date or fields.Date.context_today(self)},
            )
        return True

    def action_cancel(self):
        """Any open stage -> dibatalkan, with the reason. Before the signature a village officer
        of a party desa may cancel; afterwards only the DPMD."""
        for agreement in self:
            agreement._check_state([s for s, _label in AGREEMENT_STATES if s not in FINAL_STATES])
            if agreement.state in SIGNED_STATES:
                agreement._check_dpmd_role(self.env._("cancel a signed agreement"))
            elif not agreement._is_dpmd_user():
                agreement._check_step_role(
                    self.env._("cancel the agreement"),
                    GROUP_PERANGKAT,
                    self.env._("a village officer"),
                )
            elif not agreement._is_admin_user():
                agreement._check_dpmd_role(self.env._("cancel the agreement"))
            if not agreement.cancel_reason:
                agreement._raise_missing([self.env._("cancellation reason")])
            agreement._set_state("dibatalkan")
        return True

    # ------------------------------------------------------------------ smart buttons
    def action_view_musyawarah(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Village Deliberations"),
            "res_model": "kerjasama.musyawarah",
            "view_mode": "list,form",
            "domain": [("agreement_id", "=", self.id)],
            "context": {"default_agreement_id": self.id},
        }

    def action_view_regions(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Villages"),
            "res_model": "kerjasama.region",
            "view_mode": "list,form",
            "domain": [("id", "in", self.region_ids.ids)],
        }
