from odoo.tests import TransactionCase, new_test_user

GROUP_STAFF = "kerjasama_desa_bkad.kerjasama_desa_bkad_group_staff"
GROUP_KADES = "kerjasama_desa.kerjasama_desa_group_kepala_desa"
GROUP_DPMD = "kerjasama_desa.kerjasama_desa_group_dpmd"


class BkadCase(TransactionCase):
    """Self-contained fixtures: a fictitious kabupaten 99.01 with five desa, a BKAD of four of
    them, and one user per role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        Region = cls.env["kerjasama.region"]
        cls.provinsi = Region.create({"code": "99", "name": "Provinsi Uji", "level": "provinsi"})
        cls.kabupaten = Region.create(
            {
                "code": "99.01",
                "name": "Kabupaten Uji",
                "level": "kabupaten",
                "parent_id": cls.provinsi.id,
            }
        )
        cls.kecamatan = Region.create(
            {
                "code": "99.01.01",
                "name": "Kecamatan Uji",
                "level": "kecamatan",
                "parent_id": cls.kabupaten.id,
            }
        )
        cls.desa = Region.create(
            [
                {
                    "code": f"99.01.01.200{i}",
                    "name": f"Desa Uji {i}",
                    "level": "desa",
                    "parent_id": cls.kecamatan.id,
                }
                for i in range(1, 6)
            ]
        )
        cls.members = cls.desa[:4]
        cls.outsider = cls.desa[4]
        cls.bkad = cls.env["kerjasama.bkad"].create(
            {
                "name": "BKAD Uji",
                "member_region_ids": [(6, 0, cls.members.ids)],
                "peraturan_bersama_number": "1 Tahun 2025",
                "peraturan_bersama_date": "2025-01-10",
                "mad_quorum_percent": 50.0,
            }
        )
        cls.bkad.action_activate()
        cls.other_bkad = cls.env["kerjasama.bkad"].create(
            {"name": "BKAD Lain", "member_region_ids": [(6, 0, cls.outsider.ids)]}
        )
        cls.role_ketua = cls.env.ref("kerjasama_desa_bkad.bkad_role_ketua")
        cls.role_bendahara = cls.env.ref("kerjasama_desa_bkad.bkad_role_bendahara")
        cls.role_unit = cls.env.ref("kerjasama_desa_bkad.bkad_role_kepala_unit")
        cls.role_pengawas = cls.env.ref("kerjasama_desa_bkad.bkad_role_pengawas")
        cls.unit = cls.env["kerjasama.bkad.unit"].create(
            {"name": "Unit BUMDesma", "bkad_id": cls.bkad.id, "unit_type": "bumdesma"}
        )
        cls.staff = new_test_user(cls.env, login="bkad_staff", groups=GROUP_STAFF)
        cls.staff_other = new_test_user(cls.env, login="bkad_staff_other", groups=GROUP_STAFF)
        cls.bkad.user_ids = cls.staff
        cls.other_bkad.user_ids = cls.staff_other
        cls.kades = new_test_user(cls.env, login="bkad_kades", groups=GROUP_KADES)
        cls.kades.kerjasama_region_ids = cls.members[0]
        cls.kades_outsider = new_test_user(cls.env, login="bkad_kades_out", groups=GROUP_KADES)
        cls.kades_outsider.kerjasama_region_ids = cls.outsider
        cls.dpmd = new_test_user(cls.env, login="bkad_dpmd", groups=GROUP_DPMD)
        cls.dpmd.kerjasama_region_ids = cls.kabupaten

    @classmethod
    def _make_mad(cls, present=2, bkad=None):
        mad = cls.env["kerjasama.mad"].create(
            {
                "subject": "MAD Uji",
                "bkad_id": (bkad or cls.bkad).id,
                "place": "Balai Desa",
                "chair_name": "Ketua BKAD",
                "secretary_name": "Sekretaris BKAD",
                "minutes": "Musyawarah dibuka oleh Ketua BKAD.",
            }
        )
        mad.attendance_ids[:present].write({"present": True})
        return mad

    @classmethod
    def _make_program(cls, year=2026, budgets=(6_000_000.0, 4_000_000.0)):
        return cls.env["kerjasama.bkad.program"].create(
            {
                "name": f"Program Kerja {year}",
                "bkad_id": cls.bkad.id,
                "year": year,
                "program_activity_ids": [
                    (0, 0, {"name": f"Kegiatan {i}", "budget": budget, "unit_id": cls.unit.id})
                    for i, budget in enumerate(budgets, 1)
                ],
            }
        )

    @classmethod
    def _ratify(cls, program):
        mad = cls._make_mad(present=3)
        mad.action_hold()
        mad.decision_ids = [
            (
                0,
                0,
                {
                    "decision_type": "program",
                    "name": "Menetapkan program kerja",
                    "program_id": program.id,
                },
            )
        ]
        mad.action_close()
        return mad
