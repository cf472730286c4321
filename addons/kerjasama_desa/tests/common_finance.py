"""Fixtures of the village finance (APBDesa) and asset tests, on top of ``KerjasamaDesaCommon``.

Adds treasurers of desa A2 and B1, account codes, asset kinds, utilisation forms and helpers
``create_apbdes``, ``approve``, ``create_asset``, ``create_utilization``, ``add_funding``.
"""

from odoo import Command, fields
from odoo.tests import new_test_user

from .common import GROUP, KerjasamaDesaCommon


class KerjasamaFinanceCommon(KerjasamaDesaCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.user_bendahara_a2 = new_test_user(
            cls.env,
            login="test.bendahara.a2",
            groups=GROUP % "bendahara",
            kerjasama_region_ids=[Command.set(cls.desa_a2.ids)],
        )
        cls.user_bendahara_b1 = new_test_user(
            cls.env,
            login="test.bendahara.b1",
            groups=GROUP % "bendahara",
            kerjasama_region_ids=[Command.set(cls.desa_b1.ids)],
        )
        cls.code_hasil_aset = ref("kerjasama_desa.kerjasama_account_code_rek_4_1_2_02")
        cls.code_kerjasama_antar_desa = ref("kerjasama_desa.kerjasama_account_code_rek_4_3_1")
        cls.code_kontribusi = ref("kerjasama_desa.kerjasama_account_code_rek_5_2_9")
        cls.code_penyertaan_modal = ref("kerjasama_desa.kerjasama_account_code_rek_6_2_2")
        cls.kegiatan_kerjasama = ref("kerjasama_desa.kerjasama_account_code_kegiatan_01_04_09")
        cls.kind_pasar = ref("kerjasama_desa.kerjasama_asset_kind_pasar_desa")
        cls.kind_tanah = ref("kerjasama_desa.kerjasama_asset_kind_tanah_kas_desa")
        cls.kind_bangunan = ref("kerjasama_desa.kerjasama_asset_kind_bangunan")
        cls.form_sewa = ref("kerjasama_desa.kerjasama_utilization_form_sewa")
        cls.form_pinjam_pakai = ref("kerjasama_desa.kerjasama_utilization_form_pinjam_pakai")
        cls.form_ksp = ref("kerjasama_desa.kerjasama_utilization_form_ksp")
        cls.form_bgs = ref("kerjasama_desa.kerjasama_utilization_form_bgs")
        cls.form_bsg = ref("kerjasama_desa.kerjasama_utilization_form_bsg")

    @classmethod
    def create_apbdes(cls, desa, year=2026, lines=(), user=None):
        """APBDesa of ``desa`` with ``lines``: tuples (kind, amount, description) where kind
        is "belanja" (5.2.9 [01.04.09]) or "pendapatan" (4.3.1)."""
        Apbdes = cls.env["kerjasama.apbdes"]
        if user:
            Apbdes = Apbdes.with_user(user)
        line_cmds = []
        for kind, amount, description in lines:
            vals = {"description": description, "amount": amount}
            if kind == "belanja":
                vals.update(
                    account_code_id=cls.code_kontribusi.id,
                    kegiatan_id=cls.kegiatan_kerjasama.id,
                )
            else:
                vals["account_code_id"] = cls.code_kerjasama_antar_desa.id
            line_cmds.append(Command.create(vals))
        return Apbdes.create({"region_id": desa.id, "year": year, "line_ids": line_cmds})

    @classmethod
    def approve(cls, apbdes):
        return apbdes.with_user(cls.kades_by_desa[apbdes.region_id]).action_approve()

    @classmethod
    def add_funding(cls, agreement, desa, amount, line=None, flow="contribution"):
        party = agreement.party_ids.filtered(lambda p: p.region_id == desa)
        return cls.env["kerjasama.agreement.funding"].create(
            {
                "agreement_id": agreement.id,
                "party_id": party.id,
                "flow": flow,
                "source": "apbdes",
                "amount": amount,
                "apbdes_line_id": line.id if line else False,
            }
        )

    @classmethod
    def realize(cls, line, amount, reference="BKU/001", funding=None, user=None):
        Realization = cls.env["kerjasama.apbdes.realization"]
        if user:
            Realization = Realization.with_user(user)
        vals = {
            "line_id": line.id,
            "amount": amount,
            "reference": reference,
            "date": fields.Date.to_date("2026-06-30"),
        }
        if funding:
            vals["funding_id"] = funding.id
        return Realization.create(vals)

    @classmethod
    def create_asset(cls, desa=None, kind=None, **vals):
        values = {
            "name": "Aset Uji",
            "region_id": (desa or cls.desa_a1).id,
            "kind_id": (kind or cls.kind_pasar).id,
            "acquisition_year": 2010,
            "acquisition_value": 500_000_000,
        }
        values.update(vals)
        return cls.env["kerjasama.asset"].create(values)

    @classmethod
    def create_utilization(cls, asset, form, start, end, **vals):
        values = {
            "asset_id": asset.id,
            "form_id": form.id,
            "date_start": fields.Date.to_date(start),
            "date_end": fields.Date.to_date(end),
            "partner_id": cls.partner_swasta.id,
            "flow": "income",
            "amount": 10_000_000,
        }
        values.update(vals)
        return cls.env["kerjasama.asset.utilization"].create(values)
