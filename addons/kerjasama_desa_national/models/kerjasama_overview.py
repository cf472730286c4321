from odoo import api, models
from odoo.tools import format_datetime

from odoo.addons.kerjasama_desa.models.kerjasama_agreement import AGREEMENT_STATES


class KerjasamaOverview(models.AbstractModel):
    """The region home of a province or of the ministry shows, beside its own register, the
    agreements rolled up from the instances below it (``kerjasama.national.source``): per source,
    counts and value by stage, with the time of its last good pull and its last error."""

    _inherit = "kerjasama.overview"

    def _region_overview(self):
        data = super()._region_overview()
        rollup = self._rollup_overview()
        if rollup:
            data["rollup"] = rollup
        return data

    @api.model
    def _rollup_overview(self):
        Agreement = self.env["kerjasama.national.agreement"]
        Source = self.env["kerjasama.national.source"]
        if not (Agreement.has_access("read") and Source.has_access("read")):
            return False
        sources = Source.search([])
        if not sources:
            return False
        labels = self._state_labels()
        grouped = {
            (source.id, state): (count, amount)
            for source, state, count, amount in Agreement._read_group(
                [("source_id", "in", sources.ids)],
                ["source_id", "state"],
                ["__count", "amount_total:sum"],
            )
        }
        states = [state for state, _label in AGREEMENT_STATES]
        state_labels = dict(Source._fields["state"]._description_selection(self.env))
        rows = []
        for source in sources:
            cells = []
            for state in states:
                count, amount = grouped.get((source.id, state), (0, 0.0))
                cells.append(
                    self._figure(
                        state,
                        labels[state],
                        "kerjasama.national.agreement",
                        [("source_id", "=", source.id), ("state", "=", state)],
                        count,
                        amount=amount,
                    )
                )
            total = self._figure(
                "total",
                self.env._("All agreements"),
                "kerjasama.national.agreement",
                [("source_id", "=", source.id)],
                sum(c["count"] for c in cells),
                amount=sum(c["amount"] for c in cells),
            )
            rows.append(
                {
                    "id": source.id,
                    "name": source.name,
                    "status": source.state,
                    "status_label": state_labels.get(source.state, source.state),
                    "last_success": format_datetime(self.env, source.last_success)
                    if source.last_success
                    else "",
                    "last_error": source.state == "error" and (source.last_error or "") or "",
                    "cells": cells,
                    "total": total,
                }
            )
        return {
            "columns": [{"key": state, "label": labels[state]} for state in states],
            "rows": rows,
        }
