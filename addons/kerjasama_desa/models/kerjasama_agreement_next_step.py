from collections import namedtuple

from lxml import etree

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .kerjasama_agreement import AGREEMENT_STATES, TRANSITIONS

# Who an agreement waits for: a role of the suite (``ROLE_GROUPS`` key), the desa it acts for,
# and what it is to do (a translated phrase: "the consent of the BPD of Situgede").
Waiting = namedtuple("Waiting", ["role", "regions", "text"])
# The level of the working region of the holder of each acting role.
ROLE_LEVEL = {
    "perangkat": "desa",
    "kepala_desa": "desa",
    "bpd": "desa",
    "bendahara": "desa",
    "camat": "kecamatan",
    "dpmd": "kabupaten",
}
STATE_ORDER = [state for state, _label in AGREEMENT_STATES]
NEXT_STEP_ACTIVITY = "kerjasama_desa.mail_activity_type_agreement_next_step"


def _forward_action(state):
    """The move of ``TRANSITIONS`` that takes ``state`` to the next stage of the lifecycle."""
    if state not in STATE_ORDER[: STATE_ORDER.index("berjalan")]:
        return None
    following = STATE_ORDER[STATE_ORDER.index(state) + 1]
    for action, transition in TRANSITIONS.items():
        if state in transition.sources and transition.target == following:
            return action
    return None


class KerjasamaAgreement(models.Model):
    """The next step of a kerja sama desa: who it waits for at its stage (the desa's
    musyawarah and its BPD's consent, the signature of each kepala desa, the camat's forwarding,
    the DPMD's evaluation), what the step still needs, and an activity for the users who must
    act, in the right desa.

    The step and its requirements are those of the one transition table (``TRANSITIONS``): the
    banner shows before any click what the stage button would refuse."""

    _inherit = "kerjasama.agreement"

    next_step_info = fields.Json(
        string="Next Step",
        compute="_compute_next_step_info",
        help="Who the agreement waits for, and what its next step still needs.",
    )
    user_can_consent = fields.Boolean(compute="_compute_user_acts")
    user_can_sign = fields.Boolean(compute="_compute_user_acts")

    # ------------------------------------------------------------------ who acts next
    def _next_step_waiting(self):
        """``[Waiting]`` of who the agreement waits for at its stage."""
        self.ensure_one()
        record = self.sudo()
        desa = record.region_ids
        names = ", ".join(desa.mapped("name"))
        _ = self.env._
        state = record.state
        if state == "persiapan":
            return [
                Waiting(
                    "perangkat",
                    desa,
                    _("the offer by the village officers of %(desa)s", desa=names),
                )
            ]
        if state == "penawaran":
            return [
                Waiting(
                    "perangkat",
                    desa,
                    _(
                        "the offer letter and the deliberation by the village officers of %(desa)s",
                        desa=names,
                    ),
                )
            ]
        if state == "musyawarah":
            return record._next_step_waiting_musyawarah()
        if state == "penyusunan":
            return [
                Waiting(
                    "perangkat",
                    desa,
                    _(
                        "the draft and its submission for signing by the village officers of %(desa)s",
                        desa=names,
                    ),
                )
            ]
        if state == "penandatanganan":
            return record._next_step_waiting_signing()
        if state == "evaluasi":
            if record._forwarding_required() and not record.camat_forward_user_id:
                return [
                    Waiting(
                        "camat",
                        desa,
                        _(
                            "the forwarding by the camat of %(kecamatan)s",
                            kecamatan=", ".join(record.kecamatan_ids.mapped("name")),
                        ),
                    )
                ]
            return [
                Waiting(
                    "dpmd",
                    desa,
                    _(
                        "the evaluation by the DPMD of %(kabupaten)s",
                        kabupaten=record.kabupaten_id.name or "",
                    ),
                )
            ]
        if state == "berjalan" and record.has_overdue_report:
            return [
                Waiting(
                    "perangkat",
                    desa,
                    _("the overdue implementation report of %(desa)s", desa=names),
                )
            ]
        return []

    def _next_step_waiting_musyawarah(self):
        _ = self.env._
        meetings = self.musyawarah_ids
        agreed = meetings.filtered(lambda m: m.decision == "agreed")
        waiting = []
        for desa in self.region_ids - agreed.region_id:
            waiting.append(
                Waiting("perangkat", desa, _("the musyawarah desa of %(desa)s", desa=desa.name))
            )
        unconsented = agreed.filtered(lambda m: not m.bpd_consent)
        for meeting in unconsented.sorted(lambda m: list(self.region_ids).index(m.region_id)):
            waiting.append(
                Waiting(
                    "bpd",
                    meeting.region_id,
                    _("the consent of the BPD of %(desa)s", desa=meeting.region_id.name),
                )
            )
        if not waiting and self.kind == "antar_desa" and "kerjasama.mad" in self.env:
            if self.env["kerjasama.mad"].sudo()._missing_for_drafting(self):
                waiting.append(
                    Waiting("perangkat", self.region_ids, _("the Musyawarah Antar-Desa"))
                )
        if not waiting:
            waiting.append(
                Waiting(
                    "perangkat",
                    self.region_ids,
                    _(
                        "the start of drafting by the village officers of %(desa)s",
                        desa=", ".join(self.region_ids.mapped("name")),
                    ),
                )
            )
        return waiting

    def _next_step_waiting_signing(self):
        _ = self.env._
        unsigned = self.party_ids.filtered(lambda p: not p.signed_date)
        waiting = [
            Waiting(
                "kepala_desa",
                party.region_id,
                _("the signature of the village head of %(desa)s", desa=party.region_id.name),
            )
            for party in unsigned.filtered(lambda p: p.party_kind == "desa")
        ]
        waiting += [
            Waiting(
                "kepala_desa",
                self.region_ids,
                _(
                    "the signature of %(party)s, recorded by a village head",
                    party=party.display_name,
                ),
            )
            for party in unsigned.filtered(lambda p: p.party_kind != "desa")
        ]
        if not waiting:
            waiting.append(
                Waiting(
                    "kepala_desa",
                    self.region_ids,
                    _(
                        "the sending to the regency by the village head of %(desa)s",
                        desa=", ".join(self.region_ids.mapped("name")),
                    ),
                )
            )
        return waiting

    # ------------------------------------------------------------------ what the step needs
    @api.model
    def _form_field_pages(self):
        """``{field: (page name, page title)}`` of the agreement form the user sees."""
        arch = etree.fromstring(self.get_view(view_type="form")["arch"])
        pages = {}
        for page in arch.iter("page"):
            for node in page.iter("field"):
                # a field of the page itself, not of a sub-view of one of its fields
                if node.getparent() is not None and any(
                    ancestor.tag == "field" for ancestor in node.iterancestors()
                ):
                    continue
                pages.setdefault(node.get("name"), (page.get("name"), page.get("string")))
        return pages

    def _next_step_missing(self):
        """The requirements (``tools.requirement.Requirement``) of the stage's forward move."""
        self.ensure_one()
        action = _forward_action(self.state)
        if not action or not TRANSITIONS[action].check:
            return action, []
        try:
            missing = getattr(self.sudo(), TRANSITIONS[action].check)()
        except (UserError, ValidationError) as error:  # an invariant the move itself would raise
            missing = [str(error.args[0])]
        return action, missing

    @api.depends_context("uid", "lang")
    @api.depends(
        "state",
        "party_ids.signed_date",
        "musyawarah_ids.decision",
        "musyawarah_ids.bpd_consent",
        "camat_forward_user_id",
    )
    def _compute_next_step_info(self):
        pages = self._form_field_pages() if self else {}
        for agreement in self:
            if not agreement.id or agreement.state in ("berakhir", "dibatalkan"):
                agreement.next_step_info = False
                continue
            waiting = agreement._next_step_waiting()
            action, missing = agreement._next_step_missing()
            transition = TRANSITIONS.get(action)
            items = []
            for requirement in missing:
                field = getattr(requirement, "field", None)
                page, page_title = pages.get(field, (None, None))
                items.append(
                    {
                        "text": str(requirement),
                        "field": field,
                        "page": page,
                        "page_title": page_title,
                    }
                )
            if not waiting and not transition:
                agreement.next_step_info = False
                continue
            mine = [w for w in waiting if agreement._next_step_is_mine(w)]
            agreement.next_step_info = {
                "waiting": [w.text for w in waiting],
                "mine": bool(mine),
                "step": agreement._kerjasama_text(transition.label) if transition else False,
                "missing": items,
            }

    def _next_step_is_mine(self, waiting):
        """True when the current user holds the office ``waiting`` names, in its desa."""
        user = self.env.user
        if not user.has_group(self._kerjasama_role_groups()[waiting.role]):
            return False
        level = ROLE_LEVEL.get(waiting.role)
        regions = user.sudo().kerjasama_region_ids.filtered(lambda r: r.level == level)
        return bool(regions) and any(
            (region.parent_path or "").startswith(mine.parent_path)
            for region in waiting.regions.sudo()
            for mine in regions
        )

    @api.depends_context("uid")
    @api.depends("state", "party_ids.signed_date", "musyawarah_ids.bpd_consent")
    def _compute_user_acts(self):
        for agreement in self:
            agreement.user_can_consent = bool(agreement._my_consent_musyawarah())
            agreement.user_can_sign = bool(agreement._my_signing_parties())

    def _my_desa(self, role):
        """The desa of the agreement where the current user holds the village office ``role``."""
        user = self.env.user
        if not user.has_group(self._kerjasama_role_groups()[role]):
            return self.env["kerjasama.region"]
        own = user.sudo().kerjasama_region_ids.filtered(lambda r: r.level == "desa")
        return self.sudo().region_ids & own

    def _my_consent_musyawarah(self):
        self.ensure_one()
        if self.state != "musyawarah":
            return self.env["kerjasama.musyawarah"]
        desa = self._my_desa("bpd")
        return self.sudo().musyawarah_ids.filtered(
            lambda m: m.region_id in desa and m.decision == "agreed" and not m.bpd_consent
        )

    def _my_signing_parties(self):
        self.ensure_one()
        if self.state != "penandatanganan":
            return self.env["kerjasama.agreement.party"]
        desa = self._my_desa("kepala_desa")
        return self.sudo().party_ids.filtered(
            lambda p: p.party_kind == "desa" and p.region_id in desa and not p.signed_date
        )

    # ------------------------------------------------------------------ the acts of the roles
    def action_bpd_consent_mine(self):
        """The BPD consents, for its own desa, to the agreement its musyawarah desa agreed."""
        self.ensure_one()
        meetings = self._my_consent_musyawarah()
        if not meetings:
            return self._next_step_nothing_to_do(self.env._("consent to"))
        # the act runs as the user: the musyawarah checks the role and the desa itself
        return meetings.with_env(self.env).action_bpd_consent()

    def action_sign_mine(self):
        """The kepala desa signs the agreement for his own desa."""
        self.ensure_one()
        parties = self._my_signing_parties()
        if not parties:
            return self._next_step_nothing_to_do(self.env._("sign"))
        return parties.with_env(self.env).action_sign()

    def _next_step_nothing_to_do(self, act):
        raise UserError(
            self.env._(
                "%(agreement)s has nothing for you to %(act)s: it waits for %(waiting)s.",
                agreement=self.display_name,
                act=act,
                waiting="; ".join(w.text for w in self._next_step_waiting())
                or self.env._("nobody"),
            )
        )

    # ------------------------------------------------------------------ activities
    def _next_step_users(self, waiting):
        """Users holding the office ``waiting`` names, in its desa (never the national
        administrator, who acts for nobody)."""
        group = self.env.ref(self._kerjasama_role_groups()[waiting.role], raise_if_not_found=False)
        if not group or not waiting.regions:
            return self.env["res.users"]
        level = ROLE_LEVEL.get(waiting.role)
        users = (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    ("groups_id", "in", group.ids),
                    ("kerjasama_region_ids", "parent_of", waiting.regions.ids),
                    ("share", "=", False),
                ]
            )
        )
        if waiting.role == "perangkat":
            # the treasurer is a village officer by implication; the officers' steps are not his
            treasurer = self.env.ref(self._kerjasama_role_groups()["bendahara"])
            users = users.filtered(lambda user, t=treasurer: t not in user.groups_id)
        regions = waiting.regions.sudo()
        return users.filtered(
            lambda user: any(
                region.level == level
                and any((desa.parent_path or "").startswith(region.parent_path) for desa in regions)
                for region in user.kerjasama_region_ids
            )
        )

    @api.model
    def _next_step_sync_open(self):
        """The next-step activities of every open agreement (after a data load that gave the
        users their regions after the agreements moved, as the demo data does)."""
        self.search([("state", "not in", ("berakhir", "dibatalkan"))])._next_step_sync_activities()

    def _next_step_sync_activities(self):
        """One "next step" activity for each user who must act next, none for the others."""
        activity_type = self.env.ref(NEXT_STEP_ACTIVITY, raise_if_not_found=False)
        if not activity_type:
            return
        today = fields.Date.context_today(self)
        for agreement in self.sudo():
            wanted = {}
            # each user reads what waits for him in his own language
            by_lang = {}
            for index, waiting in enumerate(agreement._next_step_waiting()):
                for user in agreement._next_step_users(waiting):
                    lang = user.lang or "en_US"
                    if lang not in by_lang:
                        by_lang[lang] = agreement.with_context(lang=lang)._next_step_waiting()
                    wanted.setdefault(user.id, []).append(by_lang[lang][index].text)
            current = agreement.activity_ids.filtered(
                lambda a, t=activity_type: a.activity_type_id == t
            )
            summaries = {uid: "; ".join(texts)[:250] for uid, texts in wanted.items()}
            stale = current.filtered(lambda a, s=summaries: s.get(a.user_id.id) != a.summary)
            stale.unlink()
            kept = (current - stale).user_id.ids
            vals = [
                {
                    "res_model_id": self.env["ir.model"]._get_id(agreement._name),
                    "res_id": agreement.id,
                    "activity_type_id": activity_type.id,
                    "user_id": uid,
                    "summary": summary,
                    "date_deadline": today,
                }
                for uid, summary in summaries.items()
                if uid not in kept
            ]
            if vals:
                self.env["mail.activity"].sudo().with_context(
                    mail_activity_quick_update=True
                ).create(vals)
