import logging

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# a job still "running" after this long was cut off (worker killed, server restarted)
STALE_HOURS = 2


class KerjasamaRegionLoadJob(models.Model):
    """A load of the Kemendagri region list (Kepmendagri No. 300.2.2-2138 Tahun 2025) run in
    the background.

    A large load started from the wizard (all of Indonesia, or many kabupaten/kota) is queued
    here and run by the cron ``ir_cron_region_load``, triggered at once, so the HTTP request
    never waits for it. The job shows its progress and counts, and the administrator who
    asked for it is notified when it ends.
    """

    _name = "kerjasama.region.load.job"
    _description = "Region Load Job"
    _inherit = ["mail.thread"]
    _order = "id desc"

    user_id = fields.Many2one(
        "res.users", string="Requested By", required=True, readonly=True, index=True
    )
    kabupaten_codes = fields.Char(
        string="Regency/City Codes",
        readonly=True,
        help="Codes of the regencies/cities to load, separated by commas; empty: all of "
        "Indonesia.",
    )
    state = fields.Selection(
        [
            ("queued", "Queued"),
            ("running", "Running"),
            ("done", "Done"),
            ("failed", "Failed"),
        ],
        default="queued",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    progress = fields.Integer(readonly=True, help="Percentage of the load done.")
    date_started = fields.Datetime(string="Started", readonly=True)
    date_done = fields.Datetime(string="Finished", readonly=True)
    total = fields.Integer(string="Regions Read", readonly=True)
    created = fields.Integer(string="Created", readonly=True)
    updated = fields.Integer(string="Updated", readonly=True)
    unchanged = fields.Integer(string="Unchanged", readonly=True)
    error = fields.Text(readonly=True)

    @api.depends("kabupaten_codes")
    def _compute_display_name(self):
        for job in self:
            job.display_name = self.env._(
                "Region load %(number)s (%(scope)s)",
                number=job.id or "",
                scope=job.kabupaten_codes or self.env._("all of Indonesia"),
            )

    def _codes(self):
        self.ensure_one()
        return self.kabupaten_codes.split(",") if self.kabupaten_codes else None

    @api.model
    def _enqueue(self, kabupaten_codes):
        """Queue a load of ``kabupaten_codes`` (None: all of Indonesia) for the current user
        and wake the cron up at once. The caller has checked the load access."""
        job = self.sudo().create(
            {
                "user_id": self.env.uid,
                "kabupaten_codes": ",".join(sorted(kabupaten_codes))
                if kabupaten_codes is not None
                else False,
            }
        )
        self.env.ref("kerjasama_desa.ir_cron_region_load").sudo()._trigger()
        return job.with_env(self.env)

    # ------------------------------------------------------------------
    # The cron
    # ------------------------------------------------------------------
    @api.model
    def _cron_run_jobs(self):
        """Run the oldest queued job, then tell ``ir.cron`` how many remain (it calls again
        at once while some do)."""
        self._fail_stale_jobs()
        job = self._claim_next()
        if job:
            job._run()
        remaining = self.sudo().search_count([("state", "=", "queued")])
        self.env["ir.cron"]._notify_progress(done=1 if job else 0, remaining=remaining)

    @api.model
    def _fail_stale_jobs(self):
        stale = self.sudo().search(
            [
                ("state", "=", "running"),
                (
                    "write_date",
                    "<",
                    fields.Datetime.subtract(fields.Datetime.now(), hours=STALE_HOURS),
                ),
            ]
        )
        stale.write(
            {"state": "failed", "error": self.env._("The load was interrupted; start it again.")}
        )

    @api.model
    def _claim_next(self):
        """Mark the oldest queued job running, in a transaction of its own (committed at
        once, so that its progress shows while it runs), and return it."""
        with self.pool.cursor() as cr:
            cr.execute(
                SQL(
                    """UPDATE %(table)s SET state = 'running', progress = 0,
                              date_started = now() AT TIME ZONE 'UTC',
                              write_date = now() AT TIME ZONE 'UTC'
                        WHERE id = (SELECT id FROM %(table)s WHERE state = 'queued'
                                     ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
                    RETURNING id""",
                    table=SQL.identifier(self._table),
                )
            )
            row = cr.fetchone()
        self.invalidate_model()
        return self.sudo().browse(row[0]) if row else self.sudo()

    def _set_progress(self, percent):
        """Show the progress at once, from a transaction of its own (the load's transaction
        commits only at its end)."""
        self.ensure_one()
        with self.pool.cursor() as cr:
            cr.execute(
                SQL(
                    "UPDATE %s SET progress = %s, write_date = now() AT TIME ZONE 'UTC' "
                    "WHERE id = %s",
                    SQL.identifier(self._table),
                    percent,
                    self.id,
                )
            )

    def _run(self):
        """Run the load as the user who asked for it, record the outcome, notify him."""
        self.ensure_one()
        loader = self.env["kerjasama.region.load"].with_user(self.user_id)
        try:
            with self.env.cr.savepoint():
                counts = loader.load_regions(
                    kabupaten_codes=self._codes(), progress=self._set_progress
                )
        except UserError as exc:  # includes AccessError: the user lost the right to load
            _logger.warning("Region load job %s failed: %s", self.id, exc)
            self.invalidate_model()
            self.write(
                {"state": "failed", "error": exc.args[0], "date_done": fields.Datetime.now()}
            )
        else:
            self.invalidate_model()
            self.write(dict(counts, state="done", progress=100, date_done=fields.Datetime.now()))
        self._notify_user()

    def _notify_user(self):
        """Tell the requester that the job ended: a notification in his open browser and a
        message in his inbox."""
        self.ensure_one()
        job = self.with_user(self.user_id).with_context(lang=self.user_id.lang).sudo()
        if job.state == "done":
            title = job.env._("Regions loaded")
            message = job.env._(
                "%(job)s: %(total)s regions read: %(created)s created, %(updated)s updated, "
                "%(unchanged)s unchanged.",
                job=job.display_name,
                total=job.total,
                created=job.created,
                updated=job.updated,
                unchanged=job.unchanged,
            )
        else:
            title = job.env._("Region load failed")
            message = job.env._("%(job)s: %(error)s", job=job.display_name, error=job.error)
        self.user_id._bus_send(
            "simple_notification",
            {
                "title": title,
                "message": message,
                "sticky": True,
                "type": "success" if job.state == "done" else "danger",
            },
        )
        job.message_notify(
            partner_ids=self.user_id.partner_id.ids,
            subject=title,
            body=message,
        )
