import re

from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError
from odoo.osv import expression

LEVEL_PATTERNS = {
    "provinsi": re.compile(r"^\d{2}$"),
    "kabupaten": re.compile(r"^\d{2}\.\d{2}$"),
    "kecamatan": re.compile(r"^\d{2}\.\d{2}\.\d{2}$"),
    "desa": re.compile(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$"),
}
PARENT_LEVEL = {"kabupaten": "provinsi", "kecamatan": "kabupaten", "desa": "kecamatan"}
VILLAGE_TYPE_BY_DIGIT = {"1": "kelurahan", "2": "desa", "3": "desa_adat"}
# A typed code or code prefix ("32", "32.05", "32.05.", "32.05.02.20"), maybe followed by a name.
CODE_PREFIX_RE = re.compile(
    r"^\s*(\d{2}(?:\.(?:\d{1,2}(?:\.(?:\d{1,2}(?:\.\d{0,4})?)?)?)?)?)(?:\s+(.*))?$"
)
# Search domain of the regions that are a desa or desa adat (not a kelurahan): the regions that
# can hold an APBDesa, village assets, or be a party (see ``KerjasamaRegion._filter_desa``).
DESA_DOMAIN = [("level", "=", "desa"), ("village_type", "!=", "kelurahan")]
NAME_PREFIXES = {
    "kecamatan": "Kecamatan",
    "desa": "Desa",
    "kelurahan": "Kelurahan",
    "desa_adat": "Desa Adat",
}


def level_from_code(code):
    """Return the region level a Kemendagri code denotes, or False."""
    for level, pattern in LEVEL_PATTERNS.items():
        if pattern.match(code or ""):
            return level
    return False


def parent_code(code):
    """Return the code of the parent region of ``code`` ("32.05.02" -> "32.05"), or False."""
    return code.rsplit(".", 1)[0] if code and "." in code else False


def village_type_from_code(code):
    """Kind of a village-level code from the first digit of its last group."""
    if level_from_code(code) != "desa":
        return False
    return VILLAGE_TYPE_BY_DIGIT.get(code[-4:-3], False)


class KerjasamaRegion(models.Model):
    """Region of the Kemendagri code list (Kepmendagri No. 300.2.2-2138 Tahun 2025).

    Provinsi > kabupaten/kota > kecamatan > desa/kelurahan/desa adat, coded
    ``PP.KK.CC.DDDD``. The parties of a kerja sama desa are desa (Permendagri 96/2017
    Pasal 3); kelurahan are not desa. Region scoping of every record of the suite rests on
    this hierarchy (``parent_path``, ``child_of``) and on the ancestor shortcuts
    ``provinsi_id``/``kabupaten_id``/``kecamatan_id``, which include the region itself at
    its own level (the kabupaten of a kabupaten is itself).
    """

    _name = "kerjasama.region"
    _description = "Region"
    _parent_store = True
    _order = "code"
    _rec_names_search = ["name", "code"]

    name = fields.Char(required=True, index="trigram")
    code = fields.Char(
        required=True,
        index=True,
        help="Kemendagri code: PP (province), PP.KK (regency/city), PP.KK.CC (kecamatan) "
        "or PP.KK.CC.DDDD (village).",
    )
    level = fields.Selection(
        [
            ("provinsi", "Province"),
            ("kabupaten", "Regency/City"),
            ("kecamatan", "District (Kecamatan)"),
            ("desa", "Village/Kelurahan"),
        ],
        compute="_compute_level",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        index=True,
    )
    village_type = fields.Selection(
        [("desa", "Desa"), ("kelurahan", "Kelurahan"), ("desa_adat", "Desa Adat")],
        compute="_compute_village_type",
        store=True,
        readonly=False,
        precompute=True,
        index="btree_not_null",
        help="Kind of a village-level region, from the first digit of its last code group: "
        "1 kelurahan, 2 desa, 3 desa adat.",
    )
    is_kota = fields.Boolean(
        string="Is a City",
        compute="_compute_is_kota",
        store=True,
        help="Kota codes run 71-99, kabupaten codes 01-69.",
    )
    parent_id = fields.Many2one(
        "kerjasama.region",
        string="Parent Region",
        index=True,
        ondelete="restrict",
        help="Filled from the code when left empty.",
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("kerjasama.region", "parent_id", string="Sub-regions")
    provinsi_id = fields.Many2one(
        "kerjasama.region",
        string="Province",
        compute="_compute_ancestors",
        store=True,
        recursive=True,
        index="btree_not_null",
    )
    kabupaten_id = fields.Many2one(
        "kerjasama.region",
        string="Regency/City",
        compute="_compute_ancestors",
        store=True,
        recursive=True,
        index="btree_not_null",
    )
    kecamatan_id = fields.Many2one(
        "kerjasama.region",
        string="Kecamatan",
        compute="_compute_ancestors",
        store=True,
        recursive=True,
        index="btree_not_null",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Village Partner",
        index="btree_not_null",
        help="Contact record of the village as a party to agreements.",
    )
    active = fields.Boolean(default=True)
    siskeudes_code = fields.Char(
        string="Siskeudes Code",
        index="btree_not_null",
        help="Code of the desa (Kd_Desa) in the Siskeudes database of its kabupaten, e.g. "
        "01.2001, when it is not the end of its Kemendagri code. The Siskeudes import finds "
        "the desa by it.",
    )
    camat_forwarding_required = fields.Boolean(
        string="Evaluation Through the Camat",
        default=True,
        help="Kabupaten setting: the signed agreements of its desa go to the DPMD for evaluation "
        "through the camat, who forwards them (Permendagri 96/2017 practice; on by default).",
    )

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "A region with this code already exists."),
    ]

    @api.depends("code")
    def _compute_level(self):
        for region in self:
            region.level = level_from_code(region.code) or region.level

    @api.depends("code", "level")
    def _compute_village_type(self):
        for region in self:
            region.village_type = village_type_from_code(region.code)

    @api.depends("code", "level")
    def _compute_is_kota(self):
        for region in self:
            kk = (region.code or "")[3:5]
            region.is_kota = region.level != "provinsi" and kk.isdigit() and int(kk) >= 71

    @api.depends(
        "level",
        "parent_id",
        "parent_id.provinsi_id",
        "parent_id.kabupaten_id",
        "parent_id.kecamatan_id",
    )
    def _compute_ancestors(self):
        for region in self:
            parent, level, own = region.parent_id, region.level, region._origin
            region.provinsi_id = own if level == "provinsi" else parent.provinsi_id
            region.kabupaten_id = (
                own
                if level == "kabupaten"
                else parent.kabupaten_id
                if level in ("kecamatan", "desa")
                else False
            )
            region.kecamatan_id = (
                own if level == "kecamatan" else parent.kecamatan_id if level == "desa" else False
            )

    @api.depends("name", "code", "level", "village_type")
    @api.depends_context("kerjasama_region_short")
    def _compute_display_name(self):
        """ "32.05.02 Kecamatan Karangpawitan"; without the code where it is noise (a view asks
        with the context key ``kerjasama_region_short``)."""
        short = self.env.context.get("kerjasama_region_short")
        for region in self:
            name = region._full_name()
            region.display_name = f"{region.code} {name}" if region.code and not short else name

    def _full_name(self):
        """Name with its kind: "Kecamatan Leles", "Desa Situgede", "Kelurahan Suci Kaler"."""
        self.ensure_one()
        name = self.name or ""
        kind = self.village_type if self.level == "desa" else self.level
        prefix = NAME_PREFIXES.get(kind or "")
        if prefix and name and not name.lower().startswith(prefix.lower() + " "):
            return f"{prefix} {name}"
        return name

    def _head_title(self):
        """ "Bupati Garut", "Wali Kota Bandung": the head of a kabupaten/kota by its name."""
        self.ensure_one()
        name = (self.name or "").strip()
        for prefix in ("Kabupaten ", "Kota "):
            if name.startswith(prefix):
                name = name[len(prefix) :]
        return f"{'Wali Kota' if self.is_kota else 'Bupati'} {name}".strip()

    @api.model
    def _search_display_name(self, operator, value):
        """A typed code prefix ("32.05", "32.05.02 Kara") searches the code from its start."""
        if operator in ("ilike", "like") and isinstance(value, str):
            match = CODE_PREFIX_RE.match(value)
            if match:
                code, rest = match.groups()
                domain = [("code", "=like", code + "%")]
                rest = (rest or "").strip()
                if rest:
                    domain = expression.AND([domain, [("name", "ilike", rest)]])
                    if "." not in code:  # "10 Ulu" is also a name
                        domain = expression.OR([domain, [("name", "ilike", value.strip())]])
                return domain
        return super()._search_display_name(operator, value)

    # ------------------------------------------------------------------
    # Validation
    # ------------------------------------------------------------------
    def _prepare_code_vals(self, vals_list):
        """Normalise codes, refuse malformed or duplicate ones before any SQL is sent, and fill
        the parent from the code when it is not given. ``self``: the records written, if any."""
        codes = []
        for vals in vals_list:
            if "code" not in vals:
                continue
            code = (vals.get("code") or "").strip()
            vals["code"] = code
            if not level_from_code(code):
                raise ValidationError(
                    self.env._(
                        "Region code %(code)s is not a valid Kemendagri code: use PP "
                        "(province), PP.KK (regency/city), PP.KK.CC (kecamatan) or "
                        "PP.KK.CC.DDDD (village), digits only.",
                        code=code or "-",
                    )
                )
            codes.append(code)
        if not codes:
            return vals_list
        seen = set()
        if len(self) > 1:
            seen.add(codes[0])
        for code in codes:
            if code in seen:
                raise ValidationError(self.env._("Region code %(code)s is given twice.", code=code))
            seen.add(code)
        existing = (
            self.with_context(active_test=False)
            .sudo()
            .search([("code", "in", codes), ("id", "not in", self.ids)], limit=1)
        )
        if existing:
            raise ValidationError(
                self.env._(
                    "Region code %(code)s is already used by %(region)s.",
                    code=existing.code,
                    region=existing.display_name,
                )
            )
        to_fill = [vals for vals in vals_list if vals.get("code") and not vals.get("parent_id")]
        parent_codes = list({parent_code(vals["code"]) for vals in to_fill} - {False})
        if parent_codes:
            parents = self.with_context(active_test=False).search([("code", "in", parent_codes)])
            parent_by_code = {parent.code: parent.id for parent in parents}
            for vals in to_fill:
                parent_id = parent_by_code.get(parent_code(vals["code"]))
                if parent_id:
                    vals["parent_id"] = parent_id
        return vals_list

    @api.constrains("code", "level", "parent_id")
    def _check_code(self):
        for region in self:
            if level_from_code(region.code) != region.level:
                raise ValidationError(
                    self.env._(
                        "Region code %(code)s does not match the level %(level)s "
                        "(expected PP, PP.KK, PP.KK.CC or PP.KK.CC.DDDD).",
                        code=region.code,
                        level=region.level,
                    )
                )
            expected_parent = PARENT_LEVEL.get(region.level)
            if expected_parent:
                if not region.parent_id or region.parent_id.level != expected_parent:
                    raise ValidationError(
                        self.env._(
                            "Region %(code)s needs a parent region of level %(level)s: create "
                            "the region %(parent_code)s first.",
                            code=region.code,
                            level=expected_parent,
                            parent_code=parent_code(region.code),
                        )
                    )
                if not region.code.startswith(region.parent_id.code + "."):
                    raise ValidationError(
                        self.env._(
                            "Region code %(code)s does not start with the code of its parent "
                            "%(parent)s.",
                            code=region.code,
                            parent=region.parent_id.display_name,
                        )
                    )
            elif region.parent_id:
                raise ValidationError(
                    self.env._("A province (%(code)s) has no parent region.", code=region.code)
                )
            wrong_child = region.child_ids.filtered(
                lambda c, r=region: not (c.code or "").startswith(r.code + ".")
            )[:1]
            if wrong_child:
                raise ValidationError(
                    self.env._(
                        "The code of %(region)s cannot change: its sub-region %(child)s "
                        "carries the old code.",
                        region=region.code,
                        child=wrong_child.display_name,
                    )
                )

    @api.constrains("level", "village_type")
    def _check_village_type(self):
        for region in self:
            if region.level == "desa" and not region.village_type:
                raise ValidationError(
                    self.env._(
                        "Village %(code)s needs its kind: desa, kelurahan or desa adat.",
                        code=region.code,
                    )
                )
            if region.level != "desa" and region.village_type:
                raise ValidationError(
                    self.env._(
                        "Only a village-level region has a kind (desa, kelurahan, desa adat): "
                        "%(code)s is not a village.",
                        code=region.code,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = self._prepare_code_vals([dict(vals) for vals in vals_list])
        regions = super().create(vals_list)
        if any(region.level == "kabupaten" for region in regions):
            self._kerjasama_clear_kabupaten_cache()
        return regions

    def write(self, vals):
        if "code" in vals:
            vals = self._prepare_code_vals([dict(vals)])[0]
        res = super().write(vals)
        if {"code", "level", "parent_id"} & set(vals):
            self._kerjasama_clear_kabupaten_cache()
        return res

    # ------------------------------------------------------------------
    # Record rules
    # ------------------------------------------------------------------
    @api.model
    @tools.ormcache("paths")
    def _kerjasama_kabupaten_under(self, paths):
        """Ids of the kabupaten/kota under the regions of ``paths`` (a tuple of their
        ``parent_path``), themselves included, inactive ones too, as ``child_of`` finds them:
        the list a DPMD's or a BINWAS's record rule filters the agreements' kabupaten on
        (``kerjasama.region.scope.mixin``). Cached: a new or moved kabupaten clears it."""
        domain = expression.OR([[("parent_path", "=like", f"{path}%")] for path in paths])
        regions = self.sudo().with_context(active_test=False)
        return tuple(regions.search([("level", "=", "kabupaten"), *domain], order="id").ids)

    @api.model
    def _kerjasama_clear_kabupaten_cache(self):
        self.env.registry.clear_cache()

    # ------------------------------------------------------------------
    # Village parties
    # ------------------------------------------------------------------
    def _filter_desa(self):
        """The regions of ``self`` that are a desa (or desa adat): the village level without
        the kelurahan, which are not desa (no APBDesa, no village assets, never a party).
        Same rule as ``DESA_DOMAIN`` for searches."""
        return self.filtered(lambda r: r.level == "desa" and r.village_type != "kelurahan")

    def _get_village_partner(self):
        """Return the partner of each desa of ``self``, creating the missing ones in one batch.

        Kelurahan are left out (no partner is returned for them): they are not desa and cannot
        be a party to a kerja sama desa; the callers' checks say so, and a desa partner with a
        kelurahan region is refused by ``res.partner``. The partners are reference data of the
        villages, created and linked as superuser.
        """
        desa = self._filter_desa()
        missing = desa.filtered(lambda r: not r.partner_id)
        if missing:
            partners = (
                self.env["res.partner"]
                .sudo()
                .create(
                    [
                        {
                            "name": region._village_partner_name(),
                            "is_company": True,
                            "kerjasama_party_type": "desa",
                            "kerjasama_region_id": region.id,
                            "city": region.kecamatan_id.name,
                        }
                        for region in missing
                    ]
                )
            )
            for region, partner in zip(missing.sudo(), partners):
                if not region.partner_id:
                    region.partner_id = partner
        return desa.partner_id

    def action_open_village_partner(self):
        """Open the party record of this desa (kepala desa, address, BPD chair, BUM Desa),
        creating it when it does not exist yet."""
        self.ensure_one()
        partner = self._get_village_partner()
        if not partner:
            raise ValidationError(
                self.env._(
                    "%(region)s is not a desa: only a desa (or desa adat) has a party record "
                    "for kerja sama desa.",
                    region=self.display_name,
                )
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": partner.id,
            "view_mode": "form",
            "target": "current",
        }

    def _village_partner_name(self):
        self.ensure_one()
        return self._full_name()
