"""Access matrix of the BKAD addon: every role (with the BKAD staff) x every model of a BKAD's
work x read/create/write/unlink, against what the regulation gives each role.

The table reads as the core's (``kerjasama_desa/tests/test_access_matrix.py``): one letter per
operation where the role may do it, ``-`` where it may not, for a record of the role's own
region / BKAD and one of another. For the BKAD staff, *own* is a record of the BKAD he is
assigned to (member desa A1 and A2), *other* one of another BKAD (B1 and B2); for the other
roles the regions are the core's (desa A1, kecamatan A, kabupaten 99.01, province 99 against desa
B1, kecamatan B, kabupaten 99.02, province 98).

The values come from the domain (``/work/shared/domain.md``): BKAD operations (pengurus, units,
MAD, work programme, ledger, LPJ) are run by the BKAD staff of that BKAD; the member kepala desa
read them, DPMD reads them, and, as everywhere, the camat reads his kecamatan and BINWAS its
province; the DPMD administrator administers his kabupaten, the national administrator all.
The staff prepares and submits the implementation reports of the antar-desa agreements its
BKAD runs (issue 9, point 6), which every village role of a party desa, the BPD, the camat and
DPMD read. The receipt of an LPJ is the member kepala desa's acknowledgement, written by the
system when he confirms it: nobody writes it directly. A draft record (a programme not
ratified, an entry not posted, an LPJ not submitted, a term not started) may be deleted by who
may write it.
"""

from odoo import Command, fields
from odoo.tests import new_test_user, tagged

from odoo.addons.kerjasama_desa.tests.common_finance import KerjasamaFinanceCommon
from odoo.addons.kerjasama_desa.tests.test_access_matrix import (
    KEY_LABELS,
    OTHER_KEY,
    ROLE_USERS,
    ROLES,
    AccessMatrixMixin,
)

GROUP_STAFF = "kerjasama_desa_bkad.kerjasama_desa_bkad_group_staff"
BKAD_ROLES = (*ROLES, "bkad_staff")

# The BKAD's own work: its staff runs it, the member kepala desa, the camat, DPMD and BINWAS
# read it; the other village roles and the BPD have no part in it.
# fmt: off
BKAD_WORK = {
    "binwas":         "r--- ----",
    "perangkat":      "---- ----",
    "bendahara":      "---- ----",
    "kepala_desa":    "r--- ----",
    "bpd":            "---- ----",
    "camat":          "r--- ----",
    "dpmd":           "r--- ----",
    "admin":          "rcwu ----",
    "national_admin": "rcwu rcwu",
    "bkad_staff":     "rcwu ----",
}

BKAD_MEETING = dict(
    BKAD_WORK, perangkat="r--- ----", bendahara="r--- ----", bpd="r--- ----"
)

MATRIX = {
    "kerjasama.bkad.pengurus": ("rcwu", BKAD_WORK),
    "kerjasama.bkad.unit": ("rcwu", BKAD_WORK),
    "kerjasama.bkad.program": ("rcwu", BKAD_WORK),
    "kerjasama.bkad.program.activity": ("rcwu", BKAD_WORK),
    "kerjasama.bkad.contribution": ("rcwu", BKAD_WORK),
    "kerjasama.bkad.ledger": ("rcwu", BKAD_WORK),
    "kerjasama.bkad.accountability.report": ("rcwu", BKAD_WORK),
    "kerjasama.bkad.mad.decision": ("rcwu", BKAD_WORK),
    # a BKAD meeting is read by every village role of an invited desa (its berita acara is a
    # public record of the villages); run by the BKAD staff
    "kerjasama.mad (BKAD meeting)": ("rcwu", BKAD_MEETING),
    "kerjasama.mad.attendance (BKAD meeting)": ("rcwu", BKAD_MEETING),
    # the acknowledgement of the member kepala desa, written by the system on his confirmation
    "kerjasama.bkad.accountability.receipt": ("rcwu", {
        "binwas":         "r--- ----",
        "perangkat":      "---- ----",
        "bendahara":      "---- ----",
        "kepala_desa":    "r--- ----",
        "bpd":            "---- ----",
        "camat":          "r--- ----",
        "dpmd":           "r--- ----",
        "admin":          "r--- ----",
        "national_admin": "r--- r---",
        "bkad_staff":     "r--- ----",
    }),
    # implementation report of an antar-desa agreement run by the BKAD: the BKAD prepares and
    # submits it; the village government of a party desa may still draft its content (only the
    # BKAD submits it); a draft is deleted by the administrator (policy of the core matrix)
    "kerjasama.implementation.report (antar-desa)": ("rcwu", {
        "binwas":         "r--- ----",
        "perangkat":      "rcw- ----",
        "bendahara":      "rcw- ----",
        "kepala_desa":    "rcwu ----",
        "bpd":            "r--- ----",
        "camat":          "r--- ----",
        "dpmd":           "r--- ----",
        "admin":          "rcwu ----",
        "national_admin": "rcwu rcwu",
        "bkad_staff":     "rcw- ----",
    }),
    # the BKAD itself, for its staff (the other roles are in the core's matrix): the staff runs
    # its BKAD (its MAD quorum rule), it does not found or dissolve one
    "kerjasama.bkad (staff)": ("rcwu", {
        "bkad_staff":     "r-w- ----",
    }),
    # reference data of the addon
    "kerjasama.bkad.role": ("rcwu", {
        role: "rcwu" if role in ("admin", "national_admin") else "r---" for role in BKAD_ROLES
    }),
}
# fmt: on
PARTIAL = {"kerjasama.bkad (staff)"}
UNSCOPED = {"kerjasama.bkad.role"}


@tagged("post_install", "-at_install")
class TestAccessMatrixBkad(AccessMatrixMixin, KerjasamaFinanceCommon):
    """Every role x every model of the BKAD's work x every operation against ``MATRIX``."""

    MATRIX = MATRIX
    UNSCOPED = UNSCOPED
    ROLE_USERS = dict(ROLE_USERS, bkad_staff="user_bkad_staff")
    OTHER_KEY = dict(OTHER_KEY, bkad_staff="B1")
    KEY_LABELS = dict(KEY_LABELS, B1="other (desa B1 / BKAD B)")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_matrix_regions()
        cls.user_bkad_staff = new_test_user(
            cls.env, login="test.matrix.bkad.staff", groups=GROUP_STAFF
        )
        cls.user_bkad_staff_b = new_test_user(
            cls.env, login="test.matrix.bkad.staff.b", groups=GROUP_STAFF
        )
        cls.role_anggota = cls.env.ref("kerjasama_desa_bkad.bkad_role_anggota")
        staff = {"A1": cls.user_bkad_staff, "B1": cls.user_bkad_staff_b}
        cls.targets = {label: {} for label in MATRIX}
        for key, (d1, d2) in cls.desa_pairs.items():
            cls._build_bkad_fixtures(key, d1, d2, staff.get(key, cls.env["res.users"]))
        role = cls.env["kerjasama.bkad.role"].create({"name": "Peran Matriks", "code": "mtx"})
        cls.targets["kerjasama.bkad.role"]["*"] = {
            "r": role,
            "c": {"name": "Peran Matriks Baru", "code": "mtx2"},
            "w": (role, {"name": "Peran Matriks Diubah"}),
            "u": role,
        }

    @classmethod
    def _build_bkad_fixtures(cls, key, d1, d2, staff):
        """A BKAD of ``d1`` and ``d2`` (its staff ``staff``) with one record of each kind,
        built as superuser; see the core test for the shape of ``targets``."""
        env = cls.env
        day = fields.Date.to_date
        when = fields.Datetime.to_datetime
        pair = d1 | d2
        targets = cls.targets
        bkad = env["kerjasama.bkad"].create(
            {
                "name": f"BKAD Matriks {key}",
                "member_region_ids": [Command.set(pair.ids)],
                "peraturan_bersama_number": f"1 Tahun 2025 {key}",
                "peraturan_bersama_date": "2025-01-10",
                "mad_quorum_percent": 50.0,
                "user_ids": [Command.set(staff.ids)],
            }
        )
        bkad.action_activate()
        targets["kerjasama.bkad (staff)"][key] = {
            "r": bkad,
            "c": {"name": "BKAD Matriks Baru", "member_region_ids": [Command.set(pair.ids)]},
            "w": (bkad, {"mad_quorum_percent": 60.0}),
            "u": bkad,
        }
        unit = env["kerjasama.bkad.unit"].create(
            {"name": f"Unit Matriks {key}", "bkad_id": bkad.id, "unit_type": "layanan"}
        )
        spare_unit = env["kerjasama.bkad.unit"].create(
            {"name": f"Unit Cadangan {key}", "bkad_id": bkad.id, "unit_type": "lainnya"}
        )
        targets["kerjasama.bkad.unit"][key] = {
            "r": unit,
            "c": {"name": "Unit Matriks Baru", "bkad_id": bkad.id, "unit_type": "layanan"},
            "w": (unit, {"name": f"Unit Matriks {key} Diubah"}),
            "u": spare_unit,
        }
        # a term that has not started yet: deletable
        official = env["kerjasama.bkad.pengurus"].create(
            {
                "name": "Anggota Matriks",
                "bkad_id": bkad.id,
                "role_id": cls.role_anggota.id,
                "region_id": d1.id,
                "date_start": day("2027-01-01"),
            }
        )
        targets["kerjasama.bkad.pengurus"][key] = {
            "r": official,
            "c": {
                "name": "Anggota Matriks Baru",
                "bkad_id": bkad.id,
                "role_id": cls.role_anggota.id,
                "region_id": d2.id,
                "date_start": day("2027-01-01"),
            },
            "w": (official, {"sk_number": "SK/MATRIKS/1"}),
            "u": official,
        }
        program = env["kerjasama.bkad.program"].create(
            {"name": f"Program Matriks {key}", "bkad_id": bkad.id, "year": 2027}
        )
        activity = env["kerjasama.bkad.program.activity"].create(
            {"name": "Kegiatan Matriks", "program_id": program.id, "unit_id": unit.id}
        )
        spare_program = env["kerjasama.bkad.program"].create(
            {"name": f"Program Cadangan {key}", "bkad_id": bkad.id, "year": 2029}
        )
        targets["kerjasama.bkad.program"][key] = {
            "r": program,
            "c": {"name": "Program Matriks Baru", "bkad_id": bkad.id, "year": 2028},
            "w": (program, {"name": f"Program Matriks {key} Diubah"}),
            "u": spare_program,
        }
        targets["kerjasama.bkad.program.activity"][key] = {
            "r": activity,
            "c": {"name": "Kegiatan Matriks Baru", "program_id": program.id},
            "w": (activity, {"name": "Kegiatan Matriks Diubah"}),
            "u": activity,
        }
        contribution = env["kerjasama.bkad.contribution"].create(
            {"bkad_id": bkad.id, "year": 2026, "region_id": d1.id, "amount_owed": 1_000_000}
        )
        targets["kerjasama.bkad.contribution"][key] = {
            "r": contribution,
            "c": {"bkad_id": bkad.id, "year": 2026, "region_id": d2.id, "amount_owed": 500_000},
            "w": (contribution, {"note": "Matriks: catatan iuran."}),
            "u": contribution,
        }
        entry_values = {
            "bkad_id": bkad.id,
            "date": day("2026-02-01"),
            "entry_type": "income",
            "description": "Matriks: pendapatan lain",
            "amount": 100_000,
        }
        entry = env["kerjasama.bkad.ledger"].create(entry_values)
        targets["kerjasama.bkad.ledger"][key] = {
            "r": entry,
            "c": dict(entry_values, description="Matriks: pendapatan baru"),
            "w": (entry, {"description": "Matriks: uraian diubah"}),
            "u": entry,
        }
        Report = env["kerjasama.bkad.accountability.report"]
        report_values = {
            "title": f"LPJ Matriks {key}",
            "bkad_id": bkad.id,
            "date_from": day("2026-01-01"),
            "date_to": day("2026-06-30"),
        }
        report, submitted = Report.create([report_values, dict(report_values, title="LPJ 2")])
        submitted.action_submit()
        receipt = submitted.receipt_ids.filtered(lambda r: r.region_id == d1)
        # fixture: free d2's receipt, for the create cell (the server's own unlock)
        with env["kerjasama.bkad.accountability.receipt"]._receipt_unlocked():
            submitted.receipt_ids.filtered(lambda r: r.region_id == d2).unlink()
        targets["kerjasama.bkad.accountability.report"][key] = {
            "r": report,
            "c": dict(report_values, title="LPJ Matriks Baru"),
            "w": (report, {"title": f"LPJ Matriks {key} Diubah"}),
            "u": report,
        }
        targets["kerjasama.bkad.accountability.receipt"][key] = {
            "r": receipt,
            "c": {"report_id": submitted.id, "region_id": d2.id},
            "w": (receipt, {"received_date": when("2026-07-01 01:00:00")}),
            "u": receipt,
        }
        # meetings of the BKAD on its own work: a draft, and one being held (its decisions)
        Mad = env["kerjasama.mad"]
        mad_values = {
            "subject": f"MAD Matriks {key}",
            "bkad_id": bkad.id,
            "place": "Balai Desa",
            "date": when("2026-02-10 02:00:00"),
        }
        mad, mad_other, mad_held = Mad.create([mad_values, mad_values, mad_values])
        attendance = mad.attendance_ids.filtered(lambda line: line.region_id == d1)
        mad_other.attendance_ids.filtered(lambda line: line.region_id == d1).unlink()
        mad_held.attendance_ids.write({"present": True})
        mad_held.action_hold()
        decision = env["kerjasama.bkad.mad.decision"].create(
            {"mad_id": mad_held.id, "decision_type": "other", "name": "Matriks: keputusan"}
        )
        targets["kerjasama.mad (BKAD meeting)"][key] = {
            "r": mad,
            "c": dict(mad_values, subject="MAD Matriks Baru"),
            "w": (mad, {"agenda": "Matriks: acara."}),
            "u": mad,
        }
        targets["kerjasama.mad.attendance (BKAD meeting)"][key] = {
            "r": attendance,
            "c": {"mad_id": mad_other.id, "region_id": d1.id},
            "w": (attendance, {"delegate_names": "Matriks: utusan."}),
            "u": attendance,
        }
        targets["kerjasama.bkad.mad.decision"][key] = {
            "r": decision,
            "c": {"mad_id": mad_held.id, "decision_type": "other", "name": "Matriks: baru"},
            "w": (decision, {"name": "Matriks: keputusan diubah"}),
            "u": decision,
        }
        # an antar-desa agreement the BKAD runs, with its report schedule
        agreement = cls.create_agreement(
            desa=pair, title=f"Matriks {key} BKAD berjalan", bkad_id=bkad.id
        )
        cls._advance(agreement, "berjalan")
        implementation = agreement.report_ids.filtered(
            lambda r: r.period_start == day("2026-01-01")
        )
        assert implementation, "the running agreement has its report schedule"
        targets["kerjasama.implementation.report (antar-desa)"][key] = {
            "r": implementation,
            "c": {"agreement_id": agreement.id, "period_start": day("2026-03-01")},
            "w": (implementation, {"activity_summary": "Matriks: hasil pelaksanaan BKAD."}),
            "u": implementation,
        }

    def test_matrix_table_is_well_formed(self):
        self._check_matrix_well_formed(BKAD_ROLES, partial=PARTIAL)

    def test_access_matrix_bkad(self):
        """Try every cell; report every cell where the code differs from the regulation."""
        self._run_matrix(BKAD_ROLES, minimum=900)
