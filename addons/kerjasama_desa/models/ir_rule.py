import logging

from odoo import models
from odoo.exceptions import AccessError

_logger = logging.getLogger(__name__)


class IrRule(models.Model):
    """A record of the suite refused by its region rules explains itself in plain words: which
    records, which act, and that they lie outside the user's working regions (core Odoo's
    message names the act with a term its Indonesian catalogue gets wrong: "tuli" for "write")."""

    _inherit = "ir.rule"

    def _make_access_error(self, operation, records):
        if not records._name.startswith("kerjasama."):
            return super()._make_access_error(operation, records)
        _logger.info(
            "Access Denied by record rules for operation: %s on record ids: %r, uid: %s, model: %s",
            operation,
            records.ids[:6],
            self.env.uid,
            records._name,
        )
        self = self.with_context(self.env.user.context_get())
        acts = {
            "read": self.env._("open"),
            "write": self.env._("change"),
            "create": self.env._("create"),
            "unlink": self.env._("delete"),
        }
        description = self.env["ir.model"]._get(records._name).name or records._name
        names = ", ".join(
            name for name in records[:6].sudo().mapped("display_name") if name
        ) or ", ".join(str(rid) for rid in records.ids[:6])
        regions = ", ".join(self.env.user.sudo().kerjasama_region_ids.mapped("name")) or self.env._(
            "none"
        )
        return AccessError(
            self.env._(
                "You cannot %(act)s %(model)s %(records)s: it belongs to a desa or region outside "
                "your working regions (%(regions)s), or its act is reserved to another office. "
                "If you should have access, ask the DPMD administrator of your kabupaten to set "
                "your working regions.",
                act=acts.get(operation, operation),
                model=description,
                records=names,
                regions=regions,
            )
        )
