from odoo import api, fields, models
from odoo.exceptions import ValidationError


class KerjasamaRegion(models.Model):
    """Optional coordinates of a desa, for a tile map when the server has one (e.g. OCA's
    ``web_view_leaflet_map``); the network and region views of Pemetaan do not need them."""

    _inherit = "kerjasama.region"

    latitude = fields.Float(
        digits=(10, 7),
        help="Latitude of the village office in decimal degrees (WGS 84), -90 to 90; "
        "Indonesia lies between about -11 and 6.",
    )
    longitude = fields.Float(
        digits=(10, 7),
        help="Longitude of the village office in decimal degrees (WGS 84), -180 to 180; "
        "Indonesia lies between about 95 and 141.",
    )

    @api.constrains("latitude", "longitude")
    def _check_coordinates(self):
        for region in self:
            if not -90 <= (region.latitude or 0.0) <= 90:
                raise ValidationError(
                    self.env._(
                        "The latitude of %(region)s must lie between -90 and 90 degrees, "
                        "not %(value)s.",
                        region=region.display_name,
                        value=region.latitude,
                    )
                )
            if not -180 <= (region.longitude or 0.0) <= 180:
                raise ValidationError(
                    self.env._(
                        "The longitude of %(region)s must lie between -180 and 180 degrees, "
                        "not %(value)s.",
                        region=region.display_name,
                        value=region.longitude,
                    )
                )
