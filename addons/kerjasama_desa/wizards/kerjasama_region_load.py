import csv
import gzip
import logging
import time

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL
from odoo.tools.misc import file_path

from .kerjasama_region_load_kabupaten import REGION_FILE

_logger = logging.getLogger(__name__)

RAW_TABLE = "kerjasama_region_load_raw"
STAGE_TABLE = "kerjasama_region_load_stage"
# the distinct (kecamatan, kabupaten, provinsi) of the file's rows, and the provinsi, kabupaten
# and kecamatan resolved from them
GROUP_TABLE = "kerjasama_region_load_group"
UPPER_TABLE = "kerjasama_region_load_upper"
FILE_COLUMNS = (
    "kode_desa",
    "nama_desa",
    "kode_kecamatan",
    "nama_kecamatan",
    "kode_kabupaten",
    "nama_kabupaten",
    "kode_provinsi",
    "nama_provinsi",
    "tipe",
)
# key of the transaction-level advisory lock that serialises two loads of the region list
LOCK_KEY = 7_305_118_002
# above this many villages, the wizard loads in the background (cron job)
BACKGROUND_VILLAGES_DEFAULT = 5000
BACKGROUND_PARAM = "kerjasama_desa.region_load_background_villages"
# a load of at least this many new regions, more than BULK_RATIO times the regions in place,
# inserts into the bare table and rebuilds its indexes and foreign keys afterwards
BULK_MIN_ROWS = 20000
BULK_RATIO = 3
# PostgreSQL settings for the load's statements (the previous values are restored after)
LOAD_SETTINGS = {"jit": "off", "work_mem": "64MB", "enable_mergejoin": "off"}


def _clean(name):
    """SQL of a source name with its stray spaces collapsed (as ``clean_name``)."""
    return SQL(
        r"CASE WHEN %s ~ '^\S+( \S+)*$' THEN %s ELSE regexp_replace(btrim(%s), '\s+', ' ', 'g') END",
        name,
        name,
        name,
    )


# parent_path of a staged row: the villages' rows carry the path of their kecamatan
PATH = SQL("CASE s.level WHEN 'desa' THEN s.parent_path || s.id || '/' ELSE s.parent_path END")


class KerjasamaRegionLoad(models.TransientModel):
    """Load the Kemendagri region codes (Kepmendagri No. 300.2.2-2138 Tahun 2025) shipped with
    the addon, for one or more kabupaten/kota or for all of Indonesia.

    Set-based SQL from end to end: the shipped file is copied (``COPY``) into a temporary
    staging table, checked there, then the new codes are inserted and the changed ones
    updated by one statement each; ids, parents, ``parent_path`` and the ancestor shortcuts
    are resolved in SQL from the code prefixes. Large loads started from the wizard run in
    the background (``kerjasama.region.load.job``).
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
        self._check_load_access()
        codes = None if self.scope == "all" else self.kabupaten_ids.mapped("code")
        if self._runs_in_background():
            job = self.env["kerjasama.region.load.job"]._enqueue(codes)
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "title": self.env._("Loading regions in the background"),
                    "message": self.env._(
                        "%(job)s: you will be notified when the regions are loaded.",
                        job=job.display_name,
                    ),
                    "type": "info",
                    "sticky": False,
                    "next": {
                        "type": "ir.actions.act_window",
                        "res_model": job._name,
                        "res_id": job.id,
                        "views": [[False, "form"]],
                        "target": "current",
                    },
                },
            }
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

    def _runs_in_background(self):
        """Whether this load is large enough (more villages than the system parameter
        ``kerjasama_desa.region_load_background_villages``, 5,000 by default) to run as a
        background job rather than in the HTTP request."""
        self.ensure_one()
        threshold = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param(BACKGROUND_PARAM, BACKGROUND_VILLAGES_DEFAULT)
        )
        if self.scope == "all":
            return True
        villages = sum(self.kabupaten_ids.mapped("village_count"))
        return villages > threshold

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
    def load_regions(self, kabupaten_codes=None, progress=None):
        """Load (create or update) the regions of ``kabupaten_codes`` from the shipped file,
        or of all of Indonesia when ``kabupaten_codes`` is None. Idempotent.

        Existing codes keep their ids (regions created earlier, e.g. demo data); their name,
        kind and hierarchy columns are updated when they differ. New codes get ids from the
        model's sequence. Everything is compared and written in SQL: the file is copied into
        a staging table, checked (a malformed row stops the load with its line and code),
        then one ``INSERT ... SELECT`` of the new codes and one ``UPDATE ... FROM`` of the
        changed ones; the ORM cache is invalidated and the records depending on a changed
        region are marked for recomputation.

        :param progress: optional callable receiving the percentage done (0-100)
        :return: dict with the counts ``total`` (regions read), ``created``, ``updated``
            (existing codes whose name or kind changed) and ``unchanged``.
        """
        self._check_load_access()
        started = time.monotonic()
        progress = progress or (lambda percent: None)
        Region = self.env["kerjasama.region"]
        Region.flush_model()
        cr = self.env.cr
        cr.execute(SQL("SELECT pg_advisory_xact_lock(%s)", LOCK_KEY))
        # the staging tables are not analysed: no JIT compilation on wild estimates, hash
        # joins rather than sorting the villages for a merge join, and enough memory to hash
        # a hundred thousand rows without spilling to disk
        settings = dict.fromkeys(LOAD_SETTINGS)
        for name, value in LOAD_SETTINGS.items():
            settings[name] = self.env.execute_query(
                SQL("SELECT current_setting(%s), set_config(%s, %s, true)", name, name, value)
            )[0][0]

        self._copy_region_file()
        progress(20)
        self._check_raw_rows(kabupaten_codes)
        progress(35)
        total = self._build_stage()
        progress(55)
        # the staged rows are the new and the changed ones only
        staged, created, updated = self.env.execute_query(
            SQL(
                """SELECT count(*), count(*) FILTER (WHERE is_new),
                          count(*) FILTER (WHERE NOT is_new AND (old_name, old_village_type)
                                           IS DISTINCT FROM (name, village_type))
                     FROM %s""",
                SQL.identifier(STAGE_TABLE),
            )
        )[0]
        if created:
            self._insert_new_regions(created)
        progress(80)
        changed_ids = self._update_changed_regions() if staged > created else []
        progress(95)
        cr.execute(
            SQL(
                "DROP TABLE %s",
                SQL(", ").join(
                    SQL.identifier(name)
                    for name in (STAGE_TABLE, UPPER_TABLE, GROUP_TABLE, RAW_TABLE)
                ),
            )
        )
        for name, value in settings.items():
            cr.execute(SQL("SELECT set_config(%s, %s, true)", name, value))

        # the ORM did not see these writes: forget what it cached, and let the records that
        # depend on a changed region (stored names of parties, ...) be recomputed
        self.env.invalidate_all()
        if changed_ids:
            Region.browse(changed_ids).modified(
                [
                    "name",
                    "village_type",
                    "is_kota",
                    "parent_id",
                    "provinsi_id",
                    "kabupaten_id",
                    "kecamatan_id",
                ]
            )
            self.env.flush_all()
        if created or updated:
            Region._kerjasama_clear_kabupaten_cache()
        progress(100)

        counts = {
            "total": total,
            "created": created,
            "updated": updated,
            "unchanged": total - created - updated,
        }
        _logger.info(
            "Loaded regions %s in %.2fs: %s",
            "of all Indonesia" if kabupaten_codes is None else ", ".join(kabupaten_codes),
            time.monotonic() - started,
            counts,
        )
        return counts

    @api.model
    def _copy_region_file(self):
        """``COPY`` the shipped file as it is into the temporary table ``RAW_TABLE`` (its rows
        in the order of the file: the error messages give the line from their position)."""
        cr = self.env.cr
        raw = SQL.identifier(RAW_TABLE)
        cr.execute(SQL("DROP TABLE IF EXISTS %s", raw))
        cr.execute(
            SQL(
                "CREATE TEMP TABLE %s (%s) ON COMMIT DROP",
                raw,
                SQL(", ").join(SQL("%s text", SQL.identifier(col)) for col in FILE_COLUMNS),
            )
        )
        with gzip.open(file_path(REGION_FILE), mode="rt", encoding="utf-8", newline="") as handle:
            header = next(csv.reader([handle.readline()]))
            if sorted(header) != sorted(FILE_COLUMNS):
                raise UserError(
                    self.env._(
                        "The region file does not have the expected columns (%(columns)s).",
                        columns=", ".join(FILE_COLUMNS),
                    )
                )
            columns = ", ".join(header)  # checked above: known identifiers only
            cr.copy_expert(f"COPY {RAW_TABLE} ({columns}) FROM STDIN WITH (FORMAT csv)", handle)

    @api.model
    def _check_raw_rows(self, kabupaten_codes):
        """Refuse the load when a row of the file is malformed (codes, names, kind, code
        prefixes, duplicates) or a requested code is unknown; keep the rows of the requested
        kabupaten/kota."""
        raw = SQL.identifier(RAW_TABLE)
        bad = not self._group_raw_rows() and self._find_bad_row()
        if bad:
            line, code, reason = bad[0]
            reasons = {
                "code": self.env._(
                    "a code is not a Kemendagri code (PP, PP.KK, PP.KK.CC, PP.KK.CC.DDDD)"
                ),
                "prefix": self.env._("a code does not start with the code of its parent"),
                "name": self.env._("a name is empty"),
                "kind": self.env._(
                    "the kind of the village (DESA, KELURAHAN, DESA ADAT) is missing"
                ),
                "twice": self.env._("the village code is given twice"),
            }
            raise UserError(
                self.env._(
                    "The region file has a malformed row (line %(line)s, %(code)s): %(reason)s.",
                    line=line,
                    code=code or "-",
                    reason=reasons[reason],
                )
            )
        if kabupaten_codes is not None:
            wanted = sorted(set(kabupaten_codes))
            self.env.cr.execute(SQL("DELETE FROM %s WHERE kode_kabupaten <> ALL(%s)", raw, wanted))
            self.env.cr.execute(
                SQL(
                    "DELETE FROM %s WHERE kode_kabupaten <> ALL(%s)",
                    SQL.identifier(GROUP_TABLE),
                    wanted,
                )
            )
            unknown = [
                code
                for (code,) in self.env.execute_query(
                    SQL(
                        """SELECT w.code FROM unnest(%s::text[]) w(code)
                            WHERE NOT EXISTS (SELECT 1 FROM %s t WHERE t.kode_kabupaten = w.code)
                            ORDER BY 1""",
                        wanted,
                        raw,
                    )
                )
            ]
            if unknown:
                raise UserError(
                    self.env._(
                        "Unknown regency/city code(s) in the Kepmendagri 2025 list: %(codes)s.",
                        codes=", ".join(unknown),
                    )
                )

    @api.model
    def _group_raw_rows(self):
        """Temporary table ``GROUP_TABLE``: the distinct (kecamatan, kabupaten, provinsi codes
        and names) of the raw rows, with their number of rows, of distinct village codes and
        of rows failing the village's own checks, in one pass over the rows. Return whether
        every row is sound: then the checks of ``_find_bad_row`` hold (each village code is
        its kecamatan's code followed by ``.`` and four digits, the kecamatan code has the
        shape ``00.00.00`` and starts with the kabupaten and provinsi codes, no name is
        empty, the kind is known, and no village code is given twice). When not,
        ``_find_bad_row`` looks for the first bad row and its reason."""
        group = SQL.identifier(GROUP_TABLE)
        cr = self.env.cr
        cr.execute(SQL("DROP TABLE IF EXISTS %s", group))
        cr.execute(
            SQL(
                """CREATE TEMP TABLE %(group)s ON COMMIT DROP AS
                   SELECT kode_kecamatan, nama_kecamatan, kode_kabupaten, nama_kabupaten,
                          kode_provinsi, nama_provinsi, count(*) AS rows,
                          count(*) FILTER (WHERE (left(kode_desa, 8) = kode_kecamatan
                                                  AND length(kode_desa) = 13
                                                  AND substr(kode_desa, 9, 1) = '.'
                                                  AND translate(right(kode_desa, 4),
                                                                '0123456789', '0000000000')
                                                      = '0000'
                                                  AND btrim(nama_desa) <> ''
                                                  AND (tipe IN ('DESA', 'KELURAHAN', 'DESA ADAT')
                                                       OR substr(kode_desa, 10, 1)
                                                          IN ('1', '2', '3'))) IS NOT TRUE)
                              AS bad_rows
                     FROM %(raw)s
                 GROUP BY kode_kecamatan, nama_kecamatan, kode_kabupaten, nama_kabupaten,
                          kode_provinsi, nama_provinsi""",
                group=group,
                raw=SQL.identifier(RAW_TABLE),
            )
        )
        return self.env.execute_query(
            SQL(
                """SELECT coalesce(sum(bad_rows), 0) = 0
                          AND (SELECT count(*) = count(DISTINCT kode_desa) FROM %(raw)s)
                          AND bool_and((translate(kode_kecamatan, '0123456789', '0000000000')
                                            = '00.00.00'
                                        AND kode_kabupaten = left(kode_kecamatan, 5)
                                        AND kode_provinsi = left(kode_kecamatan, 2)
                                        AND btrim(nama_kecamatan) <> ''
                                        AND btrim(nama_kabupaten) <> ''
                                        AND btrim(nama_provinsi) <> '') IS TRUE)
                              IS NOT FALSE
                     FROM %(group)s""",
                group=group,
                raw=SQL.identifier(RAW_TABLE),
            )
        )[0][0]

    @api.model
    def _find_bad_row(self):
        """The first malformed row of the raw rows, as [(line, code, reason)], or []."""
        raw = SQL.identifier(RAW_TABLE)
        # one pass over the rows: a village code of the right shape whose first groups are
        # the codes of its kecamatan, kabupaten and provinsi vouches for all four codes
        return self.env.execute_query(
            SQL(
                r"""WITH bad AS (
                    SELECT ctid AS position, coalesce(kode_desa, '') AS code,
                           CASE
                             WHEN translate(kode_desa, '0123456789', '0000000000')
                                  IS DISTINCT FROM '00.00.00.0000' THEN 'code'
                             WHEN kode_kecamatan IS DISTINCT FROM left(kode_desa, 8)
                               OR kode_kabupaten IS DISTINCT FROM left(kode_desa, 5)
                               OR kode_provinsi IS DISTINCT FROM left(kode_desa, 2) THEN 'prefix'
                             WHEN coalesce(btrim(nama_desa), '') = ''
                               OR coalesce(btrim(nama_kecamatan), '') = ''
                               OR coalesce(btrim(nama_kabupaten), '') = ''
                               OR coalesce(btrim(nama_provinsi), '') = '' THEN 'name'
                             ELSE 'kind'
                           END AS reason
                      FROM %(raw)s
                     WHERE (translate(kode_desa, '0123456789', '0000000000') = '00.00.00.0000'
                            AND kode_kecamatan = left(kode_desa, 8)
                            AND kode_kabupaten = left(kode_desa, 5)
                            AND kode_provinsi = left(kode_desa, 2)
                            AND btrim(nama_desa) <> '' AND btrim(nama_kecamatan) <> ''
                            AND btrim(nama_kabupaten) <> '' AND btrim(nama_provinsi) <> ''
                            AND (tipe IN ('DESA', 'KELURAHAN', 'DESA ADAT')
                                 OR substr(kode_desa, 10, 1) IN ('1', '2', '3'))) IS NOT TRUE
                  ORDER BY ctid
                     LIMIT 1)
                SELECT (SELECT count(*) FROM %(raw)s r WHERE r.ctid <= bad.position) + 1,
                       code, reason
                  FROM bad""",
                raw=raw,
            )
        ) or self.env.execute_query(
            SQL(
                """WITH bad AS (SELECT min(ctid) AS position, kode_desa FROM %(raw)s
                                 GROUP BY kode_desa HAVING count(*) > 1 ORDER BY 1 LIMIT 1)
                   SELECT (SELECT count(*) FROM %(raw)s r WHERE r.ctid <= bad.position) + 1,
                          kode_desa, 'twice'
                     FROM bad""",
                raw=raw,
            )
        )

    @api.model
    def _build_stage(self):
        """Temporary tables ``UPPER_TABLE`` and ``STAGE_TABLE``.

        ``UPPER_TABLE``: the provinsi, kabupaten and kecamatan of the checked rows (a few
        thousand, from the groups of ``GROUP_TABLE``), each with its id (the existing one, or
        a new one from the model's sequence), its ancestors, parent and ``parent_path``
        resolved from the code prefixes, and the stored values of the existing record.

        ``STAGE_TABLE``: the regions to write, and only them: the new codes and the existing
        ones whose name, kind or hierarchy differs (compared in the same statement, in SQL);
        each village takes its hierarchy from its kecamatan. A re-run of an unchanged list
        stages nothing. Return the number of regions read (upper regions and villages)."""
        Region = self.env["kerjasama.region"]
        cr = self.env.cr
        stage = SQL.identifier(STAGE_TABLE)
        upper = SQL.identifier(UPPER_TABLE)
        group = SQL.identifier(GROUP_TABLE)
        table = SQL.identifier(Region._table)
        old = SQL(
            """r.name AS old_name, r.village_type AS old_village_type,
               r.is_kota AS old_is_kota, r.parent_id AS old_parent_id,
               r.parent_path AS old_parent_path, r.provinsi_id AS old_provinsi_id,
               r.kabupaten_id AS old_kabupaten_id, r.kecamatan_id AS old_kecamatan_id"""
        )
        cr.execute(SQL("DROP TABLE IF EXISTS %s, %s", stage, upper))
        cr.execute(
            SQL(
                r"""CREATE TEMP TABLE %(upper)s ON COMMIT DROP AS
                   WITH upper_rows AS MATERIALIZED (
                       SELECT code, level, min(name) AS name
                         FROM (SELECT kode_provinsi AS code, 'provinsi' AS level,
                                      nama_provinsi AS name FROM %(group)s
                               UNION ALL
                               SELECT kode_kabupaten, 'kabupaten', nama_kabupaten FROM %(group)s
                               UNION ALL
                               SELECT kode_kecamatan, 'kecamatan', nama_kecamatan FROM %(group)s
                              ) AS rows
                        GROUP BY code, level
                        ORDER BY length(code), code
                   ), upper_ided AS MATERIALIZED (
                       SELECT u.code, u.level, u.name, COALESCE(r.id, nextval(%(seq)s)) AS id,
                              r.id IS NULL AS is_new, %(old)s
                         FROM upper_rows u
                         -- a few thousand codes: looked up by the code's index, not by
                         -- hashing the whole table
                         LEFT JOIN LATERAL (SELECT * FROM %(table)s r WHERE r.code = u.code
                                             LIMIT 1) r ON TRUE
                   ), upper_tree AS MATERIALIZED (
                       SELECT s.*, pv.id AS provinsi_id, kb.id AS kabupaten_id,
                              kc.id AS kecamatan_id,
                              concat(pv.id || '/', kb.id || '/', kc.id || '/') AS parent_path
                         FROM upper_ided s
                         JOIN upper_ided pv ON pv.code = left(s.code, 2)
                         LEFT JOIN upper_ided kb ON s.level <> 'provinsi'
                                                AND kb.code = left(s.code, 5)
                         LEFT JOIN upper_ided kc ON s.level = 'kecamatan' AND kc.code = s.code
                   )
                   SELECT code, %(clean)s AS name, level, NULL::varchar AS village_type, id,
                          is_new, old_name, old_village_type, old_is_kota, old_parent_id,
                          old_parent_path, old_provinsi_id, old_kabupaten_id, old_kecamatan_id,
                          level <> 'provinsi' AND substr(code, 4, 2)::int >= 71 AS is_kota,
                          provinsi_id, kabupaten_id, kecamatan_id,
                          CASE level WHEN 'kabupaten' THEN provinsi_id
                                     WHEN 'kecamatan' THEN kabupaten_id END AS parent_id,
                          parent_path
                     FROM upper_tree""",
                upper=upper,
                group=group,
                table=table,
                seq=f"{Region._table}_id_seq",
                old=old,
                # the source names with their stray spaces collapsed (as ``clean_name``)
                clean=_clean(SQL("name")),
            )
        )
        uppers = cr.rowcount
        cr.execute(
            SQL(
                r"""CREATE TEMP TABLE %(stage)s ON COMMIT DROP AS
                   SELECT s.* FROM %(upper)s s
                    WHERE s.is_new
                       OR (s.old_name, s.old_village_type, s.old_is_kota, s.old_parent_id,
                           s.old_parent_path, s.old_provinsi_id, s.old_kabupaten_id,
                           s.old_kecamatan_id)
                          IS DISTINCT FROM
                          (s.name, s.village_type, s.is_kota, s.parent_id, s.parent_path,
                           s.provinsi_id, s.kabupaten_id, s.kecamatan_id)
                   UNION ALL
                   SELECT v.code, v.name, 'desa', v.village_type,
                          COALESCE(v.region_id, nextval(%(seq)s)), v.region_id IS NULL,
                          v.old_name, v.old_village_type, v.old_is_kota, v.old_parent_id,
                          v.old_parent_path, v.old_provinsi_id, v.old_kabupaten_id,
                          v.old_kecamatan_id, v.is_kota, v.provinsi_id, v.kabupaten_id,
                          v.kecamatan_id, v.kecamatan_id, v.parent_path
                     FROM (SELECT w.kode_desa AS code, %(clean_desa)s AS name,
                                  CASE w.tipe WHEN 'DESA' THEN 'desa'
                                              WHEN 'KELURAHAN' THEN 'kelurahan'
                                              WHEN 'DESA ADAT' THEN 'desa_adat'
                                              ELSE CASE substr(w.kode_desa, 10, 1)
                                                     WHEN '1' THEN 'kelurahan'
                                                     WHEN '2' THEN 'desa'
                                                     WHEN '3' THEN 'desa_adat' END
                                  END::varchar AS village_type,
                                  k.is_kota, k.provinsi_id, k.kabupaten_id,
                                  k.id AS kecamatan_id, k.parent_path, r.id AS region_id, %(old)s
                             FROM %(raw)s w
                             JOIN %(upper)s k ON k.code = w.kode_kecamatan
                        LEFT JOIN %(table)s r ON r.code = w.kode_desa
                          OFFSET 0) v
                    WHERE v.region_id IS NULL
                       OR (v.old_name, v.old_village_type, v.old_is_kota, v.old_parent_id,
                           v.old_parent_path, v.old_provinsi_id, v.old_kabupaten_id,
                           v.old_kecamatan_id)
                          IS DISTINCT FROM
                          (v.name, v.village_type, v.is_kota, v.kecamatan_id,
                           v.parent_path || v.region_id || '/', v.provinsi_id, v.kabupaten_id,
                           v.kecamatan_id)""",
                stage=stage,
                upper=upper,
                raw=SQL.identifier(RAW_TABLE),
                table=table,
                seq=f"{Region._table}_id_seq",
                old=old,
                clean_desa=_clean(SQL("w.nama_desa")),
            )
        )
        villages = self.env.execute_query(SQL("SELECT coalesce(sum(rows), 0)::int FROM %s", group))[
            0
        ][0]
        return uppers + villages

    @api.model
    def _default_columns(self):
        """SQL column names and values of the defaults of the region's other stored fields
        (set on the new rows as the ORM would, e.g. ``camat_forwarding_required``)."""
        Region = self.env["kerjasama.region"]
        own = {
            "id", "code", "name", "level", "village_type", "is_kota", "parent_id",
            "parent_path", "provinsi_id", "kabupaten_id", "kecamatan_id",
            "create_uid", "create_date", "write_uid", "write_date",
        }  # fmt: skip
        names = [
            name
            for name, field in Region._fields.items()
            if field.store and field.column_type and name not in own and not field.compute
        ]
        defaults = Region.default_get(names)
        columns, values = [], []
        for name in names:
            if name in defaults:
                value = Region._fields[name].convert_to_column_insert(defaults[name], Region)
                if value is not None:
                    columns.append(SQL.identifier(name))
                    values.append(SQL("%s", value))
        return columns, values

    @api.model
    def _insert_new_regions(self, created):
        """One ``INSERT ... SELECT`` of the staged regions whose code is new.

        A first load (many more new rows than rows in place) inserts into the bare table: the
        secondary indexes and the foreign keys of the region table are dropped, then rebuilt
        and checked once over the whole table, which is several times faster than
        maintaining them row by row; the constraints hold as before at the end."""
        Region = self.env["kerjasama.region"]
        cr = self.env.cr
        table = SQL.identifier(Region._table)
        bulk = False
        if created >= BULK_MIN_ROWS:
            existing = self.env.execute_query(SQL("SELECT count(*) FROM %s", table))[0][0]
            bulk = created > BULK_RATIO * existing
        if bulk:
            indexes = self.env.execute_query(
                SQL(
                    """SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
                         FROM pg_index i
                        WHERE i.indrelid = %s::regclass
                          AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                                           WHERE c.conindid = i.indexrelid)""",
                    Region._table,
                )
            )
            foreign_keys = self.env.execute_query(
                SQL(
                    """SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
                        WHERE conrelid = %s::regclass AND contype = 'f'""",
                    Region._table,
                )
            )
            for name, _definition in foreign_keys:
                cr.execute(SQL("ALTER TABLE %s DROP CONSTRAINT %s", table, SQL.identifier(name)))
            for name, _definition in indexes:
                cr.execute(SQL("DROP INDEX %s", SQL.identifier(name)))
        columns, values = self._default_columns()
        cr.execute(
            SQL(
                """INSERT INTO %(table)s
                       (id, code, name, level, village_type, is_kota, parent_id, parent_path,
                        provinsi_id, kabupaten_id, kecamatan_id,
                        create_uid, create_date, write_uid, write_date %(columns)s)
                   SELECT s.id, s.code, s.name, s.level, s.village_type, s.is_kota, s.parent_id,
                          %(path)s, s.provinsi_id, s.kabupaten_id, s.kecamatan_id,
                          %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC'
                          %(values)s
                     FROM %(stage)s s
                    WHERE s.is_new
                    ORDER BY s.id""",
                path=PATH,
                table=table,
                stage=SQL.identifier(STAGE_TABLE),
                uid=self.env.uid,
                columns=SQL("").join(SQL(", %s", col) for col in columns),
                values=SQL("").join(SQL(", %s", val) for val in values),
            )
        )
        if bulk:
            cr.execute("SET LOCAL maintenance_work_mem = '256MB'")
            for _name, definition in indexes:
                cr.execute(SQL(definition))  # pylint: disable=sql-injection  (catalog DDL)
            for name, definition in foreign_keys:
                cr.execute(
                    SQL(
                        "ALTER TABLE %s ADD CONSTRAINT %s %s",
                        table,
                        SQL.identifier(name),
                        SQL(definition),  # pylint: disable=sql-injection  (catalog DDL)
                    )
                )

    @api.model
    def _update_changed_regions(self):
        """One ``UPDATE ... FROM`` of the existing regions whose name, kind or hierarchy
        differs from the staged row; returns their ids."""
        return [
            region_id
            for (region_id,) in self.env.execute_query(
                SQL(
                    """UPDATE %(table)s r
                          SET name = s.name, village_type = s.village_type,
                              is_kota = s.is_kota, parent_id = s.parent_id,
                              parent_path = %(path)s, provinsi_id = s.provinsi_id,
                              kabupaten_id = s.kabupaten_id, kecamatan_id = s.kecamatan_id,
                              write_uid = %(uid)s, write_date = now() AT TIME ZONE 'UTC'
                         FROM %(stage)s s
                        WHERE r.id = s.id AND NOT s.is_new
                          AND (s.old_name, s.old_village_type, s.old_is_kota, s.old_parent_id,
                               s.old_parent_path, s.old_provinsi_id, s.old_kabupaten_id,
                               s.old_kecamatan_id)
                              IS DISTINCT FROM
                              (s.name, s.village_type, s.is_kota, s.parent_id, %(path)s,
                               s.provinsi_id, s.kabupaten_id, s.kecamatan_id)
                    RETURNING r.id""",
                    path=PATH,
                    table=SQL.identifier(self.env["kerjasama.region"]._table),
                    stage=SQL.identifier(STAGE_TABLE),
                    uid=self.env.uid,
                )
            )
        ]
