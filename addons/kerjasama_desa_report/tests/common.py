# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import datetime
import hashlib
import io
import os
import re
import subprocess
import tempfile
from html import unescape

from odoo.tests import TransactionCase

from odoo.addons.kerjasama_desa.tools.guard import unlocked

LONG_SCOPE_LINES = 120


def sign_for_test(agreement, number, date, state="berjalan"):
    """Fixture: put ``agreement`` in ``state`` as signed on ``date``, each desa party with
    ``number`` in its register, past the lifecycle (a server-side unlock no client reaches;
    the lifecycle itself is tested in kerjasama_desa)."""
    with unlocked("kerjasama.agreement.party:signature", "kerjasama.agreement:lifecycle"):
        for party in agreement.party_ids:
            values = {"signed_date": date}
            if party.party_kind == "desa":
                values.update(document_number=number, document_year=date.year)
                if agreement.instrument == "peraturan_bersama":
                    # promulgated in the desa's Berita Desa on the day of stipulation
                    values.update(
                        promulgation_date=date,
                        berita_desa_year=date.year,
                        berita_desa_number=str(len(agreement.party_ids) + party.id % 7),
                    )
            party.write(values)
        agreement.write({"state": state})


def pdf_text(content):
    """Text of a PDF (pdftotext), whitespace collapsed to single spaces.

    With the environment variable KD_REPORT_DUMP_DIR set, the PDFs are also written there, to
    look at them."""
    dump_dir = os.environ.get("KD_REPORT_DUMP_DIR")
    if dump_dir:
        name = hashlib.sha1(content).hexdigest()[:10]
        with open(os.path.join(dump_dir, f"{name}.pdf"), "wb") as handle:
            handle.write(content)
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", handle.name, "-"],
            check=True,
            capture_output=True,
        ).stdout.decode()
    return re.sub(r"\s+", " ", text)


WORD_RE = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)


def pdf_words(content):
    """Every word of a PDF with its page (1-based) and box: ``(page, x0, y0, x1, y1, word)``
    from ``pdftotext -bbox`` (y grows downwards from the top of the page)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        html = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-bbox", handle.name, "-"],
            check=True,
            capture_output=True,
        ).stdout.decode()
    words = []
    for page, chunk in enumerate(html.split("<page ")[1:], start=1):
        for match in WORD_RE.finditer(chunk):
            x0, y0, x1, y1 = (float(v) for v in match.groups()[:4])
            words.append((page, x0, y0, x1, y1, unescape(match.group(5))))
    return words


def phrase_pages(words, phrase):
    """Pages on which ``phrase`` (words in a row) is printed, in order."""
    wanted = phrase.split()
    texts = [w[5] for w in words]
    pages = []
    for index in range(len(texts) - len(wanted) + 1):
        if texts[index : index + len(wanted)] == wanted:
            pages.append(words[index][0])
    return pages


def phrase_page(test, words, phrase):
    """The one page of ``phrase`` (the phrase must be printed exactly once)."""
    pages = phrase_pages(words, phrase)
    test.assertEqual(len(pages), 1, f"{phrase!r} printed on pages {pages}")
    return pages[0]


def pdf_pages_with_images(content):
    """Numbers (1-based) of the pages that draw an image (the RANCANGAN watermark)."""
    from PyPDF2 import PdfReader

    pages = []
    for number, page in enumerate(PdfReader(io.BytesIO(content)).pages, start=1):
        xobjects = page["/Resources"].get("/XObject")
        xobjects = xobjects.get_object() if xobjects else {}
        if any(xobjects[name].get_object()["/Subtype"] == "/Image" for name in xobjects):
            pages.append(number)
    return pages


def pdf_page_count(content):
    from PyPDF2 import PdfReader

    return len(PdfReader(io.BytesIO(content)).pages)


class KerjasamaReportCase(TransactionCase):
    """Fixtures: a kabupaten with two kecamatan and three desa (names with characters that need
    escaping and full font coverage), an antar-Desa and a pihak-ketiga agreement."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Region = cls.env["kerjasama.region"]
        cls.provinsi = Region.create({"code": "94", "name": "Provinsi Uji", "level": "provinsi"})
        cls.kabupaten = Region.create(
            {"code": "94.09", "name": "Kabupaten Uji", "parent_id": cls.provinsi.id}
        )
        cls.kecamatan_a = Region.create(
            {"code": "94.09.01", "name": "Cibodas", "parent_id": cls.kabupaten.id}
        )
        cls.kecamatan_b = Region.create(
            {"code": "94.09.02", "name": "Sukaresmi", "parent_id": cls.kabupaten.id}
        )
        cls.desa_a = Region.create(
            {"code": "94.09.01.2001", "name": "Sukamaju & Ciburuy", "parent_id": cls.kecamatan_a.id}
        )
        cls.desa_b = Region.create(
            {"code": "94.09.02.2002", "name": "Ngadirejo Ēndah", "parent_id": cls.kecamatan_b.id}
        )
        cls.desa_c = Region.create(
            {"code": "94.09.02.2003", "name": "Mekarsari", "parent_id": cls.kecamatan_b.id}
        )
        (cls.desa_a | cls.desa_b | cls.desa_c)._get_village_partner()
        cls.desa_a.partner_id.kepala_desa_name = "Asep Saepudin"
        cls.desa_b.partner_id.kepala_desa_name = "Siti Ñurhaliza"
        cls.bidang = cls.env["kerjasama.bidang"].create(
            {"code": "94.1", "name": "Pembangunan Desa Uji"}
        )
        cls.third_party = cls.env["res.partner"].create(
            {
                "name": "PT Air Bersih <Sejahtera>",
                "is_company": True,
                "kerjasama_party_type": "swasta",
                "street": "Jl. Merdeka No. 17",
                "city": "Bandung",
            }
        )
        scope = "\n".join(
            f"Ruang lingkup butir {i}: pembangunan dan pemeliharaan sarana air bersih "
            f"bersama antar-Desa pada lokasi nomor {i}."
            for i in range(1, LONG_SCOPE_LINES + 1)
        )
        Agreement = cls.env["kerjasama.agreement"]
        cls.antar_desa = Agreement.create(
            {
                "title": "Pengelolaan Air Bersih Bersama",
                "kind": "antar_desa",
                "bidang_id": cls.bidang.id,
                "scope": scope,
                "objective": "Meningkatkan pelayanan air bersih.",
                "legal_basis": "Peraturan Daerah Kabupaten Uji Nomor 5 Tahun 2020 tentang Desa",
                "date_start": datetime.date(2026, 11, 21),
                "date_end": datetime.date(2028, 11, 20),
                "party_ids": [
                    (
                        0,
                        0,
                        {
                            "party_kind": "desa",
                            "region_id": cls.desa_a.id,
                            "rights": "Menerima hasil pengelolaan air bersih.",
                            "obligations": "Menyediakan lahan mata air.",
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "party_kind": "desa",
                            "region_id": cls.desa_b.id,
                            "rights": "Memperoleh pasokan air bersih.",
                            "obligations": "Membangun jaringan pipa.",
                        },
                    ),
                ],
            }
        )
        party_a, party_b = cls.antar_desa.party_ids
        cls.env["kerjasama.agreement.funding"].create(
            [
                {
                    "agreement_id": cls.antar_desa.id,
                    "party_id": party_a.id,
                    "amount": 1250000,
                    "description": "Pemeliharaan",
                },
                {
                    "agreement_id": cls.antar_desa.id,
                    "party_id": party_b.id,
                    "amount": 75000000,
                    "description": "Pembangunan jaringan pipa",
                },
            ]
        )
        cls.pihak_ketiga = Agreement.create(
            {
                "title": "Pengelolaan Sampah Terpadu",
                "kind": "pihak_ketiga",
                "bidang_id": cls.bidang.id,
                "scope": "Pengangkutan sampah rumah tangga.",
                "date_start": datetime.date(2026, 3, 2),
                "date_end": datetime.date(2027, 3, 1),
                "party_ids": [
                    (
                        0,
                        0,
                        {
                            "party_kind": "desa",
                            "region_id": cls.desa_c.id,
                            "signatory_name": "Dadang Suhendar",
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "party_kind": "pihak_ketiga",
                            "partner_id": cls.third_party.id,
                            "signatory_name": "Ir. Bambang Wijaya",
                            "signatory_title": "Direktur Utama",
                        },
                    ),
                ],
            }
        )
        desa_party = cls.pihak_ketiga.party_ids.filtered("region_id")
        cls.env["kerjasama.agreement.funding"].create(
            {
                "agreement_id": cls.pihak_ketiga.id,
                "party_id": desa_party.id,
                "flow": "income",
                "source": "pihak_ketiga",
                "amount": 3500000,
            }
        )
        # registered in the kabupaten's register, as at the offer
        (cls.antar_desa | cls.pihak_ketiga)._assign_number()
        cls.Report = cls.env["ir.actions.report"]
