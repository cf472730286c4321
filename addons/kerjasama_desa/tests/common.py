"""Shared fixtures of the kerjasama_desa test suite.

Other test modules (amendments, reports, disputes, financing, BKAD, reports addon) import
``KerjasamaDesaCommon`` and build on its regions, users and helpers. Keep the names stable.

Regions (fictitious province code 99, so they never clash with demo or loaded data):

- ``region_provinsi`` 99, ``region_kabupaten`` 99.01, ``region_kabupaten_other`` 99.02
- ``region_kecamatan_a`` 99.01.01, ``region_kecamatan_b`` 99.01.02,
  ``region_kecamatan_other`` 99.02.01
- desa ``desa_a1`` 99.01.01.2001, ``desa_a2`` 99.01.01.2002 (kecamatan A),
  ``desa_b1`` 99.01.02.2001, ``desa_b2`` 99.01.02.2002 (kecamatan B),
  ``desa_other`` 99.02.01.2001 (other kabupaten)
- kelurahan ``kelurahan_a`` 99.01.01.1001

Users (password = login), each with working regions:

- ``user_perangkat_a1`` (perangkat desa, desa A1), ``user_bendahara_a1`` (desa A1)
- ``user_kades_a1``, ``user_kades_a2``, ``user_kades_b1`` (kepala desa of their desa)
- ``user_bpd_a1``, ``user_bpd_a2``, ``user_bpd_b1`` (BPD of their desa)
- ``user_kecamatan_a``, ``user_kecamatan_b`` (kecamatan officers)
- ``user_dpmd`` (DPMD of kabupaten 99.01), ``user_dpmd_other`` (DPMD of kabupaten 99.02)
- ``user_supervisor`` (BINWAS, province 99), ``user_admin`` (DPMD administrator of kabupaten
  99.01), ``user_national_admin`` (national administrator, no region)

Helpers: ``create_agreement(...)`` builds a valid agreement in ``persiapan``;
``fill_stage_requirements(agreement, state)`` writes (as superuser) what leaving ``state``
requires (``complete_initiative_steps(agreement, target_state)`` ticks the preparation steps
of the initiative required before ``target_state``); ``advance_agreement(agreement, state)`` fills the required content and makes every
transition as the role the regulation names, up to ``state`` (kepala desa of the first party
desa for the village steps, ``user_admin`` for evaluation and ending).
"""

import base64

from odoo import Command, fields
from odoo.tests import TransactionCase, new_test_user

GROUP = "kerjasama_desa.kerjasama_desa_group_%s"
STATE_ORDER = [
    "persiapan",
    "penawaran",
    "musyawarah",
    "penyusunan",
    "penandatanganan",
    "evaluasi",
    "berjalan",
    "berakhir",
]
SIGNED_SCAN = base64.b64encode(b"%PDF-1.4 signed agreement scan")


class KerjasamaDesaCommon(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        Region = cls.env["kerjasama.region"]
        cls.region_provinsi = Region.create(
            {"code": "99", "name": "Provinsi Uji", "level": "provinsi"}
        )
        cls.region_kabupaten, cls.region_kabupaten_other = Region.create(
            [
                {
                    "code": "99.01",
                    "name": "Kabupaten Uji",
                    "level": "kabupaten",
                    "parent_id": cls.region_provinsi.id,
                },
                {
                    "code": "99.02",
                    "name": "Kabupaten Lain",
                    "level": "kabupaten",
                    "parent_id": cls.region_provinsi.id,
                },
            ]
        )
        cls.region_kecamatan_a, cls.region_kecamatan_b = Region.create(
            [
                {
                    "code": "99.01.01",
                    "name": "Kecamatan Satu",
                    "level": "kecamatan",
                    "parent_id": cls.region_kabupaten.id,
                },
                {
                    "code": "99.01.02",
                    "name": "Kecamatan Dua",
                    "level": "kecamatan",
                    "parent_id": cls.region_kabupaten.id,
                },
            ]
        )
        cls.region_kecamatan_other = Region.create(
            {
                "code": "99.02.01",
                "name": "Kecamatan Seberang",
                "level": "kecamatan",
                "parent_id": cls.region_kabupaten_other.id,
            }
        )

        def desa(code, name, parent):
            return {"code": code, "name": name, "level": "desa", "parent_id": parent.id}

        (
            cls.desa_a1,
            cls.desa_a2,
            cls.desa_b1,
            cls.desa_b2,
            cls.desa_other,
            cls.kelurahan_a,
        ) = Region.create(
            [
                desa("99.01.01.2001", "Sukamaju", cls.region_kecamatan_a),
                desa("99.01.01.2002", "Sukamulya", cls.region_kecamatan_a),
                desa("99.01.02.2001", "Mekarsari", cls.region_kecamatan_b),
                desa("99.01.02.2002", "Mekarjaya", cls.region_kecamatan_b),
                desa("99.02.01.2001", "Seberang", cls.region_kecamatan_other),
                desa("99.01.01.1001", "Kotabaru", cls.region_kecamatan_a),
            ]
        )
        cls.partner_swasta = cls.env["res.partner"].create(
            {"name": "PT Tani Makmur", "is_company": True, "kerjasama_party_type": "swasta"}
        )
        cls.partner_bumdesma = cls.env["res.partner"].create(
            {
                "name": "BUM Desa Bersama Uji",
                "is_company": True,
                "kerjasama_party_type": "bumdesma",
            }
        )
        Bidang = cls.env["kerjasama.bidang"]
        cls.bidang = Bidang.create({"code": "T9", "name": "Bidang Uji"})
        cls.sub_bidang = Bidang.create(
            {"code": "T9.01", "name": "Sub-bidang Uji", "parent_id": cls.bidang.id}
        )

        def user(login, role, regions):
            return new_test_user(
                cls.env,
                login=login,
                groups=GROUP % role,
                name=login,
                kerjasama_region_ids=[Command.set(regions.ids)],
            )

        cls.user_perangkat_a1 = user("test.perangkat.a1", "perangkat_desa", cls.desa_a1)
        cls.user_bendahara_a1 = user("test.bendahara.a1", "bendahara", cls.desa_a1)
        cls.user_kades_a1 = user("test.kades.a1", "kepala_desa", cls.desa_a1)
        cls.user_kades_a2 = user("test.kades.a2", "kepala_desa", cls.desa_a2)
        cls.user_kades_b1 = user("test.kades.b1", "kepala_desa", cls.desa_b1)
        cls.user_bpd_a1 = user("test.bpd.a1", "bpd", cls.desa_a1)
        cls.user_bpd_a2 = user("test.bpd.a2", "bpd", cls.desa_a2)
        cls.user_bpd_b1 = user("test.bpd.b1", "bpd", cls.desa_b1)
        cls.user_kecamatan_a = user("test.kecamatan.a", "kecamatan", cls.region_kecamatan_a)
        cls.user_kecamatan_b = user("test.kecamatan.b", "kecamatan", cls.region_kecamatan_b)
        cls.user_dpmd = user("test.dpmd", "dpmd", cls.region_kabupaten)
        cls.user_dpmd_other = user("test.dpmd.other", "dpmd", cls.region_kabupaten_other)
        cls.user_supervisor = user("test.supervisor", "supervisor", cls.region_provinsi)
        cls.user_admin = user("test.admin", "admin", cls.region_kabupaten)
        cls.user_national_admin = user("test.national.admin", "national_admin", Region)
        cls.kades_by_desa = {
            cls.desa_a1: cls.user_kades_a1,
            cls.desa_a2: cls.user_kades_a2,
            cls.desa_b1: cls.user_kades_b1,
        }
        cls.bpd_by_desa = {
            cls.desa_a1: cls.user_bpd_a1,
            cls.desa_a2: cls.user_bpd_a2,
            cls.desa_b1: cls.user_bpd_b1,
        }

    # ------------------------------------------------------------------ helpers
    @classmethod
    def create_agreement(cls, kind="antar_desa", desa=None, third_parties=None, user=None, **vals):
        """Create an agreement in ``persiapan`` with its parties (as ``user``, default superuser).

        ``desa``: recordset of desa regions (default A1 + A2 for antar_desa, A1 for
        pihak_ketiga); ``third_parties``: partners (default the PT for pihak_ketiga).
        Extra ``vals`` override the defaults.
        """
        if desa is None:
            desa = cls.desa_a1 | cls.desa_a2 if kind == "antar_desa" else cls.desa_a1
        if third_parties is None:
            third_parties = cls.partner_swasta if kind == "pihak_ketiga" else cls.env["res.partner"]
        parties = [Command.create({"party_kind": "desa", "region_id": r.id}) for r in desa]
        parties += [
            Command.create({"party_kind": "pihak_ketiga", "partner_id": p.id})
            for p in third_parties
        ]
        values = {
            "title": "Kerja sama uji",
            "kind": kind,
            "initiative": "desa",
            "bidang_id": cls.bidang.id,
            "sub_bidang_id": cls.sub_bidang.id,
            "date_start": fields.Date.to_date("2026-01-01"),
            "date_end": fields.Date.to_date("2027-12-31"),
            "party_ids": parties,
        }
        values.update(vals)
        Agreement = cls.env["kerjasama.agreement"]
        if user:
            Agreement = Agreement.with_user(user)
        return Agreement.create(values).with_user(cls.env.uid)

    @classmethod
    def complete_initiative_steps(cls, agreement, target_state):
        """Tick (as superuser) the hand-ticked preparation steps required before
        ``target_state`` (steps proven by an agreement field are filled with that field)."""
        agreement.sudo()._sync_initiative_steps()
        lines = agreement.sudo().step_ids.filtered(
            lambda line: line.required_before_state == target_state and not line.agreement_field
        )
        lines.write({"done": True, "reference": "REF/UJI/2025"})

    @classmethod
    def fill_stage_requirements(cls, agreement, state):
        """Write (as superuser) what leaving ``state`` requires, including the preparation
        steps of the initiative required before the next stage; returns nothing."""
        agreement = agreement.sudo()
        if state in STATE_ORDER[:-1]:
            cls.complete_initiative_steps(agreement, STATE_ORDER[STATE_ORDER.index(state) + 1])
        if state == "persiapan":
            agreement.write(
                {
                    "potential_inventory": "Potensi: lahan pertanian, mata air.",
                    "priority_scale": "high",
                    "cost_benefit_note": "Manfaat Rp 100 juta/tahun, biaya Rp 40 juta.",
                    "rkp_desa_item": "RKP Desa 2026 kegiatan 02.03.01",
                    "kak_file": SIGNED_SCAN,
                    "kak_filename": "kak.pdf",
                    "spatial_compliance": True,
                }
            )
        elif state == "penawaran":
            agreement.write(
                {
                    "offer_date": fields.Date.to_date("2025-11-01"),
                    "offer_reference": "140/01/2025",
                }
            )
        elif state == "musyawarah":
            meetings = cls.env["kerjasama.musyawarah"].create(
                [
                    {
                        "agreement_id": agreement.id,
                        "region_id": region.id,
                        "date": fields.Date.to_date("2025-11-15"),
                        "berita_acara_number": f"BA/{region.code}/2025",
                        "decision": "agreed",
                        "bpd_consent_date": fields.Date.to_date("2025-11-16"),
                    }
                    for region in agreement.region_ids - agreement.musyawarah_ids.region_id
                ]
            )
            meetings.action_bpd_consent()
        elif state == "penyusunan":
            content = {
                "scope": "Pengelolaan bersama.",
                "implementation_terms": "Dilaksanakan oleh tim bersama.",
                "amendment_clause": "Perubahan atas kesepakatan para pihak.",
                "dispute_clause": "Musyawarah, lalu fasilitasi camat/bupati.",
            }
            agreement.write({k: v for k, v in content.items() if not agreement[k]})
            for party in agreement.party_ids.filtered(lambda p: not p.rights or not p.obligations):
                party.write({"rights": "Hak pihak.", "obligations": "Kewajiban pihak."})
            if not agreement.funding_ids:
                party = agreement.party_ids[:1]
                cls.env["kerjasama.agreement.funding"].create(
                    {
                        "agreement_id": agreement.id,
                        "party_id": party.id,
                        "flow": "contribution",
                        "source": "apbdes",
                        "amount": 10_000_000,
                    }
                )
        elif state == "penandatanganan":
            agreement.write(
                {"signed_document": SIGNED_SCAN, "signed_document_filename": "signed.pdf"}
            )
            cls.sign_all(agreement)
        elif state == "evaluasi":
            if agreement.camat_forwarding_required and not agreement.camat_forward_user_id:
                cls.forward(agreement, cls.env.user)
            agreement.write(
                {
                    "evaluation_date": fields.Date.to_date("2025-12-28"),
                    "evaluation_result": "approved",
                    "evaluation_note": "Sesuai ketentuan.",
                }
            )
        elif state == "berjalan":
            agreement.write(
                {
                    "termination_reason_id": cls.env.ref(
                        "kerjasama_desa.kerjasama_termination_reason_expired"
                    ).id,
                }
            )

    SIGNING_DAY = fields.Date.to_date("2025-12-20")
    FORWARD_DAY = fields.Date.to_date("2025-12-22")

    @classmethod
    def forward(cls, agreement, camat=None, day=None):
        """The camat of the agreement's first desa forwards it (covering letter of ``day``)."""
        camat = camat or {
            cls.region_kecamatan_a: cls.user_kecamatan_a,
            cls.region_kecamatan_b: cls.user_kecamatan_b,
        }.get(agreement.region_ids[:1].kecamatan_id)
        # a kecamatan without a test camat: the server forwards (fixture only)
        agreement = agreement.with_user(camat) if camat else agreement.sudo()
        agreement.camat_forward_date = day or cls.FORWARD_DAY
        agreement.action_camat_forward()

    @classmethod
    def fill_mad(cls, agreement):
        """Hold (as superuser) the Musyawarah Antar-Desa an antar-desa agreement needs before
        drafting, when the addon has it."""
        if agreement.kind != "antar_desa" or "kerjasama.mad" not in cls.env:
            return
        Mad = cls.env["kerjasama.mad"]
        if not Mad._missing_for_drafting(agreement):
            return
        mad = Mad.create(
            {
                "agreement_id": agreement.id,
                "date": fields.Datetime.to_datetime("2025-11-20 02:00:00"),
                "place": "Balai Desa",
            }
        )
        mad.attendance_ids.write({"present": True})
        mad.write(
            {
                "chair_name": "Kepala Desa Pertama",
                "secretary_name": "Sekretaris Desa Pertama",
                "minutes": "Para kepala desa membahas dan menyepakati kerja sama.",
            }
        )
        mad.action_hold()
        mad.decision = "agreed"
        mad.action_close()

    @classmethod
    def sign_all(cls, agreement, day=None):
        """Every party signs (the village head of each desa; a pihak ketiga's signatory recorded
        by the village head of the first desa), as the regulation says, on ``day``."""
        day = day or cls.SIGNING_DAY
        first_kades = cls.kades_by_desa.get(agreement.region_ids[:1])
        for party in agreement.party_ids.filtered(lambda p: not p.signed_date):
            signer = (
                cls.kades_by_desa.get(party.region_id)
                if party.party_kind == "desa"
                else first_kades
            )
            # a desa without a test village head: the server signs (fixture only)
            party = party.with_user(signer) if signer else party.sudo()
            vals = {"sign_date": day}
            if not party.signatory_name:
                vals.update(signatory_name="Bapak Penandatangan", signatory_title="Kepala")
            party.write(vals)
            party.action_sign()

    @classmethod
    def advance_agreement(cls, agreement, state):
        """Move ``agreement`` forward to ``state`` filling what each step requires.

        Transitions are made by a role the regulation names for the step: a kepala desa of the
        first party desa prepares, proposes and signs, DPMD administrator evaluates and ends.
        """
        target = STATE_ORDER.index(state)
        desa = agreement.region_ids[:1]
        kades = cls.kades_by_desa.get(desa, cls.user_admin)
        while STATE_ORDER.index(agreement.state) < target:
            current = agreement.state
            cls.fill_stage_requirements(agreement, current)
            if current == "musyawarah":
                cls.fill_mad(agreement)
            actor = cls.user_admin if current in ("evaluasi", "berjalan") else kades
            method = getattr(
                agreement.with_user(actor),
                f"action_to_{STATE_ORDER[STATE_ORDER.index(current) + 1]}",
            )
            method()
        return agreement


class KerjasamaRegionCommon(TransactionCase):
    """Small region tree of its own (fictitious province 98) for the region and party tests.

    - ``prov`` 98, ``kab`` 98.01, ``kota`` 98.71
    - ``kec`` 98.01.01 Sukasari, ``kec_2`` 98.01.02 Cibeber
    - ``desa`` 98.01.01.2001 Sukamaju, ``desa_2`` 98.01.02.2001 Mekarwangi,
      ``kelurahan`` 98.01.01.1001 Kotalama, ``desa_adat`` 98.01.01.3001 Desa Adat Bunar
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Region = cls.env["kerjasama.region"]
        cls.prov = Region.create({"code": "98", "name": "Provinsi Contoh"})
        cls.kab, cls.kota = Region.create(
            [
                {"code": "98.01", "name": "Kabupaten Contoh"},
                {"code": "98.71", "name": "Kota Contoh"},
            ]
        )
        cls.kec, cls.kec_2 = Region.create(
            [
                {"code": "98.01.01", "name": "Sukasari"},
                {"code": "98.01.02", "name": "Cibeber"},
            ]
        )
        cls.desa, cls.desa_2, cls.kelurahan, cls.desa_adat = Region.create(
            [
                {"code": "98.01.01.2001", "name": "Sukamaju"},
                {"code": "98.01.02.2001", "name": "Mekarwangi"},
                {"code": "98.01.01.1001", "name": "Kotalama"},
                {"code": "98.01.01.3001", "name": "Desa Adat Bunar"},
            ]
        )
