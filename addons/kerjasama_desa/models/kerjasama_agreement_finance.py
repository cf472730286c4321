from odoo import api, fields, models

FIGURES = ("planned", "budgeted", "realized", "gap", "unbudgeted")


class KerjasamaAgreement(models.Model):
    """Financing of a kerja sama desa against the APBDesa of each participating desa
    (Permendagri 96/2017 Pasal 7: the cooperation must fit what the APBDesa can carry;
    Permendagri 20/2018) and the village assets (aset desa, Permendagri 1/2016) it uses."""

    _inherit = "kerjasama.agreement"

    finance_planned = fields.Monetary(
        string="Planned (Villages)", compute="_compute_finance", currency_field="currency_id"
    )
    finance_budgeted = fields.Monetary(
        string="Budgeted in APBDesa", compute="_compute_finance", currency_field="currency_id"
    )
    finance_realized = fields.Monetary(
        string="Realised", compute="_compute_finance", currency_field="currency_id"
    )
    finance_gap = fields.Monetary(
        string="Gap (Planned - Realised)", compute="_compute_finance", currency_field="currency_id"
    )
    finance_unbudgeted = fields.Monetary(
        string="Not Yet Budgeted", compute="_compute_finance", currency_field="currency_id"
    )
    asset_utilization_ids = fields.One2many(
        "kerjasama.asset.utilization", "agreement_id", string="Asset Utilisations"
    )
    asset_count = fields.Integer(string="Assets", compute="_compute_asset_count")

    def _finance_read_group(self, groupby):
        """The figures of the finance view (the one computation), per ``groupby``. Read as
        the agreement's reader: whoever reads an agreement reads its financing lines."""
        return (
            self.env["kerjasama.agreement.report.finance"]
            .sudo()
            ._read_group(
                [("agreement_id", "in", self.ids)],
                groupby,
                [
                    "planned_amount:sum",
                    "budgeted_amount:sum",
                    "realized_amount:sum",
                    "gap_amount:sum",
                    "unbudgeted_amount:sum",
                ],
            )
        )

    @api.depends(
        "funding_ids.amount",
        "funding_ids.region_id",
        "funding_ids.apbdes_line_id.amount",
        "funding_ids.apbdes_line_id.planned_amount",
        "funding_ids.realization_ids.amount",
    )
    def _compute_finance(self):
        figures = {}
        if self.ids:
            figures = {
                agreement: values
                for agreement, *values in self._finance_read_group(["agreement_id"])
            }
        for agreement in self:
            values = figures.get(agreement, [0.0] * len(FIGURES))
            for name, value in zip(FIGURES, values):
                agreement[f"finance_{name}"] = value

    def _get_finance_by_desa(self):
        """Planned, budgeted, realised, gap and not-yet-budgeted per agreement and desa.

        Returns ``{agreement: {region: {"planned": x, "budgeted": y, "realized": z,
        "gap": g, "unbudgeted": u}}}`` (one read_group of the finance view, for reports)."""
        result = {agreement: {} for agreement in self}
        for agreement, region, *values in self._finance_read_group(["agreement_id", "region_id"]):
            result[agreement][region] = dict(zip(FIGURES, values))
        return result

    @api.depends("asset_utilization_ids.asset_id")
    def _compute_asset_count(self):
        counts = dict(
            self.env["kerjasama.asset.utilization"]._read_group(
                [("agreement_id", "in", self.ids)], ["agreement_id"], ["asset_id:count_distinct"]
            )
        )
        for agreement in self:
            agreement.asset_count = counts.get(agreement, 0)

    def action_view_assets(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "kerjasama_desa.kerjasama_asset_utilization_action"
        )
        action["domain"] = [("agreement_id", "=", self.id)]
        action["context"] = {"default_agreement_id": self.id}
        return action

    def action_view_finance(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "kerjasama_desa.kerjasama_agreement_funding_action"
        )
        action["domain"] = [("agreement_id", "=", self.id)]
        action["context"] = {"group_by": ["region_id"], "default_agreement_id": self.id}
        return action
