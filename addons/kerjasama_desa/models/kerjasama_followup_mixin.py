from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.translate import LazyTranslate

from .kerjasama_agreement_reporting import SIGNED_FOLLOWUP_STATES

_lt = LazyTranslate(__name__)

# Bookkeeping of the chatter and the activities: written by the server on any record a user
# reads, whatever its stage.
FREE_FIELDS = frozenset(
    {
        "message_main_attachment_id",
        "message_follower_ids",
        "message_ids",
        "activity_ids",
        "website_message_ids",
    }
)


class KerjasamaFollowupMixin(models.AbstractModel):
    """What the follow-up records of a signed kerja sama desa have in common (implementation
    report, dispute, monitoring evaluation; Permendagri 96/2017 pelaporan, penyelesaian
    perselisihan, pembinaan dan pengawasan).

    - ``agreement_id``: the agreement followed up; the record concerns the desa parties of it
      (``_kerjasama_regions``) and is recorded only once the agreement is signed
      (``_followup_agreement_states``); it never moves to another agreement once it left its
      first stage;
    - its lifecycle is a table of ``kerjasama.lifecycle.mixin``: the stage and the server
      stamps are written only by the transitions, which are checked for stage and role and then
      write as the server (``_lifecycle_write``), so a reader who may make a step (a BPD
      receiving a report) needs no write access to the record;
    - its content is written by the roles ``_followup_author_roles`` on a desa of the agreement,
      and only in the stages ``_followup_open_states`` (``_followup_check_content`` refines per
      model).
    """

    _name = "kerjasama.followup.mixin"
    _inherit = ["kerjasama.lifecycle.mixin"]
    _description = "Agreement Follow-up"

    # Stages of the agreement in which a follow-up may be recorded: signed (also after its end).
    _followup_agreement_states = SIGNED_FOLLOWUP_STATES
    # Roles that record the follow-up and write its content, on a desa of the agreement.
    _followup_author_roles = ("perangkat", "admin")
    # Stages of the follow-up in which its content may change.
    _followup_open_states = ()

    agreement_id = fields.Many2one(
        "kerjasama.agreement",
        string="Agreement",
        required=True,
        ondelete="restrict",
        index=True,
    )
    company_id = fields.Many2one(related="agreement_id.company_id", store=True)

    # ------------------------------------------------------------------ roles and regions
    def _kerjasama_regions(self):
        return self.sudo().agreement_id.region_ids

    def _kerjasama_role_labels(self):
        labels = super()._kerjasama_role_labels()
        # the role of the BKAD staff is granted by the BKAD addon; named here so a step that
        # allows it reads well without that addon too
        labels.setdefault("bkad", _lt("the staff of the BKAD running the agreement"))
        return labels

    def _followup_label(self):
        """What the record is, for messages ("An implementation report")."""
        return self._description

    def _followup_agreement(self):
        """The agreement as the server reads it (the user may read the follow-up only)."""
        self.ensure_one()
        return self.sudo().agreement_id

    def _followup_check_author(self, action):
        """Raise ``AccessError`` unless the user records follow-ups of this agreement."""
        self._kerjasama_check_role(self._followup_author_roles, action)

    def _followup_missing_agreement(self):
        """For the preconditions of a step: the agreement is still signed (not cancelled)."""
        self.ensure_one()
        agreement = self._followup_agreement()
        if agreement.state in self._followup_agreement_states:
            return []
        return [
            self.env._(
                "a signed agreement (%(agreement)s is at the stage %(stage)s)",
                agreement=agreement.display_name,
                stage=agreement._lifecycle_state_label(agreement.state),
            )
        ]

    # ------------------------------------------------------------------ constraints
    @api.constrains("agreement_id")
    def _check_followup_agreement(self):
        """A follow-up concerns a signed agreement."""
        for record in self:
            agreement = record.sudo().agreement_id
            if agreement.state not in record._followup_agreement_states:
                raise ValidationError(
                    self.env._(
                        "%(record)s can only be recorded for a signed agreement; "
                        "%(agreement)s is at the stage %(stage)s.",
                        record=record._followup_label(),
                        agreement=agreement.display_name,
                        stage=agreement._lifecycle_state_label(agreement.state),
                    )
                )

    # ------------------------------------------------------------------ CRUD and guard
    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        if not self._lifecycle_is_unlocked():
            records._followup_check_author(self.env._("record it"))
        return records

    def _lifecycle_check_write(self, vals):
        super()._lifecycle_check_write(vals)
        keys = set(vals) - FREE_FIELDS
        if not keys:
            return
        self.check_access("write")  # who may not write at all is told so first
        state_field = self._lifecycle_state_field
        for record in self:
            if (
                "agreement_id" in keys
                and vals["agreement_id"] != record.agreement_id.id
                and record[state_field] != self._lifecycle_initial_state
            ):
                raise UserError(
                    self.env._(
                        "%(record)s belongs to agreement %(agreement)s: it cannot be moved to "
                        "another agreement.",
                        record=record.display_name,
                        agreement=record.sudo().agreement_id.display_name,
                    )
                )
            record._followup_check_content(keys)

    def _followup_check_content(self, field_names):
        """Hook: refuse a change of ``field_names`` the stage or the user's role does not allow
        (default: content changes in ``_followup_open_states``, by the author roles)."""
        self.ensure_one()
        if self[self._lifecycle_state_field] not in self._followup_open_states:
            self._followup_raise_locked(field_names)
        self._followup_check_author(self.env._("change it"))

    def _followup_raise_locked(self, field_names):
        self.ensure_one()
        labels = ", ".join(
            sorted(
                self._fields[f]._description_string(self.env) if f in self._fields else f
                for f in field_names
            )
        )
        raise UserError(
            self.env._(
                "%(record)s is in stage %(state)s: %(fields)s can no longer be changed.",
                record=self.display_name,
                state=self._lifecycle_state_label(self[self._lifecycle_state_field]),
                fields=labels,
            )
        )

    def _lifecycle_write(self, vals):
        """A step checked for stage and role is written as the server: the user needs to read
        the record, not to write it (a BPD receives a report it may not edit)."""
        self.check_access("read")
        return super(KerjasamaFollowupMixin, self.sudo())._lifecycle_write(vals)
