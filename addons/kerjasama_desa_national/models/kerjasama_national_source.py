import logging
from datetime import timedelta

import requests

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.kerjasama_desa.tools.guard import unlocked

from .kerjasama_dataset import parse_utc

_logger = logging.getLogger(__name__)

PULL_KEY = "kerjasama.national:pull"
DATASET_ROUTE = "/kerjasama/api/dataset"
# A pull asks for what changed since the last good pull's export, less this overlap, so that a
# change committed while that export ran is never missed; rows that come twice change nothing.
PULL_OVERLAP = timedelta(minutes=10)
PULL_TIMEOUT = 120


class KerjasamaNationalSource(models.Model):
    """An instance below this one whose register is rolled up here.

    Supervision of kerja sama desa runs in tiers (ministry > provinsi > kabupaten/kota); each
    tier's instance pulls the datasets of the instances below it with an Odoo API key of a user
    there, incrementally and idempotently, and keeps the last good data when a pull fails.
    """

    _name = "kerjasama.national.source"
    _description = "Roll-up Source Instance"
    _inherit = ["mail.thread"]
    _order = "name"

    name = fields.Char(required=True, tracking=True)
    url = fields.Char(
        string="URL", required=True, tracking=True, help="e.g. https://kerjasama.garutkab.go.id"
    )
    database = fields.Char(
        tracking=True, help="Database of the source server (empty: its only database)."
    )
    api_key = fields.Char(
        string="API Key",
        groups="kerjasama_desa.kerjasama_desa_group_admin",
        copy=False,
        help="API key of a user of the source (Preferences > Account Security): the pull sees "
        "what that user may read.",
    )
    region_codes = fields.Char(
        help="Kemendagri codes to pull, separated by commas (empty: everything the key sees)."
    )
    active = fields.Boolean(default=True)
    state = fields.Selection(
        [("new", "Never Pulled"), ("ok", "Up to Date"), ("error", "Last Pull Failed")],
        default="new",
        required=True,
        readonly=True,
        tracking=True,
    )
    last_attempt = fields.Datetime(string="Last Attempt", readonly=True)
    last_success = fields.Datetime(string="Last Good Pull", readonly=True)
    last_error = fields.Text(readonly=True)
    cursor = fields.Datetime(
        readonly=True, help="Export time of the last good pull, as the source reported it."
    )
    last_created = fields.Integer(string="New in Last Pull", readonly=True)
    last_updated = fields.Integer(string="Changed in Last Pull", readonly=True)
    national_agreement_ids = fields.One2many(
        "kerjasama.national.agreement", "source_id", string="Agreements"
    )
    agreement_count = fields.Integer(compute="_compute_agreement_count")

    def _compute_agreement_count(self):
        counts = dict(
            self.env["kerjasama.national.agreement"]._read_group(
                [("source_id", "in", self.ids)], ["source_id"], ["__count"]
            )
        )
        for source in self:
            source.agreement_count = counts.get(source, 0)

    # ------------------------------------------------------------------ pull

    def action_pull(self):
        self.check_access("write")
        for source in self:
            source.sudo()._pull()
        failed = self.filtered(lambda s: s.state == "error")
        message = (
            self.env._("Pull failed: %(error)s", error=failed[:1].last_error)
            if failed
            else self.env._(
                "Pulled: %(new)s new, %(changed)s changed.",
                new=sum(self.mapped("last_created")),
                changed=sum(self.mapped("last_updated")),
            )
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": message,
                "type": "danger" if failed else "success",
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_open_agreements(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "kerjasama_desa_national.kerjasama_national_agreement_action"
        )
        action["domain"] = [("source_id", "=", self.id)]
        return action

    @api.model
    def _cron_pull(self):
        # each pull runs in its own savepoint: one failing source keeps its last good data
        # and does not stop the others
        for source in self.search([]):
            source.sudo()._pull()

    def _pull_fetch(self):
        """The dataset of the source, or ``UserError`` saying why not (in the user's language)."""
        self.ensure_one()
        params = {}
        if self.database:
            params["db"] = self.database
        if self.region_codes:
            params["region"] = self.region_codes.replace(" ", "")
        if self.cursor:
            params["since"] = fields.Datetime.to_string(self.cursor - PULL_OVERLAP)
        url = self.url.rstrip("/") + DATASET_ROUTE
        try:
            response = requests.get(
                url,
                params=params,
                headers={"Authorization": f"Bearer {self.api_key or ''}"},
                timeout=PULL_TIMEOUT,
            )
        except requests.RequestException as error:
            raise UserError(
                self.env._(
                    "The source cannot be reached (%(url)s): %(error)s", url=url, error=error
                )
            ) from error
        if response.status_code in (401, 403):
            raise UserError(
                self.env._(
                    "The source refused the API key (HTTP %(status)s): check the key and that "
                    "its user may read the register.",
                    status=response.status_code,
                )
            )
        if response.status_code != 200:
            raise UserError(
                self.env._(
                    "The source answered HTTP %(status)s: %(text)s",
                    status=response.status_code,
                    text=response.text[:300],
                )
            )
        try:
            data = response.json()
        except ValueError as error:
            raise UserError(
                self.env._("The source did not answer with a dataset (JSON).")
            ) from error
        self.env["kerjasama.dataset"]._dataset_validate(data)
        return data

    def _pull(self):
        """Pull once; on failure keep the last good data and record why."""
        self.ensure_one()
        now = fields.Datetime.now()
        try:
            with self.env.cr.savepoint():
                data = self._pull_fetch()
                created, updated = self._pull_apply(data, now)
        except (UserError, KeyError, TypeError, ValueError) as error:
            _logger.info("Pull of %s failed: %s", self.name, error)
            self.write({"state": "error", "last_attempt": now, "last_error": str(error)})
            return False
        self.write(
            {
                "state": "ok",
                "last_attempt": now,
                "last_success": now,
                "last_error": False,
                "cursor": parse_utc(data["generated_at"]),
                "last_created": created,
                "last_updated": updated,
            }
        )
        return True

    def _pull_apply(self, data, pulled_at):
        """Upsert the dataset's agreements of this source; return (created, updated)."""
        self.ensure_one()
        Mirror = self.env["kerjasama.national.agreement"].sudo()
        records = {record["register_number"]: record for record in data["agreements"]}
        existing = {
            row.register_number: row
            for row in Mirror.search(
                [("source_id", "=", self.id), ("register_number", "in", list(records))]
            )
        }
        codes = set()
        for record in records.values():
            codes.add(record.get("kabupaten_code"))
            codes.update(party.get("desa_code") for party in record["parties"])
        codes.discard(None)
        regions_by_code = {
            region.code: region
            for region in self.env["kerjasama.region"]
            .sudo()
            .with_context(active_test=False)
            .search([("code", "in", list(codes))])
        }
        to_create, changed = [], Mirror.browse()
        with unlocked(PULL_KEY):
            for number, record in records.items():
                row = existing.get(number)
                if row and row.payload == record:
                    continue
                values = Mirror._national_values(record, regions_by_code, pulled_at)
                values["party_ids"] = [
                    fields.Command.create(self._pull_party_values(party, regions_by_code))
                    for party in record["parties"]
                ]
                if row:
                    row.party_ids.unlink()
                    row.write(values)
                    changed |= row
                else:
                    values["source_id"] = self.id
                    to_create.append(values)
            Mirror.create(to_create)
        return len(to_create), len(changed)

    @api.model
    def _pull_party_values(self, party, regions_by_code):
        desa = regions_by_code.get(party.get("desa_code"))
        return {
            "party_kind": party["party_kind"],
            "name": party["name"],
            "desa_code": party.get("desa_code"),
            "region_id": desa.id if desa else False,
            "kecamatan_id": desa.kecamatan_id.id if desa else False,
            "kabupaten_id": desa.kabupaten_id.id if desa else False,
            "contribution": party.get("contribution", 0.0),
            "income": party.get("income", 0.0),
        }
