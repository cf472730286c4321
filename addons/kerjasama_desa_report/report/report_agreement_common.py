# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re

from dateutil.relativedelta import relativedelta
from reportlab.lib.units import cm
from reportlab.platypus import KeepTogether, Spacer

from odoo import models

from odoo.addons.kerjasama_desa.models.kerjasama_agreement import SIGNED_STATES
from odoo.addons.kerjasama_desa.tools.formatting import (
    day_name_id,
    format_number_id,
    month_name_id,
    terbilang,
)

from . import engine
from .engine import DOTS, roman

# The kewenangan desa in the words of UU 6/2014 Pasal 19, as the legal text cites them (a
# drafting phrase, not the label of the selection, which the UI translates).
KEWENANGAN_LABELS = {
    "asal_usul": "hak asal usul",
    "lokal": "kewenangan lokal berskala Desa",
    "penugasan": "kewenangan yang ditugaskan oleh Pemerintah, Pemerintah Daerah Provinsi atau "
    "Pemerintah Daerah Kabupaten/Kota",
    "lainnya": "kewenangan lain yang ditugaskan sesuai peraturan perundang-undangan",
}

# ---------------------------------------------------------------------------- legal basis
# Mengingat of the village legal products, each regulation with its Lembaran Negara (LN) and
# Tambahan Lembaran Negara (TLN) numbers, or its Berita Negara (BN) number for a ministerial
# regulation. Each entry: the regulations it cites as (kind, number, year), and its text.
# The Berita Negara number of Permendagri 96/2017 is not printed: it is still to be confirmed.
LEGAL_BASIS = [
    (
        {("uu", 6, 2014), ("uu", 6, 2023), ("uu", 3, 2024)},
        "Undang-Undang Nomor 6 Tahun 2014 tentang Desa (Lembaran Negara Republik Indonesia "
        "Tahun 2014 Nomor 7, Tambahan Lembaran Negara Republik Indonesia Nomor 5495) "
        "sebagaimana telah beberapa kali diubah, terakhir dengan Undang-Undang Nomor 3 Tahun "
        "2024 tentang Perubahan Kedua atas Undang-Undang Nomor 6 Tahun 2014 tentang Desa "
        "(Lembaran Negara Republik Indonesia Tahun 2024 Nomor 77, Tambahan Lembaran Negara "
        "Republik Indonesia Nomor 6914);",
    ),
    (
        {("pp", 43, 2014), ("pp", 47, 2015), ("pp", 11, 2019)},
        "Peraturan Pemerintah Nomor 43 Tahun 2014 tentang Peraturan Pelaksanaan Undang-Undang "
        "Nomor 6 Tahun 2014 tentang Desa (Lembaran Negara Republik Indonesia Tahun 2014 Nomor "
        "123, Tambahan Lembaran Negara Republik Indonesia Nomor 5539) sebagaimana telah diubah "
        "dengan Peraturan Pemerintah Nomor 47 Tahun 2015 tentang Perubahan atas Peraturan "
        "Pemerintah Nomor 43 Tahun 2014 tentang Peraturan Pelaksanaan Undang-Undang Nomor 6 "
        "Tahun 2014 tentang Desa (Lembaran Negara Republik Indonesia Tahun 2015 Nomor 157, "
        "Tambahan Lembaran Negara Republik Indonesia Nomor 5717) dan Peraturan Pemerintah Nomor "
        "11 Tahun 2019 tentang Perubahan Kedua atas Peraturan Pemerintah Nomor 43 Tahun 2014 "
        "tentang Peraturan Pelaksanaan Undang-Undang Nomor 6 Tahun 2014 tentang Desa (Lembaran "
        "Negara Republik Indonesia Tahun 2019 Nomor 41, Tambahan Lembaran Negara Republik "
        "Indonesia Nomor 6321);",
    ),
    (
        {("permendagri", 111, 2014)},
        "Peraturan Menteri Dalam Negeri Nomor 111 Tahun 2014 tentang Pedoman Teknis Peraturan "
        "di Desa (Berita Negara Republik Indonesia Tahun 2014 Nomor 2091);",
    ),
    (
        {("permendagri", 96, 2017)},
        "Peraturan Menteri Dalam Negeri Nomor 96 Tahun 2017 tentang Tata Cara Kerja Sama Desa "
        "di Bidang Pemerintahan Desa;",
    ),
]
REGULATION_KINDS = [
    ("uu", r"\bUU\b|Undang-Undang", "Undang-Undang"),
    ("pp", r"\bPP\b|Peraturan\s+Pemerintah(?!\s+Pengganti)", "Peraturan Pemerintah"),
    (
        "permendagri",
        r"\bPermendagri\b|Peraturan\s+Menteri\s+Dalam\s+Negeri",
        "Peraturan Menteri Dalam Negeri",
    ),
]
REFERENCE = (
    r"(?:{kind})\s*(?:Republik\s+Indonesia\s*)?(?:Nomor|No\.?)?\s*(\d+)\s*(?:/|Tahun)\s*(\d{{4}})"
)


def regulation_refs(text):
    """The regulations a legal-basis line cites: {("uu", 6, 2014), ("permendagri", 96, 2017)}."""
    refs = set()
    for kind, pattern, _title in REGULATION_KINDS:
        for match in re.finditer(REFERENCE.format(kind=pattern), text or "", re.IGNORECASE):
            refs.add((kind, int(match.group(1)), int(match.group(2))))
    return refs


def expand_regulation_refs(text):
    """ "Permendagri 1/2016" written out: "Peraturan Menteri Dalam Negeri Nomor 1 Tahun 2016"."""
    for _kind, pattern, title in REGULATION_KINDS:
        short = pattern.split("|")[0]
        text = re.sub(rf"{short}\s*(\d+)\s*/\s*(\d{{4}})", rf"{title} Nomor \1 Tahun \2", text)
    return text


def legal_basis_lines(extra_text=""):
    """The Mengingat: the regulations of every kerja sama desa, then the items of
    ``extra_text`` (the agreement's own legal basis) that cite something else, as further
    items; items citing only the regulations already listed are not repeated."""
    lines = [text for _refs, text in LEGAL_BASIS]
    known = set().union(*(refs for refs, _text in LEGAL_BASIS))
    for line in engine.text_lines(extra_text):
        for item in line.split(";"):
            item = item.strip().rstrip(".;").strip()
            if not item:
                continue
            refs = regulation_refs(item)
            if refs and refs <= known:
                continue
            lines.append(f"{expand_regulation_refs(item)};")
    return lines


# ---------------------------------------------------------------------------- signatories
KEPALA_DESA = "kepala_desa"
SEKRETARIS_DESA = "sekretaris_desa"
KETUA_BPD = "ketua_bpd"
ROLE_OFFICES = {
    KEPALA_DESA: "Kepala",
    SEKRETARIS_DESA: "Sekretaris",
    KETUA_BPD: "Ketua Badan Permusyawaratan",
}
# a "signatory" recorded as one of these is an office, not a name
OFFICE_WORDS = {
    "kepala desa",
    "kades",
    "lurah",
    "penjabat kepala desa",
    "pj. kepala desa",
    "sekretaris desa",
    "ketua bpd",
    "direktur",
    "direktur utama",
    "ketua",
    "pimpinan",
    "pemilik",
}


def _normalized(text):
    return " ".join((text or "").lower().replace(",", " ").split())


def _is_office(text, title=""):
    norm = _normalized(text)
    return (
        not norm
        or norm in OFFICE_WORDS
        or (bool(title) and norm == _normalized(title))
        or norm.startswith(("kepala desa ", "sekretaris desa ", "direktur "))
    )


def desa_official_name(region, role, date=None):
    """Name of the desa's official in ``role`` (kepala desa, sekretaris desa, ketua BPD) in
    office on ``date`` (default today), or "".

    The officials register of the desa (``kerjasama.desa.official``: name, office, term, SK)
    is the source; the names recorded on the village's party record (res.partner) are the
    fallback of a desa not yet in the register."""
    official = (
        region.env["kerjasama.desa.official"].sudo()._get_official(region, role, date).get(region)
    )
    if official:
        return official.name.strip()
    partner = region.sudo().partner_id
    if role == KEPALA_DESA:
        return (partner.kepala_desa_name or "").strip()
    if role == KETUA_BPD:
        return (partner.bpd_chair_name or "").strip()
    return ""


def party_signatory(party, role=KEPALA_DESA):
    """``(name, office)`` of who signs for ``party``: a ``kerjasama.agreement.party``, or for a
    desa its ``kerjasama.region``.

    - the signatory recorded on the party (``signatory_name``/``signatory_title``) when it is
      a name, not an office ("Kepala Desa", "Direktur");
    - else, for a desa, its official in ``role`` (see ``desa_official_name``);
    - else a row of dots to fill in by hand.

    The office of a desa's official reads "Kepala Desa Karangpawitan", "Sekretaris Desa ...",
    "Ketua Badan Permusyawaratan Desa ..."; a pihak ketiga's is its signatory's title."""
    region = party if party._name == "kerjasama.region" else party.region_id
    name = title = ""
    if party._name == "kerjasama.agreement.party" and role == KEPALA_DESA:
        title = (party.signatory_title or "").strip()
        name = (party.signatory_name or "").strip()
        if _is_office(name, title):
            name = ""
    if not region:
        return name or DOTS, title
    office = f"{ROLE_OFFICES[role]} {region._full_name()}"
    if title and _normalized(title) not in ("kepala desa", "kades"):
        office = title  # e.g. "Penjabat Kepala Desa", "Kepala Desa Suci"
    date = party.signed_date if party._name == "kerjasama.agreement.party" else None
    return name or desa_official_name(region, role, date) or DOTS, office


def party_document_number(agreement, party=None):
    """Number that the desa of ``party`` gives the Peraturan/Perjanjian Bersama in its own
    register, or "" when it has none yet (never the internal register number ``name``).

    Each desa numbers it in its register when it signs (``kerjasama.agreement.party``
    ``document_number``); without a party, the agreement's number when it has one only."""
    if party:
        return (party.document_number or "").strip()
    parties = agreement.party_ids.filtered("document_number")
    return (parties.document_number or "").strip() if len(parties) == 1 else ""


def nomor_tahun(number, date):
    """ "NOMOR 6 TAHUN 2025" of a village legal product: the number without the year it may
    carry, and the year of ``date`` (the stipulation, never another); dots when unknown."""
    number = re.sub(r"\s*\bTAHUN\s+\d{4}\s*$", "", number or "", flags=re.IGNORECASE).strip()
    return f"NOMOR {number or '....'} TAHUN {date.year if date else '....'}"


def date_in_words_id(date):
    """ "Senin tanggal dua puluh tiga bulan Maret tahun dua ribu dua puluh lima": the day and
    date of a deed or berita acara in words."""
    return (
        f"{day_name_id(date)} tanggal {terbilang(date.day, currency='')} bulan "
        f"{month_name_id(date.month)} tahun {terbilang(date.year, currency='')}"
    )


def selection_label(record, field_name):
    """The label of ``record``'s selection value in Indonesian (the language of the
    documents, whatever the user's)."""
    if not record[field_name]:
        return ""
    record = record.with_context(lang="id_ID")
    field = record._fields[field_name]
    return dict(field._description_selection(record.env)).get(record[field_name], "")


def kabupaten_short_name(kabupaten):
    """ "Garut" of "Kabupaten Garut", "Bandung" of "Kota Bandung"."""
    name = (kabupaten.name or "").strip()
    for prefix in ("Kabupaten ", "Kota "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def regent_title(kabupaten):
    """ "Bupati Garut" / "Wali Kota Bandung": the head of the kabupaten/kota, by its name."""
    return kabupaten._head_title() if kabupaten else "Bupati/Wali Kota"


def is_signed(agreement):
    """Signed: evaluated by the kabupaten, running or ended; anything before is a draft."""
    return agreement.state in SIGNED_STATES


class KerjasamaReportAgreementAbstract(models.AbstractModel):
    """Content shared by the Peraturan Bersama Kepala Desa and the Perjanjian Bersama: the
    articles that Permendagri 96/2017 Pasal 6 requires, built from the agreement."""

    _name = "kerjasama.report.agreement.abstract"
    _inherit = "kerjasama.report.pdf.abstract"
    _description = "Kerja Sama Desa Agreement Document"

    def _kd_number(self, agreement, party=None):
        """The document number of the desa of ``party`` (dots when it has none yet)."""
        return party_document_number(agreement, party) or DOTS

    def _kd_signing_date(self, agreement):
        """The signing (stipulation) date, only once signed: a draft has none."""
        return agreement.signing_date if is_signed(agreement) else False

    def _kd_is_draft(self, agreement):
        return not is_signed(agreement)

    def _kd_watermark(self, record):
        # the agreement's own instrument is a draft until signed
        if record._name == "kerjasama.agreement" and self._kd_is_draft(record):
            return "RANCANGAN"
        return super()._kd_watermark(record)

    def _kd_desa_parties(self, agreement):
        return agreement.party_ids.filtered(lambda p: p.party_kind == "desa" and p.region_id)

    def _kd_third_parties(self, agreement):
        return agreement.party_ids.filtered(lambda p: p.party_kind == "pihak_ketiga")

    def _kd_party_name(self, party):
        if party.region_id:
            return self._kd_desa_label(party.region_id)
        return party.partner_id.name or party.display_name or ""

    def _kd_legal_basis(self, agreement):
        return legal_basis_lines(agreement.legal_basis)

    def _kd_regent(self, agreement):
        """ "Bupati Garut" of the agreement's kabupaten."""
        kabupaten = (
            agreement.kabupaten_id or self._kd_desa_parties(agreement).region_id[:1].kabupaten_id
        )
        return regent_title(kabupaten)

    def _kd_camat(self, agreement):
        """ "Camat Karangpawitan" (and "Camat Leles dan Camat Tarogong" across kecamatan)."""
        names = [f"Camat {kecamatan.name}" for kecamatan in agreement.kecamatan_ids]
        return self._kd_join_words(names) or "Camat"

    def _kd_join_words(self, names, last="dan"):
        names = [name for name in names if name]
        if len(names) <= 1:
            return "".join(names)
        return f"{', '.join(names[:-1])} {last} {names[-1]}"

    def _kd_duration_text(self, agreement):
        start, end = agreement.date_start, agreement.date_end
        if start and end:
            # the end date is the last day of the term
            delta = relativedelta(end + relativedelta(days=1), start)
            months = delta.years * 12 + delta.months
            if delta.months == 0 and delta.days == 0 and delta.years:
                span = f"{delta.years} ({self._kd_words(delta.years)}) tahun"
            elif delta.days == 0 and months:
                span = f"{months} ({self._kd_words(months)}) bulan"
            else:
                days = (end - start).days + 1
                span = f"{days} ({self._kd_words(days)}) hari"
            return (
                f"Kerja sama ini berlaku untuk jangka waktu {span}, terhitung sejak tanggal "
                f"{self._kd_date(start)} sampai dengan tanggal {self._kd_date(end)}."
            )
        if start:
            return (
                f"Kerja sama ini berlaku sejak tanggal {self._kd_date(start)} sampai dengan "
                "tercapainya tujuan kerja sama atau diakhiri sesuai ketentuan ini."
            )
        return "Jangka waktu kerja sama ditetapkan oleh para pihak dalam musyawarah."

    def _kd_words(self, number):
        return terbilang(number, currency="")

    def _kd_dispute_lines(self, agreement):
        lines = engine.text_lines(agreement.dispute_clause)
        if lines:
            return lines
        regent = self._kd_regent(agreement)
        facilitator = (
            regent
            if agreement.is_cross_kecamatan
            else f"{self._kd_camat(agreement)} atas nama {regent}"
        )
        return [
            "Setiap perselisihan yang timbul dalam pelaksanaan kerja sama ini diselesaikan "
            "secara musyawarah dan kekeluargaan oleh para pihak.",
            f"Dalam hal musyawarah tidak mencapai mufakat, penyelesaian perselisihan difasilitasi "
            f"dan diselesaikan oleh {facilitator}.",
            "Hasil penyelesaian perselisihan dituangkan dalam berita acara yang ditandatangani "
            "oleh para pihak dan pejabat yang memfasilitasi.",
        ]

    def _kd_amendment_lines(self, agreement):
        return engine.text_lines(agreement.amendment_clause) or [
            "Perubahan, penundaan atau pembatalan kerja sama dilakukan atas kesepakatan para "
            "pihak melalui musyawarah.",
            "Perubahan sebagaimana dimaksud pada ayat (1) dituangkan dalam perubahan dokumen "
            "kerja sama yang merupakan bagian tidak terpisahkan dari dokumen ini.",
        ]

    def _kd_termination_lines(self, agreement):
        return engine.text_lines(agreement.termination_clause) or [
            "Kerja sama berakhir apabila: a. terdapat kesepakatan para pihak; b. tujuan kerja "
            "sama telah tercapai; c. terdapat keadaan kahar (force majeure); d. salah satu pihak "
            "tidak melaksanakan kewajibannya; e. dibuat perjanjian baru yang menggantikan; "
            "f. bertentangan dengan peraturan perundang-undangan; g. objek kerja sama hilang; "
            "h. merugikan kepentingan desa, daerah atau nasional; atau i. berakhirnya jangka "
            "waktu kerja sama.",
        ]

    def _kd_budget_code(self, funding):
        """ "5.2.9 [01.04.09] APBDesa 2025": the APBDesa line that carries a financing line."""
        line = funding.sudo().apbdes_line_id
        if not line:
            return "-"
        code = line.account_code or ""
        if line.kegiatan_code:
            code = f"{code} [{line.kegiatan_code}]"
        return f"{code} APBDesa {line.year}" if line.year else code

    def _kd_funding_flowables(self, agreement, styles, width):
        """Pendanaan: one row per financing line with its APBDesa account code, the total
        with its terbilang."""
        fundings = agreement.funding_ids
        rows = []
        for index, funding in enumerate(fundings, start=1):
            kind = selection_label(funding, "flow")
            source = selection_label(funding, "source")
            rows.append(
                [
                    str(index),
                    self._kd_party_name(funding.party_id),
                    f"{kind}, {source}" if source else kind,
                    self._kd_budget_code(funding),
                    funding.description or funding.sudo().apbdes_line_id.description or "",
                    engine.para(self._kd_rupiah(funding.amount), styles["cell_right"]),
                ]
            )
        total = agreement.amount_total
        flowables = []
        if rows:
            col = [1.0 * cm, 3.2 * cm, 2.8 * cm, 2.9 * cm]
            col += [width - sum(col) - 3.7 * cm, 3.7 * cm]
            flowables.append(
                engine.grid_table(
                    ["No", "Pihak", "Jenis dan Sumber", "Kode Rekening", "Uraian", "Jumlah"],
                    rows,
                    styles,
                    col,
                    total_row=[
                        "",
                        "Jumlah",
                        "",
                        "",
                        "",
                        engine.para(
                            f"<b>{self._kd_rupiah(total)}</b>", styles["cell_right"], markup=True
                        ),
                    ],
                )
            )
            flowables.append(Spacer(1, 0.2 * cm))
        flowables.append(
            engine.para(
                f"Jumlah pendanaan kerja sama sebesar {self._kd_rupiah_words(total)}.",
                styles["normal"],
            )
        )
        if any(f.region_id and f.sudo().apbdes_line_id for f in fundings):
            flowables.append(
                engine.para(
                    "Pendanaan yang menjadi bagian Desa dianggarkan dalam Anggaran Pendapatan "
                    "dan Belanja Desa (APBDesa) pada kode rekening sebagaimana tercantum di "
                    "atas.",
                    styles["normal"],
                )
            )
        return flowables

    def _kd_utilizations(self, agreement):
        """The asset utilisations of the register under the agreement (not cancelled)."""
        return (
            agreement.sudo()
            .asset_utilization_ids.filtered(lambda u: u.state != "cancelled")
            .sorted(lambda u: (u.asset_id.code or "", u.id))
        )

    def _kd_asset_area(self, asset):
        if not asset.area:
            return "-"
        unit = selection_label(asset, "uom") if asset.uom != "unit" else ""
        digits = 0 if float(asset.area).is_integer() else 2
        return f"{format_number_id(asset.area, digits)} {unit}".strip()

    def _kd_asset_article(self, agreement, styles, width):
        """The object: each village asset used, as the asset register records it (code,
        proof of ownership, location, area), with its form and term of utilisation."""
        utilizations = self._kd_utilizations(agreement)
        if not utilizations:
            return None
        elements = [
            (
                "text",
                "Objek kerja sama adalah aset Desa yang tercatat dalam buku inventaris aset "
                "Desa sebagai berikut:",
            )
        ]
        for index, use in enumerate(utilizations, start=1):
            asset = use.asset_id
            proof = " Nomor ".join(filter(None, [asset.legal_document, asset.certificate_number]))
            rows = [
                ("Nama aset", asset.name),
                ("Kode inventaris", asset.code or "-"),
                ("Milik", self._kd_desa_label(asset.region_id)),
                ("Bukti kepemilikan", proof or "-"),
                ("Lokasi", asset.location or "-"),
                ("Luas", self._kd_asset_area(asset)),
                ("Bentuk pemanfaatan", use.form_id.name or "-"),
                (
                    "Jangka waktu",
                    f"{self._kd_date(use.date_start)} sampai dengan {self._kd_date(use.date_end)}",
                ),
            ]
            if use.amount:
                rows.append(
                    (
                        "Kontribusi tetap" if use.flow == "income" else "Nilai",
                        self._kd_rupiah_words(use.amount),
                    )
                )
            mark = f"{index}." if len(utilizations) > 1 else ""
            table = engine.label_table(rows, styles, width - 0.8 * cm, label_width=4.5 * cm)
            elements.append(("flowables", [engine.hanging_block(mark, [table], styles, width)]))
        return elements

    def _kd_articles(self, agreement, styles, width, with_bab=True):
        """The body: list of (bab title, [(pasal paragraphs)]) rendered as BAB/Pasal."""
        desa_parties = self._kd_desa_parties(agreement)
        bidang = agreement.bidang_id.name or ""
        if agreement.sub_bidang_id:
            bidang = f"{bidang}, sub-bidang {agreement.sub_bidang_id.name}"
        kewenangan = KEWENANGAN_LABELS.get(agreement.kewenangan)
        chapters = []
        villages = self._kd_join_words([self._kd_desa_label(p.region_id) for p in desa_parties])
        definitions = [
            f"Desa adalah {villages}{self._kd_location_suffix(agreement)}."
            if desa_parties
            else None,
            "Pemerintah Desa adalah Kepala Desa dibantu perangkat Desa sebagai unsur "
            "penyelenggara Pemerintahan Desa.",
            "Kerja Sama Desa adalah kesepakatan bersama antar-Desa dan/atau antara Desa dengan "
            "pihak ketiga yang dibuat secara tertulis untuk mengerjakan bidang tertentu yang "
            "menimbulkan hak dan kewajiban.",
        ]
        if agreement.bkad_id:
            definitions.append(
                f"Badan Kerja Sama Antar-Desa yang selanjutnya disingkat BKAD adalah "
                f"{agreement.bkad_id.name}."
            )
        chapters.append(
            (
                "KETENTUAN UMUM",
                [
                    [("text", "Dalam dokumen ini yang dimaksud dengan:")]
                    + [("item", f"{i}.", d) for i, d in enumerate(filter(None, definitions), 1)]
                ],
            )
        )
        scope = [("text", f"Kerja sama ini di bidang {bidang or '-'}.")]
        if kewenangan:
            scope.append(("text", f"Kerja sama didasarkan pada kewenangan: {kewenangan}."))
        scope += [("text", line) for line in engine.text_lines(agreement.scope)]
        articles = [scope]
        if agreement.objective:
            articles.insert(
                0,
                [("text", "Maksud dan tujuan kerja sama ini adalah:")]
                + [("text", line) for line in engine.text_lines(agreement.objective)],
            )
        asset_article = self._kd_asset_article(agreement, styles, width)
        if asset_article:
            articles.append(asset_article)
        chapters.append(("MAKSUD, TUJUAN DAN RUANG LINGKUP", articles))
        if agreement.implementation_terms:
            chapters.append(
                (
                    "TATA CARA DAN KETENTUAN PELAKSANAAN",
                    [
                        [
                            ("text", line)
                            for line in engine.text_lines(agreement.implementation_terms)
                        ]
                    ],
                )
            )
        rights = []
        for party in agreement.party_ids:
            name = self._kd_party_name(party)
            article = [("text", f"(1) Hak {name}:")]
            article += [("subitem", "-", line) for line in engine.text_lines(party.rights) or ["-"]]
            article.append(("text", f"(2) Kewajiban {name}:"))
            article += [
                ("subitem", "-", line) for line in engine.text_lines(party.obligations) or ["-"]
            ]
            rights.append(article)
        chapters.append(("HAK DAN KEWAJIBAN", rights or [[("text", "-")]]))
        chapters.append(
            ("PENDANAAN", [[("flowables", self._kd_funding_flowables(agreement, styles, width))]])
        )
        chapters.append(("JANGKA WAKTU", [[("text", self._kd_duration_text(agreement))]]))
        chapters.append(
            ("PENYELESAIAN PERSELISIHAN", [self._kd_numbered(self._kd_dispute_lines(agreement))])
        )
        chapters.append(
            (
                "PERUBAHAN, PENUNDAAN DAN PEMBATALAN",
                [self._kd_numbered(self._kd_amendment_lines(agreement))],
            )
        )
        chapters.append(("PENGAKHIRAN", [self._kd_numbered(self._kd_termination_lines(agreement))]))
        return chapters

    def _kd_location_suffix(self, agreement):
        """ " di Kecamatan Leles, Kabupaten Garut" (the kecamatan when there is one)."""
        kecamatan = agreement.kecamatan_ids
        places = []
        if len(kecamatan) == 1:
            places.append(f"Kecamatan {kecamatan.name}")
        if agreement.kabupaten_id:
            places.append(agreement.kabupaten_id.name)
        return f" di {', '.join(places)}" if places else ""

    def _kd_numbered(self, lines):
        if len(lines) == 1:
            return [("text", lines[0])]
        return [("text", f"({i}) {line}") for i, line in enumerate(lines, 1)]

    def _kd_render_chapters(self, chapters, closing, styles, with_bab=True):
        """Flowables of the chapters and, apart, of the closing chapter (to keep with the
        signatures); Pasal numbered across the document. Return ``(body, closing)``."""
        body, closing_flowables = [], []
        pasal = 0
        for index, (title, articles) in enumerate(chapters + [closing], start=1):
            story = closing_flowables if index == len(chapters) + 1 else body
            if with_bab:
                story.append(engine.para(f"BAB {roman(index)}", styles["heading"]))
                story.append(engine.para(title, styles["heading"]))
            for article in articles:
                pasal += 1
                story.append(
                    engine.para(f"Pasal {pasal}", styles["heading" if not with_bab else "pasal"])
                )
                if not with_bab and article is articles[0]:
                    story.append(engine.para(title, styles["pasal"]))
                for element in article:
                    kind = element[0]
                    if kind == "text":
                        story.append(engine.para(element[1], styles["normal"]))
                    elif kind == "item":
                        story.append(engine.para(f"{element[1]} {element[2]}", styles["item"]))
                    elif kind == "subitem":
                        story.append(engine.para(f"{element[1]} {element[2]}", styles["subitem"]))
                    elif kind == "flowables":
                        story.extend(element[1])
        return body, closing_flowables

    def _kd_keep_with_closing(self, closing, signatures):
        """The last Pasal, the place and date and the signatures on one page: a signature
        block never stands alone on a page."""
        return KeepTogether(closing + signatures)
