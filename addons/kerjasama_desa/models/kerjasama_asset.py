from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .kerjasama_region import DESA_DOMAIN


class KerjasamaAsset(models.Model):
    """Village asset register (aset desa, Permendagri 1/2016 as amended by 3/2024): the
    inventory of a desa's assets by book group A-E, coded on the 10-digit region code as kode
    lokasi, with their legal documents, and the cooperation agreements that use them
    (pemanfaatan)."""

    _name = "kerjasama.asset"
    _description = "Village Asset"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "region_id, code, id"
    _rec_names_search = ["name", "code"]

    name = fields.Char(required=True, tracking=True, index="trigram")
    region_id = fields.Many2one(
        "kerjasama.region",
        string="Village",
        required=True,
        index=True,
        ondelete="restrict",
        domain=DESA_DOMAIN,
        tracking=True,
    )
    kecamatan_id = fields.Many2one(related="region_id.kecamatan_id", store=True, index=True)
    kind_id = fields.Many2one(
        "kerjasama.asset.kind", string="Kind", required=True, index=True, ondelete="restrict"
    )
    inventory_group = fields.Selection(related="kind_id.inventory_group", store=True, index=True)
    code = fields.Char(
        string="Inventory Code",
        readonly=True,
        copy=False,
        index=True,
        help="Kode lokasi (10-digit region code) . inventory group . kind . register number.",
    )
    register_number = fields.Integer(readonly=True, copy=False)
    location = fields.Char(help="Address, dusun/RT/RW or land parcel location.")
    area = fields.Float(string="Area", digits=(16, 2))
    quantity = fields.Float(default=1.0, digits=(16, 2))
    uom = fields.Selection(
        [("m2", "m²"), ("ha", "ha"), ("m", "m"), ("km", "km"), ("unit", "unit")],
        string="Unit",
        default="unit",
    )
    acquisition_year = fields.Integer(tracking=True)
    acquisition_source = fields.Selection(
        [
            ("asli", "Original Village Wealth (Kekayaan Asli Desa)"),
            ("apbdes", "Purchased from APBDesa"),
            ("hibah", "Grant/Donation"),
            ("kerjasama", "Result of Cooperation"),
            ("lainnya", "Other"),
        ],
        default="asli",
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda s: s.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    acquisition_value = fields.Monetary(
        currency_field="currency_id", aggregator="sum", tracking=True
    )
    condition = fields.Selection(
        [("baik", "Good"), ("rusak_ringan", "Lightly Damaged"), ("rusak_berat", "Heavily Damaged")],
        default="baik",
        required=True,
        tracking=True,
    )
    legal_document = fields.Char(
        string="Legal Document", help="Kind of proof of ownership, e.g. Sertifikat Hak Pakai."
    )
    certificate_number = fields.Char(tracking=True)
    in_direct_use = fields.Boolean(
        string="In Direct Government Use",
        help="An asset in direct use for village government cannot be utilised by others "
        "(pemanfaatan).",
    )
    image_1920 = fields.Image(string="Photo", max_width=1920, max_height=1920)
    image_128 = fields.Image(
        string="Photo (Small)", related="image_1920", max_width=128, max_height=128, store=True
    )
    photo_ids = fields.Many2many(
        "ir.attachment",
        "kerjasama_asset_photo_rel",
        "asset_id",
        "attachment_id",
        string="Photos",
    )
    utilization_ids = fields.One2many(
        "kerjasama.asset.utilization", "asset_id", string="Utilisations"
    )
    agreement_ids = fields.Many2many(
        "kerjasama.agreement", string="Agreements", compute="_compute_utilization_figures"
    )
    agreement_count = fields.Integer(compute="_compute_utilization_figures")
    income_total = fields.Monetary(
        string="Income from Utilisation",
        compute="_compute_utilization_figures",
        currency_field="currency_id",
    )
    note = fields.Html()
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "This inventory code already exists."),
        (
            "acquisition_value_positive",
            "CHECK(acquisition_value >= 0)",
            "An acquisition value cannot be negative.",
        ),
        ("area_positive", "CHECK(area >= 0)", "An area cannot be negative."),
        ("quantity_positive", "CHECK(quantity >= 0)", "A quantity cannot be negative."),
    ]

    @api.depends("utilization_ids.agreement_id", "utilization_ids.amount")
    def _compute_utilization_figures(self):
        utilization = self.env["kerjasama.asset.utilization"]
        agreements = dict(
            utilization._read_group(
                [("asset_id", "in", self.ids), ("agreement_id", "!=", False)],
                ["asset_id"],
                ["agreement_id:recordset"],
            )
        )
        income = dict(
            utilization._read_group(
                [
                    ("asset_id", "in", self.ids),
                    ("flow", "=", "income"),
                    ("state", "!=", "cancelled"),
                ],
                ["asset_id"],
                ["amount:sum"],
            )
        )
        for asset in self:
            asset.agreement_ids = agreements.get(asset, self.env["kerjasama.agreement"])
            asset.agreement_count = len(asset.agreement_ids)
            asset.income_total = income.get(asset, 0.0)

    @api.depends("code", "name")
    def _compute_display_name(self):
        for asset in self:
            asset.display_name = f"[{asset.code}] {asset.name}" if asset.code else asset.name

    @api.constrains("region_id")
    def _check_region(self):
        for asset in self:
            if not asset.region_id._filter_desa():
                raise ValidationError(
                    self.env._(
                        "%(region)s is not a desa: the village asset register belongs to a desa.",
                        region=asset.region_id.display_name,
                    )
                )

    @api.constrains("acquisition_year")
    def _check_acquisition_year(self):
        this_year = fields.Date.context_today(self).year
        for asset in self:
            if asset.acquisition_year and not 1800 <= asset.acquisition_year <= this_year:
                raise ValidationError(
                    self.env._(
                        "Acquisition year %(year)s of %(asset)s is not valid.",
                        year=asset.acquisition_year,
                        asset=asset.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        regions = self.env["kerjasama.region"].browse(
            [vals["region_id"] for vals in vals_list if vals.get("region_id")]
        )
        kinds = self.env["kerjasama.asset.kind"].browse(
            [vals["kind_id"] for vals in vals_list if vals.get("kind_id")]
        )
        last_numbers = {
            (region.id, group): number
            for region, group, number in self.sudo()
            .with_context(active_test=False)
            ._read_group(
                [("region_id", "in", regions.ids)],
                ["region_id", "inventory_group"],
                ["register_number:max"],
            )
        }
        for vals in vals_list:
            if vals.get("code") or not vals.get("region_id") or not vals.get("kind_id"):
                continue
            region = regions.browse(vals["region_id"])
            kind = kinds.browse(vals["kind_id"])
            key = (region.id, kind.inventory_group)
            number = last_numbers.get(key, 0) + 1
            last_numbers[key] = number
            kode_lokasi = (region.code or "").replace(".", "")
            vals["register_number"] = number
            vals["code"] = f"{kode_lokasi}.{kind.inventory_group}.{kind.code}.{number:04d}"
        return super().create(vals_list)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        if self.utilization_ids:
            raise UserError(
                self.env._(
                    "An asset that was put into use by others cannot be deleted: archive it."
                )
            )

    def action_view_agreements(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "kerjasama_desa.kerjasama_agreement_action"
        )
        action["domain"] = [("id", "in", self.agreement_ids.ids)]
        action["context"] = {}
        return action
