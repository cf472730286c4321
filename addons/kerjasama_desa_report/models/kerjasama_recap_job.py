# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
import os
import tempfile

from odoo import api, fields, models, modules
from odoo.exceptions import UserError
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class KerjasamaRecapJob(models.Model):
    """A Rekapitulasi Kerja Sama Desa (Permendagri 96/2017, pembinaan dan pengawasan) built in
    the background: a national or provincial recap takes longer than a web request may, so it
    is queued, built by a cron triggered at once, and its workbook sent to the user who asked
    for it (a message with the file, in the user's inbox)."""

    _name = "kerjasama.recap.job"
    _description = "Cooperation Recap in the Background"
    _inherit = ["mail.thread"]
    _order = "id desc"

    name = fields.Char(string="Recap", required=True, readonly=True)
    user_id = fields.Many2one(
        "res.users", string="Requested By", required=True, readonly=True, index=True
    )
    state = fields.Selection(
        [
            ("queued", "Queued"),
            ("running", "Being Built"),
            ("done", "Ready"),
            ("failed", "Failed"),
        ],
        string="Status",
        default="queued",
        required=True,
        readonly=True,
        tracking=True,
    )
    progress = fields.Float(
        string="Progress", readonly=True, help="Share of the sheets written, in percent."
    )
    estimated_rows = fields.Integer(string="Estimated Rows", readonly=True)
    data = fields.Json(string="Filters", readonly=True)
    lang = fields.Char(string="Language", readonly=True)
    tz = fields.Char(string="Time Zone", readonly=True)
    attachment_id = fields.Many2one("ir.attachment", string="Workbook", readonly=True)
    date_done = fields.Datetime(string="Ready On", readonly=True)
    error = fields.Text(string="Error", readonly=True)

    def _kd_cron(self):
        return self.env.ref("kerjasama_desa_report.kerjasama_recap_job_cron")

    @api.model
    def _kd_enqueue(self, name, data, estimated_rows=0):
        """Queue a recap of ``data`` for the current user and wake the cron at once."""
        job = self.sudo().create(
            {
                "name": name,
                "user_id": self.env.uid,
                "data": data,
                "estimated_rows": estimated_rows,
                "lang": self.env.lang,
                "tz": self.env.context.get("tz") or self.env.user.tz,
            }
        )
        job.message_subscribe(partner_ids=self.env.user.partner_id.ids)
        self._kd_cron().sudo()._trigger()
        return job.with_env(self.env)

    @api.model
    def _cron_run_jobs(self):
        """Build the queued recaps, oldest first, one per transaction."""
        jobs = self.search([("state", "=", "queued")], order="id")
        for index, job in enumerate(jobs):
            job._kd_run()
            self.env["ir.cron"]._notify_progress(done=index + 1, remaining=len(jobs) - index - 1)

    def _kd_commit(self):
        if not modules.module.current_test:
            self.env.cr.commit()  # pylint: disable=invalid-commit

    def _kd_set_progress(self, done, total):
        """Show the progress at once, from a cursor of its own (the build's transaction
        commits at the end only)."""
        progress = 100.0 * done / (total or 1)
        if modules.module.current_test:
            self.progress = progress
            return
        with self.env.registry.cursor() as cr:
            cr.execute(
                SQL(
                    "UPDATE kerjasama_recap_job SET progress = %s WHERE id = %s",
                    progress,
                    self.id,
                )
            )

    def _kd_run(self):
        """Build the workbook as the user who asked for it, in his language and time zone,
        then attach it and notify him."""
        self.ensure_one()
        self.write({"state": "running", "progress": 0.0, "error": False})
        self._kd_commit()
        user_env = (
            self.with_user(self.user_id)
            .with_context(lang=self.lang or self.user_id.lang, tz=self.tz or self.user_id.tz)
            .env
        )
        renderer = user_env["report.kerjasama_desa_report.recap_xlsx"]
        handle, path = tempfile.mkstemp(suffix=".xlsx", prefix="kd_recap_job_")
        os.close(handle)
        try:
            renderer._kd_generate_file(self.data, path, progress=self._kd_set_progress)
            attachment = (
                self.env["ir.attachment"]
                .sudo()
                ._kd_create_from_file(
                    {
                        "name": f"{self.name}.xlsx",
                        "res_model": self._name,
                        "res_id": self.id,
                        "type": "binary",
                        "mimetype": XLSX_MIMETYPE,
                    },
                    path,
                )
            )
        except Exception as error:  # the user is told, the log keeps the traceback
            _logger.exception("Recap job %s failed", self.id)
            if not modules.module.current_test:
                self.env.cr.rollback()
            message = str(error) if isinstance(error, UserError) else ""
            self.write(
                {
                    "state": "failed",
                    "error": message
                    or self.env._(
                        "The recap could not be built; the administrator can see why in the "
                        "server log."
                    ),
                }
            )
            self.message_post(
                body=self.env._("The recap %(name)s could not be built.", name=self.name),
                partner_ids=self.user_id.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
            self._kd_commit()
            return
        finally:
            os.unlink(path)
        self._kd_commit()
        self.write(
            {
                "state": "done",
                "progress": 100.0,
                "attachment_id": attachment.id,
                "date_done": fields.Datetime.now(),
            }
        )
        self.message_post(
            body=self.env._("The recap %(name)s is ready.", name=self.name),
            attachment_ids=attachment.ids,
            partner_ids=self.user_id.partner_id.ids,
            subtype_xmlid="mail.mt_comment",
        )
        self._kd_commit()

    def action_download(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self.attachment_id.id}?download=true",
            "target": "self",
        }
