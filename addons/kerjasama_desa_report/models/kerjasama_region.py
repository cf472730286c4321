# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64

from odoo import fields, models


class KerjasamaRegion(models.Model):
    """Letterhead (kop surat) of a kabupaten/kota or a desa, printed on the documents of
    kerja sama desa (Permendagri 96/2017): the lines of the kop and the logo; and the paper
    size (A4 or F4/folio) a kabupaten/kota prints its documents on."""

    _inherit = "kerjasama.region"

    report_kop_text = fields.Text(
        string="Letterhead Lines",
        help="Lines of the letterhead (kop surat), one per line, e.g. PEMERINTAH KABUPATEN "
        "GARUT / KECAMATAN WANARAJA / DESA SUKAMAJU / address. Lines in capitals are printed "
        "bold, the others (address, telephone) small. Empty: built from the region names.",
    )
    report_logo = fields.Image(
        string="Letterhead Logo",
        max_width=512,
        max_height=512,
        help="Logo printed at the left of the letterhead. A desa without a logo uses the logo "
        "of its kabupaten/kota.",
    )

    report_paper_format = fields.Selection(
        [("a4", "A4 (210 × 297 mm)"), ("f4", "F4/Folio (215 × 330 mm)")],
        string="Paper Size",
        default="a4",
        help="Paper of every document printed for the villages of this kabupaten/kota.",
    )

    def _kd_default_kop_lines(self):
        self.ensure_one()
        kabupaten = self if self.level == "kabupaten" else self.kabupaten_id
        lines = []
        if kabupaten:
            lines.append(f"Pemerintah {kabupaten.name}")
        kecamatan = self if self.level == "kecamatan" else self.kecamatan_id
        if kecamatan:
            lines.append(kecamatan._full_name())
        if self.level == "desa":
            # "Desa Sukamaju", "Kelurahan ...", "Desa Adat ...": the region's own name
            lines.append(self._full_name())
        if self.level == "provinsi":
            lines.append(f"Pemerintah Provinsi {self.name}")
        return [line.upper() for line in lines]

    def _kd_get_kop(self):
        """Return the letterhead of the region: ``{"lines": [...], "logo": bytes or None}``.

        The region's own lines (or lines built from the names); its own logo, else the logo of
        its kabupaten/kota.
        """
        self.ensure_one()
        region = self.sudo()
        lines = [
            line.strip() for line in (region.report_kop_text or "").splitlines() if line.strip()
        ] or region._kd_default_kop_lines()
        logo = region.report_logo or region.kabupaten_id.report_logo
        return {"lines": lines, "logo": logo and region._kd_logo_bytes(logo)}

    def _kd_logo_bytes(self, logo):
        return base64.b64decode(logo)
