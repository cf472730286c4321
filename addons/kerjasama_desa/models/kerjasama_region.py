import re

from odoo import api, fields, models
from odoo.exceptions import ValidationError

LEVEL_PATTERNS = {
    "provinsi": re.compile(r"^\d{2}$"),
    "kabupaten": re.compile(r"^\d{2}\.\d{2}$"),
    "kecamatan": re.compile(r"^\d{2}\.\d{2}\.\d{2}$"),
    "desa": re.compile(r"^\d{2}\.\d{2}\.\d{2}\.\d{4}$"),
}
PARENT_LEVEL = {"kabupaten": "provinsi", "kecamatan": "kabupaten", "desa": "kecamatan"}
VILLAGE_TYPE_BY_DIGIT = {"1": "kelurahan", "2": "desa", "3": "desa_adat"}


def level_from_code(code):
    """Return the region level a Kemendagri code denotes, or False."""
    for level, pattern in LEVEL_PATTERNS.items():
        if pattern.match(code or ""):
            return level
    return False


class KerjasamaRegion(models.Model):
    """Region of the Kemendagri code list (Kepmendagri 300.2.2-2138/2025).

    Provinsi > kabupaten/kota > kecamatan > desa/kelurahan/desa adat, coded
    ``PP.KK.CC.DDDD``. Region scoping of every record of the suite rests on
    this hierarchy (``parent_path``, ``child_of``).
    """

    _name = "kerjasama.region"
    _description = "Region"
    _parent_store = True
    _order = "code"
    _rec_names_search = ["name", "code"]

    name = fields.Char(required=True, index="trigram")
    code = fields.Char(required=True, index=True, help="Kemendagri code, PP.KK.CC.DDDD")
    level = fields.Selection(
        [
            ("provinsi", "Province"),
            ("kabupaten", "Regency/City"),
            ("kecamatan", "District (Kecamatan)"),
            ("desa", "Village/Kelurahan"),
        ],
        required=True,
        index=True,
    )
    village_type = fields.Selection(
        [("desa", "Desa"), ("kelurahan", "Kelurahan"), ("desa_adat", "Desa Adat")],
        help="Kind of a village-level region, from the first digit of its last code group.",
    )
    is_kota = fields.Boolean(
        string="Is a City",
        compute="_compute_is_kota",
        store=True,
        help="Kota codes run 71-99, kabupaten codes 01-69.",
    )
    parent_id = fields.Many2one("kerjasama.region", index=True, ondelete="restrict")
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("kerjasama.region", "parent_id", string="Sub-regions")
    provinsi_id = fields.Many2one("kerjasama.region", string="Province", index="btree_not_null")
    kabupaten_id = fields.Many2one(
        "kerjasama.region", string="Regency/City", index="btree_not_null"
    )
    kecamatan_id = fields.Many2one(
        "kerjasama.region", string="Kecamatan", index="btree_not_null"
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Village Partner",
        index="btree_not_null",
        help="Contact record of the village as a party to agreements.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "A region with this code already exists."),
    ]

    @api.depends("code", "level")
    def _compute_is_kota(self):
        for region in self:
            kk = (region.code or "")[3:5]
            region.is_kota = region.level != "provinsi" and kk.isdigit() and int(kk) >= 71

    @api.depends("name", "code", "level", "village_type")
    def _compute_display_name(self):
        for region in self:
            region.display_name = f"{region.code} {region.name}" if region.code else region.name

    @api.constrains("code", "level", "parent_id")
    def _check_code(self):
        for region in self:
            if level_from_code(region.code) != region.level:
                raise ValidationError(
                    self.env._(
                        "Region code %(code)s is not a valid Kemendagri code for level "
                        "%(level)s (expected PP, PP.KK, PP.KK.CC or PP.KK.CC.DDDD).",
                        code=region.code,
                        level=region.level,
                    )
                )
            expected_parent = PARENT_LEVEL.get(region.level)
            if expected_parent:
                if not region.parent_id or region.parent_id.level != expected_parent:
                    raise ValidationError(
                        self.env._(
                            "Region %(code)s needs a parent region of level %(level)s.",
                            code=region.code,
                            level=expected_parent,
                        )
                    )
                if not region.code.startswith(region.parent_id.code + "."):
                    raise ValidationError(
                        self.env._(
                            "Region code %(code)s does not start with the code of its parent "
                            "%(parent)s.",
                            code=region.code,
                            parent=region.parent_id.code,
                        )
                    )
            elif region.parent_id:
                raise ValidationError(
                    self.env._("A province (%(code)s) has no parent region.", code=region.code)
                )

    @api.model
    def _prepare_hierarchy_vals(self, vals):
        """Fill level, village type and the ancestor shortcuts from code and parent."""
        vals = dict(vals)
        code = vals.get("code")
        if code and not vals.get("level"):
            vals["level"] = level_from_code(code.strip())
        if code and vals.get("level") == "desa" and not vals.get("village_type"):
            vals["village_type"] = VILLAGE_TYPE_BY_DIGIT.get(code[-4:-3])
        if "parent_id" in vals:
            parent = self.browse(vals["parent_id"])
            chain = parent | parent.provinsi_id | parent.kabupaten_id | parent.kecamatan_id
            for level in ("provinsi", "kabupaten", "kecamatan"):
                vals[f"{level}_id"] = chain.filtered(lambda r, lv=level: r.level == lv)[:1].id
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([self._prepare_hierarchy_vals(vals) for vals in vals_list])

    def write(self, vals):
        return super().write(self._prepare_hierarchy_vals(vals))

    def _get_village_partner(self):
        """Return the partner of each desa of ``self``, creating the missing ones in one batch."""
        desa = self.filtered(lambda r: r.level == "desa")
        missing = desa.filtered(lambda r: not r.partner_id)
        if missing:
            partners = self.env["res.partner"].create(
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
            for region, partner in zip(missing, partners):
                region.partner_id = partner
        return desa.partner_id

    def _village_partner_name(self):
        self.ensure_one()
        prefix = {"kelurahan": "Kelurahan", "desa_adat": "Desa Adat"}.get(self.village_type, "Desa")
        return f"{prefix} {self.name}"
