import base64
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools import siskeudes
from .kerjasama_apbdes_siskeudes_analysis import IMPORT_ROLES, SiskeudesAnalysis

STATUSES = [
    ("new", "New"),
    ("changed", "Changed"),
    ("unchanged", "Unchanged"),
    ("removed", "Removed"),
    ("kept", "Kept"),
    ("skipped", "Skipped"),
    ("error", "Error"),
]


class KerjasamaApbdesSiskeudesImport(models.TransientModel):
    """Import of the APBDesa (Permendagri 20/2018) of one or many desa, and its realisation,
    from the Siskeudes tables exported as CSV in a ZIP (see ``tools/siskeudes.py`` for the
    tables and columns read, the way OpenSID reads them).

    Upload, preview (every line new, changed, unchanged, removed or kept, every row that
    cannot be mapped with its reason), confirm. The confirmation repeats the analysis and
    writes only when it finds no error, in the request's single transaction: nothing is ever
    half-imported. Idempotent per desa and year: the lines are matched on kode rekening and
    kegiatan, the realisations on budget line and document number, so a second import of the
    same file changes nothing. A line absent from Siskeudes is removed only on request, and
    never when agreements' financing or realisations rest on it. The lifecycle of the APBDesa
    holds: lines change while it is a draft or under amendment (perubahan), not once it is set
    (ditetapkan); realisation is recorded only on a set APBDesa.

    The treasurer imports his own desa; the DPMD and its administrator import any desa of
    their kabupaten, several at once (a kabupaten's Siskeudes database holds all its desa).
    """

    _name = "kerjasama.apbdes.siskeudes.import"
    _inherit = ["kerjasama.access.mixin"]
    _description = "Import APBDesa from Siskeudes"

    state = fields.Selection(
        [("upload", "Upload"), ("preview", "Preview")], default="upload", required=True
    )
    data_file = fields.Binary(string="Siskeudes ZIP File", attachment=False)
    filename = fields.Char()
    year = fields.Integer(
        string="Fiscal Year",
        required=True,
        default=lambda self: fields.Date.context_today(self).year,
    )
    import_realization = fields.Boolean(
        string="Import Realisation",
        default=True,
        help="Also import the realisation (TBP, SPP, SPJ) of an APBDesa already approved.",
    )
    remove_missing = fields.Boolean(
        string="Remove Lines Absent from Siskeudes",
        help="Remove the budget lines of the APBDesa that the file no longer has. Lines that "
        "agreements' financing or realisations rest on are always kept.",
    )
    line_ids = fields.One2many(
        "kerjasama.apbdes.siskeudes.import.line", "wizard_id", string="Preview"
    )
    error_count = fields.Integer(compute="_compute_counts")
    new_count = fields.Integer(compute="_compute_counts")
    changed_count = fields.Integer(compute="_compute_counts")
    unchanged_count = fields.Integer(compute="_compute_counts")
    summary = fields.Char(compute="_compute_counts")

    @api.depends("line_ids.status")
    def _compute_counts(self):
        for wizard in self:
            counts = defaultdict(int)
            for line in wizard.line_ids:
                counts[line.status] += 1
            wizard.error_count = counts["error"]
            wizard.new_count = counts["new"]
            wizard.changed_count = counts["changed"]
            wizard.unchanged_count = counts["unchanged"]
            wizard.summary = self.env._(
                "%(new)s new, %(changed)s changed, %(unchanged)s unchanged, %(removed)s "
                "removed, %(kept)s kept, %(skipped)s skipped, %(errors)s errors.",
                new=counts["new"],
                changed=counts["changed"],
                unchanged=counts["unchanged"],
                removed=counts["removed"],
                kept=counts["kept"],
                skipped=counts["skipped"],
                errors=counts["error"],
            )

    @api.model
    def default_get(self, fields_list):
        self._check_import_role()
        return super().default_get(fields_list)

    def _check_import_role(self):
        if not self._kerjasama_has_role(IMPORT_ROLES, regions=False):
            raise AccessError(
                self.env._(
                    "Only the village treasurer, the DPMD or its administrator may import an "
                    "APBDesa from Siskeudes."
                )
            )

    # ------------------------------------------------------------------ actions
    def action_preview(self):
        self.ensure_one()
        plan = self._analyse()
        self.line_ids.unlink()
        self.write(
            {
                "state": "preview",
                "line_ids": [fields.Command.create(row) for row in plan["rows"]],
            }
        )
        return self._reopen()

    def action_back(self):
        self.ensure_one()
        self.line_ids.unlink()
        self.state = "upload"
        return self._reopen()

    def action_confirm(self):
        self.ensure_one()
        plan = self._analyse()
        errors = [row for row in plan["rows"] if row["status"] == "error"]
        if errors:
            shown = "\n".join(f"- {row['message']}" for row in errors[:10])
            more = len(errors) - 10
            raise UserError(
                self.env._(
                    "Nothing was imported: %(count)s rows of the file cannot be imported.\n"
                    "%(rows)s%(more)s",
                    count=len(errors),
                    rows=shown,
                    more=self.env._("\n... and %(n)s more.", n=more) if more > 0 else "",
                )
            )
        apbdes = self._apply(plan)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "kerjasama_desa.kerjasama_apbdes_action"
        )
        action["domain"] = [("id", "in", apbdes.ids)]
        if len(apbdes) == 1:
            action.update(res_id=apbdes.id, view_mode="form", views=[(False, "form")])
        return action

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": self.env.context,
        }

    # ------------------------------------------------------------------ analysis
    def _analyse(self):
        """Read the file and compare it with the APBDesa of the database.

        Returns ``{"rows": [preview row vals], "desa": {region: desa plan}, "codes": [...]}``;
        the preview rows say what would change and why a row cannot be imported."""
        self._check_import_role()
        if not self.data_file:
            raise UserError(self.env._("Choose the ZIP file exported from Siskeudes."))
        try:
            tables = siskeudes.read_zip(base64.b64decode(self.data_file))
        except siskeudes.SiskeudesFileError as exc:
            raise UserError(
                self.env._(
                    "%(file)s is not a ZIP file of Siskeudes tables (%(error)s). Export the "
                    "tables as CSV files and put them in one ZIP file.",
                    file=self.filename or self.env._("The file"),
                    error=exc,
                )
            ) from exc
        return SiskeudesAnalysis(self, tables).run()

    # ------------------------------------------------------------------ writing
    def _apply(self, plan):
        """Write ``plan`` (free of errors): missing account codes, APBDesa, lines,
        realisations. Runs as the server after the role and lifecycle checks of the analysis
        (the DPMD reads APBDesa but does not edit them by hand)."""
        env = self.sudo().env
        Code = env["kerjasama.account.code"]
        created_codes = {}
        for code, account_type, name in plan["codes"]:
            parent_code = code.rsplit(".", 1)[0] if "." in code else False
            parent = created_codes.get((parent_code, account_type)) or (
                parent_code
                and Code.with_context(active_test=False).search(
                    [("code", "=", parent_code), ("account_type", "=", account_type)], limit=1
                )
            )
            created_codes[code, account_type] = Code.create(
                {
                    "code": code,
                    "name": name,
                    "account_type": account_type,
                    "parent_id": parent.id if parent else False,
                }
            )

        # a code to create is named by its code alone: account codes start with 4, 5 or 6,
        # kegiatan codes with 0
        by_code = {code: record for (code, __), record in created_codes.items()}

        def code_of(ref):
            return ref if isinstance(ref, models.BaseModel) else by_code[ref]

        Apbdes = env["kerjasama.apbdes"]
        Line = env["kerjasama.apbdes.line"]
        Realization = env["kerjasama.apbdes.realization"]
        touched = Apbdes
        for region, desa_plan in plan["desa"].items():
            apbdes = desa_plan["apbdes"]
            if not apbdes and not desa_plan["lines"]:
                continue  # a desa of Ta_Desa without any line in Ta_RAB: no empty APBDesa
            if not apbdes:
                apbdes = Apbdes.create(
                    {
                        "region_id": region.id,
                        "year": self.year,
                        "perdes_number": desa_plan["perdes"] or False,
                    }
                )
            elif desa_plan["perdes"] and not apbdes.perdes_number:
                apbdes.perdes_number = desa_plan["perdes"]
            touched |= apbdes
            new_items = [item for item in desa_plan["lines"] if item["status"] == "new"]
            created = Line.create(
                [
                    {
                        "apbdes_id": apbdes.id,
                        "account_code_id": code_of(item["account"]).id,
                        "kegiatan_id": item["kegiatan"] and code_of(item["kegiatan"]).id,
                        "description": item["description"],
                        "amount": item["amount"],
                    }
                    for item in new_items
                ]
            )
            lines_by_key = dict(desa_plan["kept"])
            lines_by_key.update({item["key"]: item["line"] for item in desa_plan["lines"]})
            lines_by_key.update(
                {item["key"]: line for item, line in zip(new_items, created, strict=True)}
            )
            for item in desa_plan["lines"]:
                if item["status"] == "changed":
                    item["line"].write({"amount": item["amount"]})
            removed = len(desa_plan["remove"])
            desa_plan["remove"].unlink()
            new_real = []
            for item in desa_plan["realizations"]:
                if item["status"] == "new":
                    new_real.append(
                        {
                            "line_id": lines_by_key[item["key"]].id,
                            "date": item["date"],
                            "reference": item["reference"],
                            "description": item["description"] or False,
                            "amount": item["amount"],
                        }
                    )
                elif item["status"] == "changed":
                    item["realization"].write({"amount": item["amount"], "date": item["date"]})
            Realization.create(new_real)
            counts = desa_plan["counts"]
            if not (counts["new"] or counts["changed"] or counts["realizations"] or removed):
                continue  # a re-import of the same file leaves no trace
            apbdes.message_post(
                body=self.env._(
                    "Imported from Siskeudes (%(file)s): %(new)s new lines, %(changed)s "
                    "changed, %(removed)s removed; %(real)s realisations new or changed.",
                    file=self.filename or "ZIP",
                    new=counts["new"],
                    changed=counts["changed"],
                    removed=removed,
                    real=counts["realizations"],
                )
            )
        return touched.with_env(self.env)
