import re

from odoo import SUPERUSER_ID, api, fields, http
from odoo.exceptions import AccessError, UserError
from odoo.http import request
from odoo.modules.registry import Registry

from ..models.kerjasama_dataset import parse_utc

BEARER = re.compile(r"^bearer\s+(.+)$", re.IGNORECASE)


class KerjasamaDatasetController(http.Controller):
    """The national dataset over HTTP, for the instance above and for open-data readers.

    ``GET /kerjasama/api/dataset?region=32.05&date_from=2025-01-01&date_to=2025-12-31&since=...``
    with ``Authorization: Bearer <API key>`` (an Odoo ``res.users.apikeys`` key): the export is
    read as the key's user, under his record rules. ``db`` picks the database of a server that
    holds several (as XML-RPC does).
    """

    @http.route("/kerjasama/api/dataset", type="http", auth="none", methods=["GET"], csrf=False)
    def dataset(self, db=None, region=None, date_from=None, date_to=None, since=None, **_kw):
        dbname = db or request.db
        if not dbname or not http.db_filter([dbname]):
            return self._error(404, "unknown database")
        header = request.httprequest.headers.get("Authorization") or ""
        match = BEARER.match(header)
        if not match:
            return self._error(401, "an API key is required (Authorization: Bearer <key>)")
        registry = Registry(dbname)
        with registry.cursor(readonly=True) as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            uid = env["res.users.apikeys"]._check_credentials(scope="rpc", key=match.group(1))
            if not uid:
                return self._error(401, "invalid API key")
            user_env = api.Environment(cr, uid, {})
            user_env = user_env(context=user_env["res.users"].context_get())
            try:
                regions = user_env["kerjasama.region"]
                if region:
                    codes = [code for code in region.split(",") if code]
                    regions = regions.search([("code", "in", codes)])
                    if len(regions) != len(set(codes)):
                        return self._error(400, "unknown region code")
                data = user_env["kerjasama.dataset"]._dataset_export(
                    regions=regions,
                    date_from=fields.Date.to_date(date_from) if date_from else None,
                    date_to=fields.Date.to_date(date_to) if date_to else None,
                    since=fields.Datetime.to_datetime(since)
                    if since and "T" not in since
                    else parse_utc(since),
                )
            except AccessError:
                return self._error(403, "this key's user may not read the register")
            except (UserError, ValueError) as error:
                return self._error(400, str(error))
        return request.make_json_response(data)

    def _error(self, status, message):
        return request.make_json_response({"error": message}, status=status)
