# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import io

import openpyxl

from odoo import Command, fields
from odoo.tests import tagged

from odoo.addons.kerjasama_desa.tests.common import KerjasamaDesaCommon

D = fields.Date.to_date


@tagged("post_install", "-at_install")
class TestRecapAssessment(KerjasamaDesaCommon):
    """The Peringkat and Epdeskel sheets of the Rekapitulasi workbook, opened back."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agreement = cls.create_agreement(title="Kerja sama A1 A2")  # kecamatan A
        cls.advance_agreement(cls.agreement, "berjalan")
        cls.agreement_b = cls.create_agreement(
            kind="pihak_ketiga", desa=cls.desa_b1, title="Kerja sama B1"
        )
        cls.advance_agreement(cls.agreement_b, "berjalan")
        standard = cls.env.ref("kerjasama_desa.standard_agreement")
        cls.scores = {}
        for agreement, kades, camat, value in (
            (cls.agreement, cls.user_kades_a1, cls.user_kecamatan_a, 60.0),
            (cls.agreement_b, cls.user_kades_b1, cls.user_kecamatan_b, 90.0),
        ):
            assessment = (
                cls.env["kerjasama.assessment"]
                .with_user(kades)
                .create(
                    {
                        "agreement_id": agreement.id,
                        "instrument_id": standard.id,
                        "year": 2026,
                        "date": D("2026-11-30"),
                    }
                )
            )
            for line in assessment.line_ids:
                vals = {"met": True} if line.scoring == "met" else {"score": value}
                if line.proof_required:
                    proof = (
                        cls.env["ir.attachment"]
                        .with_user(kades)
                        .create({"name": "bukti.pdf", "raw": b"%PDF-1.4 bukti"})
                    )
                    vals["attachment_ids"] = [Command.link(proof.id)]
                line.with_user(kades).write(vals)
            assessment.with_user(kades).action_submit()
            assessment.with_user(camat).action_verify()
            assessment.with_user(cls.user_dpmd).action_validate()
            cls.scores[agreement] = assessment.score_total
        # only the first one is confirmed by the province
        cls.env["kerjasama.assessment"].search([("agreement_id", "=", cls.agreement.id)]).with_user(
            cls.user_supervisor
        ).action_confirm()

    def _export(self, user=None):
        Wizard = self.env["kerjasama.recap.wizard"]
        if user:
            Wizard = Wizard.with_user(user)
        vals = {f: False for f in Wizard._fields if f.startswith("sheet_")}
        vals.update(sheet_ranking=True, sheet_epdeskel=True, kabupaten_id=self.region_kabupaten.id)
        wizard = Wizard.create(vals)
        wizard.action_export()
        content = base64.b64decode(wizard.attachment_id.sudo().datas)
        return openpyxl.load_workbook(io.BytesIO(content), data_only=True)

    def test_ranking_and_epdeskel_sheets(self):
        book = self._export()
        self.assertEqual(book.sheetnames, ["Peringkat", "Epdeskel", "Filter"])
        ranking = book["Peringkat"]
        self.assertEqual(ranking.cell(3, 10).value, "Peringkat di Kabupaten/Kota")
        rows = [row for row in ranking.iter_rows(min_row=4, values_only=True) if any(row)]
        self.assertEqual(len(rows), 2)
        first, second = rows
        # B1's agreement scores higher: first in the kabupaten, not ranked in the province
        # (validated by the DPMD, not yet confirmed)
        self.assertEqual(first[6], "Kerja sama B1")
        self.assertEqual(first[3], "Kabupaten Uji")
        self.assertEqual(first[4], "Kerja Sama")
        self.assertAlmostEqual(first[7], self.scores[self.agreement_b], 2)
        self.assertEqual((first[9], first[10]), (1, None))
        self.assertEqual(first[11], "Divalidasi Kabupaten")
        self.assertEqual(second[6], "Kerja sama A1 A2")
        self.assertEqual((second[9], second[10]), (2, 1))
        self.assertEqual(second[11], "Dikukuhkan Provinsi")
        self.assertGreater(first[7], second[7])

        epdeskel = book["Epdeskel"]
        rows = list(epdeskel.iter_rows(min_row=4, values_only=True))
        by_code = {row[2]: row for row in rows if row[2]}
        self.assertEqual(
            set(by_code),
            {"99.01.01.2001", "99.01.01.2002", "99.01.02.2001", "99.01.02.2002"},
            "every desa of the kabupaten, no kelurahan",
        )
        self.assertEqual(by_code["99.01.01.2001"][3:8], ("Sukamaju", "Ada", 1, "Tidak Ada", 0))
        self.assertEqual(by_code["99.01.01.2002"][4], "Ada")
        self.assertEqual(by_code["99.01.02.2001"][4:8], ("Tidak Ada", 0, "Ada", 1))
        self.assertEqual(by_code["99.01.02.2002"][4:8], ("Tidak Ada", 0, "Tidak Ada", 0))
        self.assertEqual(by_code["99.01.02.2001"][1], "Kecamatan Dua")
        total = next(row for row in rows if "JUMLAH" in row)
        self.assertEqual((total[5], total[7]), (2, 1))

    def test_sheets_follow_the_user_regions(self):
        book = self._export(self.user_kecamatan_b)
        ranking = [r for r in book["Peringkat"].iter_rows(min_row=4, values_only=True) if any(r)]
        self.assertEqual([row[6] for row in ranking], ["Kerja sama B1"])
        codes = {row[2] for row in book["Epdeskel"].iter_rows(min_row=4, values_only=True)}
        self.assertEqual(codes - {None}, {"99.01.02.2001", "99.01.02.2002"})
