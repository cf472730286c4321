from odoo import api, fields, models

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

KEWENANGAN = [
    ("asal_usul", "Right of Origin (Hak Asal Usul)"),
    ("lokal", "Local Village-scale Authority"),
    ("penugasan", "Assigned by Central/Provincial/Regency Government"),
    ("lainnya", "Other Assigned Authority"),
]


class KerjasamaAgreement(models.Model):
    """A kerja sama desa (Permendagri 96/2017): antar-Desa under a Peraturan Bersama Kepala Desa,
    or with a pihak ketiga under a Perjanjian Bersama, with the content of Pasal 6 and the
    stages of Pasal 13-15."""

    _name = "kerjasama.agreement"
    _description = "Village Cooperation Agreement"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"

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
        [("desa", "Village Initiative (Prakarsa Desa)"), ("pihak_ketiga", "Third-Party Initiative")],
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
        AGREEMENT_STATES, default="persiapan", required=True, tracking=True, index=True, copy=False
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
    termination_clause = fields.Text(string="Termination Clause")
    legal_basis = fields.Text(string="Legal Basis")
    date_start = fields.Date(string="Start Date", tracking=True, index=True)
    date_end = fields.Date(string="End Date", tracking=True, index=True)
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
    bkad_id = fields.Many2one("kerjasama.bkad", string="BKAD", index="btree_not_null", tracking=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, required=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount_total = fields.Monetary(
        string="Total Value",
        compute="_compute_amount_total",
        store=True,
        aggregator="sum",
        currency_field="currency_id",
    )
    active = fields.Boolean(default=True)

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

    @api.depends("funding_ids.amount")
    def _compute_amount_total(self):
        for agreement in self:
            agreement.amount_total = sum(agreement.funding_ids.mapped("amount"))

    @api.depends("name", "title")
    def _compute_display_name(self):
        for agreement in self:
            if agreement.name and agreement.name != "/":
                agreement.display_name = f"{agreement.name} - {agreement.title}"
            else:
                agreement.display_name = agreement.title
