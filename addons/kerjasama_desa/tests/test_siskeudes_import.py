"""Siskeudes import: a ZIP of Siskeudes tables (CSV) built here, good and broken, imported into
the APBDesa of one desa (treasurer) or several (DPMD)."""

import base64
import csv
import io
import zipfile

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..tools import siskeudes
from .common_finance import KerjasamaFinanceCommon

YEAR = 2026
# Kd_Desa of the Siskeudes database of kabupaten 99.01 (Ta_Pemda 99 / 01)
KD_A1, KD_A2 = "01.2001.", "01.2002."
REF_REK = {
    "Ref_Rek1": [("4.", "Pendapatan"), ("5.", "Belanja"), ("6.", "Pembiayaan")],
    "Ref_Rek3": [("5.1.1.", "Penghasilan Tetap dan Tunjangan Kepala Desa")],
    "Ref_Rek4": [
        ("4.2.1.01.", "Dana Desa"),
        ("4.3.1.01.", "Penerimaan dari Hasil Kerjasama antar Desa"),
        ("5.1.1.01.", "Penghasilan Tetap Kepala Desa"),
        ("5.2.9.01.", "Kontribusi Kerja Sama antar Desa"),
        ("6.1.1.01.", "SILPA Tahun Sebelumnya"),
    ],
}
# (Kd_Rincian, kegiatan or "00.00.00.", amount)
LINES = [
    ("4.2.1.01.", "00.00.00.", 900_000_000),
    ("4.3.1.01.", "00.00.00.", 25_000_000),
    ("5.1.1.01.", "01.01.01.", 36_000_000),
    ("5.2.9.01.", "01.04.09.", 15_000_000),
    ("6.1.1.01.", "00.00.00.", 10_000_000),
]


def csv_text(header, rows):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def build_tables(desa=((KD_A1, LINES),), year=YEAR, pemda=("99", "01"), realization=False):
    """The Siskeudes tables of ``desa`` (pairs Kd_Desa, lines) as {file name: CSV text}."""
    tables = {
        "Ta_Pemda.csv": csv_text(
            ["Tahun", "Kd_Prov", "Kd_Kab", "Nama_Pemda"], [[year, *pemda, "Kabupaten Uji"]]
        ),
        "Ta_Desa.csv": csv_text(
            ["Tahun", "Kd_Desa", "Nm_Kades", "No_Perdes"],
            [[year, kd, "Kades", f"PERDES {kd} {year}"] for kd, __ in desa],
        ),
        "Ta_Kegiatan.csv": csv_text(
            ["Tahun", "Kd_Desa", "Kd_Bid", "Kd_Keg", "ID_Keg", "Nama_Kegiatan", "Pagu"],
            [
                [year, kd, kd + "01.", kd + "01.01.01.", "01.01.01.", "Penghasilan Tetap", 0]
                for kd, __ in desa
            ]
            + [
                [year, kd, kd + "01.", kd + "01.04.09.", "01.04.09.", "Kerja Sama", 0]
                for kd, __ in desa
            ],
        ),
        "Ta_RAB.csv": csv_text(
            [
                "Tahun",
                "Kd_Desa",
                "Kd_Keg",
                "Kd_Rincian",
                "Anggaran",
                "AnggaranPAK",
                "AnggaranStlhPAK",
            ],
            [
                [year, kd, kd + keg, rincian, amount, 0, amount]
                for kd, lines in desa
                for rincian, keg, amount in lines
            ],
        ),
        # the detail of the belanja lines: two rows each, summed
        "Ta_RABRinci.csv": csv_text(
            [
                "Tahun",
                "Kd_Desa",
                "Kd_Keg",
                "Kd_Rincian",
                "Kd_SubRinci",
                "No_Urut",
                "Uraian",
                "Anggaran",
                "AnggaranStlhPAK",
            ],
            [
                [year, kd, kd + keg, rincian, "01", str(n), "Rinci", amount / 2, amount / 2]
                for kd, lines in desa
                for rincian, keg, amount in lines
                if rincian.startswith("5")
                for n in (1, 2)
            ],
        ),
    }
    for table, rows in REF_REK.items():
        columns = {
            "Ref_Rek1": ["Akun", "Nama_Akun"],
            "Ref_Rek3": ["Jenis", "Nama_Jenis"],
            "Ref_Rek4": ["Obyek", "Nama_Obyek"],
        }[table]
        tables[f"{table}.csv"] = csv_text(columns, rows)
    if realization:
        kd = desa[0][0]
        tables["Ta_TBP.csv"] = csv_text(
            ["Tahun", "No_Bukti", "Tgl_Bukti", "Kd_Desa", "Uraian"],
            [[year, "TBP/001", f"03/15/{year} 00:00:00", kd, "Dana Desa tahap I"]],
        )
        tables["Ta_TBPRinci.csv"] = csv_text(
            ["Tahun", "No_Bukti", "Kd_Desa", "Kd_Keg", "Kd_Rincian", "Nilai"],
            [[year, "TBP/001", kd, kd + "00.00.00.", "4.2.1.01.", 360_000_000]],
        )
        tables["Ta_SPP.csv"] = csv_text(
            ["Tahun", "No_SPP", "Tgl_SPP", "Jn_SPP", "Kd_Desa", "Keterangan"],
            [
                [year, "SPP/001", f"04/01/{year} 00:00:00", "LS", kd, "Kontribusi"],
                [year, "SPP/002", f"04/02/{year} 00:00:00", "UM", kd, "Panjar"],
            ],
        )
        tables["Ta_SPPRinci.csv"] = csv_text(
            ["Tahun", "No_SPP", "Kd_Desa", "Kd_Keg", "Kd_Rincian", "Nilai"],
            [
                [year, "SPP/001", kd, kd + "01.04.09.", "5.2.9.01.", 5_000_000],
                [year, "SPP/002", kd, kd + "01.01.01.", "5.1.1.01.", 3_000_000],
            ],
        )
        tables["Ta_SPJ.csv"] = csv_text(
            ["Tahun", "No_SPJ", "Tgl_SPJ", "Kd_Desa", "No_SPP", "Keterangan"],
            [[year, "SPJ/001", f"{year}-04-20", kd, "SPP/002", "SPJ panjar"]],
        )
        tables["Ta_SPJRinci.csv"] = csv_text(
            ["Tahun", "No_SPJ", "Kd_Desa", "Kd_Keg", "Kd_Rincian", "No_SPP", "Nilai"],
            [[year, "SPJ/001", kd, kd + "01.01.01.", "5.1.1.01.", "SPP/002", 2_500_000]],
        )
    return tables


def zip_of(tables, drop=()):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in tables.items():
            if name[:-4] not in drop:
                archive.writestr(f"siskeudes/{name}", text)
    return base64.b64encode(out.getvalue())


@tagged("post_install", "-at_install")
class TestSiskeudesImport(KerjasamaFinanceCommon):
    def wizard(self, data, user=None, **vals):
        Wizard = self.env["kerjasama.apbdes.siskeudes.import"]
        Wizard = Wizard.with_user(user or self.user_bendahara_a1)
        return Wizard.create(
            dict({"data_file": data, "filename": "desa.zip", "year": YEAR}, **vals)
        )

    def preview(self, data, user=None, **vals):
        wizard = self.wizard(data, user=user, **vals)
        wizard.action_preview()
        return wizard

    def statuses(self, wizard, kind=None):
        rows = wizard.line_ids.filtered(lambda r: not kind or r.kind == kind)
        return sorted(rows.mapped("status"))

    def errors(self, wizard):
        return wizard.line_ids.filtered(lambda r: r.status == "error").mapped("message")

    def apbdes_of(self, desa):
        return self.env["kerjasama.apbdes"].search(
            [("region_id", "=", desa.id), ("year", "=", YEAR)]
        )

    def snapshot(self, apbdes):
        return sorted(
            (line.id, line.account_code, line.kegiatan_code or "", line.amount, line.write_date)
            for line in apbdes.line_ids
        )

    # ------------------------------------------------------------------ budget
    def test_import_creates_the_apbdes_and_reimport_changes_nothing(self):
        wizard = self.preview(zip_of(build_tables()))
        self.assertEqual(self.errors(wizard), [])
        self.assertEqual(self.statuses(wizard, "line"), ["new"] * 5)
        wizard.action_confirm()
        apbdes = self.apbdes_of(self.desa_a1)
        self.assertEqual(apbdes.state, "draft")
        self.assertEqual(apbdes.perdes_number, f"PERDES {KD_A1} {YEAR}")
        lines = {(line.account_code, line.kegiatan_code or ""): line for line in apbdes.line_ids}
        self.assertEqual(
            sorted(lines),
            [
                ("4.2.1.01", ""),
                ("4.3.1.01", ""),
                ("5.1.1.01", "01.01.01"),
                ("5.2.9.01", "01.04.09"),
                ("6.1.1.01", ""),
            ],
        )
        # the codes Siskeudes has below the suite's are added under their parents
        self.assertEqual(lines["5.1.1.01", "01.01.01"].account_code_id.parent_id.code, "5.1.1")
        self.assertEqual(
            lines["5.1.1.01", "01.01.01"].account_code_id.parent_id.parent_id.code, "5.1"
        )
        self.assertEqual(lines["5.1.1.01", "01.01.01"].kegiatan_id.name, "Penghasilan Tetap")
        self.assertEqual(lines["5.1.1.01", "01.01.01"].description, "Penghasilan Tetap Kepala Desa")
        self.assertEqual(lines["5.2.9.01", "01.04.09"].kegiatan_id, self.kegiatan_kerjasama)
        self.assertEqual(apbdes.amount_pendapatan, 925_000_000)
        self.assertEqual(apbdes.amount_belanja, 51_000_000)
        self.assertEqual(apbdes.amount_pembiayaan_in, 10_000_000)
        # the realisation tables are absent: nothing else; a second import changes nothing
        before = self.snapshot(apbdes)
        messages = len(apbdes.message_ids)
        codes = self.env["kerjasama.account.code"].search_count([])
        again = self.preview(zip_of(build_tables()))
        self.assertEqual(self.statuses(again, "line"), ["unchanged"] * 5)
        again.action_confirm()
        self.assertEqual(self.snapshot(apbdes), before)
        self.assertEqual(len(apbdes.message_ids), messages)
        self.assertEqual(self.env["kerjasama.account.code"].search_count([]), codes)
        self.assertEqual(
            self.env["kerjasama.apbdes"].search_count(
                [("year", "=", YEAR), ("region_id", "=", self.desa_a1.id)]
            ),
            1,
        )

    def test_changed_amount_updates_its_line(self):
        self.preview(zip_of(build_tables())).action_confirm()
        apbdes = self.apbdes_of(self.desa_a1)
        changed = [(r, k, a + 5_000_000 if r == "5.2.9.01." else a) for r, k, a in LINES]
        wizard = self.preview(zip_of(build_tables(desa=((KD_A1, changed),))))
        self.assertEqual(self.statuses(wizard, "line"), ["changed"] + ["unchanged"] * 4)
        row = wizard.line_ids.filtered(lambda r: r.status == "changed")
        self.assertEqual((row.amount_old, row.amount_new), (15_000_000, 20_000_000))
        wizard.action_confirm()
        line = apbdes.line_ids.filtered(lambda ln: ln.account_code == "5.2.9.01")
        self.assertEqual(line.amount, 20_000_000)
        self.assertEqual(apbdes.amount_belanja, 56_000_000)

    def test_lines_absent_from_siskeudes_and_financing(self):
        """A line absent from the file is removed on request only, never when an
        agreement's financing rests on it."""
        apbdes = self.create_apbdes(
            self.desa_a1,
            YEAR,
            [("belanja", 7_000_000, "Kontribusi manual"), ("pendapatan", 1_000_000, "Manual")],
        )
        funded = apbdes.line_ids.filtered(lambda ln: ln.account_type == "belanja")
        agreement = self.create_agreement()
        self.add_funding(agreement, self.desa_a1, 5_000_000, funded)
        wizard = self.preview(zip_of(build_tables()), remove_missing=True)
        self.assertEqual(self.errors(wizard), [])
        self.assertEqual(
            self.statuses(wizard, "line"), ["kept", "new", "new", "new", "new", "new", "removed"]
        )
        wizard.action_confirm()
        self.assertTrue(funded.exists())
        self.assertEqual(len(apbdes.line_ids), 6)
        # without the option nothing is removed
        wizard = self.preview(zip_of(build_tables()))
        self.assertEqual(self.statuses(wizard, "line"), ["kept"] + ["unchanged"] * 5)

    # ------------------------------------------------------------------ lifecycle, realisation
    def test_realisation_on_approved_apbdes_and_locked_lines(self):
        data = zip_of(build_tables(realization=True))
        wizard = self.preview(data)
        self.assertEqual(self.statuses(wizard, "realization"), ["skipped"])
        wizard.action_confirm()
        apbdes = self.apbdes_of(self.desa_a1)
        self.assertFalse(apbdes.line_ids.realization_ids)
        self.approve(apbdes)
        wizard = self.preview(data)
        self.assertEqual(self.errors(wizard), [])
        self.assertEqual(self.statuses(wizard, "realization"), ["new"] * 3)
        wizard.action_confirm()
        realised = {
            (rea.line_id.account_code, rea.reference): rea.amount
            for rea in apbdes.line_ids.realization_ids
        }
        # the advance (SPP UM) is not a realisation, its SPJ is
        self.assertEqual(
            realised,
            {
                ("4.2.1.01", "TBP/001"): 360_000_000,
                ("5.2.9.01", "SPP/001"): 5_000_000,
                ("5.1.1.01", "SPJ/001"): 2_500_000,
            },
        )
        rea = apbdes.line_ids.realization_ids.filtered(lambda r: r.reference == "TBP/001")
        self.assertEqual(str(rea.date), f"{YEAR}-03-15")
        self.assertEqual(apbdes.amount_realized, 367_500_000)
        # a second import changes nothing
        again = self.preview(data)
        self.assertEqual(set(self.statuses(again)), {"unchanged"})
        again.action_confirm()
        self.assertEqual(len(apbdes.line_ids.realization_ids), 3)
        # the approved APBDesa's lines do not change by import: perubahan first
        changed = [(r, k, a * 2) for r, k, a in LINES]
        locked = self.preview(zip_of(build_tables(desa=((KD_A1, changed),))))
        self.assertEqual(len(self.errors(locked)), 5)
        self.assertIn(apbdes.display_name, self.errors(locked)[0])
        with self.assertRaises(UserError):
            locked.action_confirm()
        self.assertEqual(apbdes.amount_pendapatan, 925_000_000)
        apbdes.with_user(self.user_kades_a1).action_start_perubahan()
        self.preview(zip_of(build_tables(desa=((KD_A1, changed),)))).action_confirm()
        self.assertEqual(apbdes.amount_pendapatan, 1_850_000_000)

    def test_realisation_on_a_line_kept_from_the_suite(self):
        """A line typed in the suite (absent from Ta_RAB) that Siskeudes realises."""
        self.preview(zip_of(build_tables())).action_confirm()
        apbdes = self.apbdes_of(self.desa_a1)
        self.env["kerjasama.apbdes.line"].create(
            {
                "apbdes_id": apbdes.id,
                "account_code_id": self.code_kontribusi.id,
                "kegiatan_id": self.kegiatan_kerjasama.id,
                "description": "Kontribusi manual",
                "amount": 7_000_000,
            }
        )
        self.approve(apbdes)
        tables = build_tables(realization=True)
        tables["Ta_SPPRinci.csv"] = tables["Ta_SPPRinci.csv"].replace(
            "01.2001.01.04.09.,5.2.9.01.", "01.2001.01.04.09.,5.2.9."
        )
        wizard = self.preview(zip_of(tables))
        self.assertEqual(self.errors(wizard), [])
        wizard.action_confirm()
        manual = apbdes.line_ids.filtered(lambda ln: ln.account_code == "5.2.9")
        self.assertEqual(manual.realization_ids.mapped("reference"), ["SPP/001"])
        self.assertEqual(manual.realized_amount, 5_000_000)

    # ------------------------------------------------------------------ broken files
    def assert_refused(self, wizard, *fragments):
        errors = self.errors(wizard)
        self.assertTrue(errors, "the preview shows no error")
        for fragment in fragments:
            self.assertTrue(
                any(fragment in message for message in errors), f"{fragment!r} not in {errors}"
            )
        with self.assertRaises(UserError):
            wizard.action_confirm()
        self.assertFalse(self.apbdes_of(self.desa_a1), "something was half-imported")

    def test_missing_table(self):
        self.assert_refused(
            self.preview(zip_of(build_tables(), drop=("Ta_Kegiatan",))), "Ta_Kegiatan"
        )
        # realisation detail without its header table
        self.assert_refused(
            self.preview(zip_of(build_tables(realization=True), drop=("Ta_SPP",))), "Ta_SPP"
        )

    def test_wrong_year(self):
        wizard = self.preview(zip_of(build_tables(year=2025)))
        self.assert_refused(wizard, "2025", "Ta_Desa")

    def test_unknown_account_code(self):
        lines = [*LINES, ("7.1.1.01.", "00.00.00.", 1_000), ("4.9.9.01.", "00.00.00.", 2_000)]
        wizard = self.preview(zip_of(build_tables(desa=((KD_A1, lines),))))
        self.assert_refused(wizard, "7.1.1.01", "4.9.9.01")
        self.assertEqual(len(self.errors(wizard)), 2)
        self.assertFalse(
            self.env["kerjasama.account.code"].search([("code", "in", ("5.1.1", "5.1.1.01"))]),
            "codes were added although nothing was imported",
        )

    def test_not_a_zip(self):
        with self.assertRaises(UserError):
            self.preview(base64.b64encode(b"not a zip"))

    # ------------------------------------------------------------------ who imports what
    def test_desa_not_in_the_register(self):
        wizard = self.preview(zip_of(build_tables(desa=(("05.2099.", LINES),))))
        self.assert_refused(wizard, "05.2099")

    def test_treasurer_imports_only_his_own_desa(self):
        both = ((KD_A1, LINES), (KD_A2, LINES))
        wizard = self.preview(zip_of(build_tables(desa=both)))
        self.assert_refused(wizard, self.desa_a2.display_name)
        # a desa of another kabupaten (99.02.01.2001) for the treasurer of A1
        other = self.preview(zip_of(build_tables(pemda=("99", "02"))))
        self.assert_refused(other, self.desa_other.display_name)
        # a BPD member does not import at all
        with self.assertRaises(AccessError):
            self.wizard(zip_of(build_tables()), user=self.user_bpd_a1)

    def test_dpmd_imports_a_kabupaten_at_once(self):
        both = ((KD_A1, LINES), (KD_A2, LINES[:2]))
        wizard = self.preview(zip_of(build_tables(desa=both)), user=self.user_dpmd)
        self.assertEqual(self.errors(wizard), [])
        wizard.action_confirm()
        self.assertEqual(len(self.apbdes_of(self.desa_a1).line_ids), 5)
        self.assertEqual(self.apbdes_of(self.desa_a2).amount_pendapatan, 925_000_000)
        # the DPMD of another kabupaten may not
        wizard = self.preview(zip_of(build_tables(desa=both)), user=self.user_dpmd_other)
        self.assertEqual(len(self.errors(wizard)), 2)

    def test_desa_without_lines_gets_no_empty_apbdes(self):
        both = ((KD_A1, LINES), (KD_A2, []))
        self.preview(zip_of(build_tables(desa=both)), user=self.user_dpmd).action_confirm()
        self.assertTrue(self.apbdes_of(self.desa_a1))
        self.assertFalse(self.apbdes_of(self.desa_a2))

    def test_siskeudes_code_of_the_desa(self):
        """A desa whose Siskeudes code is not the end of its Kemendagri code."""
        self.desa_b1.siskeudes_code = "07.01"
        wizard = self.preview(zip_of(build_tables(desa=(("07.01.", LINES),))), user=self.user_dpmd)
        self.assertEqual(self.errors(wizard), [])
        self.assertEqual(wizard.line_ids.region_id, self.desa_b1)


@tagged("post_install", "-at_install")
class TestSiskeudesFile(KerjasamaFinanceCommon):
    """Reading the file itself: amounts, dates, CSV dialects, table names."""

    def test_amounts_and_dates(self):
        self.assertEqual(siskeudes.parse_amount("1500000"), 1_500_000)
        self.assertEqual(siskeudes.parse_amount("1500000.50"), 1_500_000.5)
        self.assertEqual(siskeudes.parse_amount("1.500.000,50"), 1_500_000.5)
        self.assertEqual(siskeudes.parse_amount("1,500,000.50"), 1_500_000.5)
        self.assertEqual(siskeudes.parse_amount(""), 0)
        with self.assertRaises(ValueError):
            siskeudes.parse_amount("satu juta")
        self.assertEqual(str(siskeudes.parse_date("01/31/2026 00:00:00")), "2026-01-31")
        self.assertEqual(str(siskeudes.parse_date("2026-01-31")), "2026-01-31")
        self.assertIsNone(siskeudes.parse_date("31 Januari"))
        self.assertEqual(siskeudes.norm_code(" 4.1.1.01. "), "4.1.1.01")
        self.assertTrue(siskeudes.is_empty_kegiatan("00.00.00"))

    def test_semicolons_bom_latin1_and_table_names_in_any_case(self):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr(
                "TA_DESA.CSV", "\ufeffTahun;Kd_Desa;Nm_Kades\r\n2026;01.2001.;Ujang\r\n"
            )
            archive.writestr(
                "export/ta_kegiatan.csv",
                "Tahun,Kd_Desa,Kd_Keg,Nama_Kegiatan\n2026,01.2001.,01.2001.01.01.01.,Caf\xe9\n\n".encode(
                    "cp1252"
                ),
            )
            archive.writestr("Ta_Unknown.csv", "a,b\n1,2\n")
        tables = siskeudes.read_zip(out.getvalue())
        self.assertEqual(set(tables), {"Ta_Desa", "Ta_Kegiatan"})
        columns, rows = tables["Ta_Desa"]
        self.assertEqual(columns, ["tahun", "kd_desa", "nm_kades"])
        self.assertEqual(rows[0]["kd_desa"], "01.2001.")
        self.assertEqual(tables["Ta_Kegiatan"][1][0]["nama_kegiatan"], "Café")
        self.assertEqual(len(tables["Ta_Kegiatan"][1]), 1)

    def test_wizard_form_opens_for_the_treasurer(self):
        Wizard = self.env["kerjasama.apbdes.siskeudes.import"].with_user(self.user_bendahara_a1)
        views = Wizard.get_views([(False, "form")])
        self.assertIn("action_preview", views["views"]["form"]["arch"])
