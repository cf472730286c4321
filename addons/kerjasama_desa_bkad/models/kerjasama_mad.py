from odoo import fields, models


class KerjasamaMad(models.Model):
    """A Musyawarah Antar-Desa of the member desa of a BKAD (the meeting itself lives in
    ``kerjasama_desa``): its quorum follows the BKAD's rule, its decisions (work programme,
    budget, change of pengurus) are recorded while it is held, valid only when it is quorate,
    and carried out when it is closed."""

    _inherit = "kerjasama.mad"

    decision_ids = fields.One2many("kerjasama.bkad.mad.decision", "mad_id", string="BKAD Decisions")

    def _default_quorum_percent(self):
        # a BKAD meeting on its own work takes the BKAD's rule; on an agreement every party
        # desa still has to be present
        if self.bkad_id and not self.agreement_id:
            return self.bkad_id.mad_quorum_percent
        return super()._default_quorum_percent()

    def _check_can_close(self):
        if self.decision_ids and not self.quorum_reached:
            self._raise_missing(
                [
                    self.env._(
                        "the quorum (%(present)s of the %(needed)s villages needed are "
                        "present): its decisions are not valid",
                        present=self.present_count,
                        needed=self.quorum_min_count,
                    )
                ]
            )
        return super()._check_can_close()

    def _on_closed(self):
        res = super()._on_closed()
        self.decision_ids._apply()
        return res
