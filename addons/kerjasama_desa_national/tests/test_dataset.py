from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import KerjasamaNationalCommon


@tagged("post_install", "-at_install")
class TestDataset(KerjasamaNationalCommon):
    def _export(self, user=None, **kwargs):
        Dataset = self.env["kerjasama.dataset"]
        if user:
            Dataset = Dataset.with_user(user)
        return Dataset._dataset_export(**kwargs)

    def test_export_follows_schema(self):
        data = self._export()
        self.env["kerjasama.dataset"]._dataset_validate(data)
        numbers = {record["register_number"] for record in data["agreements"]}
        self.assertIn(self.agreement_antar.name, numbers)
        self.assertNotIn(self.draft.name, numbers, "only registered agreements")
        record = next(
            r for r in data["agreements"] if r["register_number"] == self.agreement_antar.name
        )
        self.assertEqual(record["kabupaten_code"], "99.01")
        self.assertEqual(
            sorted(p["desa_code"] for p in record["parties"]), ["99.01.01.2001", "99.01.01.2002"]
        )
        self.assertEqual(sorted(p["contribution"] for p in record["parties"]), [25e6, 40e6])
        self.assertEqual(record["amount_total"], self.agreement_antar.amount_total)
        # no personal data beyond officials' names and offices
        self.assertNotIn("phone", str(data))
        self.assertNotIn("email", str(data))

    def test_schema_rejects_a_broken_dataset(self):
        data = self._export()
        data["agreements"][0]["state"] = "entah"
        with self.assertRaises(UserError):
            self.env["kerjasama.dataset"]._dataset_validate(data)
        del data["agreements"]
        with self.assertRaises(UserError):
            self.env["kerjasama.dataset"]._dataset_validate(data)

    def test_schema_enums_follow_the_models(self):
        schema = self.env["kerjasama.dataset"]._dataset_schema()
        defs = schema["$defs"]
        pairs = [
            (defs["agreement"]["properties"]["state"]["enum"], "kerjasama.agreement", "state"),
            (defs["agreement"]["properties"]["kind"]["enum"], "kerjasama.agreement", "kind"),
            (defs["funding"]["properties"]["flow"]["enum"], "kerjasama.agreement.funding", "flow"),
            (
                defs["funding"]["properties"]["source"]["enum"],
                "kerjasama.agreement.funding",
                "source",
            ),
            (
                defs["report"]["properties"]["state"]["enum"],
                "kerjasama.implementation.report",
                "state",
            ),
            (defs["dispute"]["properties"]["state"]["enum"], "kerjasama.dispute", "state"),
            (defs["dispute"]["properties"]["stage"]["enum"], "kerjasama.dispute", "stage"),
        ]
        for enum, model, field in pairs:
            keys = [
                key
                for key, _label in self.env[model]._fields[field]._description_selection(self.env)
            ]
            self.assertEqual(sorted(v for v in enum if v), sorted(keys), f"{model}.{field}")

    def test_export_is_scoped_to_the_user(self):
        data = self._export(user=self.user_dpmd_other)
        self.assertEqual(
            [r["register_number"] for r in data["agreements"]], [self.agreement_other.name]
        )
        data = self._export(user=self.user_kades_a1)
        self.assertEqual(
            [r["register_number"] for r in data["agreements"]], [self.agreement_antar.name]
        )
        # a region filter never widens what the user may read
        data = self._export(user=self.user_kades_a1, regions=self.region_kabupaten_other)
        self.assertEqual(data["agreements"], [])

    def test_region_period_and_since(self):
        data = self._export(regions=self.region_kecamatan_b)
        self.assertEqual(
            [r["register_number"] for r in data["agreements"]], [self.agreement_swasta.name]
        )
        data = self._export(date_from="2090-01-01")
        self.assertEqual(data["agreements"], [], "no agreement runs in 2090")
        stamp = self.env.cr.now()
        data = self._export(since=stamp)
        self.assertEqual(data["agreements"], [])
        self.assertTrue(data["incremental"])

    def test_round_trip_gives_the_same_figures_by_region(self):
        data = self._export()
        source = self.env["kerjasama.national.source"].create(
            {"name": "Salinan", "url": "http://127.0.0.1:9"}
        )
        created, updated = source._pull_apply(data, self.env.cr.now())
        registered = self.env["kerjasama.agreement"].search_count([("name", "!=", "/")])
        self.assertEqual((created, updated), (registered, 0))
        self.assertEqual(source._pull_apply(data, self.env.cr.now()), (0, 0), "idempotent")
        Agreement = self.env["kerjasama.agreement"]
        expected = {
            kabupaten.code: (count, amount)
            for kabupaten, count, amount in Agreement._read_group(
                [("name", "!=", "/")], ["kabupaten_id"], ["__count", "amount_total:sum"]
            )
        }
        mirrored = {
            kabupaten.code: (count, amount)
            for kabupaten, count, amount in self.env["kerjasama.national.agreement"]._read_group(
                [("source_id", "=", source.id)], ["kabupaten_id"], ["__count", "amount_total:sum"]
            )
        }
        self.assertEqual(mirrored, expected)
        by_desa = {
            (region, flow): amount
            for region, flow, amount in self.env["kerjasama.agreement.funding"]._read_group(
                [("agreement_id.name", "!=", "/"), ("region_id", "!=", False)],
                ["region_id", "flow"],
                ["amount:sum"],
            )
        }
        mirrored_desa = {}
        for region, contribution, income in self.env["kerjasama.national.party"]._read_group(
            [("source_id", "=", source.id), ("party_kind", "=", "desa")],
            ["region_id"],
            ["contribution:sum", "income:sum"],
        ):
            if contribution:
                mirrored_desa[region, "contribution"] = contribution
            if income:
                mirrored_desa[region, "income"] = income
        by_desa = {key: amount for key, amount in by_desa.items() if amount}
        self.assertEqual(mirrored_desa, by_desa)

    def test_mirror_is_read_only(self):
        data = self._export()
        source = self.env["kerjasama.national.source"].create(
            {"name": "Salinan", "url": "http://127.0.0.1:9"}
        )
        source._pull_apply(data, self.env.cr.now())
        row = source.national_agreement_ids[:1]
        with self.assertRaises(UserError):
            row.write({"title": "Dipalsukan"})
        with self.assertRaises(UserError):
            row.unlink()

    def test_open_data_files(self):
        import csv
        import io

        import openpyxl

        Wizard = self.env["kerjasama.dataset.export"].with_user(self.user_dpmd)
        for file_format in ("json", "csv", "xlsx"):
            wizard = Wizard.create(
                {"file_format": file_format, "region_ids": [self.region_kabupaten.id]}
            )
            action = wizard.action_export()
            attachment = self.env["ir.attachment"].browse(
                int(action["url"].split("/")[3].split("?")[0])
            )
            content = attachment.raw
            if file_format == "json":
                import json

                self.env["kerjasama.dataset"]._dataset_validate(json.loads(content))
            elif file_format == "csv":
                rows = list(csv.DictReader(io.StringIO(content.decode())))
                self.assertEqual(
                    sorted(r["register_number"] for r in rows),
                    sorted((self.agreement_antar | self.agreement_swasta).mapped("name")),
                )
                self.assertEqual(
                    sum(float(r["amount_total"]) for r in rows),
                    self.agreement_antar.amount_total + self.agreement_swasta.amount_total,
                )
            else:
                book = openpyxl.load_workbook(io.BytesIO(content))
                self.assertEqual(book.sheetnames, ["agreements", "parties", "funding"])
                funding = list(book["funding"].iter_rows(min_row=2, values_only=True))
                self.assertEqual(sum(row[4] for row in funding), 80_000_000)
