import base64
import re
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..models.kerjasama_region import level_from_code
from ..tools import siskeudes
from ..tools.formatting import format_rupiah

# who imports: the treasurer for his own desa, the DPMD and its administrator for the desa of
# their kabupaten (and the national administrator everywhere)
IMPORT_ROLES = ("bendahara", "dpmd", "admin")
ACCOUNT_TYPE_BY_DIGIT = {"4": "pendapatan", "5": "belanja", "6": "pembiayaan"}
STATUSES = [
    ("new", "New"),
    ("changed", "Changed"),
    ("unchanged", "Unchanged"),
    ("removed", "Removed"),
    ("kept", "Kept"),
    ("skipped", "Skipped"),
    ("error", "Error"),
]


def key_label(key):
    """``("5.2.9.01", "01.04.09")`` -> ``"5.2.9.01 [01.04.09]"``."""
    account, kegiatan = key
    return "%s [%s]" % (account, kegiatan) if kegiatan else account


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
        return _Analysis(self, tables).run()

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


class _Analysis:
    """One reading of a Siskeudes file against the database, for the wizard ``wizard``."""

    def __init__(self, wizard, tables):
        self.wizard = wizard
        self.env = wizard.env
        self.sudo_env = wizard.sudo().env
        self.tables = tables
        self.year = wizard.year
        self.rows = []
        self.codes_to_create = {}  # (code, type) -> name
        self.code_cache = {}
        self.currency = self.env.company.currency_id
        self.source = {}  # (Kd_Desa, line key) -> where the file has it
        self.perdes = {}
        self.kegiatan_names = {}

    # -------------------------------------------------------------- helpers
    def _(self, text, **kw):
        return self.env._(text, **kw)

    def row(self, status, message="", region=None, kind="line", **vals):
        vals.update(status=status, message=message, kind=kind)
        if region:
            vals["region_id"] = region.id
        self.rows.append(vals)
        return vals

    def error(self, message, **vals):
        return self.row("error", message, **vals)

    def table_rows(self, table):
        return self.tables.get(table, ((), []))[1]

    def where(self, table, row):
        return self._("%(table)s row %(row)s", table=table, row=row.get("#", "?"))

    # -------------------------------------------------------------- run
    def run(self):
        if not self.check_tables():
            return self.result({})
        names = self.reference_names()
        desa_codes = self.desa_codes()
        regions = self.map_desa(desa_codes)
        budget = self.read_budget(regions)
        realizations = self.read_realizations(regions) if self.wizard.import_realization else {}
        desa_plans = {}
        for kd_desa, region in regions.items():
            if region:
                desa_plans[region] = self.plan_desa(
                    region,
                    kd_desa,
                    budget.get(kd_desa, {}),
                    realizations.get(kd_desa, {}),
                    names,
                )
        return self.result(desa_plans)

    def result(self, desa_plans):
        codes = sorted(
            (
                (code, account_type, name)
                for (code, account_type), name in self.codes_to_create.items()
            ),
            key=lambda c: (c[1], c[0].count("."), c[0]),
        )
        return {"rows": self.rows, "desa": desa_plans, "codes": codes}

    def check_tables(self):
        ok = True
        for table in siskeudes.REQUIRED_TABLES:
            if table not in self.tables:
                ok = False
                self.error(
                    self._(
                        "Table %(table)s is missing from the file: export it from Siskeudes "
                        "(%(table)s.csv) and add it to the ZIP.",
                        table=table,
                    ),
                    kind="file",
                )
        if self.wizard.import_realization:
            for detail, header, *__ in siskeudes.REALIZATION_SOURCES:
                if (detail in self.tables) != (header in self.tables):
                    ok = False
                    missing = header if detail in self.tables else detail
                    present = detail if detail in self.tables else header
                    self.error(
                        self._(
                            "Table %(missing)s is missing from the file: the realisation in "
                            "%(present)s needs it. Add %(missing)s.csv to the ZIP, or untick "
                            "Import Realisation.",
                            missing=missing,
                            present=present,
                        ),
                        kind="file",
                    )
        for table, (columns, __) in self.tables.items():
            absent = [c for c in siskeudes.TABLE_COLUMNS[table] if c not in columns]
            if absent:
                ok = False
                self.error(
                    self._(
                        "Table %(table)s has no column %(columns)s: export the table again "
                        "from Siskeudes with all its columns.",
                        table=table,
                        columns=", ".join(absent),
                    ),
                    kind="file",
                )
        return ok

    def reference_names(self):
        """Names of account codes (Ref_Rek1..4) and kegiatan (Ta_Kegiatan) in the file."""
        names = {}
        for table, code_col, name_col in (
            ("Ref_Rek1", "akun", "nama_akun"),
            ("Ref_Rek2", "kelompok", "nama_kelompok"),
            ("Ref_Rek3", "jenis", "nama_jenis"),
            ("Ref_Rek4", "obyek", "nama_obyek"),
        ):
            for row in self.table_rows(table):
                if row.get(name_col):
                    names[siskeudes.norm_code(row.get(code_col))] = row[name_col]
        return names

    def year_ok(self, table, row):
        value = (row.get("tahun") or "").strip()
        if value == str(self.year):
            return True
        self.error(
            self._(
                "%(where)s: fiscal year %(found)s, but the import is for %(year)s. Choose the "
                "year of the file, or export the year %(year)s from Siskeudes.",
                where=self.where(table, row),
                found=value or "-",
                year=self.year,
            )
        )
        return False

    def desa_codes(self):
        """Kd_Desa of the file (Ta_Desa), for the import's year, with their Perdes number."""
        codes = []
        for row in self.table_rows("Ta_Desa"):
            if not self.year_ok("Ta_Desa", row):
                continue
            kd_desa = row.get("kd_desa", "")
            if kd_desa and kd_desa not in self.perdes:
                codes.append(kd_desa)
                self.perdes[kd_desa] = row.get("no_perdes", "")
        return codes

    def kabupaten_code(self):
        rows = self.table_rows("Ta_Pemda")
        if not rows:
            return None
        prov = re.sub(r"\D", "", rows[0].get("kd_prov", ""))
        kab = re.sub(r"\D", "", rows[0].get("kd_kab", ""))
        if len(kab) == 4 and kab.startswith(prov):
            kab = kab[2:]
        if len(prov) != 2 or len(kab) != 2:
            return None
        return f"{prov}.{kab}"

    def map_desa(self, desa_codes):
        """Kd_Desa -> desa of the register (or None): the desa whose Siskeudes code is Kd_Desa,
        else the Kemendagri code made of the kabupaten of Ta_Pemda and Kd_Desa
        (``32.05`` + ``02.2001`` = ``32.05.02.2001``). Checks the user's role on each desa."""
        Region = self.sudo_env["kerjasama.region"]
        kabupaten_code = self.kabupaten_code()
        result = {}
        for kd_desa in desa_codes:
            code = siskeudes.norm_code(kd_desa)
            domain = [("siskeudes_code", "=", code), ("level", "=", "desa")]
            if kabupaten_code:
                domain.append(("code", "=like", f"{kabupaten_code}.%"))
            region = Region.search(domain, limit=2)
            if not region and kabupaten_code:
                kemendagri = f"{kabupaten_code}.{code}"
                if level_from_code(kemendagri) == "desa":
                    region = Region.search([("code", "=", kemendagri)], limit=1)
            if len(region) != 1:
                self.error(
                    self._(
                        "Desa code %(code)s of the file is not in the register%(where)s: "
                        "write %(code)s as the Siskeudes code of its desa (Regions), or add "
                        "Ta_Pemda to the ZIP.",
                        code=code,
                        where=self._(" of kabupaten %(kab)s", kab=kabupaten_code)
                        if kabupaten_code
                        else "",
                    )
                    if not region
                    else self._(
                        "Desa code %(code)s is the Siskeudes code of several desa: keep it on "
                        "one desa only.",
                        code=code,
                    ),
                    kind="desa",
                )
                result[kd_desa] = None
                continue
            if not region._filter_desa():
                self.error(
                    self._(
                        "%(region)s is a kelurahan: a kelurahan has no APBDesa.",
                        region=region.display_name,
                    ),
                    region=region,
                    kind="desa",
                )
                result[kd_desa] = None
                continue
            if not self.wizard._kerjasama_has_role(IMPORT_ROLES, regions=region):
                self.error(
                    self._(
                        "You may not import the APBDesa of %(region)s: a treasurer imports "
                        "only his own desa, the DPMD and its administrator the desa of their "
                        "kabupaten.",
                        region=region.display_name,
                    ),
                    region=region,
                    kind="desa",
                )
                result[kd_desa] = None
                continue
            result[kd_desa] = region
        return result

    def split_keg(self, kd_desa, kd_keg):
        """Kegiatan code of ``kd_keg`` without its desa prefix ("" for none), or None."""
        if not kd_keg.startswith(kd_desa):
            return None
        code = siskeudes.norm_code(kd_keg[len(kd_desa) :])
        return "" if siskeudes.is_empty_kegiatan(code) else code

    def keg_error(self, table, row, kd_desa, region):
        self.error(
            self._(
                "%(where)s: activity code %(keg)s does not start with the desa code %(desa)s.",
                where=self.where(table, row),
                keg=row.get("kd_keg"),
                desa=kd_desa,
            ),
            region=region,
        )

    def amount(self, table, row, column):
        try:
            return siskeudes.parse_amount(row.get(column))
        except ValueError:
            self.error(
                self._(
                    "%(where)s: %(value)s in column %(column)s is not an amount.",
                    where=self.where(table, row),
                    value=row.get(column),
                    column=column,
                )
            )
            return None

    def read_budget(self, regions):
        """{Kd_Desa: {(kode rekening, kegiatan): amount}} from Ta_RAB (and Ta_RABRinci)."""
        for row in self.table_rows("Ta_Kegiatan"):
            kd_desa = row.get("kd_desa", "")
            keg = self.split_keg(kd_desa, row.get("kd_keg", ""))
            if keg:
                self.kegiatan_names[keg] = row.get("nama_kegiatan") or keg
        budget = defaultdict(dict)
        for table in ("Ta_RAB", "Ta_RABRinci"):
            sums = defaultdict(float)
            for row in self.table_rows(table):
                kd_desa = row.get("kd_desa", "")
                if kd_desa not in regions:
                    if kd_desa:
                        self.error(
                            self._(
                                "%(where)s: desa %(code)s is not in Ta_Desa of the file for "
                                "%(year)s.",
                                where=self.where(table, row),
                                code=siskeudes.norm_code(kd_desa),
                                year=self.year,
                            )
                        )
                    continue
                if not regions[kd_desa] or not self.year_ok(table, row):
                    continue
                keg = self.split_keg(kd_desa, row.get("kd_keg", ""))
                if keg is None:
                    self.keg_error(table, row, kd_desa, regions[kd_desa])
                    continue
                column = "anggaranstlhpak" if row.get("anggaranstlhpak") else "anggaran"
                value = self.amount(table, row, column)
                if value is None:
                    continue
                key = (siskeudes.norm_code(row.get("kd_rincian")), keg)
                sums[kd_desa, key] += value
                self.source.setdefault((kd_desa, key), self.where(table, row))
            for (kd_desa, key), value in sums.items():
                # the detail (Ta_RABRinci) overrides the line total (Ta_RAB) it details
                budget[kd_desa][key] = value
        return budget

    def read_realizations(self, regions):
        """{Kd_Desa: {(key, reference): {amount, date, description}}}."""
        result = defaultdict(dict)
        for detail, header, number_col, date_col, text_col in siskeudes.REALIZATION_SOURCES:
            if detail not in self.tables:
                continue
            heads = {row.get(number_col): row for row in self.table_rows(header)}
            for row in self.table_rows(detail):
                kd_desa = row.get("kd_desa", "")
                if not regions.get(kd_desa) or not self.year_ok(detail, row):
                    continue
                number = row.get(number_col, "")
                head = heads.get(number)
                if head is None:
                    self.error(
                        self._(
                            "%(where)s: document %(number)s is not in %(header)s.",
                            where=self.where(detail, row),
                            number=number,
                            header=header,
                        ),
                        region=regions[kd_desa],
                        kind="realization",
                    )
                    continue
                if detail == "Ta_SPPRinci" and (head.get("jn_spp") or "").upper() == "UM":
                    continue  # an advance (panjar): realised through its SPJ
                date = siskeudes.parse_date(head.get(date_col))
                if not date or date.year != self.year:
                    self.error(
                        self._(
                            "%(where)s: the date %(date)s of document %(number)s is not a date "
                            "of %(year)s.",
                            where=self.where(header, head),
                            date=head.get(date_col) or "-",
                            number=number,
                            year=self.year,
                        ),
                        region=regions[kd_desa],
                        kind="realization",
                    )
                    continue
                keg = self.split_keg(kd_desa, row.get("kd_keg", ""))
                if keg is None:
                    self.keg_error(detail, row, kd_desa, regions[kd_desa])
                    continue
                value = self.amount(detail, row, "nilai")
                if value is None:
                    continue
                key = (siskeudes.norm_code(row.get("kd_rincian")), keg)
                entry = result[kd_desa].setdefault(
                    (key, number),
                    {
                        "amount": 0.0,
                        "date": date,
                        "description": head.get(text_col, ""),
                        "where": self.where(detail, row),
                    },
                )
                entry["amount"] += value
        return result

    # -------------------------------------------------------------- codes
    def find_code(self, code, account_type):
        key = (code, account_type)
        if key not in self.code_cache:
            self.code_cache[key] = (
                self.sudo_env["kerjasama.account.code"]
                .with_context(active_test=False)
                .search([("code", "=", code), ("account_type", "=", account_type)], limit=1)
            )
        return self.code_cache[key]

    def resolve_code(self, code, account_type, names):
        """The account code record, or ``code`` when it is to be created (from the names of
        the file under a known parent), or None when it is unknown."""
        found = self.find_code(code, account_type)
        if found:
            return found
        if (code, account_type) in self.codes_to_create:
            return code
        chain = []
        current = code
        while current and not self.find_code(current, account_type):
            if (current, account_type) in self.codes_to_create:
                break
            name = names.get(current)
            if not name or "." not in current:
                return None
            chain.append((current, name))
            current = current.rsplit(".", 1)[0]
        for missing, name in chain:
            self.codes_to_create[missing, account_type] = name
        return code

    # -------------------------------------------------------------- per desa
    def plan_desa(self, region, kd_desa, budget, realizations, names):
        Apbdes = self.sudo_env["kerjasama.apbdes"]
        apbdes = Apbdes.search([("region_id", "=", region.id), ("year", "=", self.year)])
        existing = {}
        for line in apbdes.line_ids:
            existing.setdefault((line.account_code or "", line.kegiatan_code or ""), line)
        locked = apbdes.state == "ditetapkan"
        plan = {
            "apbdes": apbdes,
            "perdes": self.perdes.get(kd_desa, ""),
            "lines": [],
            "remove": self.sudo_env["kerjasama.apbdes.line"],
            "realizations": [],
            "kept": {},  # line key -> line absent from the file, kept
            "counts": defaultdict(int),
        }
        label = apbdes.display_name or self._(
            "APBDesa %(desa)s %(year)s", desa=region.name, year=self.year
        )
        new_amounts = {}
        for key in sorted(budget):
            rincian, keg = key
            amount = self.currency.round(budget[key])
            where = self.source.get((kd_desa, key), "")
            account_type = ACCOUNT_TYPE_BY_DIGIT.get(rincian[:1])
            base = {
                "region": region,
                "account_code": rincian,
                "kegiatan_code": keg,
                "amount_new": amount,
            }
            account = account_type and self.resolve_code(rincian, account_type, names)
            if not account:
                self.error(
                    self._(
                        "%(where)s: account code %(code)s is not a Permendagri 20/2018 code "
                        "the suite knows; add it under Account Codes, or add Ref_Rek1..4 to "
                        "the ZIP so that the import can add it.",
                        where=where,
                        code=rincian,
                    ),
                    **base,
                )
                continue
            kegiatan = False
            if keg:
                kegiatan = self.resolve_code(keg, "kegiatan", self.kegiatan_names)
                if not kegiatan:
                    self.error(
                        self._(
                            "%(where)s: activity (kegiatan) %(keg)s is not under a bidang and "
                            "sub bidang of Permendagri 20/2018 the suite knows.",
                            where=where,
                            keg=keg,
                        ),
                        **base,
                    )
                    continue
            elif account_type == "belanja":
                self.error(
                    self._(
                        "%(where)s: expenditure (belanja) %(code)s has no activity (kegiatan).",
                        where=where,
                        code=rincian,
                    ),
                    **base,
                )
                continue
            description = (
                account.name if isinstance(account, models.BaseModel) else names.get(rincian)
            ) or rincian
            line = existing.pop(key, None)
            item = {
                "key": key,
                "account": account,
                "kegiatan": kegiatan,
                "description": description,
                "amount": amount,
                "line": line,
            }
            new_amounts[key] = amount
            base.update(description=description, amount_old=line.amount if line else 0.0)
            if line and not self.currency.compare_amounts(line.amount, amount):
                item["status"] = "unchanged"
                self.row("unchanged", **base)
            elif locked:
                self.error(
                    self._(
                        "%(apbdes)s is approved (ditetapkan): line %(code)s cannot change from "
                        "%(old)s to %(new)s. The village head opens an amendment (perubahan "
                        "APBDesa) first; import again then.",
                        apbdes=label,
                        code=key_label(key),
                        old=format_rupiah(line.amount if line else 0),
                        new=format_rupiah(amount),
                    ),
                    **base,
                )
                continue
            else:
                item["status"] = "changed" if line else "new"
                message = ""
                if line and line.planned_amount and amount < line.planned_amount:
                    message = self._(
                        "Below the %(planned)s planned by agreements on this line.",
                        planned=format_rupiah(line.planned_amount),
                    )
                self.row(item["status"], message, **base)
            plan["counts"][item["status"]] += 1
            plan["lines"].append(item)
        for key, line in existing.items():
            base = {
                "region": region,
                "account_code": key[0],
                "kegiatan_code": key[1],
                "description": line.description,
                "amount_old": line.amount,
                "amount_new": line.amount,
            }
            if line.funding_ids or line.realization_ids:
                self.row(
                    "kept",
                    self._(
                        "Not in Siskeudes; kept: agreements' financing or realisations rest "
                        "on it."
                    ),
                    **base,
                )
            elif self.wizard.remove_missing and not locked:
                plan["remove"] |= line
                self.row(
                    "removed", self._("Not in Siskeudes; removed."), **dict(base, amount_new=0)
                )
                continue
            else:
                self.row("kept", self._("Not in Siskeudes; kept."), **base)
            plan["kept"][key] = line
            new_amounts[key] = line.amount
        self.plan_realizations(plan, region, apbdes, label, realizations, new_amounts)
        return plan

    def plan_realizations(self, plan, region, apbdes, label, realizations, new_amounts):
        if not realizations:
            return
        if not apbdes or apbdes.state == "draft":
            self.row(
                "skipped",
                self._(
                    "%(count)s realisation documents not imported: realisation is recorded "
                    "once the APBDesa is approved (ditetapkan). Import again after approval.",
                    count=len(realizations),
                ),
                region=region,
                kind="realization",
            )
            return
        lines = dict(plan["kept"])
        lines.update({item["key"]: item.get("line") for item in plan["lines"]})
        existing = defaultdict(dict)  # line -> reference -> realisation
        for rea in apbdes.line_ids.realization_ids:
            existing[rea.line_id].setdefault(rea.reference, rea)
        realised = defaultdict(float)  # key -> total after the import
        for line in apbdes.line_ids:
            realised[line.account_code or "", line.kegiatan_code or ""] += line.realized_amount
        for (key, reference), entry in sorted(realizations.items(), key=lambda kv: kv[0]):
            amount = self.currency.round(entry["amount"])
            base = {
                "region": region,
                "kind": "realization",
                "account_code": key[0],
                "kegiatan_code": key[1],
                "reference": reference,
                "description": entry["description"],
                "amount_new": amount,
            }
            if key not in new_amounts:
                self.error(
                    self._(
                        "%(where)s: realisation %(ref)s is on %(code)s, which has no line in "
                        "the APBDesa.",
                        where=entry["where"],
                        ref=reference,
                        code=key_label(key),
                    ),
                    **base,
                )
                continue
            if amount <= 0:
                continue
            line = lines.get(key)
            rea = existing[line].get(reference) if line else None
            base["amount_old"] = rea.amount if rea else 0.0
            if rea and not self.currency.compare_amounts(rea.amount, amount):
                self.row("unchanged", **base)
                continue
            realised[key] += amount - (rea.amount if rea else 0.0)
            status = "changed" if rea else "new"
            plan["realizations"].append(
                {
                    "key": key,
                    "reference": reference,
                    "date": entry["date"],
                    "description": entry["description"],
                    "amount": amount,
                    "realization": rea,
                    "status": status,
                }
            )
            plan["counts"]["realizations"] += 1
            self.row(status, **base)
        for key, total in realised.items():
            spending = key[0].startswith("5") or key[0].startswith("6.2")
            if spending and self.currency.compare_amounts(total, new_amounts.get(key, 0)) > 0:
                self.error(
                    self._(
                        "%(apbdes)s: the realisation of %(code)s would total %(total)s, above "
                        "its budget of %(budget)s.",
                        apbdes=label,
                        code=key_label(key),
                        total=format_rupiah(total),
                        budget=format_rupiah(new_amounts.get(key, 0)),
                    ),
                    region=region,
                    kind="realization",
                    account_code=key[0],
                    kegiatan_code=key[1],
                )
