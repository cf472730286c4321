from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..tools.formatting import format_date_id

OFFICES = [
    ("kepala_desa", "Kepala Desa"),
    ("pj_kepala_desa", "Penjabat Kepala Desa"),
    ("sekretaris_desa", "Sekretaris Desa"),
    ("kaur_keuangan", "Kaur Keuangan"),
    ("ketua_bpd", "Ketua BPD"),
    ("wakil_ketua_bpd", "Wakil Ketua BPD"),
    ("sekretaris_bpd", "Sekretaris BPD"),
    ("anggota_bpd", "Anggota BPD"),
]
# Offices with a term of eight years (UU 6/2014 Pasal 39 and 55 as changed by UU 3/2024).
EIGHT_YEAR_OFFICES = (
    "kepala_desa",
    "ketua_bpd",
    "wakil_ketua_bpd",
    "sekretaris_bpd",
    "anggota_bpd",
)
# Offices held by one person at a time in a desa; a penjabat holds the kepala desa's seat.
SINGLE_HOLDER_SEATS = {
    "kepala_desa": ("kepala_desa", "pj_kepala_desa"),
    "pj_kepala_desa": ("kepala_desa", "pj_kepala_desa"),
    "sekretaris_desa": ("sekretaris_desa",),
    "kaur_keuangan": ("kaur_keuangan",),
    "ketua_bpd": ("ketua_bpd",),
}
EXCLUSION_CONSTRAINT = "kerjasama_desa_official_one_holder"


class KerjasamaDesaOfficial(models.Model):
    """Register of the officials of a desa: kepala desa (or penjabat), sekretaris desa, kaur
    keuangan and the BPD, with their term and the decree that appointed them.

    Legal basis: UU 6/2014 on villages as changed by UU 3/2024 (the kepala desa and the BPD
    members serve eight years, Pasal 39 and 55); Permendagri 82/2015 (election, appointment and
    dismissal of the kepala desa, SK of the bupati/walikota, penjabat kepala desa), Permendagri
    83/2015 as changed by 67/2017 (appointment of the perangkat desa by the kepala desa) and
    Permendagri 110/2016 (the BPD, its officers and members).

    One person at a time holds the seat of kepala desa (or penjabat), sekretaris desa, kaur
    keuangan and ketua BPD in a desa: a PostgreSQL EXCLUDE constraint (btree_gist) on the term
    guarantees it even when two users save at once. Documents take the names they print from
    this register (``_get_official``).
    """

    _name = "kerjasama.desa.official"
    _description = "Village Official"
    _inherit = ["mail.thread", "kerjasama.exclusion.mixin"]
    _exclusion_fields = ("name", "region_id", "office", "date_start", "date_end")
    _order = "region_id, office, date_start desc, id desc"

    region_id = fields.Many2one(
        "kerjasama.region",
        string="Village",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain=[("level", "=", "desa"), ("village_type", "!=", "kelurahan")],
    )
    kecamatan_id = fields.Many2one(related="region_id.kecamatan_id", store=True)
    kabupaten_id = fields.Many2one(related="region_id.kabupaten_id", store=True)
    name = fields.Char(required=True, tracking=True, index="trigram")
    office = fields.Selection(OFFICES, required=True, tracking=True, index=True)
    date_start = fields.Date(string="Term Start", required=True, tracking=True)
    date_end = fields.Date(
        string="Term End",
        compute="_compute_date_end",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="Last day of the term. The kepala desa and the BPD members serve eight years "
        "(UU 3/2024): the end is proposed from the start. Empty for an open term.",
    )
    sk_number = fields.Char(
        string="Decree (SK) Number",
        tracking=True,
        help="SK Bupati/Walikota for the kepala desa, penjabat and BPD; SK Kepala Desa for the "
        "perangkat desa.",
    )
    sk_date = fields.Date(string="Decree (SK) Date")
    niap = fields.Char(
        string="NIAP / NIP",
        help="Nomor Induk Aparatur Pemerintah Desa, or the NIP of a civil servant.",
    )
    phone = fields.Char()
    note = fields.Text()
    active = fields.Boolean(default=True)
    is_current = fields.Boolean(
        string="In Office",
        compute="_compute_is_current",
        search="_search_is_current",
        help="The term covers today.",
    )

    _sql_constraints = [
        (
            "term_ordered",
            "CHECK(date_end IS NULL OR date_end >= date_start)",
            "The end of a term cannot be before its start.",
        ),
    ]

    def init(self):
        cr = self.env.cr
        cr.execute(SQL("CREATE EXTENSION IF NOT EXISTS btree_gist"))
        cr.execute(SQL("SELECT 1 FROM pg_constraint WHERE conname = %s", EXCLUSION_CONSTRAINT))
        if not cr.fetchone():
            cr.execute(
                SQL(
                    """
                    ALTER TABLE %s ADD CONSTRAINT %s EXCLUDE USING gist (
                        region_id WITH =,
                        (CASE WHEN office = 'pj_kepala_desa' THEN 'kepala_desa'
                              ELSE office END) WITH =,
                        daterange(date_start, date_end, '[]') WITH &&
                    ) WHERE (active AND office IN %s)
                    """,
                    SQL.identifier(self._table),
                    SQL.identifier(EXCLUSION_CONSTRAINT),
                    tuple(SINGLE_HOLDER_SEATS),
                )
            )

    @api.model
    def _default_term_end(self, office, date_start):
        """Last day of an eight-year term starting on ``date_start``; False for other offices."""
        if office in EIGHT_YEAR_OFFICES and date_start:
            return date_start + relativedelta(years=8, days=-1)
        return False

    @api.depends("office", "date_start")
    def _compute_date_end(self):
        for official in self:
            if not official.date_end:
                official.date_end = self._default_term_end(official.office, official.date_start)

    @api.depends_context("tz")
    @api.depends("date_start", "date_end")
    def _compute_is_current(self):
        today = fields.Date.context_today(self)
        for official in self:
            official.is_current = bool(
                official.date_start
                and official.date_start <= today
                and (not official.date_end or official.date_end >= today)
            )

    def _search_is_current(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValidationError(self.env._("Unsupported search on 'In Office'."))
        today = fields.Date.context_today(self)
        if (operator == "=") == value:
            return [
                ("date_start", "<=", today),
                "|",
                ("date_end", "=", False),
                ("date_end", ">=", today),
            ]
        return ["|", ("date_start", ">", today), ("date_end", "<", today)]

    @api.depends("name", "office")
    def _compute_display_name(self):
        offices = dict(self._fields["office"]._description_selection(self.env))
        for official in self:
            official.display_name = (
                f"{official.name} ({offices.get(official.office, '')} "
                f"{official.region_id.name or ''})"
            ).replace(" )", ")")

    @api.constrains("region_id")
    def _check_region(self):
        for official in self:
            region = official.region_id
            if region.level != "desa" or region.village_type == "kelurahan":
                raise ValidationError(
                    self.env._(
                        "%(region)s is not a desa: the officials register is kept for desa "
                        "only (a kelurahan is led by a lurah, not a kepala desa).",
                        region=region.display_name,
                    )
                )

    @api.constrains("date_start", "date_end", "sk_date")
    def _check_dates(self):
        low, high = fields.Date.to_date("1945-08-17"), fields.Date.to_date("2100-12-31")
        for official in self:
            for value in (official.date_start, official.date_end, official.sk_date):
                if value and not low <= value <= high:
                    raise ValidationError(
                        self.env._(
                            "The date %(date)s of official %(name)s is not plausible.",
                            date=format_date_id(value),
                            name=official.name,
                        )
                    )

    # ------------------------------------------------------------------ one holder per seat
    def _raise_double_holder(self, vals_list):
        """Turn the database exclusion violation into a clear error naming the holder."""
        regions = self.env["kerjasama.region"].browse({vals["region_id"] for vals in vals_list})
        holders = self.search(
            [("region_id", "in", regions.ids), ("office", "in", list(SINGLE_HOLDER_SEATS))]
        )
        offices = dict(self._fields["office"]._description_selection(self.env))
        messages = []
        for vals in vals_list:
            seat = SINGLE_HOLDER_SEATS.get(vals["office"])
            if not seat:
                continue
            start = fields.Date.to_date(vals["date_start"])
            end = fields.Date.to_date(vals.get("date_end")) or fields.Date.to_date("9999-12-31")
            conflict = holders.filtered(
                lambda rec, vals=vals, seat=seat, start=start, end=end: (
                    rec.region_id.id == vals["region_id"]
                    and rec.id != vals.get("id")
                    and rec.office in seat
                    and rec.date_start <= end
                    and (not rec.date_end or rec.date_end >= start)
                )
            )[:1]
            if conflict:
                messages.append(
                    self.env._(
                        "%(holder)s holds the office of %(office)s of %(desa)s from %(start)s "
                        "to %(end)s: %(name)s cannot hold it in an overlapping term. End the "
                        "earlier term first.",
                        holder=conflict.name,
                        office=offices[conflict.office],
                        desa=conflict.region_id.display_name,
                        start=format_date_id(conflict.date_start),
                        end=format_date_id(conflict.date_end) or self.env._("an open end"),
                        name=vals.get("name") or "-",
                    )
                )
        if not messages:
            messages.append(
                self.env._(
                    "Another transaction registered a holder of this office for an overlapping "
                    "term: reload the register and check the terms."
                )
            )
        raise ValidationError("\n".join(messages))

    def _exclusion_vals(self, vals_list):
        return [
            {
                **vals,
                "date_end": vals.get("date_end")
                or self._default_term_end(
                    vals.get("office"), fields.Date.to_date(vals.get("date_start"))
                ),
            }
            for vals in vals_list
        ]

    def _raise_exclusion(self, vals_list):
        self._raise_double_holder(vals_list)

    # ------------------------------------------------------------------ look-up
    @api.model
    def _get_official(self, regions, office, date=None):
        """The official of each desa of ``regions`` in ``office`` on ``date`` (default today).

        Asking for ``kepala_desa`` also finds a penjabat kepala desa in office (the record's
        ``office`` tells which). One search for all the regions. Returns a dict
        ``{region: official}`` with an empty recordset for a desa without one. The records are
        read as superuser: the names of officials are printed on documents that every party
        reads, beyond the register's access rules.
        """
        date = fields.Date.to_date(date) or fields.Date.context_today(self)
        offices = SINGLE_HOLDER_SEATS.get(office, (office,))
        found = self.sudo().search(
            [
                ("region_id", "in", regions.ids),
                ("office", "in", list(offices)),
                ("date_start", "<=", date),
                "|",
                ("date_end", "=", False),
                ("date_end", ">=", date),
            ],
            order="date_start desc, id desc",
        )
        result = {region: self.sudo().browse() for region in regions}
        for official in found:
            # the latest start first: an elected kepala desa wins over a penjabat whose term
            # was left open
            if not result[official.region_id]:
                result[official.region_id] = official
        return result
