from dateutil.relativedelta import relativedelta

from odoo import fields, models


class KerjasamaUtilizationForm(models.Model):
    """Form of pemanfaatan of a village asset (Permendagri 1/2016 as amended by 3/2024): sewa
    (at most 3 years, extendable), pinjam pakai, kerja sama pemanfaatan, bangun guna serah /
    bangun serah guna. The maximum durations are data (some are only commonly applied), with
    whether the form commits the asset exclusively."""

    _name = "kerjasama.utilization.form"
    _description = "Asset Utilisation Form"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    max_duration = fields.Integer(string="Maximum Duration", help="0 means no maximum duration.")
    duration_unit = fields.Selection(
        [("day", "Days"), ("month", "Months"), ("year", "Years")],
        required=True,
        default="year",
    )
    extendable = fields.Boolean(help="The utilisation may be renewed for a further period.")
    exclusive = fields.Boolean(
        default=True,
        help="An exclusive form commits the asset: two exclusive utilisations of one asset "
        "cannot overlap in time (guaranteed by the database).",
    )
    legal_note = fields.Char(string="Legal Basis / Note", translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "This utilisation form code already exists."),
        ("max_duration_positive", "CHECK(max_duration >= 0)", "A duration cannot be negative."),
    ]

    def _max_end_date(self, date_start):
        """Last date allowed for a utilisation of this form starting on ``date_start``."""
        self.ensure_one()
        if not self.max_duration or not date_start:
            return False
        delta = relativedelta(**{f"{self.duration_unit}s": self.max_duration})
        return date_start + delta - relativedelta(days=1)
