from odoo import Command, fields

from .common import KerjasamaDesaCommon

D = fields.Date.to_date


class AssessmentCommon(KerjasamaDesaCommon):
    """Two running agreements, a second province supervisor, and a small standard of 2 aspects,
    3 indicators and 3 criteria (one Met/Unmet with a required proof), weights 50/30/20."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agreement = cls.create_agreement()  # desa A1 + A2, kecamatan A
        cls.advance_agreement(cls.agreement, "berjalan")
        cls.agreement_b = cls.create_agreement(
            kind="pihak_ketiga", desa=cls.desa_b1, title="Kerja sama B1"
        )
        cls.advance_agreement(cls.agreement_b, "berjalan")
        cls.user_kades_b1.kerjasama_region_ids = cls.desa_b1
        cls.user_supervisor_other = cls.env["res.users"].create(
            {
                "name": "test.supervisor.other",
                "login": "test.supervisor.other",
                "groups_id": [
                    Command.set([cls.env.ref("kerjasama_desa.kerjasama_desa_group_supervisor").id])
                ],
                "kerjasama_region_ids": [Command.set(cls.region_kabupaten_other.ids)],
            }
        )
        # the standard the tests score: 2 aspects, 3 indicators, 3 criteria (one Met/Unmet
        # with a required proof), weights 50/30/20
        Instrument = cls.env["kerjasama.evaluation.instrument"]
        cls.standard = Instrument.create(
            {"name": "Standar Uji", "usage": "agreement", "sequence": 1}
        )
        aspect_a, aspect_b = cls.env["kerjasama.evaluation.aspect"].create(
            [
                {"instrument_id": cls.standard.id, "code": "A", "name": "Kelembagaan"},
                {"instrument_id": cls.standard.id, "code": "B", "name": "Manfaat"},
            ]
        )
        ind_a1, ind_a2, ind_b1 = cls.env["kerjasama.evaluation.indicator"].create(
            [
                {"aspect_id": aspect_a.id, "code": "A1", "name": "Dasar hukum"},
                {"aspect_id": aspect_a.id, "code": "A2", "name": "Pelaksana", "sequence": 20},
                {"aspect_id": aspect_b.id, "code": "B1", "name": "Manfaat desa"},
            ]
        )
        cls.env["kerjasama.evaluation.criterion"].create(
            [
                {
                    "instrument_id": cls.standard.id,
                    "indicator_id": ind_a1.id,
                    "sequence": 1,
                    "name": "Peraturan Bersama",
                    "scoring": "met",
                    "weight": 50,
                    "proof_required": "Peraturan Bersama",
                },
                {
                    "instrument_id": cls.standard.id,
                    "indicator_id": ind_a2.id,
                    "sequence": 2,
                    "name": "Pelaksana",
                    "weight": 30,
                },
                {
                    "instrument_id": cls.standard.id,
                    "indicator_id": ind_b1.id,
                    "sequence": 3,
                    "name": "Manfaat",
                    "weight": 20,
                },
            ]
        )
        cls.aspect_a = aspect_a

    def _assessment(self, agreement=None, user=None, year=2026, scores=(True, 80, 50)):
        user = user or self.user_kades_a1
        assessment = (
            self.env["kerjasama.assessment"]
            .with_user(user)
            .create(
                {
                    "agreement_id": (agreement or self.agreement).id,
                    "instrument_id": self.standard.id,
                    "year": year,
                    "date": D("2026-11-30"),
                }
            )
        )
        met, score_2, score_3 = scores
        lines = assessment.line_ids.sorted("sequence")
        proof = (
            self.env["ir.attachment"]
            .with_user(user)
            .create({"name": "peraturan_bersama.pdf", "raw": b"%PDF-1.4 bukti"})
        )
        lines[0].write({"met": met, "attachment_ids": [Command.link(proof.id)]})
        lines[1].score = score_2
        lines[2].score = score_3
        return assessment

    def _validate(self, assessment, camat=None, upto="provinsi"):
        assessment.action_submit()
        assessment.with_user(camat or self.user_kecamatan_a).action_verify()
        if upto == "kecamatan":
            return assessment
        assessment.with_user(self.user_dpmd).action_validate()
        if upto == "provinsi":
            assessment.with_user(self.user_supervisor).action_confirm()
        return assessment
