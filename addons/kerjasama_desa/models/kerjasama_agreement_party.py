from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

from ..tools.dates import latest_today
from ..tools.guard import is_unlocked, unlocked
from ..tools.numbering import next_counter

PARTY_KEY = "kerjasama.agreement.party:signature"
LOCKED_STATES = ("evaluasi", "berjalan", "berakhir", "dibatalkan")
# Recorded during signing, before the party signs, by the village head who signs or records it.
SIGNATURE_FIELDS = {"signatory_name", "signatory_title", "sign_date"}
# Set by ``action_sign`` only.
SERVER_FIELDS = (
    "signed_date",
    "signed_by_id",
    "document_number",
    "document_year",
    "document_sequence",
    "berita_desa_number",
    "berita_desa_year",
    "berita_desa_sequence",
    "promulgation_date",
)


class KerjasamaAgreementParty(models.Model):
    """A party to a kerja sama desa with its rights and obligations (Permendagri 96/2017 Pasal 6):
    a desa (never a kelurahan, Pasal 2-5) or a pihak ketiga (swasta, organisasi kemasyarakatan,
    lembaga lainnya, BUM Desa, BUM Desa Bersama)."""

    _name = "kerjasama.agreement.party"
    _description = "Agreement Party"
    _order = "agreement_id, sequence, id"

    agreement_id = fields.Many2one(
        "kerjasama.agreement", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    party_kind = fields.Selection(
        [("desa", "Village"), ("pihak_ketiga", "Third Party")],
        required=True,
        default="desa",
    )
    region_id = fields.Many2one(
        "kerjasama.region",
        string="Village",
        domain=[("level", "=", "desa"), ("village_type", "!=", "kelurahan")],
        index="btree_not_null",
        ondelete="restrict",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Party",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        ondelete="restrict",
    )
    kecamatan_id = fields.Many2one(related="region_id.kecamatan_id", string="Kecamatan")
    signatory_name = fields.Char(
        string="Signatory",
        help="For a desa, its kepala desa (taken from the officials register when empty); for a "
        "pihak ketiga, its authorised signatory, recorded by the desa.",
    )
    signatory_title = fields.Char(string="Signatory's Office")
    sign_date = fields.Date(
        string="Date of Signature",
        help="Day the party signed the document (today when empty), recorded with the signature.",
    )
    signed_date = fields.Date(string="Signed On", readonly=True, copy=False)
    signed_by_id = fields.Many2one(
        "res.users", string="Signature Recorded By", readonly=True, copy=False
    )
    is_signed = fields.Boolean(string="Signed", compute="_compute_is_signed")
    document_number = fields.Char(
        string="Number in the Desa Register",
        readonly=True,
        copy=False,
        help="Number the desa gives the Peraturan Bersama or Perjanjian Bersama in its own "
        "register of the year, when it signs.",
    )
    document_instrument = fields.Selection(
        related="agreement_id.instrument", store=True, string="Instrument"
    )
    document_year = fields.Integer(readonly=True, copy=False)
    document_sequence = fields.Integer(readonly=True, copy=False)
    # the promulgation of a Peraturan Bersama in the Berita Desa of each desa, by its
    # sekretaris desa, on the day it is stipulated (the last signature; Permendagri 111/2014)
    promulgation_date = fields.Date(string="Promulgated On", readonly=True, copy=False)
    berita_desa_number = fields.Char(
        string="Berita Desa Number",
        readonly=True,
        copy=False,
        help="Number of the Berita Desa in which the desa promulgates the Peraturan Bersama, "
        "given when the last party signs.",
    )
    berita_desa_year = fields.Integer(readonly=True, copy=False)
    berita_desa_sequence = fields.Integer(readonly=True, copy=False)
    rights = fields.Text()
    obligations = fields.Text()

    def init(self):
        # one number per desa register (instrument and year), by database constraint
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS kerjasama_agreement_party_desa_number_uniq
                ON kerjasama_agreement_party (region_id, document_instrument, document_year,
                                              document_sequence)
             WHERE document_sequence IS NOT NULL
            """
        )
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS kerjasama_agreement_party_berita_desa_uniq
                ON kerjasama_agreement_party (region_id, berita_desa_year, berita_desa_sequence)
             WHERE berita_desa_sequence IS NOT NULL
            """
        )

    @api.depends("signed_date")
    def _compute_is_signed(self):
        for party in self:
            party.is_signed = bool(party.signed_date)

    @api.depends("region_id")
    def _compute_partner_id(self):
        for party in self:
            if party.region_id:
                party.partner_id = party.region_id.sudo()._get_village_partner()

    @api.depends("partner_id", "region_id")
    def _compute_display_name(self):
        for party in self:
            party.display_name = party.partner_id.display_name or party.region_id.display_name

    @api.onchange("party_kind")
    def _onchange_party_kind(self):
        if self.party_kind == "pihak_ketiga":
            self.region_id = False
            if self.partner_id.kerjasama_party_type == "desa":
                self.partner_id = False

    @api.constrains("party_kind", "region_id", "partner_id")
    def _check_party(self):
        for party in self:
            title = party.agreement_id.title
            if party.party_kind == "desa":
                region = party.region_id
                if not region:
                    raise ValidationError(
                        self.env._(
                            "Agreement %(title)s: a desa party needs its village (region).",
                            title=title,
                        )
                    )
                if region.level != "desa":
                    raise ValidationError(
                        self.env._(
                            "Agreement %(title)s: %(region)s is not a village; only a desa can "
                            "be a party.",
                            title=title,
                            region=region.display_name,
                        )
                    )
                if region.village_type == "kelurahan":
                    raise ValidationError(
                        self.env._(
                            "Agreement %(title)s: %(region)s is a kelurahan. A kelurahan is not a "
                            "desa and cannot be a party to a kerja sama desa.",
                            title=title,
                            region=region.display_name,
                        )
                    )
            else:
                if party.region_id:
                    raise ValidationError(
                        self.env._(
                            "Agreement %(title)s: a third party is not a village; record a desa "
                            "as a desa party.",
                            title=title,
                        )
                    )
                if not party.partner_id:
                    raise ValidationError(
                        self.env._(
                            "Agreement %(title)s: a third party needs its contact.", title=title
                        )
                    )
                if party.partner_id.kerjasama_party_type == "desa":
                    raise ValidationError(
                        self.env._(
                            "Agreement %(title)s: %(partner)s is a village; record it as a desa "
                            "party, not as a third party.",
                            title=title,
                            partner=party.partner_id.display_name,
                        )
                    )
        for agreement in self.agreement_id:
            agreement._check_party_invariants()

    @api.constrains("signed_date")
    def _check_signed_date(self):
        """Signing comes after every deliberation and never in the future."""
        today = latest_today(self)
        for party in self.filtered("signed_date"):
            agreement = party.agreement_id.sudo()
            if party.signed_date > today:
                raise ValidationError(
                    self.env._(
                        "%(party)s: the signing date %(date)s is in the future.",
                        party=party.display_name,
                        date=party.signed_date,
                    )
                )
            dates = [
                d
                for d in agreement.musyawarah_ids.mapped("date")
                + agreement.musyawarah_ids.mapped("bpd_consent_date")
                + [agreement.offer_date]
                if d
            ]
            if "kerjasama.mad" in self.env and agreement.kind == "antar_desa":
                mad_date = self.env["kerjasama.mad"].sudo()._latest_meeting_date(agreement)
                if mad_date:
                    dates.append(mad_date)
            latest = max(dates) if dates else None
            if latest and party.signed_date < latest:
                raise ValidationError(
                    self.env._(
                        "%(party)s: the signing date %(date)s comes before the deliberations "
                        "and consents of the agreement (the last on %(latest)s); signing comes "
                        "after all of them.",
                        party=party.display_name,
                        date=party.signed_date,
                        latest=latest,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            server = [f for f in SERVER_FIELDS if vals.get(f)]
            if server and not is_unlocked(PARTY_KEY):
                self._raise_server_fields(server)
        parties = super().create(vals_list)
        for party in parties:
            party.agreement_id._check_content_change({"party_ids"})
        parties.agreement_id._check_own_desa_kept()
        return parties

    def write(self, vals):
        if not is_unlocked(PARTY_KEY):
            server = [f for f in SERVER_FIELDS if f in vals]
            if server:
                self._raise_server_fields(server)
            keys = set(vals)
            for party in self:
                if keys <= SIGNATURE_FIELDS:
                    party._check_signature_data_open()
                else:
                    party.agreement_id._check_content_change({"party_ids"})
                    if "region_id" in keys or "party_kind" in keys:
                        party._check_not_own_desa()
        res = super().write(vals)
        if "region_id" in vals:
            self.agreement_id._check_own_desa_kept()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        if is_unlocked(PARTY_KEY):
            return
        for party in self:
            party.agreement_id._check_content_change({"party_ids"})
            party._check_not_own_desa()

    def _raise_server_fields(self, field_names):
        raise UserError(
            self.env._(
                "%(fields)s of a party are set by the system when that party signs.",
                fields=", ".join(
                    self._fields[f]._description_string(self.env) for f in field_names
                ),
            )
        )

    def _check_not_own_desa(self):
        """A village user never removes his own desa from an agreement."""
        self.ensure_one()
        agreement = self.agreement_id
        if agreement._kerjasama_is_national() or self.env.user.has_group(
            "kerjasama_desa.kerjasama_desa_group_dpmd"
        ):
            return
        if self.region_id and agreement._kerjasama_user_covers(self.region_id):
            raise AccessError(
                self.env._(
                    "Agreement %(name)s: you cannot remove your own desa %(desa)s from the "
                    "agreement; cancel the agreement instead.",
                    name=agreement.display_name,
                    desa=self.region_id.display_name,
                )
            )

    # ------------------------------------------------------------------ signature
    def _signer_regions(self):
        """Desa whose village head signs for this party: its own desa; for a pihak ketiga, the
        desa parties (a village head records the signature of the authorised signatory)."""
        self.ensure_one()
        if self.party_kind == "desa":
            return self.region_id
        return self.agreement_id.region_ids

    def _check_signature_data_open(self):
        self.ensure_one()
        agreement = self.agreement_id
        if self.signed_date or agreement.state in LOCKED_STATES:
            raise UserError(
                self.env._(
                    "%(party)s: the signatory is recorded before the party signs; a signed "
                    "party is never changed.",
                    party=self.display_name,
                )
            )
        signing = agreement.state == "penandatanganan"
        agreement._kerjasama_check_role(
            ("kepala_desa",) if signing else ("perangkat", "admin"),
            self.env._("record the signatory of %(party)s", party=self.display_name),
            regions=self._signer_regions(),
            personal=signing,
        )

    def _default_signatory(self):
        """(name, office) of the signatory of a desa party: the kepala desa in office on the
        signing day, from the officials register of the desa."""
        self.ensure_one()
        if self.party_kind != "desa" or "kerjasama.desa.official" not in self.env:
            return False, False
        day = self.sign_date or fields.Date.context_today(self)
        officials = (
            self.env["kerjasama.desa.official"]
            .sudo()
            ._get_official(self.region_id, "kepala_desa", day)
        )
        official = officials.get(self.region_id)
        if not official:
            return False, False
        return official.name, self.env._("Kepala Desa %(desa)s", desa=self.region_id.name)

    def action_sign(self):
        """Record the signature of this party: by the village head of the desa (for a pihak
        ketiga, the signature of its authorised signatory recorded by a village head of a party
        desa). The desa's legal product receives its number in the desa's register."""
        for party in self:
            agreement = party.agreement_id
            if agreement.state != "penandatanganan":
                raise UserError(
                    self.env._(
                        "Agreement %(name)s is not in the signing stage.",
                        name=agreement.display_name,
                    )
                )
            if party.signed_date:
                raise UserError(
                    self.env._("%(party)s has already signed.", party=party.display_name)
                )
            agreement._kerjasama_check_role(
                ("kepala_desa",),
                self.env._("sign for %(party)s", party=party.display_name),
                regions=party._signer_regions(),
                personal=True,
            )
            name, office = party.signatory_name, party.signatory_title
            if party.party_kind == "desa" and not name:
                name, office = party._default_signatory()
            missing = []
            if not name:
                missing.append(self.env._("the signatory's name"))
            if not (office or party.party_kind == "desa"):
                missing.append(self.env._("the signatory's office"))
            if missing:
                raise UserError(
                    self.env._(
                        "%(party)s cannot sign yet; missing: %(missing)s.",
                        party=party.display_name,
                        missing="; ".join(missing),
                    )
                )
            day = party.sign_date or fields.Date.context_today(self)
            vals = {
                "signatory_name": name,
                "signatory_title": office
                or self.env._("Kepala Desa %(desa)s", desa=party.region_id.name),
                "signed_date": day,
                "signed_by_id": self.env.uid,
            }
            if party.party_kind == "desa":
                scope = f"{agreement.instrument}/{party.region_id.code}"
                sequence = next_counter(self.env, scope, day.year)
                vals.update(
                    document_year=day.year,
                    document_sequence=sequence,
                    document_number=self.env._(
                        "%(number)s TAHUN %(year)s", number=sequence, year=day.year
                    ),
                )
            with unlocked(PARTY_KEY):
                party.sudo().write(vals)
            party._promulgate_when_stipulated()
            agreement.message_post(
                body=self.env._(
                    "%(party)s signed on %(date)s (%(name)s).",
                    party=party.display_name,
                    date=format_date(self.env, day),
                    name=name,
                )
            )
            agreement._next_step_sync_activities()
        return True

    def _promulgate_when_stipulated(self):
        """Once every party has signed, a Peraturan Bersama is stipulated (on the day of the
        last signature) and each desa promulgates it in its Berita Desa the same day, under
        the next number of the year of its Berita Desa (Permendagri 111/2014)."""
        self.ensure_one()
        agreement = self.agreement_id
        parties = agreement.party_ids
        if agreement.instrument != "peraturan_bersama" or not all(parties.mapped("signed_date")):
            return
        day = max(parties.mapped("signed_date"))
        for party in parties.filtered(
            lambda p: p.party_kind == "desa" and not p.berita_desa_number
        ):
            number = next_counter(self.env, f"berita_desa/{party.region_id.code}", day.year)
            with unlocked(PARTY_KEY):
                party.sudo().write(
                    {
                        "promulgation_date": day,
                        "berita_desa_year": day.year,
                        "berita_desa_sequence": number,
                        "berita_desa_number": str(number),
                    }
                )

    def _clear_signature(self):
        """Void the signatures (the agreement returned to drafting); their numbers stay taken
        in the desa registers, noted in the chatter of the agreement."""
        with unlocked(PARTY_KEY):
            self.write(
                {
                    "signed_date": False,
                    "signed_by_id": False,
                    "sign_date": False,
                    "document_number": False,
                    "document_year": False,
                    "document_sequence": False,
                    "promulgation_date": False,
                    "berita_desa_number": False,
                    "berita_desa_year": False,
                    "berita_desa_sequence": False,
                }
            )
