# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Shared reportlab engine of the Kerja Sama Desa documents.

Pure reportlab (no ORM): DejaVu fonts that print every character of the region names, the
letterhead (kop) with its logo, paragraph styles of Indonesian legal drafting, escaped
paragraphs that flow over pages, signature blocks (with an optional meterai box), the
"RANCANGAN" watermark of drafts, and page numbers "Halaman X dari Y".
"""

import functools
import io
import os
import threading
from xml.sax.saxutils import escape

from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    Image,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

FONT_DIR = os.environ.get("KERJASAMA_FONT_DIR", "/usr/share/fonts/truetype/dejavu")
FONT_FILES = {
    "KDSerif": "DejaVuSerif.ttf",
    "KDSerif-Bold": "DejaVuSerif-Bold.ttf",
    "KDSerif-Italic": "DejaVuSerif-Italic.ttf",
    "KDSerif-BoldItalic": "DejaVuSerif-BoldItalic.ttf",
    "KDSans": "DejaVuSans.ttf",
    "KDSans-Bold": "DejaVuSans-Bold.ttf",
}
# paper sizes of the documents: A4, or the F4/folio (215 x 330 mm) many kabupaten use
F4 = (215 * mm, 330 * mm)
PAPER_SIZES = {"a4": A4, "f4": F4}
FONT = "KDSerif"
FONT_BOLD = "KDSerif-Bold"
DOTS = "...................."
SIGNATURE_SPACE = 1.8 * cm

ORDINALS = [
    "KESATU",
    "KEDUA",
    "KETIGA",
    "KEEMPAT",
    "KELIMA",
    "KEENAM",
    "KETUJUH",
    "KEDELAPAN",
    "KESEMBILAN",
    "KESEPULUH",
]

ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


def roman(number):
    """BAB numbers: 4 -> "IV"."""
    result = ""
    for value, letters in ROMAN:
        while number >= value:
            result += letters
            number -= value
    return result


def ordinal(index):
    """PIHAK KESATU, KEDUA... for a 0-based index."""
    return ORDINALS[index] if index < len(ORDINALS) else f"KE-{index + 1}"


_font_lock = threading.Lock()
_fonts_registered = False


class FontMissingError(Exception):
    """A TTF font file the documents need is not installed."""

    def __init__(self, path):
        super().__init__(path)
        self.path = path


def register_fonts():
    """Register the DejaVu fonts with reportlab once; raise FontMissingError if one is absent."""
    global _fonts_registered
    if _fonts_registered:
        return
    with _font_lock:
        if _fonts_registered:
            return
        for name, filename in FONT_FILES.items():
            path = os.path.join(FONT_DIR, filename)
            if not os.path.isfile(path):
                raise FontMissingError(path)
            pdfmetrics.registerFont(TTFont(name, path))
        pdfmetrics.registerFontFamily(
            FONT,
            normal=FONT,
            bold=FONT_BOLD,
            italic="KDSerif-Italic",
            boldItalic="KDSerif-BoldItalic",
        )
        pdfmetrics.registerFontFamily("KDSans", normal="KDSans", bold="KDSans-Bold")
        _fonts_registered = True


def make_styles(font_size=11):
    leading = font_size * 1.35
    base = ParagraphStyle("kd_base", fontName=FONT, fontSize=font_size, leading=leading)
    return {
        "normal": ParagraphStyle("kd_normal", parent=base, alignment=TA_JUSTIFY, spaceAfter=4),
        "left": ParagraphStyle("kd_left", parent=base, alignment=TA_LEFT),
        "center": ParagraphStyle("kd_center", parent=base, alignment=TA_CENTER),
        "center_small": ParagraphStyle(
            "kd_center_small",
            parent=base,
            fontSize=font_size - 1,
            leading=leading - 1.5,
            alignment=TA_CENTER,
        ),
        "title": ParagraphStyle(
            "kd_title",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=font_size + 1,
            leading=leading + 2,
            alignment=TA_CENTER,
        ),
        "heading": ParagraphStyle(
            "kd_heading",
            parent=base,
            fontName=FONT_BOLD,
            alignment=TA_CENTER,
            spaceBefore=8,
            keepWithNext=True,
        ),
        "pasal": ParagraphStyle(
            "kd_pasal",
            parent=base,
            alignment=TA_CENTER,
            spaceBefore=8,
            spaceAfter=2,
            keepWithNext=True,
        ),
        "item": ParagraphStyle(
            "kd_item",
            parent=base,
            alignment=TA_JUSTIFY,
            leftIndent=0.9 * cm,
            firstLineIndent=-0.9 * cm,
            spaceAfter=2,
        ),
        "subitem": ParagraphStyle(
            "kd_subitem",
            parent=base,
            alignment=TA_JUSTIFY,
            leftIndent=1.6 * cm,
            firstLineIndent=-0.7 * cm,
            spaceAfter=2,
        ),
        "kop": ParagraphStyle(
            "kd_kop", parent=base, fontName=FONT_BOLD, alignment=TA_CENTER, leading=leading
        ),
        "kop_small": ParagraphStyle(
            "kd_kop_small", parent=base, fontSize=font_size - 2, alignment=TA_CENTER
        ),
        "cell": ParagraphStyle(
            "kd_cell", parent=base, fontSize=font_size - 1.5, leading=leading - 2
        ),
        "cell_right": ParagraphStyle(
            "kd_cell_right",
            parent=base,
            fontSize=font_size - 1.5,
            leading=leading - 2,
            alignment=2,
        ),
        "cell_bold": ParagraphStyle(
            "kd_cell_bold",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=font_size - 1.5,
            leading=leading - 2,
        ),
    }


def esc(text):
    """Escape a user text for a Paragraph (XML), keeping its line breaks."""
    return escape(str(text or "")).replace("\r\n", "\n").replace("\n", "<br/>")


def para(text, style, markup=False):
    """A Paragraph of a user text (escaped) or of trusted markup (``markup=True``)."""
    return Paragraph(text if markup else esc(text), style)


def text_lines(text):
    """Non-empty lines of a multi-line user text."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


@functools.lru_cache(maxsize=8)
def watermark_png(text):
    """PNG of ``text`` written diagonally in light grey on a transparent ground."""
    font = ImageFont.truetype(os.path.join(FONT_DIR, FONT_FILES["KDSans-Bold"]), 150)
    left, top, right, bottom = font.getbbox(text)
    layer = PILImage.new("RGBA", (right - left + 40, bottom - top + 40), (0, 0, 0, 0))
    ImageDraw.Draw(layer).text((20 - left, 20 - top), text, font=font, fill=(150, 150, 150, 38))
    layer = layer.rotate(50, expand=True, resample=PILImage.BICUBIC)
    output = io.BytesIO()
    layer.save(output, format="PNG", optimize=True)
    return output.getvalue()


class NumberedCanvas(rl_canvas.Canvas):
    """Canvas writing "Halaman X dari Y" (and an optional footer label) on every page."""

    footer_label = ""
    watermark = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._saved_page_states = []

    def showPage(self):
        self._saved_page_states.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._saved_page_states)
        for state in self._saved_page_states:
            self.__dict__.update(state)
            self._draw_footer(total)
            super().showPage()
        return super().save()

    def _draw_footer(self, total):
        width, height = self._pagesize
        if self.watermark:
            # a light diagonal mark across the page: the document is not signed yet. Drawn as
            # an image, so that the text of the page (copy, search, pdftotext) stays clean.
            image = ImageReader(io.BytesIO(watermark_png(self.watermark)))
            img_w, img_h = image.getSize()
            draw_w = width * 0.9
            draw_h = draw_w * img_h / img_w
            self.drawImage(
                image, (width - draw_w) / 2, (height - draw_h) / 2, draw_w, draw_h, mask="auto"
            )
        self.saveState()
        self.setFont("KDSans", 8)
        self.setFillColor(colors.HexColor("#444444"))
        # page number at the right margin, the document label at the left: never overlapping
        self.drawRightString(width - 2 * cm, 1.2 * cm, f"Halaman {self._pageNumber} dari {total}")
        if self.footer_label:
            self.drawString(2.5 * cm, 1.2 * cm, self.footer_label[:80])
        self.restoreState()


def kop_flowables(kop, styles, width):
    """The letterhead: logo at the left, the kop lines centred, a double rule below.

    ``kop`` is a dict ``{"lines": [str], "logo": bytes or None}``; lines written in capitals
    are printed bold, the others (address, telephone) small.
    """
    lines = [line for line in kop.get("lines") or [] if line]
    if not lines and not kop.get("logo"):
        return []
    paragraphs = []
    for line in lines:
        # lines in capitals are the headings of the kop; others (address, phone) are small
        if line == line.upper():
            paragraphs.append(para(line, styles["kop"]))
        else:
            paragraphs.append(para(line, styles["kop_small"]))
    logo_cell = ""
    logo_width = 2.3 * cm
    if kop.get("logo"):
        image = ImageReader(io.BytesIO(kop["logo"]))
        img_w, img_h = image.getSize()
        height = min(2.3 * cm, logo_width * img_h / max(img_w, 1))
        logo_cell = Image(
            io.BytesIO(kop["logo"]), width=height * img_w / max(img_h, 1), height=height
        )
    table = Table(
        [[logo_cell, paragraphs, ""]],
        colWidths=[
            logo_width + 0.2 * cm,
            width - 2 * (logo_width + 0.2 * cm),
            logo_width + 0.2 * cm,
        ],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, 0), 2, colors.black),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 4),
            ]
        )
    )
    rule = Table([[""]], colWidths=[width], rowHeights=[2])
    rule.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.6, colors.black)]))
    return [table, rule, Spacer(1, 0.4 * cm)]


def hanging_block(mark, flowables, styles, width, mark_width=0.8 * cm, padding=2):
    """Flowables (an identity, a table) hanging clear of their mark ("1.")."""
    table = Table(
        [[para(mark, styles["left"]), flowables]],
        colWidths=[mark_width, width - mark_width],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), padding),
                ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
            ]
        )
    )
    return table


def hanging_item(mark, text, styles, width, mark_width=0.8 * cm, style="normal"):
    """A numbered or lettered item ("a.", "1.") whose text hangs clear of its mark."""
    return hanging_block(mark, para(text, styles[style]), styles, width, mark_width, padding=0)


def copies_block(copies, styles):
    """ "Tembusan:" and its numbered list, kept together: never alone at the foot of a
    page."""
    return KeepTogether(
        [Spacer(1, 0.4 * cm), para("Tembusan:", styles["left"])]
        + [para(f"{index}. {line}", styles["item"]) for index, line in enumerate(copies, 1)]
    )


def label_table(rows, styles, width, label_width=4 * cm):
    """Rows "label : value" (identities, Menimbang/Mengingat headings) as a borderless table.

    ``rows`` are ``(label, value)`` where value is a string or a list of flowables.
    """
    data = []
    for label, value in rows:
        if isinstance(value, list):
            # one table row per flowable: a long Menimbang/Mengingat splits over pages
            for index, flowable in enumerate(value):
                if index:
                    data.append(["", "", flowable])
                else:
                    data.append([para(label, styles["left"]), para(":", styles["left"]), flowable])
            continue
        data.append(
            [para(label, styles["left"]), para(":", styles["left"]), para(value, styles["left"])]
        )
    table = Table(data, colWidths=[label_width, 0.5 * cm, width - label_width - 0.5 * cm])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return table


CELL_PADDING = 6  # reportlab's default left and right padding of a table cell


def fit_col_widths(col_widths, columns_texts, styles):
    """Widen the columns whose longest word would not fit (a header "Kontribusi" broken into
    "Kontribus-i"), taking the room from the columns with the most to spare; the total width
    stays the same. ``columns_texts`` gives, per column, ``(texts, style name)`` pairs."""
    widths = list(col_widths)
    needs = []
    for texts_styles in columns_texts:
        need = 0.0
        for texts, style_name in texts_styles:
            style = styles[style_name]
            for text in texts:
                for word in str(text or "").split():
                    need = max(need, pdfmetrics.stringWidth(word, style.fontName, style.fontSize))
        needs.append(need + 2 * CELL_PADDING + 1)
    for index, need in enumerate(needs):
        deficit = need - widths[index]
        while deficit > 0.01:
            spare = [(widths[i] - needs[i], i) for i in range(len(widths)) if i != index]
            room, donor = max(spare, default=(0, None))
            if donor is None or room <= 0.01:
                break
            taken = min(room, deficit)
            widths[donor] -= taken
            widths[index] += taken
            deficit -= taken
    return widths


def grid_table(header, rows, styles, col_widths, total_row=None):
    """A ruled table of cells (strings escaped; numbers right-aligned by the caller's style).

    Columns too narrow for their longest word are widened (see ``fit_col_widths``)."""

    def cell(value, style="cell"):
        if isinstance(value, Paragraph):
            return value
        return para(value, styles[style])

    columns_texts = [
        [
            ([header[col]], "cell_bold"),
            ([row[col] for row in rows if not isinstance(row[col], Paragraph)], "cell"),
        ]
        for col in range(len(header))
    ]
    col_widths = fit_col_widths(col_widths, columns_texts, styles)
    data = [[cell(h, "cell_bold") for h in header]]
    data += [[cell(v) for v in row] for row in rows]
    if total_row:
        data.append([cell(v, "cell_bold") for v in total_row])
    table = Table(data, colWidths=col_widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8E8E8")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def meterai_box(width=2.6 * cm, height=1.4 * cm, label="METERAI Rp10.000"):
    """The dashed box where the meterai (stamp duty) is affixed, in the middle of the room
    left for the signature."""
    box = Table([[label]], colWidths=[width], rowHeights=[height])
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, colors.HexColor("#555555"), None, (2, 2)),
                ("FONTNAME", (0, 0), (-1, -1), "KDSans"),
                ("FONTSIZE", (0, 0), (-1, -1), 6.5),
                ("TEXTCOLOR", (0, 0), (-1, -1), colors.HexColor("#555555")),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    room = Table([[box]], colWidths=[width + 0.2 * cm], rowHeights=[SIGNATURE_SPACE])
    room.setStyle(
        TableStyle(
            [
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return room


def signature_blocks(blocks, styles, width, columns=2, keep=True, style="center"):
    """Signature blocks, ``columns`` per row: each ``(heading_lines, name)`` or
    ``(heading_lines, name, space, after_lines)`` where ``space`` is a flowable (e.g.
    ``meterai_box()``) printed in the room left for the signature and ``after_lines`` lines
    printed under the name.

    The heading (e.g. "KEPALA DESA SUKAMAJU,") stands above a blank space for the signature and
    the stamp; the name is printed bold and underlined below it. Each row is kept together
    (``keep``); pass ``keep=False`` to get the bare rows and keep them with other content.
    """
    cells = []
    for heading_lines, name, *extra in blocks:
        space = extra[0] if extra else None
        after_lines = extra[1] if len(extra) > 1 else ()
        content = [para(line, styles[style]) for line in heading_lines]
        content.append(space or Spacer(1, SIGNATURE_SPACE))
        content.append(
            para(
                f"<b><u>{esc(name or '(.............................)')}</u></b>",
                styles[style],
                markup=True,
            )
        )
        content += [para(line, styles[style]) for line in after_lines]
        cells.append(content)
    if not cells:
        return []
    rows = []
    if len(cells) == 1:
        rows = [["", cells[0]]]
        columns = 2
    else:
        for start in range(0, len(cells), columns):
            row = cells[start : start + columns]
            row += [""] * (columns - len(row))
            rows.append(row)
    col_width = width / columns
    flowables = []
    for row in rows:
        filled = [cell for cell in row if cell != ""]
        if len(cells) > 1 and len(filled) == 1:
            # the odd last signatory stands in the middle
            row = filled
        table = Table([row], colWidths=[col_width] * len(row))
        # names on one line even when the headings wrap differently; a meterai box centred
        table.setStyle(
            TableStyle(
                [("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("ALIGN", (0, 0), (-1, -1), "CENTER")]
            )
        )
        if keep:
            flowables.append(KeepTogether([Spacer(1, 0.4 * cm), table]))
        else:
            flowables += [Spacer(1, 0.4 * cm), table]
    return flowables


def place_date(text, styles, width):
    """ "Garut, 21 November 2026" in the right half, above the right-hand signature."""
    table = Table([[para(text, styles["center"])]], colWidths=[width / 2], hAlign="RIGHT")
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def build_pdf(story, title="", author="", footer_label="", pagesize=A4, watermark=""):
    """Lay the story out on pages of ``pagesize`` (A4 or F4) and return the PDF bytes;
    ``watermark`` (e.g. "RANCANGAN") is printed across every page."""
    register_fonts()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=2.5 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2.2 * cm,
        title=title,
        author=author,
        creator="Kerja Sama Desa",
    )

    class _Canvas(NumberedCanvas):
        pass

    _Canvas.footer_label = footer_label
    _Canvas.watermark = watermark
    doc.build(story, canvasmaker=_Canvas)
    return buffer.getvalue()


def content_width(pagesize=A4):
    # margins 2.5 cm + 2 cm and the frame's 6 pt padding on both sides
    return pagesize[0] - 4.5 * cm - 12
