from odoo import api, fields, models

ATTENDEE_CATEGORIES = [
    ("bpd", "BPD Member"),
    ("pemerintah_desa", "Village Government"),
    ("lembaga", "Village Institution"),
    ("masyarakat", "Community Representative"),
    ("lainnya", "Other"),
]


class KerjasamaMusyawarahAttendance(models.Model):
    """One participant of a Musyawarah Desa on a kerja sama desa (Permendagri 96/2017 Pasal
    13-15): the BPD members, the village government, the village institutions and the
    community representatives present, as the attendance list attached to the berita acara."""

    _name = "kerjasama.musyawarah.attendance"
    _description = "Village Deliberation Attendance"
    _order = "musyawarah_id, sequence, id"

    musyawarah_id = fields.Many2one(
        "kerjasama.musyawarah",
        string="Village Deliberation",
        required=True,
        index=True,
        ondelete="cascade",
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    category = fields.Selection(
        ATTENDEE_CATEGORIES, string="Represents", required=True, default="masyarakat"
    )
    position = fields.Char(help="Office or body, e.g. Ketua RW 03, Kepala Dusun I, PKK.")

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.musyawarah_id._check_agreement_open()
        return lines

    def write(self, vals):
        self.musyawarah_id._check_agreement_open()
        res = super().write(vals)
        if "musyawarah_id" in vals:
            self.musyawarah_id._check_agreement_open()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        self.musyawarah_id._check_agreement_open()
