import csv
import io
import logging
import time

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..models.kerjasama_region import level_from_code, village_type_from_code
from .kerjasama_region_load_kabupaten import (
    clean_name,
    kabupaten_catalogue,
    read_region_file,
)

_logger = logging.getLogger(__name__)

TMP_TABLE = "kerjasama_region_load_tmp"
LEVELS = ("provinsi", "kabupaten", "kecamatan", "desa")


class KerjasamaRegionLoad(models.TransientModel):
    """Load the Kemendagri region codes (Kepmendagri No. 300.2.2-2138 Tahun 2025) shipped with
    the addon, for one or more kabupaten/kota or for all of Indonesia.

    Set-based SQL: ids, parents, ``parent_path`` and ancestor shortcuts are prepared in
    memory, the rows are copied (``COPY``) into a temporary table, then upserted on the
    unique code in one statement (existing codes keep their ids and get the official names).
    """

    _name = "kerjasama.region.load"
    _description = "Load Regions"

    scope = fields.Selection(
        [("kabupaten", "Selected regencies/cities"), ("all", "All of Indonesia")],
        default="kabupaten",
        required=True,
    )
    kabupaten_ids = fields.Many2many(
        "kerjasama.region.load.kabupaten",
        string="Regencies/Cities",
        domain=lambda self: [("create_uid", "=", self.env.uid)],
        help="Type a name, a code (32.05) or a province to find a regency/city.",
    )

    @api.model
    def default_get(self, fields_list):
        self._check_load_access()
        self.env["kerjasama.region.load.kabupaten"]._ensure_options()
        return super().default_get(fields_list)

    def action_load(self):
        self.ensure_one()
        if self.scope == "kabupaten" and not self.kabupaten_ids:
            raise UserError(self.env._("Choose at least one regency/city to load."))
        codes = None if self.scope == "all" else self.kabupaten_ids.mapped("code")
        counts = self.load_regions(kabupaten_codes=codes)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "kerjasama_desa.kerjasama_region_action"
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Regions loaded"),
                "message": self.env._(
                    "%(total)s regions read: %(created)s created, %(updated)s updated, "
                    "%(unchanged)s unchanged.",
                    **counts,
                ),
                "type": "success",
                "sticky": False,
                "next": action,
            },
        }

    # ------------------------------------------------------------------
    # Loading
    # ------------------------------------------------------------------
    @api.model
    def _check_load_access(self):
        if not (
            self.env.is_superuser()
            or self.env.user.has_group("kerjasama_desa.kerjasama_desa_group_admin")
        ):
            raise AccessError(
                self.env._("Only a Kerja Sama Desa administrator may load the region list.")
            )

    @api.model
    def _region_rows(self, kabupaten_codes=None):
        """Rows (code, name, level, village_type, parent code, is_kota) of the regions of the
        given kabupaten codes (all of Indonesia when None), parents before children."""
        wanted = set(kabupaten_codes) if kabupaten_codes is not None else None
        if wanted is not None:
            known = {row[0] for row in kabupaten_catalogue()}
            unknown = sorted(wanted - known)
            if unknown:
                raise UserError(
                    self.env._(
                        "Unknown regency/city code(s) in the Kepmendagri 2025 list: %(codes)s.",
                        codes=", ".join(unknown),
                    )
                )
        rows = {}
        type_by_label = {
            "DESA": "desa",
            "KELURAHAN": "kelurahan",
            "DESA ADAT": "desa_adat",
        }
        for row in read_region_file():
            kab = row["kode_kabupaten"]
            if wanted is not None and kab not in wanted:
                continue
            prov, kec, desa = (
                row["kode_provinsi"],
                row["kode_kecamatan"],
                row["kode_desa"],
            )
            is_kota = int(kab[3:5]) >= 71
            if prov not in rows:
                rows[prov] = (
                    prov,
                    clean_name(row["nama_provinsi"]),
                    "provinsi",
                    None,
                    None,
                    False,
                )
            if kab not in rows:
                rows[kab] = (
                    kab,
                    clean_name(row["nama_kabupaten"]),
                    "kabupaten",
                    None,
                    prov,
                    is_kota,
                )
            if kec not in rows:
                rows[kec] = (
                    kec,
                    clean_name(row["nama_kecamatan"]),
                    "kecamatan",
                    None,
                    kab,
                    is_kota,
                )
            village_type = type_by_label.get(row["tipe"]) or village_type_from_code(desa)
            rows[desa] = (
                desa,
                clean_name(row["nama_desa"]),
                "desa",
                village_type,
                kec,
                is_kota,
            )
        for code, (_code, name, level, *_rest) in rows.items():
            if level_from_code(code) != level or not name:
                raise UserError(
                    self.env._("The region file has a malformed row: %(code)s.", code=code)
                )
        return list(rows.values())

    @api.model
    def load_regions(self, kabupaten_codes=None):
        """Load (create or update) the regions of ``kabupaten_codes`` from the shipped file,
        or of all of Indonesia when ``kabupaten_codes`` is None. Idempotent.

        Existing codes keep their ids (regions created earlier, e.g. demo data); their name,
        kind and hierarchy columns are updated when they differ. New codes get ids from the
        model's sequence; ``parent_id``, ``parent_path`` and the ancestor shortcuts are
        computed here; only new or changed rows are written, once, by one
        ``INSERT ... ON CONFLICT (code)``.

        :return: dict with the counts ``total`` (rows read), ``created``, ``updated``
            (existing codes whose name or kind changed) and ``unchanged``.
        """
        self._check_load_access()
        started = time.monotonic()
        rows = self._region_rows(kabupaten_codes)
        Region = self.env["kerjasama.region"]
        Region.flush_model()
        table = SQL.identifier(Region._table)

        # ids of the codes that exist already, and fresh ids for the others
        existing = {
            code: values
            for code, *values in self.env.execute_query(
                SQL(
                    """SELECT code, id, name, village_type, is_kota, parent_id, parent_path,
                              provinsi_id, kabupaten_id, kecamatan_id
                         FROM %s WHERE code = ANY(%s)""",
                    table,
                    [row[0] for row in rows],
                )
            )
        }
        new_codes = [row[0] for row in rows if row[0] not in existing]
        new_ids = self.env.execute_query(
            SQL(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                Region._table,
                len(new_codes),
            )
        )
        id_by_code = {code: values[0] for code, values in existing.items()}
        id_by_code.update(zip(new_codes, (new_id for (new_id,) in new_ids)))
        updated = sum(
            1
            for code, name, _level, village_type, *_rest in rows
            if code in existing and existing[code][1:3] != [name, village_type]
        )

        # hierarchy columns, level by level so that every parent has its path first
        path_by_code = {}
        records = []
        for code, name, level, village_type, parent, is_kota in sorted(
            rows, key=lambda row: LEVELS.index(row[2])
        ):
            region_id = id_by_code[code]
            path = f"{path_by_code[parent] if parent else ''}{region_id}/"
            path_by_code[code] = path
            ancestors = [int(part) for part in path.split("/")[:-1]]
            depth = LEVELS.index(level)
            values = [
                region_id,
                name,
                village_type,
                is_kota,
                id_by_code[parent] if parent else None,
                path,
                ancestors[0],
                ancestors[1] if depth >= 1 else None,
                ancestors[2] if depth >= 2 else None,
            ]
            if existing.get(code) != values:  # unchanged rows are not sent again
                records.append((code, level, *values))

        if records:
            self._upsert_regions(records)
        self.env.invalidate_all()

        counts = {
            "total": len(rows),
            "created": len(new_codes),
            "updated": updated,
            "unchanged": len(rows) - len(new_codes) - updated,
        }
        _logger.info(
            "Loaded regions %s in %.2fs: %s",
            "of all Indonesia" if kabupaten_codes is None else ", ".join(kabupaten_codes),
            time.monotonic() - started,
            counts,
        )
        return counts

    @api.model
    def _upsert_regions(self, records):
        """Write the prepared rows (code, level, id, name, village_type, is_kota, parent_id,
        parent_path, provinsi_id, kabupaten_id, kecamatan_id): ``COPY`` into a temporary
        table, then one upsert on the unique code (existing codes keep their ids)."""
        cr = self.env.cr
        table = SQL.identifier(self.env["kerjasama.region"]._table)
        tmp = SQL.identifier(TMP_TABLE)
        cr.execute(SQL("DROP TABLE IF EXISTS %s", tmp))
        cr.execute(
            SQL(
                """CREATE TEMP TABLE %s (
                       code varchar, level varchar, id integer, name varchar,
                       village_type varchar, is_kota boolean, parent_id integer,
                       parent_path varchar, provinsi_id integer, kabupaten_id integer,
                       kecamatan_id integer
                   ) ON COMMIT DROP""",
                tmp,
            )
        )
        buffer = io.StringIO()
        csv.writer(buffer).writerows(records)
        buffer.seek(0)
        cr.copy_expert(f"COPY {TMP_TABLE} FROM STDIN WITH (FORMAT csv)", buffer)

        # one upsert on the unique code: new rows inserted, changed rows updated, ids kept
        cr.execute(
            SQL(
                """INSERT INTO %(table)s AS r
                       (id, code, name, level, village_type, is_kota, parent_id, parent_path,
                        provinsi_id, kabupaten_id, kecamatan_id, active,
                        create_uid, create_date, write_uid, write_date)
                   SELECT t.id, t.code, t.name, t.level, t.village_type, t.is_kota, t.parent_id,
                          t.parent_path, t.provinsi_id, t.kabupaten_id, t.kecamatan_id, TRUE,
                          %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC'
                     FROM %(tmp)s t
                    ORDER BY t.id
                   ON CONFLICT (code) DO UPDATE
                      SET name = EXCLUDED.name,
                          village_type = EXCLUDED.village_type,
                          is_kota = EXCLUDED.is_kota,
                          parent_id = EXCLUDED.parent_id,
                          parent_path = EXCLUDED.parent_path,
                          provinsi_id = EXCLUDED.provinsi_id,
                          kabupaten_id = EXCLUDED.kabupaten_id,
                          kecamatan_id = EXCLUDED.kecamatan_id,
                          write_uid = EXCLUDED.write_uid,
                          write_date = EXCLUDED.write_date
                    WHERE (r.name, r.village_type, r.is_kota, r.parent_id, r.parent_path,
                           r.provinsi_id, r.kabupaten_id, r.kecamatan_id)
                          IS DISTINCT FROM
                          (EXCLUDED.name, EXCLUDED.village_type, EXCLUDED.is_kota,
                           EXCLUDED.parent_id, EXCLUDED.parent_path, EXCLUDED.provinsi_id,
                           EXCLUDED.kabupaten_id, EXCLUDED.kecamatan_id)""",
                table=table,
                tmp=tmp,
                uid=self.env.uid,
            )
        )
        cr.execute(SQL("DROP TABLE %s", tmp))
