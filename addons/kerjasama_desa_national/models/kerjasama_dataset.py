import json
from datetime import datetime

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import file_open

SCHEMA_VERSION = "1.0"
SCHEMA_PATH = "kerjasama_desa_national/static/schema/kerjasama-dataset-1.0.schema.json"


def _date(value):
    return fields.Date.to_string(fields.Date.to_date(value)) if value else None


def _utc(value):
    """An Odoo (naive UTC) datetime as the dataset's ``YYYY-MM-DDTHH:MM:SSZ``."""
    return value.replace(microsecond=0).isoformat() + "Z" if value else None


def parse_utc(value):
    """The dataset's UTC timestamp back as a naive Odoo datetime (None when empty)."""
    if not value:
        return None
    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")


class KerjasamaDataset(models.AbstractModel):
    """The national exchange format of the register of kerja sama desa.

    Carries what the Kemendagri's penataan kerja sama desa asks of every kabupaten: a national
    database keyed on the Kemendagri region codes and the register numbers (Permendagri
    96/2017: the agreements, their parties, the financing out of APBDesa, the implementation
    reports, disputes and evaluations). The format is the JSON Schema shipped in
    ``static/schema``; an export is read under the caller's own access rules, so an API key
    gives exactly what its user may see.
    """

    _name = "kerjasama.dataset"
    _description = "Cooperation Dataset (National Exchange Format)"

    @api.model
    def _dataset_schema(self):
        with file_open(SCHEMA_PATH) as schema_file:
            return json.load(schema_file)

    @api.model
    def _dataset_validate(self, data):
        """Raise ``UserError`` (in the user's language) when ``data`` does not follow the schema."""
        import jsonschema

        validator = jsonschema.Draft202012Validator(self._dataset_schema())
        errors = sorted(validator.iter_errors(data), key=lambda error: list(error.path))
        if errors:
            first = errors[0]
            raise UserError(
                self.env._(
                    "The dataset does not follow the schema %(version)s (%(count)s errors); "
                    "first at %(path)s: %(message)s",
                    version=SCHEMA_VERSION,
                    count=len(errors),
                    path="/".join(str(step) for step in first.path) or "/",
                    message=first.message,
                )
            )
        return True

    @api.model
    def _dataset_domain(self, regions=None, date_from=None, date_to=None, since=None):
        """Registered agreements of ``regions`` running in the period, changed after ``since``."""
        domain = [("name", "!=", "/")]
        if regions:
            domain.append(("region_ids", "child_of", regions.ids))
        if date_to:
            domain += ["|", ("date_start", "=", False), ("date_start", "<=", date_to)]
        if date_from:
            domain += ["|", ("date_end", "=", False), ("date_end", ">=", date_from)]
        if since:
            changed = self._dataset_changed_agreements(since)
            domain.append(("id", "in", changed))
        return domain

    @api.model
    def _dataset_changed_agreements(self, since):
        """Ids of the agreements of which the record or a line changed after ``since``."""
        ids = set(self.env["kerjasama.agreement"]._search([("write_date", ">", since)]))
        for model in (
            "kerjasama.agreement.party",
            "kerjasama.agreement.funding",
            "kerjasama.implementation.report",
            "kerjasama.dispute",
            "kerjasama.evaluation",
        ):
            groups = self.env[model]._read_group(
                [("write_date", ">", since)], groupby=["agreement_id"]
            )
            ids.update(agreement.id for (agreement,) in groups)
        return list(ids)

    @api.model
    def _dataset_export(self, regions=None, date_from=None, date_to=None, since=None):
        """The dataset (a dict following the schema) of what the current user may read."""
        now = fields.Datetime.now()
        Agreement = self.env["kerjasama.agreement"]
        domain = self._dataset_domain(regions, date_from, date_to, since)
        agreements = Agreement.search(domain, order="id")
        payload = [self._dataset_agreement(agreement) for agreement in agreements]
        return {
            "schema_version": SCHEMA_VERSION,
            "source": {
                "name": self.env.company.name,
                "database": self.env.cr.dbname,
                "url": self.env["ir.config_parameter"].sudo().get_param("web.base.url"),
            },
            "generated_at": _utc(now),
            "since": _utc(since),
            "incremental": bool(since),
            "region_codes": regions.mapped("code") if regions else [],
            "period": {"date_from": _date(date_from), "date_to": _date(date_to)},
            "agreements": payload,
        }

    @api.model
    def _dataset_agreement(self, agreement):
        shares = {}
        for line in agreement.funding_ids:
            share = shares.setdefault(line.party_id.id, {"contribution": 0.0, "income": 0.0})
            share[line.flow] += line.amount
        return {
            "register_number": agreement.name,
            "document_number": agreement.document_number or None,
            "title": agreement.title,
            "kind": agreement.kind,
            "instrument": agreement.instrument or None,
            "initiative": agreement.initiative or None,
            "bidang_code": agreement.bidang_id.code or None,
            "bidang": agreement.bidang_id.name or None,
            "sub_bidang_code": agreement.sub_bidang_id.code or None,
            "sub_bidang": agreement.sub_bidang_id.name or None,
            "kewenangan": agreement.kewenangan or None,
            "state": agreement.state,
            "kabupaten_code": agreement.kabupaten_id.code or None,
            "kecamatan_codes": agreement.kecamatan_ids.mapped("code"),
            "coverage": agreement.coverage or None,
            "offer_date": _date(agreement.offer_date),
            "date_start": _date(agreement.date_start),
            "date_end": _date(agreement.date_end),
            "signing_date": _date(agreement.signing_date),
            "evaluation_date": _date(agreement.evaluation_date),
            "evaluation_result": agreement.evaluation_result or None,
            "termination_date": _date(agreement.termination_date),
            "bkad": agreement.bkad_id
            and {
                "name": agreement.bkad_id.name,
                "member_codes": agreement.bkad_id.member_region_ids.mapped("code"),
            }
            or None,
            "amount_total": agreement.amount_total or 0.0,
            "parties": [
                {
                    "party_kind": party.party_kind,
                    "desa_code": party.region_id.code or None,
                    "name": party.region_id.display_name
                    if party.party_kind == "desa" and party.region_id
                    else party.partner_id.name or "",
                    "pihak_ketiga_type": party.partner_id.kerjasama_party_type or None,
                    "signatory_name": party.signatory_name or None,
                    "signatory_office": party.signatory_title or None,
                    "signed_date": _date(party.signed_date),
                    "document_number": party.document_number or None,
                    **shares.get(party.id, {"contribution": 0.0, "income": 0.0}),
                }
                for party in agreement.party_ids
            ],
            "funding": [
                {
                    "desa_code": line.party_id.region_id.code or None,
                    "flow": line.flow,
                    "source": line.source,
                    "amount": line.amount or 0.0,
                    "apbdes_year": line.apbdes_line_id.year or None,
                    "apbdes_account_code": line.apbdes_line_id.account_code or None,
                    "apbdes_kegiatan_code": line.apbdes_line_id.kegiatan_code or None,
                    "realized_amount": line.realized_amount or 0.0,
                }
                for line in agreement.funding_ids
            ],
            "reports": [
                {
                    "number": report.number or None,
                    "period_start": _date(report.period_start),
                    "period_end": _date(report.period_end),
                    "date_due": _date(report.date_due),
                    "date_submitted": _date(report.date_submitted),
                    "state": report.state,
                }
                for report in agreement.report_ids
            ],
            "disputes": [
                {
                    "date": _date(dispute.date),
                    "state": dispute.state,
                    "stage": dispute.stage,
                    "date_settled": _date(dispute.date_settled),
                }
                for dispute in agreement.dispute_ids
            ],
            "evaluations": [
                {
                    "date": _date(evaluation.date),
                    "period_start": _date(evaluation.period_start),
                    "period_end": _date(evaluation.period_end),
                    "score_total": evaluation.score_total,
                    "category": evaluation.category or None,
                    "state": evaluation.state,
                }
                for evaluation in agreement.evaluation_ids
            ],
            "write_date": _utc(agreement.write_date),
        }

    # ------------------------------------------------------------ open data

    OPEN_DATA_SHEETS = {
        "agreements": [
            "register_number",
            "document_number",
            "title",
            "kind",
            "instrument",
            "bidang_code",
            "bidang",
            "kewenangan",
            "state",
            "kabupaten_code",
            "kecamatan_codes",
            "desa_codes",
            "coverage",
            "date_start",
            "date_end",
            "signing_date",
            "bkad",
            "amount_total",
            "reports_due",
            "reports_submitted",
            "disputes_open",
            "evaluation_score",
        ],
        "parties": [
            "register_number",
            "party_kind",
            "desa_code",
            "name",
            "pihak_ketiga_type",
            "signatory_name",
            "signatory_office",
            "signed_date",
            "document_number",
            "contribution",
            "income",
        ],
        "funding": [
            "register_number",
            "desa_code",
            "flow",
            "source",
            "amount",
            "apbdes_year",
            "apbdes_account_code",
            "apbdes_kegiatan_code",
            "realized_amount",
        ],
    }

    @api.model
    def _dataset_open_rows(self, data):
        """The dataset as flat tables (sheet name -> list of row dicts) for CSV/XLSX."""
        rows = {sheet: [] for sheet in self.OPEN_DATA_SHEETS}
        for record in data["agreements"]:
            number = record["register_number"]
            done = [e for e in record["evaluations"] if e["state"] == "done"]
            rows["agreements"].append(
                {
                    **record,
                    "kecamatan_codes": " ".join(record["kecamatan_codes"]),
                    "desa_codes": " ".join(
                        p["desa_code"] for p in record["parties"] if p["desa_code"]
                    ),
                    "bkad": record["bkad"]["name"] if record["bkad"] else None,
                    "reports_due": sum(1 for r in record["reports"] if r["state"] == "draft"),
                    "reports_submitted": sum(1 for r in record["reports"] if r["state"] != "draft"),
                    "disputes_open": sum(
                        1 for d in record["disputes"] if d["state"] not in ("settled", "failed")
                    ),
                    "evaluation_score": done[-1]["score_total"] if done else None,
                }
            )
            rows["parties"] += [{"register_number": number, **p} for p in record["parties"]]
            rows["funding"] += [{"register_number": number, **f} for f in record["funding"]]
        return rows
