from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.translate import LazyTranslate

from .kerjasama_agreement_reporting import SIGNED_FOLLOWUP_STATES
from .kerjasama_evaluation_instrument import RESULT_CATEGORIES
from .kerjasama_lifecycle_mixin import Transition

_lt = LazyTranslate(__name__)

# The desa (its perangkat and kepala desa) or the BKAD staff assess themselves against the
# standard; the assessment is then validated upward: kecamatan > kabupaten > provinsi.
PREPARERS = ("perangkat", "bkad")
STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted to the Kecamatan"),
    ("kecamatan", "Verified by the Kecamatan"),
    ("kabupaten", "Validated by the Kabupaten"),
    ("provinsi", "Confirmed by the Province"),
]
TRANSITIONS = {
    "action_submit": Transition(
        ("draft",), "submitted", PREPARERS, "_missing_submit", _lt("submit the assessment")
    ),
    "action_verify": Transition(
        ("submitted",), "kecamatan", ("camat",), None, _lt("verify the assessment (kecamatan)")
    ),
    "action_validate": Transition(
        ("kecamatan",), "kabupaten", ("dpmd",), None, _lt("validate the assessment (kabupaten)")
    ),
    "action_confirm": Transition(
        ("kabupaten",), "provinsi", ("binwas",), None, _lt("confirm the assessment (province)")
    ),
    "action_return_kecamatan": Transition(
        ("submitted",), "draft", ("camat",), None, _lt("return the assessment for correction")
    ),
    "action_return_kabupaten": Transition(
        ("kecamatan",), "draft", ("dpmd",), None, _lt("return the assessment for correction")
    ),
    "action_return_provinsi": Transition(
        ("kabupaten",), "draft", ("binwas",), None, _lt("return the assessment for correction")
    ),
}
# who returns the assessment from each stage
RETURN_ACTIONS = {
    "submitted": "action_return_kecamatan",
    "kecamatan": "action_return_kabupaten",
    "kabupaten": "action_return_provinsi",
}
# stamps of each level: who acted and when (written by the steps only)
SERVER_FIELDS = (
    "state",
    "submit_user_id",
    "submit_date",
    "kecamatan_user_id",
    "kecamatan_date",
    "kabupaten_user_id",
    "kabupaten_date",
    "provinsi_user_id",
    "provinsi_date",
)
# bookkeeping of the chatter and the activities, written on any record a user reads
FREE_FIELDS = frozenset(
    {
        "message_main_attachment_id",
        "message_follower_ids",
        "message_ids",
        "activity_ids",
        "website_message_ids",
    }
)


class KerjasamaAssessment(models.Model):
    """Assessment of one agreement or one BKAD for one year against the standard of kerja sama
    desa (the national standard, or the kabupaten's copy of it): each criterion scored or
    marked Met / Unmet with its proof attached, the weighted total and the result category.

    Prepared by the desa (perangkat, kepala desa) or the BKAD staff, then validated upward as
    the BINWAS tiers run: the camat verifies, the DPMD validates for the kabupaten, the
    province confirms (``TRANSITIONS``). Validated assessments rank the agreements and BKAD
    of each kabupaten and province (``kerjasama.assessment.report.ranking``), the basis of the
    awards (penghargaan)."""

    _name = "kerjasama.assessment"
    _description = "Cooperation Standard Assessment"
    _inherit = ["mail.thread", "mail.activity.mixin", "kerjasama.lifecycle.mixin"]
    _order = "year desc, score_total desc, id desc"
    _lifecycle_initial_state = "draft"
    _lifecycle_server_fields = SERVER_FIELDS
    _lifecycle_transitions = TRANSITIONS

    subject = fields.Selection(
        [("agreement", "Agreement"), ("bkad", "BKAD")],
        default="agreement",
        required=True,
        index=True,
        tracking=True,
    )
    agreement_id = fields.Many2one(
        "kerjasama.agreement",
        string="Agreement",
        index="btree_not_null",
        ondelete="restrict",
        tracking=True,
    )
    bkad_id = fields.Many2one(
        "kerjasama.bkad",
        string="BKAD",
        compute="_compute_bkad_id",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
        ondelete="restrict",
        tracking=True,
        help="The BKAD assessed, or the BKAD that runs the agreement assessed.",
    )
    year = fields.Integer(
        required=True,
        default=lambda self: fields.Date.context_today(self).year - 1,
        tracking=True,
        aggregator=None,
        help="The year of cooperation assessed.",
    )
    date = fields.Date(string="Assessment Date", default=fields.Date.context_today, required=True)
    region_ids = fields.Many2many(
        "kerjasama.region",
        "kerjasama_assessment_region_rel",
        "assessment_id",
        "region_id",
        string="Villages",
        compute="_compute_regions",
        store=True,
        precompute=True,
    )
    kabupaten_id = fields.Many2one(
        "kerjasama.region",
        string="Regency/City",
        compute="_compute_regions",
        store=True,
        precompute=True,
        index=True,
    )
    provinsi_id = fields.Many2one(
        "kerjasama.region",
        string="Province",
        compute="_compute_regions",
        store=True,
        precompute=True,
        index=True,
    )
    instrument_id = fields.Many2one(
        "kerjasama.evaluation.instrument",
        string="Standard",
        compute="_compute_instrument_id",
        store=True,
        readonly=False,
        precompute=True,
        ondelete="restrict",
        domain="[('usage', '=', subject)]",
        tracking=True,
    )
    line_ids = fields.One2many(
        "kerjasama.assessment.line",
        "assessment_id",
        string="Scores",
        compute="_compute_line_ids",
        store=True,
        readonly=False,
        precompute=True,
    )
    score_total = fields.Float(
        string="Weighted Score",
        compute="_compute_result",
        store=True,
        aggregator="avg",
        tracking=True,
    )
    category = fields.Selection(
        RESULT_CATEGORIES,
        string="Result",
        compute="_compute_result",
        store=True,
        index=True,
        tracking=True,
    )
    proof_missing_count = fields.Integer(compute="_compute_proof_missing_count")
    note = fields.Text(string="Summary")
    state = fields.Selection(
        STATES, default="draft", required=True, tracking=True, index=True, copy=False
    )
    submit_user_id = fields.Many2one("res.users", string="Submitted By", readonly=True)
    submit_date = fields.Date(string="Submitted On", readonly=True)
    kecamatan_user_id = fields.Many2one("res.users", string="Verified By", readonly=True)
    kecamatan_date = fields.Date(string="Verified On", readonly=True)
    kabupaten_user_id = fields.Many2one("res.users", string="Validated By", readonly=True)
    kabupaten_date = fields.Date(string="Validated On", readonly=True)
    provinsi_user_id = fields.Many2one("res.users", string="Confirmed By", readonly=True)
    provinsi_date = fields.Date(string="Confirmed On", readonly=True)

    def init(self):
        # one assessment of a subject per year
        for subject, column in (("agreement", "agreement_id"), ("bkad", "bkad_id")):
            self.env.cr.execute(
                SQL(
                    "CREATE UNIQUE INDEX IF NOT EXISTS %s ON %s (%s, year) WHERE subject = %s",
                    SQL.identifier(f"kerjasama_assessment_{subject}_year_uniq"),
                    SQL.identifier(self._table),
                    SQL.identifier(column),
                    subject,
                )
            )

    # ------------------------------------------------------------------ computes
    @api.depends("subject", "agreement_id.bkad_id")
    def _compute_bkad_id(self):
        for assessment in self:
            if assessment.subject == "agreement":
                assessment.bkad_id = assessment.agreement_id.bkad_id

    @api.depends(
        "subject",
        "agreement_id.region_ids",
        "bkad_id.member_region_ids",
        "agreement_id.kabupaten_id",
    )
    def _compute_regions(self):
        for assessment in self.sudo():
            if assessment.subject == "bkad":
                regions = assessment.bkad_id.member_region_ids
            else:
                regions = assessment.agreement_id.region_ids
            assessment.region_ids = regions
            assessment.kabupaten_id = (
                assessment.agreement_id.kabupaten_id
                if assessment.subject == "agreement" and assessment.agreement_id.kabupaten_id
                else regions.kabupaten_id[:1]
            )
            assessment.provinsi_id = assessment.kabupaten_id.provinsi_id

    @api.depends("subject", "kabupaten_id")
    def _compute_instrument_id(self):
        Instrument = self.env["kerjasama.evaluation.instrument"]
        for assessment in self:
            if assessment.instrument_id.usage == assessment.subject:
                continue
            assessment.instrument_id = Instrument._kd_standard_for(
                assessment.subject, assessment.kabupaten_id
            )

    @api.depends("instrument_id")
    def _compute_line_ids(self):
        for assessment in self:
            assessment.line_ids = [Command.clear()] + [
                Command.create({"criterion_id": criterion.id})
                for criterion in assessment.instrument_id.criterion_ids
            ]

    @api.depends(
        "line_ids.weighted_score",
        "instrument_id.threshold_very_good",
        "instrument_id.threshold_good",
        "instrument_id.threshold_fair",
    )
    def _compute_result(self):
        for assessment in self:
            assessment.score_total, assessment.category = assessment.instrument_id._kd_result(
                assessment.line_ids
            )

    @api.depends("line_ids.proof_missing")
    def _compute_proof_missing_count(self):
        for assessment in self:
            assessment.proof_missing_count = len(assessment.line_ids.filtered("proof_missing"))

    @api.depends("subject", "agreement_id", "bkad_id", "year")
    def _compute_display_name(self):
        for assessment in self:
            subject = (
                assessment.bkad_id if assessment.subject == "bkad" else assessment.agreement_id
            )
            assessment.display_name = self.env._(
                "Assessment %(subject)s %(year)s",
                subject=subject.sudo().display_name or "",
                year=assessment.year or "",
            )

    # ------------------------------------------------------------------ constraints
    @api.constrains("subject", "agreement_id", "bkad_id", "year", "date")
    def _check_subject(self):
        for assessment in self.sudo():
            if assessment.subject == "agreement":
                agreement = assessment.agreement_id
                if not agreement:
                    raise ValidationError(self.env._("An assessment of an agreement names it."))
                if agreement.state not in SIGNED_FOLLOWUP_STATES:
                    raise ValidationError(
                        self.env._(
                            "%(agreement)s is at the stage %(stage)s: only a signed agreement "
                            "is assessed against the standard.",
                            agreement=agreement.display_name,
                            stage=agreement._lifecycle_state_label(agreement.state),
                        )
                    )
                start = agreement.signing_date or agreement.date_start
            else:
                bkad = assessment.bkad_id
                if not bkad:
                    raise ValidationError(self.env._("An assessment of a BKAD names it."))
                if bkad.state != "active":
                    raise ValidationError(
                        self.env._(
                            "%(bkad)s is not active: only an active BKAD is assessed.",
                            bkad=bkad.display_name,
                        )
                    )
                start = bkad.peraturan_bersama_date
            if start and assessment.year < start.year:
                raise ValidationError(
                    self.env._(
                        "%(assessment)s: the year assessed comes before the cooperation began "
                        "(%(start)s).",
                        assessment=assessment.display_name,
                        start=start,
                    )
                )
            if assessment.date.year < assessment.year:
                raise ValidationError(
                    self.env._(
                        "%(assessment)s: it is dated %(date)s, before the end of the year it "
                        "assesses.",
                        assessment=assessment.display_name,
                        date=assessment.date,
                    )
                )

    # ------------------------------------------------------------------ roles
    def _kerjasama_regions(self):
        return self.sudo().region_ids

    def _kerjasama_role_labels(self):
        labels = super()._kerjasama_role_labels()
        labels.setdefault("bkad", _lt("the staff of the BKAD"))
        return labels

    def _assessment_check_preparer(self, action):
        self._kerjasama_check_role(PREPARERS, action)

    # ------------------------------------------------------------------ CRUD and guard
    @api.model_create_multi
    def create(self, vals_list):
        assessments = super().create(vals_list)
        if not self._lifecycle_is_unlocked():
            assessments._assessment_check_preparer(self.env._("record it"))
        return assessments

    def write(self, vals):
        if not self._lifecycle_is_unlocked() and set(vals) - FREE_FIELDS:
            # who may not write at all is told so first; a stage is reached through its step,
            # and a role below it is refused as such (not merely sent to the button)
            self.check_access("write")
            if self._lifecycle_state_field in vals:
                self._assessment_refuse_stage_write(vals[self._lifecycle_state_field])
        return super().write(vals)

    def _assessment_refuse_stage_write(self, target):
        for assessment in self:
            for transition in self._lifecycle_transitions.values():
                if transition.target == target and assessment.state in transition.sources:
                    assessment._kerjasama_check_role(
                        transition.roles, self._kerjasama_text(transition.label)
                    )

    def _lifecycle_check_write(self, vals):
        super()._lifecycle_check_write(vals)
        keys = set(vals) - FREE_FIELDS
        if not keys:
            return
        for assessment in self:
            if assessment.state != "draft":
                raise UserError(
                    self.env._(
                        "%(assessment)s is at the stage %(state)s: it changes only once "
                        "returned for correction.",
                        assessment=assessment.display_name,
                        state=assessment._lifecycle_state_label(assessment.state),
                    )
                )
            assessment._assessment_check_preparer(self.env._("change it"))

    def _lifecycle_write(self, vals):
        """A step checked for stage and role is written as the server: the reviewer reads the
        assessment, he does not write it."""
        self.check_access("read")
        return super(KerjasamaAssessment, self.sudo())._lifecycle_write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_submitted(self):
        for assessment in self:
            if assessment.state != "draft":
                raise UserError(
                    self.env._(
                        "%(assessment)s was submitted: it is kept on record and cannot be "
                        "deleted.",
                        assessment=assessment.display_name,
                    )
                )

    # ------------------------------------------------------------------ steps
    def _missing_submit(self):
        missing = []
        criteria = self.instrument_id.criterion_ids
        if not criteria or self.line_ids.criterion_id != criteria:
            missing.append(self.env._("a score for every criterion of its standard"))
        self.instrument_id._ensure_weights_total()
        for line in self.line_ids.filtered("proof_missing"):
            missing.append(
                self.env._(
                    "the proof %(proof)s of criterion %(criterion)s",
                    proof=line.criterion_id.proof_required,
                    criterion=line.criterion_id.name,
                )
            )
        return missing

    def _assessment_stamp(self, level):
        today = fields.Date.context_today(self)
        return {f"{level}_user_id": self.env.uid, f"{level}_date": today}

    def action_submit(self):
        return self._lifecycle_run("action_submit", self._assessment_stamp("submit"))

    def action_verify(self):
        return self._lifecycle_run("action_verify", self._assessment_stamp("kecamatan"))

    def action_validate(self):
        return self._lifecycle_run("action_validate", self._assessment_stamp("kabupaten"))

    def action_confirm(self):
        return self._lifecycle_run("action_confirm", self._assessment_stamp("provinsi"))

    def action_return(self):
        """Return to the village for correction, by the level the assessment waits for."""
        for assessment in self:
            action = RETURN_ACTIONS.get(assessment.state)
            if not action:
                raise UserError(
                    self.env._(
                        "%(assessment)s is at the stage %(state)s: there is nothing to return.",
                        assessment=assessment.display_name,
                        state=assessment._lifecycle_state_label(assessment.state),
                    )
                )
            assessment._lifecycle_run(action)
        return True

    @api.depends_context("uid")
    def _compute_can_act(self):
        for assessment in self:
            actions = set(assessment._lifecycle_next_actions()) if assessment.id else set()
            assessment.can_submit = "action_submit" in actions
            assessment.can_verify = "action_verify" in actions
            assessment.can_validate = "action_validate" in actions
            assessment.can_confirm = "action_confirm" in actions
            assessment.can_return = bool(set(RETURN_ACTIONS.values()) & actions)

    can_submit = fields.Boolean(compute="_compute_can_act")
    can_verify = fields.Boolean(compute="_compute_can_act")
    can_validate = fields.Boolean(compute="_compute_can_act")
    can_confirm = fields.Boolean(compute="_compute_can_act")
    can_return = fields.Boolean(compute="_compute_can_act")

    # ------------------------------------------------------------------ demo
    @api.model
    def _demo_assess(self, specs):
        """Demo: each spec ``{'agreement' or 'bkad': id, 'year', 'scores': [score or bool per
        criterion in order], 'state', 'preparer', 'camat', 'dpmd', 'binwas', 'dates': [...]}``
        goes through the real steps as the users of each level; the stamps are dated as the
        spec says (demo only)."""
        Attachment = self.env["ir.attachment"]
        for spec in specs:
            vals = {"year": spec["year"], "date": spec["dates"][0], "note": spec.get("note")}
            if spec.get("bkad"):
                vals.update(subject="bkad", bkad_id=spec["bkad"])
            else:
                vals.update(subject="agreement", agreement_id=spec["agreement"])
            preparer = self.env["res.users"].browse(spec["preparer"])
            assessment = self.with_user(preparer).create(vals)
            lines = assessment.line_ids.sorted(lambda line: (line.sequence, line.id))
            for line, value in zip(lines, spec["scores"], strict=False):
                line_vals = (
                    {"met": bool(value)}
                    if line.criterion_id.scoring == "met"
                    else {"score": float(value)}
                )
                if line.criterion_id.proof_required:
                    line_vals["attachment_ids"] = [
                        Command.link(
                            Attachment.with_user(preparer)
                            .create(
                                {
                                    "name": f"{line.criterion_id.proof_required}.pdf",
                                    "raw": b"%PDF-1.4 bukti penilaian kerja sama desa",
                                    "mimetype": "application/pdf",
                                }
                            )
                            .id
                        )
                    ]
                line.with_user(preparer).write(line_vals)
            steps = [
                ("action_submit", spec["preparer"], "submit"),
                ("action_verify", spec.get("camat"), "kecamatan"),
                ("action_validate", spec.get("dpmd"), "kabupaten"),
                ("action_confirm", spec.get("binwas"), "provinsi"),
            ]
            order = [s[0] for s in STATES]
            target = order.index(spec.get("state", "draft"))
            for index, (action, user, level) in enumerate(steps, start=1):
                if index > target:
                    break
                getattr(assessment.with_user(user), action)()
                assessment._lifecycle_write({f"{level}_date": spec["dates"][index]})
        return True
