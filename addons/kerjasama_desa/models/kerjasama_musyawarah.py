from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

OPEN_STATES = ("persiapan", "penawaran", "musyawarah")
BPD_FIELDS = {"bpd_consent", "bpd_consent_date"}


class KerjasamaMusyawarah(models.Model):
    """Musyawarah Desa held by the BPD in one participating desa on a kerja sama desa
    (Permendagri 96/2017 Pasal 13-15): date, berita acara, decision and BPD consent. Every
    party desa must agree, with BPD consent, before the agreement is drafted."""

    _name = "kerjasama.musyawarah"
    _description = "Village Deliberation (Musyawarah Desa)"
    _order = "date desc, id desc"

    agreement_id = fields.Many2one(
        "kerjasama.agreement", string="Agreement", required=True, ondelete="cascade", index=True
    )
    region_id = fields.Many2one(
        "kerjasama.region",
        string="Village",
        required=True,
        index=True,
        ondelete="restrict",
        domain="[('id', 'in', allowed_region_ids)]",
    )
    allowed_region_ids = fields.Many2many(
        related="agreement_id.region_ids", string="Party Villages"
    )
    date = fields.Date(string="Deliberation Date", required=True)
    berita_acara_number = fields.Char(required=True)
    decision = fields.Selection([("agreed", "Agreed"), ("refused", "Refused")], required=True)
    bpd_consent = fields.Boolean(
        string="BPD Consent", help="The BPD consents to the cooperation (recorded by the BPD)."
    )
    bpd_consent_date = fields.Date(string="BPD Consent Date")
    bpd_user_id = fields.Many2one(
        "res.users", string="Consent Recorded By", readonly=True, copy=False
    )
    notes = fields.Text()
    agreement_state = fields.Selection(related="agreement_id.state", string="Agreement Stage")
    user_is_bpd = fields.Boolean(compute="_compute_user_is_bpd")

    _sql_constraints = [
        (
            "agreement_region_unique",
            "UNIQUE(agreement_id, region_id)",
            "A village holds one deliberation record per agreement.",
        ),
    ]

    @api.depends_context("uid")
    def _compute_user_is_bpd(self):
        user = self.env.user
        is_bpd = user.has_group("kerjasama_desa.kerjasama_desa_group_bpd") or user.has_group(
            "kerjasama_desa.kerjasama_desa_group_admin"
        )
        for musyawarah in self:
            musyawarah.user_is_bpd = is_bpd

    @api.depends("region_id", "date")
    def _compute_display_name(self):
        for musyawarah in self:
            musyawarah.display_name = self.env._(
                "Musyawarah Desa %(desa)s (%(date)s)",
                desa=musyawarah.region_id.name or "",
                date=musyawarah.date or "",
            )

    @api.constrains("region_id", "agreement_id")
    def _check_region(self):
        for musyawarah in self:
            if musyawarah.region_id not in musyawarah.agreement_id.region_ids:
                raise ValidationError(
                    self.env._(
                        "%(desa)s is not a desa party to agreement %(agreement)s.",
                        desa=musyawarah.region_id.display_name,
                        agreement=musyawarah.agreement_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_bpd_fields(vals)
            if vals.get("bpd_consent"):
                vals.setdefault("bpd_consent_date", fields.Date.context_today(self))
                vals["bpd_user_id"] = self.env.uid
        records = super().create(vals_list)
        records._check_agreement_open()
        return records

    def write(self, vals):
        self._check_bpd_fields(vals)
        self._check_agreement_open()
        if vals.get("bpd_consent"):
            vals = dict(vals, bpd_user_id=self.env.uid)
            vals.setdefault("bpd_consent_date", fields.Date.context_today(self))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        self._check_agreement_open()

    def _check_bpd_fields(self, vals):
        """Only the BPD records its consent (the DPMD administrator may correct it)."""
        if not BPD_FIELDS.intersection(vals) or self.env.is_superuser():
            return
        user = self.env.user
        if not (
            user.has_group("kerjasama_desa.kerjasama_desa_group_bpd")
            or user.has_group("kerjasama_desa.kerjasama_desa_group_admin")
        ):
            raise AccessError(self.env._("Only the BPD records its consent to a cooperation."))

    def _check_agreement_open(self):
        if self.env.is_superuser():
            return
        for musyawarah in self:
            if musyawarah.agreement_id.state not in OPEN_STATES:
                raise UserError(
                    self.env._(
                        "Agreement %(name)s is past the village deliberation stage: its "
                        "deliberations can no longer be changed.",
                        name=musyawarah.agreement_id.display_name,
                    )
                )
