from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.translate import LazyTranslate

from ..tools.formatting import format_date_id
from .kerjasama_lifecycle_mixin import Transition

_lt = LazyTranslate(__name__)
VILLAGE_HEAD = ("kepala_desa", "perangkat", "admin")

EXCLUSION_CONSTRAINT = "kerjasama_asset_utilization_no_double_commitment"
# Stages of the agreement a utilisation may be in, per state of the utilisation. A running
# utilisation needs a signed agreement (under evaluation or running); an ended one may also
# stand on an ended agreement; a draft may be prepared while the agreement is drafted, not
# on an agreement that is over. A cancelled utilisation commits nothing.
SIGNED_AGREEMENT_STATES = ("evaluasi", "berjalan")
AGREEMENT_STATES_BY_UTILIZATION_STATE = {
    "draft": (
        "persiapan",
        "penawaran",
        "musyawarah",
        "penyusunan",
        "penandatanganan",
        *SIGNED_AGREEMENT_STATES,
    ),
    "active": SIGNED_AGREEMENT_STATES,
    "ended": (*SIGNED_AGREEMENT_STATES, "berakhir"),
}


class KerjasamaAssetUtilization(models.Model):
    """Pemanfaatan of a village asset by others (Permendagri 1/2016 as amended by 3/2024):
    sewa, pinjam pakai, kerja sama pemanfaatan, bangun guna serah / bangun serah guna, through
    a kerja sama desa, for a period that the form's maximum duration bounds.

    An asset cannot be committed twice in overlapping periods in an exclusive form: a
    PostgreSQL EXCLUDE constraint (btree_gist) guarantees it even when two users save at once.
    """

    _name = "kerjasama.asset.utilization"
    _description = "Asset Utilisation"
    _inherit = ["mail.thread", "kerjasama.lifecycle.mixin", "kerjasama.exclusion.mixin"]
    _exclusion_fields = ("asset_id", "date_start", "date_end")
    _lifecycle_initial_state = "draft"
    _lifecycle_transitions = {
        "action_activate": Transition(
            ("draft",), "active", VILLAGE_HEAD, None, _lt("put the utilisation into effect")
        ),
        "action_end": Transition(
            ("active",), "ended", VILLAGE_HEAD, None, _lt("end the utilisation")
        ),
        "action_cancel": Transition(
            ("draft", "active"), "cancelled", VILLAGE_HEAD, None, _lt("cancel the utilisation")
        ),
        "action_draft": Transition(
            ("cancelled",), "draft", VILLAGE_HEAD, None, _lt("reset the utilisation to draft")
        ),
    }
    _order = "date_start desc, id desc"

    asset_id = fields.Many2one(
        "kerjasama.asset", string="Asset", required=True, index=True, ondelete="restrict"
    )
    region_id = fields.Many2one(related="asset_id.region_id", store=True, index=True)
    kecamatan_id = fields.Many2one(related="asset_id.kecamatan_id", store=True)
    agreement_id = fields.Many2one(
        "kerjasama.agreement",
        string="Agreement",
        index="btree_not_null",
        ondelete="restrict",
        tracking=True,
    )
    form_id = fields.Many2one(
        "kerjasama.utilization.form",
        string="Utilisation Form",
        required=True,
        ondelete="restrict",
        tracking=True,
    )
    exclusive = fields.Boolean(
        compute="_compute_exclusive",
        store=True,
        precompute=True,
        readonly=True,
        help="Copied from the form when the utilisation is created: the database refuses two "
        "overlapping exclusive utilisations of one asset.",
    )
    date_start = fields.Date(string="Start Date", required=True, tracking=True)
    date_end = fields.Date(string="End Date", required=True, tracking=True)
    partner_id = fields.Many2one(
        "res.partner", string="Counterpart", index="btree_not_null", tracking=True
    )
    renewal_of_id = fields.Many2one(
        "kerjasama.asset.utilization",
        string="Extension Of",
        index="btree_not_null",
        ondelete="restrict",
        help="The earlier utilisation this one extends (only for extendable forms, e.g. sewa).",
    )
    flow = fields.Selection(
        [("income", "Income to the Village"), ("contribution", "Contribution by the Village")],
        required=True,
        default="income",
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda s: s.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    amount = fields.Monetary(currency_field="currency_id", aggregator="sum", tracking=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("active", "Running"),
            ("ended", "Ended"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        index=True,
        tracking=True,
    )
    note = fields.Text()

    _sql_constraints = [
        ("amount_positive", "CHECK(amount >= 0)", "A utilisation amount cannot be negative."),
        ("dates_ordered", "CHECK(date_end >= date_start)", "The end date is before the start."),
    ]

    def init(self):
        cr = self.env.cr
        cr.execute(SQL("CREATE EXTENSION IF NOT EXISTS btree_gist"))
        cr.execute(SQL("SELECT 1 FROM pg_constraint WHERE conname = %s", EXCLUSION_CONSTRAINT))
        if not cr.fetchone():
            cr.execute(
                SQL(
                    """
                    ALTER TABLE %s ADD CONSTRAINT %s EXCLUDE USING gist (
                        asset_id WITH =,
                        daterange(date_start, date_end, '[]') WITH &&
                    ) WHERE (exclusive AND state != 'cancelled')
                    """,
                    SQL.identifier(self._table),
                    SQL.identifier(EXCLUSION_CONSTRAINT),
                )
            )

    @api.depends("form_id")
    def _compute_exclusive(self):
        for rec in self:
            rec.exclusive = rec.form_id.exclusive

    @api.depends("asset_id", "form_id", "date_start", "date_end")
    def _compute_display_name(self):
        for rec in self:
            rec.display_name = (
                f"{rec.asset_id.name or ''} - {rec.form_id.name or ''} "
                f"({rec.date_start or ''} - {rec.date_end or ''})"
            )

    def _raise_double_commitment(self, vals_list):
        """Turn the database exclusion violation into a clear error, naming the conflict.

        When the winner is not visible (a concurrent transaction committed it after this one
        began), the message says so instead of naming it."""
        assets = self.env["kerjasama.asset"].browse({vals["asset_id"] for vals in vals_list})
        # every visible exclusive commitment of these assets, in one query
        commitments = self.search(
            [
                ("asset_id", "in", assets.ids),
                ("exclusive", "=", True),
                ("state", "!=", "cancelled"),
            ]
        )
        messages = []
        for vals in vals_list:
            asset = assets.browse(vals["asset_id"])
            start = fields.Date.to_date(vals["date_start"])
            end = fields.Date.to_date(vals["date_end"])
            own = vals.get("id")
            conflict = commitments.filtered(
                lambda rec, asset=asset, start=start, end=end, own=own: (
                    rec.asset_id == asset
                    and rec.id != own
                    and rec.date_start <= end
                    and rec.date_end >= start
                )
            )[:1]
            if conflict or len(vals_list) == 1:
                messages.append(
                    self.env._(
                        "Asset %(asset)s is already committed in an exclusive form from "
                        "%(start)s to %(end)s (%(other)s): it cannot be committed again for "
                        "%(new_start)s - %(new_end)s.",
                        asset=asset.display_name,
                        start=format_date_id(conflict.date_start) or "?",
                        end=format_date_id(conflict.date_end) or "?",
                        other=conflict.agreement_id.display_name
                        or conflict.form_id.name
                        or self.env._("another transaction"),
                        new_start=format_date_id(start),
                        new_end=format_date_id(end),
                    )
                )
        if not messages:
            messages.append(
                self.env._(
                    "One of these assets was committed in an exclusive form for an overlapping "
                    "period by another transaction: reload and check its utilisations."
                )
            )
        raise ValidationError("\n".join(messages))

    def _raise_exclusion(self, vals_list):
        self._raise_double_commitment(vals_list)

    @api.constrains("date_start", "date_end", "form_id")
    def _check_duration(self):
        units = dict(
            self.env["kerjasama.utilization.form"]
            ._fields["duration_unit"]
            ._description_selection(self.env)
        )
        for rec in self:
            max_end = rec.form_id._max_end_date(rec.date_start)
            if max_end and rec.date_end > max_end:
                raise ValidationError(
                    self.env._(
                        "A utilisation in the form %(form)s lasts at most %(max)s %(unit)s: "
                        "starting on %(start)s it must end on %(max_end)s at the latest, not on "
                        "%(end)s.",
                        form=rec.form_id.name,
                        max=rec.form_id.max_duration,
                        unit=units.get(rec.form_id.duration_unit),
                        start=format_date_id(rec.date_start),
                        max_end=format_date_id(max_end),
                        end=format_date_id(rec.date_end),
                    )
                )

    @api.constrains("asset_id", "agreement_id", "renewal_of_id", "form_id")
    def _check_asset_and_agreement(self):
        for rec in self:
            if rec.asset_id.in_direct_use:
                raise ValidationError(
                    self.env._(
                        "Asset %(asset)s is in direct use for village government: it cannot be "
                        "utilised by others.",
                        asset=rec.asset_id.display_name,
                    )
                )
            if rec.agreement_id and rec.asset_id.region_id not in rec.agreement_id.region_ids:
                raise ValidationError(
                    self.env._(
                        "Asset %(asset)s belongs to %(village)s, which is not a party to "
                        "agreement %(agreement)s.",
                        asset=rec.asset_id.display_name,
                        village=rec.asset_id.region_id.display_name,
                        agreement=rec.agreement_id.display_name,
                    )
                )
            if rec.renewal_of_id:
                previous = rec.renewal_of_id
                if not previous.form_id.extendable or previous.form_id != rec.form_id:
                    raise ValidationError(
                        self.env._(
                            "The form %(form)s cannot be extended: make a new utilisation.",
                            form=previous.form_id.name,
                        )
                    )
                if previous.asset_id != rec.asset_id or rec.date_start <= previous.date_end:
                    raise ValidationError(
                        self.env._(
                            "An extension must be of the same asset and start after %(end)s.",
                            end=format_date_id(previous.date_end),
                        )
                    )

    @api.constrains("state", "agreement_id")
    def _check_agreement_signed(self):
        """An asset is put into use through an agreement only once the agreement is signed
        (Permendagri 96/2017: the kerja sama binds the desa from its signature)."""
        for rec in self:
            agreement = rec.agreement_id
            allowed = AGREEMENT_STATES_BY_UTILIZATION_STATE.get(rec.state)
            if not agreement or allowed is None or agreement.state in allowed:
                continue
            stage = dict(agreement._fields["state"]._description_selection(self.env)).get(
                agreement.state, agreement.state
            )
            if rec.state == "draft":
                raise ValidationError(
                    self.env._(
                        "Asset %(asset)s cannot be prepared for use through agreement "
                        "%(agreement)s: the agreement is at the stage %(stage)s, it no longer "
                        "runs.",
                        asset=rec.asset_id.display_name,
                        agreement=agreement.display_name,
                        stage=stage,
                    )
                )
            if agreement.state in ("berakhir", "dibatalkan"):
                raise ValidationError(
                    self.env._(
                        "Asset %(asset)s cannot be put into use (%(form)s) through agreement "
                        "%(agreement)s: the agreement is at the stage %(stage)s, it no longer "
                        "runs.",
                        asset=rec.asset_id.display_name,
                        form=rec.form_id.name,
                        agreement=agreement.display_name,
                        stage=stage,
                    )
                )
            raise ValidationError(
                self.env._(
                    "Asset %(asset)s cannot be put into use (%(form)s) through agreement "
                    "%(agreement)s: the agreement is still at the stage %(stage)s and is not "
                    "signed. A utilisation runs, or ends, only under a signed agreement (at "
                    "the regency evaluation or running); until then keep it as a draft.",
                    asset=rec.asset_id.display_name,
                    form=rec.form_id.name,
                    agreement=agreement.display_name,
                    stage=stage,
                )
            )

    def _kerjasama_regions(self):
        return self.asset_id.region_id

    def _lifecycle_run(self, action, vals=None):
        # as the server after the checks: the write may touch the asset's exclusion guard
        for rec in self:
            rec._lifecycle_check_transition(action)
            with rec._lifecycle_unlocked():
                rec.sudo().write(dict(vals or {}, state=self._lifecycle_transitions[action].target))
        return True

    def action_activate(self):
        return self._lifecycle_run("action_activate")

    def action_end(self):
        return self._lifecycle_run("action_end")

    def action_cancel(self):
        return self._lifecycle_run("action_cancel")

    def action_draft(self):
        return self._lifecycle_run("action_draft")

    @api.ondelete(at_uninstall=False)
    def _unlink_except_running(self):
        if any(rec.state in ("active", "ended") for rec in self):
            raise UserError(
                self.env._("A running or ended utilisation cannot be deleted: cancel it.")
            )
