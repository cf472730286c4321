from collections import namedtuple

from odoo import api, models
from odoo.exceptions import UserError

from ..tools.guard import is_unlocked, unlocked

Transition = namedtuple(
    "Transition",
    ["sources", "target", "roles", "check", "label", "personal"],
    defaults=(None, None, False),
)
Transition.__doc__ = """One allowed move of a lifecycle.

:param sources: stages the move starts from
:param target: stage it ends in
:param roles: roles (``kerjasama.access.mixin`` ROLE_GROUPS keys) that may make it, on a desa of
    the record
:param check: name of a method returning the list of what is missing (human-readable)
:param label: what the move does, lazily translated ("propose the offer"), for messages
:param personal: an act of the holder of the office only (the national administrator does not
    make it for him)
"""


class KerjasamaLifecycleMixin(models.AbstractModel):
    """The lifecycle of every record of the suite that has stages, enforced on every path.

    A model declares its stages' table ``_lifecycle_transitions`` (action name -> Transition),
    its first stage ``_lifecycle_initial_state`` and the fields only the server writes
    (``_lifecycle_server_fields``: the stage, numbers, user and date stamps). Then:

    - ``create`` starts in the first stage and refuses the server fields;
    - ``write`` refuses the server fields from any caller, whatever its context;
    - an action button calls ``self._lifecycle_run("action_x")``, which checks the stage, the
      role (``AccessError``) and the preconditions (``UserError`` listing what is missing), then
      writes the new stage inside the server's own unlock (``tools.guard``).
    """

    _name = "kerjasama.lifecycle.mixin"
    _inherit = ["kerjasama.access.mixin"]
    _description = "Lifecycle Guard"

    _lifecycle_state_field = "state"
    _lifecycle_initial_state = None
    _lifecycle_server_fields = ("state",)
    _lifecycle_transitions = {}

    # ------------------------------------------------------------------ guard
    def _lifecycle_key(self):
        return f"{self._name}:lifecycle"

    def _lifecycle_unlocked(self):
        return unlocked(self._lifecycle_key())

    def _lifecycle_is_unlocked(self):
        return is_unlocked(self._lifecycle_key())

    def _lifecycle_state_label(self, state):
        selection = self._fields[self._lifecycle_state_field]._description_selection(self.env)
        return dict(selection).get(state, state)

    @api.model_create_multi
    def create(self, vals_list):
        if not self._lifecycle_is_unlocked():
            state_field = self._lifecycle_state_field
            initial = self._lifecycle_initial_state
            for vals in vals_list:
                if state_field in vals and vals[state_field] not in (initial, False, None):
                    raise UserError(
                        self.env._(
                            "A new %(model)s starts in stage %(state)s; its stage then changes "
                            "only through its stage buttons.",
                            model=self._description,
                            state=self._lifecycle_state_label(initial),
                        )
                    )
                server = [
                    f
                    for f in self._lifecycle_server_fields
                    if f != state_field and vals.get(f) not in (False, None, "/", 0, [])
                ]
                if server:
                    self._lifecycle_raise_server_fields(server)
        return super().create(vals_list)

    def write(self, vals):
        if not self._lifecycle_is_unlocked():
            server = [f for f in self._lifecycle_server_fields if f in vals]
            if server:
                self._lifecycle_raise_server_fields(server)
            self._lifecycle_check_write(vals)
        return super().write(vals)

    def _lifecycle_check_write(self, vals):
        """Hook: refuse a write the stage of the record does not allow (content locks)."""

    def _lifecycle_raise_server_fields(self, field_names):
        labels = ", ".join(self._fields[f]._description_string(self.env) for f in field_names)
        raise UserError(
            self.env._(
                "%(model)s: %(fields)s are set by the system at the steps of the lifecycle and "
                "cannot be written directly.",
                model=self._description,
                fields=labels,
            )
        )

    def _lifecycle_write(self, vals):
        """Write ``vals`` (stage, numbers, stamps) as the server, past the guard."""
        with self._lifecycle_unlocked():
            return self.write(vals)

    # ------------------------------------------------------------------ transitions
    def _lifecycle_check_transition(self, action):
        """Check stage, role and preconditions of ``action`` on each record; raise on the first
        that fails."""
        transition = self._lifecycle_transitions[action]
        state_field = self._lifecycle_state_field
        for record in self:
            if record[state_field] not in transition.sources:
                raise UserError(
                    self.env._(
                        "%(record)s is in stage %(state)s: this step (%(step)s) is not possible "
                        "from there.",
                        record=record.display_name,
                        state=record._lifecycle_state_label(record[state_field]),
                        step=self._kerjasama_text(transition.label or action),
                    )
                )
            record._kerjasama_check_role(
                transition.roles, self._kerjasama_text(transition.label or action)
            )
            missing = getattr(record, transition.check)() if transition.check else []
            if missing:
                raise UserError(
                    self.env._(
                        "%(record)s cannot %(step)s yet; missing: %(missing)s.",
                        record=record.display_name,
                        step=self._kerjasama_text(transition.label or action),
                        missing="; ".join(str(m) for m in missing),
                    )
                )

    def _lifecycle_run(self, action, vals=None):
        """Make the move ``action`` of the table on every record, after its checks; ``vals``
        (a dict, or a callable record -> dict) are written with the new stage."""
        transition = self._lifecycle_transitions[action]
        for record in self:
            record._lifecycle_check_transition(action)
            extra = vals(record) if callable(vals) else dict(vals or {})
            extra[self._lifecycle_state_field] = transition.target
            record._lifecycle_write(extra)
        return True

    def _lifecycle_next_actions(self):
        """Actions of the table the current user may start from the record's stage."""
        self.ensure_one()
        state = self[self._lifecycle_state_field]
        return [
            action
            for action, transition in self._lifecycle_transitions.items()
            if state in transition.sources
            and self._kerjasama_has_role(transition.roles, personal=transition.personal)
        ]
