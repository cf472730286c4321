"""The analysis of a Siskeudes import: one reading of the file against the database (what is
new, changed, unchanged, removed or kept, and why a row cannot be imported), used by the
preview and repeated by the confirmation of ``kerjasama.apbdes.siskeudes.import``."""

import re
from collections import defaultdict

from odoo import models

from ..models.kerjasama_region import level_from_code
from ..tools import siskeudes
from ..tools.formatting import format_rupiah

# who imports: the treasurer for his own desa, the DPMD and its administrator for the desa of
# their kabupaten (and the national administrator everywhere)
IMPORT_ROLES = ("bendahara", "dpmd", "admin")
ACCOUNT_TYPE_BY_DIGIT = {"4": "pendapatan", "5": "belanja", "6": "pembiayaan"}


def key_label(key):
    """``("5.2.9.01", "01.04.09")`` -> ``"5.2.9.01 [01.04.09]"``."""
    account, kegiatan = key
    return "%s [%s]" % (account, kegiatan) if kegiatan else account


class SiskeudesAnalysis:
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
