from odoo import fields, models

INVENTORY_GROUPS = [
    ("A", "A - Land (Tanah)"),
    ("B", "B - Equipment and Machinery"),
    ("C", "C - Buildings"),
    ("D", "D - Roads, Irrigation and Networks"),
    ("E", "E - Other Fixed Assets"),
]


class KerjasamaAssetKind(models.Model):
    """Kind of village asset (kekayaan asli desa, Permendagri 1/2016 as amended by 3/2024):
    tanah kas desa, pasar desa, mata air, tambatan perahu, ... with the inventory book group
    (A tanah, B peralatan dan mesin, C gedung dan bangunan, D jalan/irigasi/jaringan, E aset
    tetap lainnya). Shipped as data, extensible."""

    _name = "kerjasama.asset.kind"
    _description = "Village Asset Kind"
    _order = "sequence, code"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Short code used in the inventory code of assets.")
    sequence = fields.Integer(default=10)
    inventory_group = fields.Selection(INVENTORY_GROUPS, required=True, default="E")
    default_uom = fields.Selection(
        [("m2", "m²"), ("ha", "ha"), ("m", "m"), ("km", "km"), ("unit", "unit")],
        string="Default Unit",
        default="unit",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [("code_unique", "UNIQUE(code)", "This asset kind code already exists.")]
