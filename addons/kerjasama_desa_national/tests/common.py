from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.kerjasama_desa.tests.common import KerjasamaDesaCommon


class KerjasamaNationalCommon(KerjasamaDesaCommon):
    """Two kabupaten with registered agreements and financing: 99.01 (A1+A2, B1+pihak ketiga)
    and 99.02 (its only desa)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_kades_other = new_test_user(
            cls.env,
            login="test.kades.other",
            groups="kerjasama_desa.kerjasama_desa_group_kepala_desa",
            kerjasama_region_ids=[Command.set(cls.desa_other.ids)],
        )
        cls.kades_by_desa[cls.desa_other] = cls.user_kades_other
        cls.agreement_antar = cls._national_agreement(
            cls.create_agreement(title="Pengelolaan air bersih"), [40_000_000, 25_000_000]
        )
        cls.agreement_swasta = cls._national_agreement(
            cls.create_agreement(kind="pihak_ketiga", desa=cls.desa_b1, title="Pengolahan kopi"),
            [15_000_000],
        )
        cls.agreement_other = cls._national_agreement(
            cls.create_agreement(
                kind="pihak_ketiga", desa=cls.desa_other, title="Wisata di kabupaten lain"
            ),
            [7_500_000],
        )
        cls.draft = cls.create_agreement(title="Belum terdaftar")

    @classmethod
    def _national_agreement(cls, agreement, amounts):
        desa_parties = agreement.party_ids.filtered(lambda p: p.party_kind == "desa")
        agreement.sudo().write(
            {
                "funding_ids": [
                    Command.create(
                        {
                            "party_id": party.id,
                            "flow": "contribution",
                            "source": "apbdes",
                            "amount": amount,
                            "description": "Kontribusi",
                        }
                    )
                    for party, amount in zip(desa_parties, amounts, strict=True)
                ]
            }
        )
        cls.advance_agreement(agreement, "penawaran")
        return agreement
