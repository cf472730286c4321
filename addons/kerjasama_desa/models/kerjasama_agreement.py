import base64
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import file_open
from odoo.tools.translate import LazyTranslate

from ..tools.dates import latest_today
from ..tools.guard import is_unlocked
from ..tools.requirement import need
from .kerjasama_lifecycle_mixin import Transition

_lt = LazyTranslate(__name__)

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
OPEN_STATES = tuple(s for s, _label in AGREEMENT_STATES if s not in FINAL_STATES)
UNSIGNED_OPEN_STATES = tuple(s for s in OPEN_STATES if s not in SIGNED_STATES)
# Unlock key of the amendment flow (``kerjasama.agreement.version.action_apply``).
AMENDMENT_KEY = "kerjasama.agreement:amendment"
# Fields a user may always write (chatter bookkeeping, the responsible official).
ALWAYS_WRITABLE = {"message_main_attachment_id"}
# Follow-up settings of the register, kept by the village or the DPMD at any open stage.
FOLLOWUP_FIELDS = {"user_id", "report_frequency"}
# Recorded by the DPMD in evaluasi; by the camat when forwarding; by the village head at signing.
EVALUATION_FIELDS = {"evaluation_date", "evaluation_result", "evaluation_note"}
FORWARD_FIELDS = {"camat_forward_note", "camat_forward_date"}
SIGNING_FIELDS = {"signed_document", "signed_document_filename"}
# Prepared before ending or cancelling.
TERMINATION_FIELDS = {
    "termination_reason_id",
    "termination_date",
    "termination_note",
    "cancel_reason",
}
# Written only by the server at the steps of the lifecycle.
SERVER_FIELDS = (
    "state",
    "name",
    "state_date",
    "evaluation_user_id",
    "camat_forward_user_id",
)
ENDING_SOON_DAYS = 90
NUMBER_PREFIX = "KSD"
# Plausible dates of a kerja sama desa (the range APBDesa uses for its years).
DATE_MIN = date(2000, 1, 1)
DATE_MAX = date(2100, 12, 31)

VILLAGE = ("perangkat",)
# The lifecycle of Permendagri 96/2017 Pasal 13-15 and the kabupaten's evaluation: the one table
# of allowed moves, with the role that makes each and the method listing what is missing.
TRANSITIONS = {
    "action_to_penawaran": Transition(
        ("persiapan",), "penawaran", VILLAGE, "_missing_to_penawaran", _lt("propose the offer")
    ),
    "action_to_musyawarah": Transition(
        ("penawaran",),
        "musyawarah",
        VILLAGE,
        "_missing_to_musyawarah",
        _lt("move to the village deliberation"),
    ),
    "action_to_penyusunan": Transition(
        ("musyawarah",), "penyusunan", VILLAGE, "_missing_to_penyusunan", _lt("start drafting")
    ),
    "action_to_penandatanganan": Transition(
        ("penyusunan",),
        "penandatanganan",
        VILLAGE,
        "_missing_to_penandatanganan",
        _lt("submit the draft for signing"),
    ),
    "action_to_evaluasi": Transition(
        ("penandatanganan",),
        "evaluasi",
        ("kepala_desa",),
        "_missing_to_evaluasi",
        _lt("send the signed agreement to the regency"),
    ),
    "action_camat_forward": Transition(
        ("evaluasi",),
        "evaluasi",
        ("camat",),
        "_missing_forward",
        _lt("forward the agreement to the regency"),
        True,
    ),
    "action_to_berjalan": Transition(
        ("evaluasi",),
        "berjalan",
        ("dpmd",),
        "_missing_to_berjalan",
        _lt("record a compliant evaluation"),
    ),
    "action_return_to_penyusunan": Transition(
        ("evaluasi",),
        "penyusunan",
        ("dpmd",),
        "_missing_revision",
        _lt("return the agreement for revision"),
    ),
    "action_to_berakhir": Transition(
        ("berjalan",), "berakhir", ("dpmd",), "_missing_to_berakhir", _lt("end the agreement")
    ),
    "action_cancel": Transition(
        UNSIGNED_OPEN_STATES,
        "dibatalkan",
        ("perangkat", "dpmd"),
        "_missing_cancel",
        _lt("cancel the agreement"),
    ),
    "action_cancel_signed": Transition(
        tuple(s for s in SIGNED_STATES if s not in FINAL_STATES),
        "dibatalkan",
        ("dpmd",),
        "_missing_cancel",
        _lt("cancel a signed agreement"),
    ),
}

KEWENANGAN = [
    ("asal_usul", "Right of Origin (Hak Asal Usul)"),
    ("lokal", "Local Village-scale Authority"),
    ("penugasan", "Assigned by Central/Provincial/Regency Government"),
    ("lainnya", "Other Assigned Authority"),
]

GROUP_DPMD = "kerjasama_desa.kerjasama_desa_group_dpmd"


def kecamatan_key(kecamatan_ids):
    """The stored ``kecamatan_key`` of an agreement whose kecamatan have these ids (in SQL,
    ``string_agg(region_id::text, ',' ORDER BY region_id)`` over its kecamatan relation)."""
    return ",".join(str(i) for i in sorted(set(kecamatan_ids))) or False


class KerjasamaAgreement(models.Model):
    """A kerja sama desa (Permendagri 96/2017): antar-Desa under a Peraturan Bersama Kepala Desa,
    or with a pihak ketiga under a Perjanjian Bersama, with the content of Pasal 6 and the
    stages of Pasal 13-15 (persiapan, penawaran, musyawarah desa, penyusunan, penandatanganan),
    the evaluation and clarification by the kabupaten, its run and its end.

    The lifecycle is the table ``TRANSITIONS`` (``kerjasama.lifecycle.mixin``): no caller writes
    the stage, the numbers or the signed content. The register number (``name``,
    ``KSD/PP.KK/YYYY/NNNN``) is given at registration, when the agreement leaves persiapan (the
    offer); from then on the agreement is never deleted, only cancelled, so the register of the
    kabupaten has no hole. Each party signs for itself (``kerjasama.agreement.party``); the
    agreement is signed when every party has signed, on the date of the last signature.
    """

    _name = "kerjasama.agreement"
    _description = "Village Cooperation Agreement"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "kerjasama.lifecycle.mixin",
        "kerjasama.numbering.mixin",
        "kerjasama.region.scope.mixin",
    ]
    _kerjasama_scope_path = "region_ids"
    # an agreement without desa has no kabupaten: its drafts index is partial on that; all its
    # desa lie in that one kabupaten (_check_party_invariants): a DPMD's or BINWAS's rule
    # filters on it
    _kerjasama_scope_draft_column = "kabupaten_id"
    _kerjasama_scope_wide_column = "kabupaten_id"
    _lifecycle_initial_state = "persiapan"
    _lifecycle_server_fields = SERVER_FIELDS
    _lifecycle_transitions = TRANSITIONS
    _number_prefix = NUMBER_PREFIX
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
    kecamatan_key = fields.Char(
        string="Kecamatan Key",
        compute="_compute_regions",
        store=True,
        help="The ids of the agreement's kecamatan in ascending order, separated by commas: "
        "the home overview counts per kecamatan by grouping on it instead of joining the "
        "kecamatan relation.",
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
        compute="_compute_signature",
        store=True,
        copy=False,
        help="Number of the signed Peraturan Bersama or Perjanjian Bersama in the register of "
        "each desa party, given when that desa signs.",
    )
    signing_date = fields.Date(
        compute="_compute_signature",
        store=True,
        copy=False,
        tracking=True,
        help="Date of the last signature: the agreement is signed when every party has signed.",
    )
    signed_party_count = fields.Integer(
        string="Signatures", compute="_compute_signature", store=True
    )
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
    camat_forward_date = fields.Date(
        string="Forwarded by the Camat",
        copy=False,
        tracking=True,
        help="Date of the camat's covering letter to the bupati/walikota (today when empty).",
    )
    camat_forward_user_id = fields.Many2one(
        "res.users", string="Forwarded By", readonly=True, copy=False
    )
    camat_forward_note = fields.Text(string="Camat's Covering Note", copy=False)
    camat_forwarding_required = fields.Boolean(
        related="kabupaten_id.camat_forwarding_required", string="Forwarding by the Camat"
    )
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

    def init(self):
        super().init()
        # the register number is unique (it carries the kabupaten and the year)
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS kerjasama_agreement_register_number_uniq
                ON kerjasama_agreement (name) WHERE name <> '/'
            """
        )
        # a DPMD's list: the agreements of his kabupaten (his record rule) in the list's order
        self.env.cr.execute(
            """
            CREATE INDEX IF NOT EXISTS kerjasama_agreement_kabupaten_date_index
                ON kerjasama_agreement (kabupaten_id, date_start DESC, id DESC)
             WHERE kabupaten_id IS NOT NULL
            """
        )
        # the home overview's grouped scans (kerjasama.overview): every column they read, so
        # that PostgreSQL counts a kabupaten's (or the nation's) agreements from the index
        # alone, in agreement order for the join with their kecamatan, not from the wide rows
        self.env.cr.execute(
            """
            CREATE INDEX IF NOT EXISTS kerjasama_agreement_overview_index
                ON kerjasama_agreement (kabupaten_id, id)
                INCLUDE (state, amount_total, date_end, camat_forward_user_id, kecamatan_key)
             WHERE active
            """
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
            agreement.kecamatan_key = kecamatan_key(desa.kecamatan_id.ids)
            if not desa:
                agreement.coverage = False
            elif len(desa.kecamatan_id) > 1:
                agreement.coverage = "cross_kecamatan"
            else:
                agreement.coverage = "one_kecamatan"

    @api.depends("party_ids.signed_date", "party_ids.document_number", "party_ids.region_id.name")
    def _compute_signature(self):
        for agreement in self:
            parties = agreement.party_ids
            signed = parties.filtered("signed_date")
            agreement.signed_party_count = len(signed)
            agreement.signing_date = (
                max(signed.mapped("signed_date")) if parties and signed == parties else False
            )
            numbered = parties.filtered("document_number")
            if len(numbered) == 1:
                agreement.document_number = numbered.document_number
            else:
                agreement.document_number = (
                    "; ".join(f"{p.region_id.name}: {p.document_number}" for p in numbered) or False
                )

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
        # the steps of an agreement follow its record rule: read as superuser, the list's
        # column costs no rule of its own (the user reads these agreements already)
        for agreement, agreement_sudo in zip(self, self.sudo(), strict=True):
            steps = agreement_sudo.step_ids
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

    @api.constrains("title")
    def _check_title(self):
        for agreement in self:
            if not (agreement.title or "").strip():
                raise ValidationError(
                    self.env._("An agreement needs a title (judul kerja sama), not a blank one.")
                )

    @api.constrains("date_start", "date_end", "offer_date", "evaluation_date", "termination_date")
    def _check_date_range(self):
        for agreement in self:
            for field_name in (
                "date_start",
                "date_end",
                "offer_date",
                "evaluation_date",
                "termination_date",
            ):
                value = agreement[field_name]
                if value and not DATE_MIN <= value <= DATE_MAX:
                    raise ValidationError(
                        self.env._(
                            "Agreement %(title)s: %(field)s %(date)s is outside the plausible "
                            "range %(min)s - %(max)s.",
                            title=agreement.title,
                            field=agreement._fields[field_name]._description_string(self.env),
                            date=value,
                            min=DATE_MIN.year,
                            max=DATE_MAX.year,
                        )
                    )

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

    @api.constrains("kind", "bkad_id", "party_ids")
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
            if agreement.bkad_id:
                outside = agreement.region_ids - agreement.bkad_id.sudo().member_region_ids
                if outside:
                    raise ValidationError(
                        self.env._(
                            "Agreement %(title)s: %(desa)s is not a member of BKAD %(bkad)s; the "
                            "BKAD of an antar-Desa cooperation has every party desa among its "
                            "members.",
                            title=agreement.title,
                            desa=", ".join(outside.mapped("display_name")),
                            bkad=agreement.bkad_id.display_name,
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

    # ------------------------------------------------------------------ CRUD and guard
    @api.model
    def default_get(self, fields_list):
        """A village officer registering an agreement in the form finds his desa as its first
        party (the agreements action asks with ``kerjasama_default_own_desa``: a mere
        convenience default, which an API caller that adds the parties itself does not get)."""
        values = super().default_get(fields_list)
        if (
            self.env.context.get("kerjasama_default_own_desa")
            and "party_ids" in fields_list
            and not values.get("party_ids")
        ):
            user = self.env.user
            if user.has_group("kerjasama_desa.kerjasama_desa_group_perangkat_desa"):
                desa = user.sudo().kerjasama_region_ids.filtered(lambda r: r.level == "desa")
                if len(desa) == 1:
                    values["party_ids"] = [
                        Command.create({"party_kind": "desa", "region_id": desa.id})
                    ]
        return values

    @api.model_create_multi
    def create(self, vals_list):
        agreements = super().create(vals_list)
        agreements._check_own_desa_kept()
        agreements._sync_initiative_steps()
        return agreements

    def write(self, vals):
        res = super().write(vals)
        if "party_ids" in vals:
            self._check_own_desa_kept()
        if "kind" in vals or "initiative" in vals:
            self._sync_initiative_steps()
        return res

    def _lifecycle_check_write(self, vals):
        """What each stage still lets a user change (the one place for the agreement)."""
        keys = set(vals) - ALWAYS_WRITABLE
        if not keys:
            return
        for agreement in self:
            state = agreement.state
            if "active" in keys and not vals["active"] and agreement._is_signed_or_registered():
                raise UserError(
                    self.env._(
                        "Agreement %(name)s is in the register: it is never archived nor "
                        "deleted; cancel it with its reason instead.",
                        name=agreement.display_name,
                    )
                )
            if keys & EVALUATION_FIELDS:
                if state != "evaluasi":
                    agreement._raise_stage_locked(keys & EVALUATION_FIELDS)
                agreement._kerjasama_check_role(
                    ("dpmd",), self.env._("record the evaluation and clarification")
                )
            if keys & FORWARD_FIELDS:
                if state != "evaluasi" or agreement.camat_forward_user_id:
                    agreement._raise_stage_locked(keys & FORWARD_FIELDS)
                agreement._kerjasama_check_role(
                    ("camat",), self.env._("forward the agreement to the regency"), personal=True
                )
            if keys & SIGNING_FIELDS:
                if state != "penandatanganan":
                    agreement._raise_stage_locked(keys & SIGNING_FIELDS)
                agreement._kerjasama_check_role(
                    ("kepala_desa",), self.env._("record the signed document")
                )
            if keys & TERMINATION_FIELDS:
                if state in FINAL_STATES:
                    agreement._raise_stage_locked(keys & TERMINATION_FIELDS)
                agreement._kerjasama_check_role(
                    ("dpmd",) if state in SIGNED_STATES else ("perangkat", "dpmd"),
                    self.env._("record the end or the cancellation"),
                )
            if keys & FOLLOWUP_FIELDS:
                if state in FINAL_STATES:
                    agreement._raise_stage_locked(keys & FOLLOWUP_FIELDS)
                agreement._kerjasama_check_role(
                    ("perangkat", "dpmd"), self.env._("set how the agreement is followed up")
                )
            content = keys - EVALUATION_FIELDS - FORWARD_FIELDS - SIGNING_FIELDS
            content -= TERMINATION_FIELDS | FOLLOWUP_FIELDS | {"active"}
            if content:
                agreement._check_content_change(content)

    def _check_content_change(self, field_names):
        """The Pasal 6 content (and the preparation records) change while drafting, by the
        village; during signing a change sends the agreement back to drafting (the earlier text
        kept as a version); once signed only an approved amendment changes it."""
        self.ensure_one()
        if is_unlocked(AMENDMENT_KEY):
            return
        if self.state in SIGNED_STATES or self.state == "dibatalkan":
            self._raise_stage_locked(field_names)
        if not self.region_ids and self.create_uid == self.env.user:
            return  # a draft without desa yet is its author's
        self._kerjasama_check_role(("perangkat", "admin"), self.env._("change the agreement"))
        if self.state == "penandatanganan":
            self._back_to_drafting()

    def _raise_stage_locked(self, field_names):
        labels = ", ".join(
            sorted(self._fields[f]._description_string(self.env) for f in field_names)
        )
        if self.state in SIGNED_STATES:
            message = self.env._(
                "Agreement %(name)s is signed: %(fields)s change only through an approved "
                "amendment (perubahan).",
                name=self.display_name,
                fields=labels,
            )
        else:
            message = self.env._(
                "Agreement %(name)s is in stage %(state)s: %(fields)s cannot be changed there.",
                name=self.display_name,
                state=self._lifecycle_state_label(self.state),
                fields=labels,
            )
        raise UserError(message)

    def _back_to_drafting(self):
        """A change during signing: keep the signed text as a version, clear the signatures,
        return to penyusunan."""
        self.ensure_one()
        self.env["kerjasama.agreement.version"].sudo()._snapshot_redraft(self)
        with self._lifecycle_unlocked():
            self.party_ids.sudo()._clear_signature()
            self.sudo().write({"state": "penyusunan"})
        self._lifecycle_on_enter()
        self.message_post(
            body=self.env._(
                "The agreement was changed during signing: it returns to drafting and the "
                "signatures recorded so far are void; the earlier text is kept as a version."
            )
        )

    def _is_signed_or_registered(self):
        self.ensure_one()
        return (
            self.state in SIGNED_STATES
            or (self.name and self.name != "/")
            or any(self.party_ids.mapped("signed_date"))
        )

    def _check_own_desa_kept(self):
        """A village user keeps his own desa among the parties: he registers agreements of his
        desa and never hands one over to other villages."""
        if self._kerjasama_is_national() or self.env.user.has_group(GROUP_DPMD):
            return
        for agreement in self:
            desa = agreement.party_ids.region_id
            if desa and not agreement._kerjasama_user_covers(desa):
                raise AccessError(
                    self.env._(
                        "Agreement %(title)s: your own desa must stay a party; a village "
                        "registers and changes only the agreements it is party to.",
                        title=agreement.title,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_registered(self):
        for agreement in self:
            if agreement._is_signed_or_registered():
                raise UserError(
                    self.env._(
                        "Agreement %(name)s is in the register: a registered agreement is never "
                        "deleted; cancel it with its reason instead.",
                        name=agreement.display_name,
                    )
                )

    # ------------------------------------------------------------------ numbering
    def _number_region(self):
        return self.kabupaten_id

    def _number_date(self):
        """The register of the year of the offer (registration), today when not yet dated."""
        return self.offer_date or fields.Date.context_today(self)

    # ------------------------------------------------------------------ roles
    def _kerjasama_regions(self):
        return self.region_ids

    def _forwarding_required(self):
        """Whether the kabupaten sends the signed agreement to evaluation through the camat."""
        self.ensure_one()
        return self.kabupaten_id.sudo().camat_forwarding_required

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
        return [
            need(line.step_id.name, line.step_id.agreement_field or "step_ids")
            for line in lines.sorted("sequence")
            if not line._is_done()
        ]

    def action_refresh_steps(self):
        """Add to the checklist the steps configured after the agreement was created."""
        self.check_access("write")
        self._sync_initiative_steps()
        return True

    # ------------------------------------------------------------------ preconditions
    def _missing_parties(self):
        self.ensure_one()
        if not self.party_ids:
            return [need(self.env._("the parties of the agreement"), "party_ids")]
        self._check_party_invariants()
        self._check_party_minimum()
        return []

    def _missing_to_penawaran(self):
        """Persiapan: inventory and priority done (Pasal 13), and the preparation steps of the
        initiative (Pasal 14: RKP Desa, benefit/cost analysis, KAK, spatial and environmental
        compliance; configured in ``kerjasama.initiative.step``)."""
        missing = self._missing_parties()
        if not self.potential_inventory:
            missing.append(need(self.env._("inventory of potential"), "potential_inventory"))
        if not self.priority_scale:
            missing.append(need(self.env._("priority scale"), "priority_scale"))
        return missing + self._missing_initiative_steps("penawaran")

    def _missing_to_musyawarah(self):
        """Penawaran: the offer letter (or received proposal) is recorded."""
        missing = []
        reported = set()
        if not self.offer_date:
            missing.append(need(self.env._("offer date"), "offer_date"))
        elif self.offer_date > latest_today(self):
            missing.append(
                need(self.env._("an offer date that is not in the future"), "offer_date")
            )
        if not self.offer_reference:
            missing.append(need(self.env._("offer letter number"), "offer_reference"))
            reported.add("offer_reference")
        return missing + self._missing_initiative_steps("musyawarah", reported)

    def _missing_to_penyusunan(self):
        """Musyawarah: every party desa agreed in musyawarah desa with BPD consent, held on or
        after the offer; an antar-desa agreement is also agreed in a Musyawarah Antar-Desa."""
        missing = self._missing_parties()
        today = fields.Date.context_today(self)
        meetings = self.sudo().musyawarah_ids
        done = meetings.filtered(
            lambda m: m.decision == "agreed" and m.bpd_consent and m.date <= today
        )
        missing_desa = self.region_ids - done.region_id
        if missing_desa:
            missing.append(
                need(
                    self.env._(
                        "a musyawarah desa that agreed, with BPD consent, in %(desa)s",
                        desa=", ".join(missing_desa.mapped("name")),
                    ),
                    "musyawarah_ids",
                )
            )
        early = meetings.filtered(lambda m: self.offer_date and m.date < self.offer_date)
        if early:
            missing.append(
                need(
                    self.env._(
                        "a musyawarah desa held on or after the offer (%(desa)s is dated before it)",
                        desa=", ".join(early.region_id.mapped("name")),
                    ),
                    "musyawarah_ids",
                )
            )
        if self.kind == "antar_desa" and "kerjasama.mad" in self.env:
            missing += self.env["kerjasama.mad"].sudo()._missing_for_drafting(self)
        return missing + self._missing_initiative_steps("penyusunan")

    def _missing_to_penandatanganan(self):
        """Penyusunan: the draft carries the content of Pasal 6."""
        missing = self._missing_parties()
        checks = [
            ("scope", self.env._("scope (ruang lingkup)")),
            ("bidang_id", self.env._("bidang")),
            ("implementation_terms", self.env._("implementation procedure and terms")),
            ("date_start", self.env._("start date")),
            ("date_end", self.env._("end date")),
            ("amendment_clause", self.env._("amendment, suspension and cancellation clause")),
            ("dispute_clause", self.env._("dispute settlement clause")),
        ]
        missing += [need(label, field) for field, label in checks if not self[field]]
        for party in self.party_ids:
            if not party.rights or not party.obligations:
                missing.append(
                    need(
                        self.env._("rights and obligations of %(party)s", party=party.display_name),
                        "party_ids",
                    )
                )
        if not self.funding_ids:
            missing.append(need(self.env._("financing"), "funding_ids"))
        if self.kind == "antar_desa" and self.bkad_id:
            outside = self.region_ids - self.bkad_id.sudo().member_region_ids
            if outside:
                missing.append(
                    need(
                        self.env._(
                            "membership of %(desa)s in BKAD %(bkad)s",
                            desa=", ".join(outside.mapped("name")),
                            bkad=self.bkad_id.display_name,
                        ),
                        "bkad_id",
                    )
                )
        return missing + self._missing_initiative_steps("penandatanganan")

    def _missing_to_evaluasi(self):
        """Penandatanganan: every party signed, after all the deliberations; the scan of the
        signed document is attached."""
        missing = []
        for party in self.party_ids.filtered(lambda p: not p.signed_date):
            missing.append(
                need(self.env._("signature of %(party)s", party=party.display_name), "party_ids")
            )
        if not self.signed_document:
            missing.append(need(self.env._("scan of the signed document"), "signed_document"))
        return missing + self._missing_initiative_steps("evaluasi")

    def _missing_to_berjalan(self):
        """Evaluasi: forwarded by the camat (when the kabupaten requires it), and a compliant
        evaluation by the DPMD dated on or after the signing."""
        missing = []
        if self._forwarding_required() and not self.camat_forward_user_id:
            missing.append(
                need(self.env._("the camat's forwarding to the regency"), "camat_forward_note")
            )
        if not self.evaluation_date:
            missing.append(need(self.env._("evaluation date"), "evaluation_date"))
        elif self.signing_date and self.evaluation_date < self.signing_date:
            missing.append(
                need(
                    self.env._("an evaluation date on or after the signing date"), "evaluation_date"
                )
            )
        elif self.camat_forward_date and self.evaluation_date < self.camat_forward_date:
            missing.append(
                need(
                    self.env._("an evaluation date on or after the camat's forwarding"),
                    "evaluation_date",
                )
            )
        if self.evaluation_result != "approved":
            missing.append(
                need(self.env._("an evaluation result 'Compliant'"), "evaluation_result")
            )
        return missing + self._missing_initiative_steps("berjalan")

    def _missing_revision(self):
        missing = []
        if self._forwarding_required() and not self.camat_forward_user_id:
            missing.append(
                need(self.env._("the camat's forwarding to the regency"), "camat_forward_note")
            )
        if self.evaluation_result != "revision" or not self.evaluation_note:
            missing.append(
                need(
                    self.env._("an evaluation result 'Needs Revision' with its notes"),
                    "evaluation_note",
                )
            )
        return missing

    def _missing_to_berakhir(self):
        missing = []
        if not self.termination_reason_id:
            missing.append(need(self.env._("termination reason"), "termination_reason_id"))
        return missing + self._missing_initiative_steps("berakhir")

    def _missing_cancel(self):
        return (
            [] if self.cancel_reason else [need(self.env._("cancellation reason"), "cancel_reason")]
        )

    def _missing_forward(self):
        if self.camat_forward_user_id:
            return [self.env._("a first forwarding (the agreement was already forwarded)")]
        day = self.camat_forward_date or fields.Date.context_today(self)
        if self.signing_date and day < self.signing_date:
            return [
                need(
                    self.env._("a forwarding date on or after the signing date"),
                    "camat_forward_date",
                )
            ]
        return []

    # ------------------------------------------------------------------ lifecycle
    def _lifecycle_on_enter(self):
        """Bookkeeping of a new stage: its date, the stalled-stage reminder answered, the
        report schedule of a running agreement."""
        with self._lifecycle_unlocked():
            self.sudo().write({"state_date": fields.Date.context_today(self)})
        self.sudo().activity_unlink(["kerjasama_desa.mail_activity_type_agreement_stalled"])
        self.filtered(lambda a: a.state == "berjalan")._generate_report_schedule()
        self._next_step_sync_activities()

    def _lifecycle_run(self, action, vals=None):
        for agreement in self:
            agreement._lifecycle_check_transition(action)
            target = self._lifecycle_transitions[action].target
            extra = vals(agreement) if callable(vals) else dict(vals or {})
            if target == "penawaran":
                agreement.sudo()._assign_number()
            with agreement._lifecycle_unlocked():
                agreement.sudo().write(dict(extra, state=target))
            agreement._lifecycle_on_enter()
        return True

    def action_to_penawaran(self):
        return self._lifecycle_run("action_to_penawaran")

    def action_to_musyawarah(self):
        return self._lifecycle_run("action_to_musyawarah")

    def action_to_penyusunan(self):
        return self._lifecycle_run("action_to_penyusunan")

    def action_to_penandatanganan(self):
        return self._lifecycle_run("action_to_penandatanganan")

    def action_to_evaluasi(self):
        return self._lifecycle_run("action_to_evaluasi")

    def action_camat_forward(self):
        """The camat forwards the signed agreement to the bupati/walikota (kabupaten practice;
        switched off per kabupaten in ``camat_forwarding_required``)."""
        return self._lifecycle_run(
            "action_camat_forward",
            lambda agreement: {
                "camat_forward_date": agreement.camat_forward_date
                or fields.Date.context_today(self),
                "camat_forward_user_id": self.env.uid,
            },
        )

    def action_to_berjalan(self):
        return self._lifecycle_run("action_to_berjalan", {"evaluation_user_id": self.env.uid})

    def action_return_to_penyusunan(self):
        """Evaluasi -> penyusunan: the DPMD asks for a revision; the signatures are void."""
        for agreement in self:
            agreement._lifecycle_check_transition("action_return_to_penyusunan")
            with agreement._lifecycle_unlocked():
                agreement.party_ids.sudo()._clear_signature()
        return self._lifecycle_run(
            "action_return_to_penyusunan",
            {
                "evaluation_user_id": self.env.uid,
                "camat_forward_date": False,
                "camat_forward_user_id": False,
            },
        )

    def action_to_berakhir(self):
        return self._lifecycle_run(
            "action_to_berakhir",
            lambda agreement: {
                "termination_date": agreement.termination_date or fields.Date.context_today(self)
            },
        )

    def action_cancel(self):
        """Any open stage -> dibatalkan, with the reason: a village officer of a party desa
        before the signature, the DPMD afterwards."""
        for agreement in self:
            action = "action_cancel_signed" if agreement.state in SIGNED_STATES else "action_cancel"
            agreement._lifecycle_run(action)
        return True

    @api.model
    def _demo_advance(self, plan):
        """Bring demo agreements to their stage through the same transitions and checks as a
        user (demo data obeys the rules of user data). ``plan``: list of dicts with
        ``agreement`` (id), ``state`` (target), and the values each stage records: ``signed``
        (signing day; ``signed_parties``: how many parties sign when the target is the signing
        stage), ``signed_document`` (file name of the scan), ``forwarded``, ``evaluation``
        (dict), ``termination`` (dict)."""
        # the chatter of the demo reads in the language the suite is installed for
        if self.env["res.lang"]._lang_get("id_ID"):
            self = self.with_context(lang="id_ID")
        order = [s for s, _label in AGREEMENT_STATES if s != "dibatalkan"]
        actions = {
            "persiapan": "action_to_penawaran",
            "penawaran": "action_to_musyawarah",
            "musyawarah": "action_to_penyusunan",
            "penyusunan": "action_to_penandatanganan",
            "penandatanganan": "action_to_evaluasi",
            "evaluasi": "action_to_berjalan",
            "berjalan": "action_to_berakhir",
        }
        for item in plan:
            agreement = self.browse(item["agreement"])
            consents = agreement.musyawarah_ids.filtered(
                lambda m: m.decision == "agreed" and m.bpd_consent_date and not m.bpd_consent
            )
            consents.action_bpd_consent()
            target = item["state"]
            stop = target if target != "dibatalkan" else item.get("cancel_from", "persiapan")
            while agreement.state != stop:
                state = agreement.state
                if state == "penandatanganan":
                    agreement._demo_sign(item, agreement.party_ids)
                elif state == "evaluasi":
                    if agreement._forwarding_required():
                        agreement.camat_forward_date = item.get("forwarded")
                        agreement.action_camat_forward()
                    agreement.write(item.get("evaluation", {}))
                elif state == "berjalan":
                    agreement.write(item.get("termination", {}))
                if order.index(state) >= order.index(stop):
                    break
                getattr(agreement, actions[state])()
            if target == "penandatanganan" and item.get("signed_parties"):
                agreement._demo_sign(item, agreement.party_ids[: item["signed_parties"]], False)
            if target == "dibatalkan":
                agreement.action_cancel()
        return True

    def _creation_message(self):
        """The first line of the chatter, in the words of the register (core Odoo writes the
        model's technical description there before the suite's catalogue is loaded)."""
        self.ensure_one()
        return self.env._(
            "Agreement registered in stage %(state)s.",
            state=self._lifecycle_state_label(self.state),
        )

    def _demo_sign(self, item, parties, with_scan=True):
        if with_scan and item.get("signed_document"):
            with file_open("kerjasama_desa/demo/files/kerjasama_signed_scan.pdf", "rb") as scan:
                self.write(
                    {
                        "signed_document": base64.b64encode(scan.read()),
                        "signed_document_filename": item["signed_document"],
                    }
                )
        for party in parties.filtered(lambda p: not p.signed_date):
            party.sign_date = item["signed"]
            party.action_sign()

    def _lifecycle_next_actions(self):
        actions = super()._lifecycle_next_actions()
        if "action_cancel_signed" in actions:
            actions = [a for a in actions if a != "action_cancel_signed"] + ["action_cancel"]
        return actions

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
