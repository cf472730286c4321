"""Access matrix: every role x every model x read/create/write/unlink, against the regulation.

``MATRIX`` below is what Permendagri 96/2017, Permendagri 20/2018 and 1/2016 and the issue give
each role (``/work/shared/domain.md``, "Who may do what"), written down independently of the
code: the test does not read the ACLs or the rules, it tries every cell as the user would
(``with_user``, never ``sudo``) and reports every cell where the code answers otherwise.

How to read a row: ``"role": "<own> <other>"``, one letter per operation of the model (``ops``):
the letter where the role may do it, ``-`` where it may not. *own* is a record of the role's
own region (desa A1 for the village roles, kecamatan A for the camat, kabupaten 99.01 for DPMD
and its administrator, province 99 for BINWAS); *other* a record of another region (desa B1 in
kecamatan B for the village roles and the camat, kabupaten 99.02 for DPMD and its
administrator, province 98 for BINWAS and the national administrator). Reference data has no
region: its rows carry a single column.

Operations: ``r`` read (search finds it and read works), ``c`` create, ``w`` write, ``u``
unlink; the acts whose role the regulation names besides plain writing: ``e`` evaluate
(evaluation note of a signed agreement in evaluasi), ``f`` forward (the camat's forwarding note
in evaluasi), ``s`` sign (record the signatory of one's own desa in penandatanganan), ``m``
mediate (the facilitator's outcome of a dispute escalated to the camat). A write is tried on a
record in the stage where the role's act happens (agreement content, parties and financing in
persiapan; musyawarah desa and MAD while the agreement is at the musyawarah stage; follow-ups on
a running agreement; APBDesa lines on a draft APBDesa, realisations on an approved one).

The principles behind the values (regulation first, the issue's "Done when" second):

- village roles act on their own desa only; the village government (kepala desa, perangkat
  desa, and the Kaur Keuangan, who is a perangkat desa) registers and drafts agreements, their
  parties and financing, amendments, the MAD record, disputes, the implementation report of a
  cooperation with a pihak ketiga, village assets and their utilisation, the officials register;
  only the kepala desa signs for his desa; the BPD records its musyawarah desa and consents; the
  treasurer keeps the APBDesa lines and realisations, the kepala desa sets (approves) it;
- the camat reads his kecamatan, forwards the signed agreement and facilitates the disputes
  inside it; he never evaluates and never writes financing;
- DPMD reads and evaluates its kabupaten and never authors the villages' content;
- BINWAS reads its province;
- the DPMD administrator administers his kabupaten (every record there, not the personal acts of
  other offices: signing, forwarding, facilitating at the camat's level); only the national
  administrator does so everywhere; reference data and regions are written by administrators
  and read by everyone;
- a record may be deleted by whoever may write it while it is a draft (unnumbered, unsigned,
  unsubmitted); a register (officials, pihak ketiga) keeps its entries (archive, not delete).

A "no" is a clean refusal: ``AccessError``, or ``UserError`` where the lifecycle refuses; a call
that neither refuses nor does anything is reported as ``ignored``. Each cell runs in a savepoint
that is rolled back; rows are counted (create, unlink) or values read back (write) as superuser.
"""

import copy
from collections import namedtuple

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import GROUP
from .common_finance import KerjasamaFinanceCommon

ROLES = (
    "binwas",
    "perangkat",
    "bendahara",
    "kepala_desa",
    "bpd",
    "camat",
    "dpmd",
    "admin",
    "national_admin",
)
ROLE_USERS = {
    "binwas": "user_supervisor",
    "perangkat": "user_perangkat_a1",
    "bendahara": "user_bendahara_a1",
    "kepala_desa": "user_kades_a1",
    "bpd": "user_bpd_a1",
    "camat": "user_kecamatan_a",
    "dpmd": "user_dpmd",
    "admin": "user_admin",
    "national_admin": "user_national_admin",
}
# region of the fixtures of each column: A1 (desa A1, kecamatan A, kabupaten 99.01, province 99),
# B1 (desa B1, kecamatan B, kabupaten 99.01), X (kabupaten 99.02), P (province 98)
OWN_KEY = "A1"
OTHER_KEY = {
    "binwas": "P",
    "perangkat": "B1",
    "bendahara": "B1",
    "kepala_desa": "B1",
    "bpd": "B1",
    "camat": "B1",
    "dpmd": "X",
    "admin": "X",
    "national_admin": "P",
}
KEY_LABELS = {
    "A1": "own",
    "B1": "other (desa B1)",
    "X": "other (kab 99.02)",
    "P": "other (prov 98)",
    "*": "-",
}
OP_NAMES = {
    "r": "read",
    "c": "create",
    "w": "write",
    "u": "unlink",
    "e": "evaluate",
    "f": "forward",
    "s": "sign",
    "m": "mediate",
}

# fmt: off
MATRIX = {
    # Policy choices beyond the letter of the regulation, kept by the code and recorded here:
    # - a draft of the register (agreement, amendment, report, dispute, evaluation, asset,
    #   utilisation, musyawarah record) is deleted by the DPMD administrator only; the village
    #   cancels it, so nothing it entered is lost;
    # - the desa government (its secretariat) records the berita acara of its musyawarah desa;
    #   the BPD records its own consent (buttons, tested in test_agreement);
    # - the DPMD ticks the preparation steps configured before the run, keeps the officials
    #   register from the SK of the bupati, and registers the founding data of a BKAD;
    # - the national administrator may record a dispute's facilitation for support, but never
    #   signs for a desa nor forwards for a camat (personal acts).
    # Agreement content, drafted by the village government of a party desa until signing; DPMD
    # evaluates in evaluasi (e), the camat forwards it to the kabupaten (f).
    "kerjasama.agreement": ("rcwuef", {
        "binwas":         "r----- ------",
        "perangkat":      "rcw--- ------",
        "bendahara":      "rcw--- ------",
        "kepala_desa":    "rcw--- ------",
        "bpd":            "r----- ------",
        "camat":          "r----f ------",
        "dpmd":           "r---e- ------",
        "admin":          "rcwue- ------",
        "national_admin": "rcwue- rcwue-",
    }),
    # Parties: drafted as the content; only the kepala desa signs for his desa (s).
    "kerjasama.agreement.party": ("rcwus", {
        "binwas":         "r---- -----",
        "perangkat":      "rcwu- -----",
        "bendahara":      "rcwu- -----",
        "kepala_desa":    "rcwus -----",
        "bpd":            "r---- -----",
        "camat":          "r---- -----",
        "dpmd":           "r---- -----",
        "admin":          "rcwu- -----",
        "national_admin": "rcwu- rcwu-",
    }),
    # Financing (pendanaan, Pasal 6): the parties draft it; the camat never writes financing.
    "kerjasama.agreement.funding": ("rcwu", {
        "binwas":         "r--- ----",
        "perangkat":      "rcwu ----",
        "bendahara":      "rcwu ----",
        "kepala_desa":    "rcwu ----",
        "bpd":            "r--- ----",
        "camat":          "r--- ----",
        "dpmd":           "r--- ----",
        "admin":          "rcwu ----",
        "national_admin": "rcwu rcwu",
    }),
    # Amendment of a running agreement: proposed by the parties; DPMD evaluates, never authors.
    "kerjasama.agreement.version": ("rcwu", {
        "binwas":         "r--- ----",
        "perangkat":      "rcw- ----",
        "bendahara":      "rcw- ----",
        "kepala_desa":    "rcw- ----",
        "bpd":            "r--- ----",
        "camat":          "r--- ----",
        "dpmd":           "r--- ----",
        "admin":          "rcwu ----",
        "national_admin": "rcwu rcwu",
    }),
    "kerjasama.agreement.version.line": ("rcwu", {
        "binwas":         "r--- ----",
        "perangkat":      "rcw- ----",
        "bendahara":      "rcw- ----",
        "kepala_desa":    "rcw- ----",
        "bpd":            "r--- ----",
        "camat":          "r--- ----",
        "dpmd":           "r--- ----",
        "admin":          "rcwu ----",
        "national_admin": "rcwu rcwu",
    }),
    # Preparation checklist (Pasal 14-15): lines come from the configured steps; the village
    # government fills them in while preparing; DPMD does not prepare.
    "kerjasama.agreement.step": ("rcwu", {
        "binwas":         "r--- ----",
        "perangkat":      "r-w- ----",
        "bendahara":      "r-w- ----",
        "kepala_desa":    "r-w- ----",
        "bpd":            "r--- ----",
        "camat":          "r--- ----",
        "dpmd":           "r-w- ----",
        "admin":          "rcwu ----",
        "national_admin": "rcwu rcwu",
    }),
    # Musyawarah Desa: held and recorded by the BPD of that desa; the kepala desa attends, reads.
    "kerjasama.musyawarah": ("rcwu", {
        "binwas":         "r--- ----",
        "perangkat":      "rcwu ----",
        "bendahara":      "rcwu ----",
        "kepala_desa":    "rcwu ----",
        "bpd":            "rcw- ----",
        "camat":          "r--- ----",
        "dpmd":           "r--- ----",
        "admin":          "rcwu ----",
        "national_admin": "rcwu rcwu",
    }),
    # Musyawarah Antar-Desa: recorded by the village government of a participating desa.
    "kerjasama.mad": ("rcwu", {
        "binwas":         "r--- ----",
        "perangkat":      "rcwu ----",
        "bendahara":      "rcwu ----",
        "kepala_desa":    "rcwu ----",
        "bpd":            "r--- ----",
        "camat":          "r--- ----",
        "dpmd":           "r--- ----",
        "admin":          "rcwu ----",
        "national_admin": "rcwu rcwu",
    }),
    "kerjasama.mad.attendance": ("rcwu", {
        "binwas":         "r--- ----",
        "perangkat":      "rcwu ----",
        "bendahara":      "rcwu ----",
        "kepala_desa":    "rcwu ----",
        "bpd":            "r--- ----",
        "camat":          "r--- ----",
        "dpmd":           "r--- ----",
        "admin":          "rcwu ----",
        "national_admin": "rcwu rcwu",
    }),
    # Officials register of the desa: kept by the desa (a register: entries are archived).
    "kerjasama.desa.official": ("rcwu", {
        "binwas":         "r--- ----",
        "perangkat":      "rcw- ----",
        "bendahara":      "rcw- ----",
        "kepala_desa":    "rcw- ----",
        "bpd":            "r--- ----",
        "camat":          "r--- ----",
        "dpmd":           "rcw- ----",
        "admin":          "rcwu ----",
        "national_admin": "rcwu rcwu",
    }),
    # Implementation report of a cooperation with a pihak ketiga: the kepala desa (with his
    # perangkat) prepares it; BPD, camat and DPMD receive and read it.
    "kerjasama.implementation.report": ("rcwu", {
        "binwas":         "r--- ----",
        "perangkat":      "rcw- ----",
        "bendahara":      "rcw- ----",
        "kepala_desa":    "rcwu ----",
        "bpd":            "r--- ----",
        "camat":          "r--- ----",
        "dpmd":           "r--- ----",
        "admin":          "rcwu ----",
        "national_admin": "rcwu rcwu",
    }),
    # Dispute: raised and deliberated by the parties; facilitated by the camat when the parties
    # lie in one kecamatan (m), by the bupati (DPMD) across kecamatan.
    "kerjasama.dispute": ("rcwum", {
        "binwas":         "r---- -----",
        "perangkat":      "rcw-- -----",
        "bendahara":      "rcw-- -----",
        "kepala_desa":    "rcw-- -----",
        "bpd":            "r---- -----",
        "camat":          "r---m -----",
        "dpmd":           "r---- -----",
        "admin":          "rcwu- -----",
        "national_admin": "rcwum rcwum",
    }),
    # Monitoring and evaluation: the DPMD of the kabupaten.
    "kerjasama.evaluation": ("rcwu", {
        "binwas":         "r--- ----",
        "perangkat":      "r--- ----",
        "bendahara":      "r--- ----",
        "kepala_desa":    "r--- ----",
        "bpd":            "r--- ----",
        "camat":          "r--- ----",
        "dpmd":           "rcw- ----",
        "admin":          "rcwu ----",
        "national_admin": "rcwu rcwu",
    }),
    "kerjasama.evaluation.line": ("rcwu", {
        "binwas":         "r--- ----",
        "perangkat":      "r--- ----",
        "bendahara":      "r--- ----",
        "kepala_desa":    "r--- ----",
        "bpd":            "r--- ----",
        "camat":          "r--- ----",
        "dpmd":           "rcwu ----",
        "admin":          "rcwu ----",
        "national_admin": "rcwu rcwu",
    }),
    # APBDesa (Permendagri 20/2018): prepared by the Kaur Keuangan, set by the kepala desa
    # (PKPKD: his approval is a write of the header); the others read.
    "kerjasama.apbdes": ("rcwu", {
        "binwas":         "r--- ----",
        "perangkat":      "r--- ----",
        "bendahara":      "rcwu ----",
        "kepala_desa":    "r-w- ----",
        "bpd":            "r--- ----",
        "camat":          "r--- ----",
        "dpmd":           "r--- ----",
        "admin":          "rcwu ----",
        "national_admin": "rcwu rcwu",
    }),
    "kerjasama.apbdes.line": ("rcwu", {
        "binwas":         "r--- ----",
        "perangkat":      "r--- ----",
        "bendahara":      "rcwu ----",
        "kepala_desa":    "r--- ----",
        "bpd":            "r--- ----",
        "camat":          "r--- ----",
        "dpmd":           "r--- ----",
        "admin":          "rcwu ----",
        "national_admin": "rcwu rcwu",
    }),
    "kerjasama.apbdes.realization": ("rcwu", {
        "binwas":         "r--- ----",
        "perangkat":      "r--- ----",
        "bendahara":      "rcwu ----",
        "kepala_desa":    "r--- ----",
        "bpd":            "r--- ----",
        "camat":          "r--- ----",
        "dpmd":           "r--- ----",
        "admin":          "rcwu ----",
        "national_admin": "rcwu rcwu",
    }),
    # Village assets and their utilisation (Permendagri 1/2016): the village government.
    "kerjasama.asset": ("rcwu", {
        "binwas":         "r--- ----",
        "perangkat":      "rcw- ----",
        "bendahara":      "rcw- ----",
        "kepala_desa":    "rcwu ----",
        "bpd":            "r--- ----",
        "camat":          "r--- ----",
        "dpmd":           "r--- ----",
        "admin":          "rcwu ----",
        "national_admin": "rcwu rcwu",
    }),
    "kerjasama.asset.utilization": ("rcwu", {
        "binwas":         "r--- ----",
        "perangkat":      "rcw- ----",
        "bendahara":      "rcw- ----",
        "kepala_desa":    "rcwu ----",
        "bpd":            "r--- ----",
        "camat":          "r--- ----",
        "dpmd":           "r--- ----",
        "admin":          "rcwu ----",
        "national_admin": "rcwu rcwu",
    }),
    # BKAD: formed by its member desa (MAD, Peraturan Bersama); DPMD reads.
    "kerjasama.bkad": ("rcwu", {
        "binwas":         "r--- ----",
        "perangkat":      "r--- ----",
        "bendahara":      "r--- ----",
        "kepala_desa":    "r--- ----",
        "bpd":            "r--- ----",
        "camat":          "r--- ----",
        "dpmd":           "rcw- ----",
        "admin":          "rcwu ----",
        "national_admin": "rcwu rcwu",
    }),
    # Regions: read by everyone, administered inside the administrator's kabupaten.
    "kerjasama.region": ("rcwu", {
        "binwas":         "r--- r---",
        "perangkat":      "r--- r---",
        "bendahara":      "r--- r---",
        "kepala_desa":    "r--- r---",
        "bpd":            "r--- r---",
        "camat":          "r--- r---",
        "dpmd":           "r--- r---",
        "admin":          "rcwu r---",
        "national_admin": "rcwu rcwu",
    }),
    # A pihak ketiga (typed partner): registered by the kepala desa and perangkat desa, without
    # extra Odoo rights; a shared directory (no region), kept (not deleted) but by administrators.
    "res.partner": ("rcwu", {
        "binwas":         "r---",
        "perangkat":      "rcw-",
        "bendahara":      "rcw-",
        "kepala_desa":    "rcw-",
        "bpd":            "r---",
        "camat":          "r---",
        "dpmd":           "r---",
        "admin":          "rcwu",
        "national_admin": "rcwu",
    }),
}
# fmt: on
# Reference data: every internal role reads, only the administrators write (no region).
REFERENCE_MODELS = (
    "kerjasama.bidang",
    "kerjasama.account.code",
    "kerjasama.termination.reason",
    "kerjasama.initiative.step",
    "kerjasama.evaluation.instrument",
    "kerjasama.evaluation.criterion",
    "kerjasama.utilization.form",
    "kerjasama.asset.kind",
)
for _model in REFERENCE_MODELS:
    MATRIX[_model] = (
        "rcwu",
        {role: "rcwu" if role in ("admin", "national_admin") else "r---" for role in ROLES},
    )
UNSCOPED = {*REFERENCE_MODELS, "res.partner"}

Cell = namedtuple("Cell", "model role column op expected actual detail")


class _Undo(Exception):
    """Raised inside a cell's savepoint to roll it back, carrying the outcome."""

    def __init__(self, outcome):
        super().__init__()
        self.outcome = outcome


def parse_row(ops, row, scoped):
    """``"rcw- ----"`` -> ({op: bool}, {op: bool}) for own and other (one dict if unscoped)."""
    columns = row.split()
    if len(columns) != (2 if scoped else 1) or any(len(c) != len(ops) for c in columns):
        raise ValueError(f"row {row!r} does not match operations {ops!r}")
    parsed = []
    for column in columns:
        cells = {}
        for op, mark in zip(ops, column, strict=True):
            if mark not in (op, "-"):
                raise ValueError(f"row {row!r}: {mark!r} where {op!r} or '-' is expected")
            cells[op] = mark == op
        parsed.append(cells)
    return parsed


class AccessMatrixMixin:
    """The machinery of an access matrix test, for a ``TransactionCase`` that sets:

    - ``MATRIX``: label -> (operations, {role: row}); the label is a model name, optionally
      followed by a qualifier in parentheses ("kerjasama.mad (BKAD meeting)");
    - ``ROLE_USERS`` (role -> attribute holding its user), ``OTHER_KEY`` (role -> fixture key of
      the *other* column), ``OWN_KEY``, ``KEY_LABELS``, ``UNSCOPED`` (labels with one column);
    - ``targets[label][key][op]``: the record (read, unlink), values (create) or
      ``(record, values)`` (writes) of each cell.
    """

    MATRIX = {}
    ROLE_USERS = ROLE_USERS
    OTHER_KEY = OTHER_KEY
    OWN_KEY = OWN_KEY
    KEY_LABELS = KEY_LABELS
    UNSCOPED = frozenset()
    FIXTURE_KEYS = ("A1", "B1", "X", "P")

    # ------------------------------------------------------------------ fixtures
    @classmethod
    def _setup_matrix_regions(cls):
        """On top of ``KerjasamaDesaCommon``: a second desa in kabupaten 99.02, a province 98
        with two desa, their village heads and the DPMD administrators of 99.02 and 98.01
        (fixture building only: they make the village and regency steps of those regions'
        agreements); ``desa_pairs`` gives the two desa of each fixture key."""
        Region = cls.env["kerjasama.region"]

        def region(code, name, level, parent=None):
            vals = {"code": code, "name": name, "level": level}
            if parent:
                vals["parent_id"] = parent.id
            return Region.create(vals)

        cls.desa_other2 = region(
            "99.02.01.2002", "Seberang Dua", "desa", cls.region_kecamatan_other
        )
        cls.prov_far = region("98", "Provinsi Jauh", "provinsi")
        cls.kab_far = region("98.01", "Kabupaten Jauh", "kabupaten", cls.prov_far)
        cls.kec_far = region("98.01.01", "Kecamatan Jauh", "kecamatan", cls.kab_far)
        cls.desa_far1 = region("98.01.01.2001", "Jauh Satu", "desa", cls.kec_far)
        cls.desa_far2 = region("98.01.01.2002", "Jauh Dua", "desa", cls.kec_far)

        def user(login, role, regions):
            return new_test_user(
                cls.env,
                login=login,
                groups=GROUP % role,
                name=login,
                kerjasama_region_ids=[Command.set(regions.ids)],
            )

        for desa in (cls.desa_other, cls.desa_other2, cls.desa_far1, cls.desa_far2):
            cls.kades_by_desa[desa] = user(f"test.matrix.kades.{desa.code}", "kepala_desa", desa)
        cls.admin_by_kabupaten = {
            cls.region_kabupaten: cls.user_admin,
            cls.region_kabupaten_other: user(
                "test.matrix.admin.x", "admin", cls.region_kabupaten_other
            ),
            cls.kab_far: user("test.matrix.admin.p", "admin", cls.kab_far),
        }
        cls.desa_pairs = {
            "A1": (cls.desa_a1, cls.desa_a2),
            "B1": (cls.desa_b1, cls.desa_b2),
            "X": (cls.desa_other, cls.desa_other2),
            "P": (cls.desa_far1, cls.desa_far2),
        }

    @classmethod
    def _advance(cls, agreement, state):
        """``advance_agreement`` with the DPMD administrator of the agreement's kabupaten for
        the regency steps (the shared helper knows the one of kabupaten 99.01 only)."""
        saved = cls.user_admin
        cls.user_admin = cls.admin_by_kabupaten[agreement.kabupaten_id]
        try:
            if state in ("berjalan", "berakhir"):
                # the shared helper forwards on today's date, after its evaluation date of
                # 2025-12-28: the camat forwards (dated) before the evaluation instead
                cls.advance_agreement(agreement, "evaluasi")
                agreement.sudo().camat_forward_date = fields.Date.to_date("2025-12-27")
            return cls.advance_agreement(agreement, state)
        finally:
            cls.user_admin = saved

    # ------------------------------------------------------------------ one cell
    def _user_env(self, role):
        user = getattr(self, self.ROLE_USERS[role])
        # a real user's context: his language, no tracking shortcut
        context = dict(self.env.context, tracking_disable=False, lang=user.lang or "en_US")
        return self.env(user=user, context=context, su=False)

    def _attempt(self, label, op, target, role):
        """Try one operation as ``role`` in a savepoint rolled back afterwards; return
        (outcome, detail) with outcome ``yes``, ``no``, ``ignored``, ``partial`` or ``error``."""
        try:
            with self.env.cr.savepoint():
                self.env.invalidate_all(flush=False)
                raise _Undo(self._run(label.split()[0], op, target, role))
        except _Undo as undo:
            self.env.invalidate_all(flush=False)
            return undo.outcome

    def _run(self, model, op, target, role):
        env = self._user_env(role)
        Model = env[model]
        Sudo = self.env[model].sudo().with_context(active_test=False)
        if op == "r":
            refused = None
            try:
                Model.browse(target.id).read(["display_name"])
            except AccessError as exc:
                refused = exc
            try:
                found = bool(Model.search_count([("id", "=", target.id)]))
            except AccessError:  # no read access to the model at all
                found = False
            if refused is None and found:
                return "yes", ""
            if refused is not None and not found:
                return "no", self._describe(refused)
            return "partial", (
                "found by search but read refused: " + self._describe(refused)
                if refused
                else "read works but search does not find it"
            )
        if op == "c":
            before = Sudo.search_count([])
            outcome = self._guarded(lambda: Model.create(copy.deepcopy(target)))
            if outcome:
                return outcome
            after = Sudo.search_count([])
            return ("yes", "") if after == before + 1 else ("ignored", f"{before} -> {after} rows")
        if op == "u":
            outcome = self._guarded(lambda: Model.browse(target.id).unlink())
            if outcome:
                return outcome
            return ("yes", "") if not Sudo.browse(target.id).exists() else ("ignored", "kept")
        record, values = target
        outcome = self._guarded(lambda: Model.browse(record.id).write(dict(values)))
        if outcome:
            return outcome
        stored = Sudo.browse(record.id).read(list(values))[0]
        differs = [name for name, value in values.items() if stored[name] != value]
        return ("yes", "") if not differs else ("ignored", f"{', '.join(differs)} unchanged")

    def _guarded(self, operation):
        """Run ``operation`` in its own savepoint (flushed, so database constraints speak);
        return None when it went through, else the refusal as (outcome, detail)."""
        try:
            with self.env.cr.savepoint():
                operation()
                self.env.flush_all()
        except UserError as exc:  # AccessError, ValidationError, lifecycle refusals
            return "no", self._describe(exc)
        except Exception as exc:
            return "error", self._describe(exc)
        self.env.invalidate_all(flush=False)
        return None

    @staticmethod
    def _describe(exc):
        message = " ".join(str(exc.args[0] if exc.args else exc).split())
        if len(message) > 110:
            message = message[:107] + "..."
        return f"{type(exc).__name__}: {message}"

    # ------------------------------------------------------------------ the matrix
    def _check_matrix_well_formed(self, roles, partial=()):
        """Every entry has a row per role (``partial`` entries: some roles only) whose marks
        match its operations, and a target for every operation and fixture key."""
        for label, (ops, rows) in self.MATRIX.items():
            if label in partial:
                self.assertLessEqual(set(rows), set(roles), label)
            else:
                self.assertEqual(set(rows), set(roles), label)
            for row in rows.values():
                parse_row(ops, row, label not in self.UNSCOPED)  # raises on a malformed row
            keys = ("*",) if label in self.UNSCOPED else self.FIXTURE_KEYS
            for key in keys:
                self.assertEqual(set(self.targets[label][key]), set(ops), f"{label} {key}")

    def _run_matrix(self, roles, minimum):
        """Try every cell; fail with the table of every cell where the code differs from the
        regulation (one sub-test per cell, then the whole table)."""
        mismatches = []
        count = 0
        for label, (ops, rows) in self.MATRIX.items():
            scoped = label not in self.UNSCOPED
            for role in (r for r in roles if r in rows):
                columns = parse_row(ops, rows[role], scoped)
                keys = (self.OWN_KEY, self.OTHER_KEY[role]) if scoped else ("*",)
                for key, expected_ops in zip(keys, columns, strict=True):
                    for op in ops:
                        count += 1
                        expected = "yes" if expected_ops[op] else "no"
                        target = self.targets[label][key][op]
                        actual, detail = self._attempt(label, op, target, role)
                        column = self.KEY_LABELS[key]
                        cell = Cell(label, role, column, op, expected, actual, detail)
                        with self.subTest(model=label, role=role, region=column, op=op):
                            if actual != expected:
                                mismatches.append(cell)
                                self.fail(self._format([cell], header=False))
        self.assertGreaterEqual(count, minimum)
        if mismatches:
            self.fail(
                f"{len(mismatches)} of {count} cells differ from the regulation:\n"
                + self._format(mismatches)
            )

    @staticmethod
    def _format(cells, header=True):
        rows = [("model", "role", "region", "operation", "expected", "actual", "detail")]
        rows += [
            (c.model, c.role, c.column, OP_NAMES[c.op], c.expected, c.actual, c.detail)
            for c in cells
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(6)]
        lines = [
            " | ".join(value.ljust(width) for value, width in zip(row[:6], widths, strict=True))
            + " | "
            + row[6]
            for row in rows
        ]
        if header:
            lines.insert(1, "-+-".join("-" * width for width in widths) + "-+-------")
            return "\n".join(lines)
        return lines[1]


@tagged("post_install", "-at_install")
class TestAccessMatrix(AccessMatrixMixin, KerjasamaFinanceCommon):
    """Every role x every model x every operation against ``MATRIX``."""

    MATRIX = MATRIX
    UNSCOPED = UNSCOPED

    # ------------------------------------------------------------------ fixtures
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_matrix_regions()
        cls.partner_cv = cls.env["res.partner"].create(
            {"name": "CV Karya Matriks", "is_company": True, "kerjasama_party_type": "swasta"}
        )
        cls.instrument = cls.env.ref("kerjasama_desa.evaluation_instrument_default")
        cls.step_pk_assessment = cls.env.ref(
            "kerjasama_desa.kerjasama_initiative_step_pk_assessment"
        )
        cls.targets = {model: {} for model in MATRIX}
        for key, (d1, d2) in cls.desa_pairs.items():
            cls._build_region_fixtures(key, d1, d2)
        cls._build_reference_fixtures()

    @classmethod
    def _build_region_fixtures(cls, key, d1, d2):
        """One record per model in the region of desa ``d1`` (with ``d2`` for antar-desa),
        built as superuser through the lifecycle helpers; ``cls.targets[model][key]`` maps each
        operation to its target: the record (read, unlink), the values (create) or
        ``(record, values)`` (the writes)."""
        env = cls.env
        pair = d1 | d2
        day = fields.Date.to_date

        def agreement(stage, title, **kw):
            record = cls.create_agreement(desa=kw.pop("desa", pair), title=title, **kw)
            return cls._advance(record, stage) if stage != "persiapan" else record

        draft = agreement("persiapan", f"Matriks {key} persiapan")
        third = agreement(
            "persiapan",
            f"Matriks {key} pihak ketiga",
            kind="pihak_ketiga",
            desa=d1,
            third_parties=cls.partner_swasta | cls.partner_bumdesma,
        )
        deliberation = agreement("musyawarah", f"Matriks {key} musyawarah")
        signing = agreement("penandatanganan", f"Matriks {key} penandatanganan")
        evaluation_stage = agreement("evaluasi", f"Matriks {key} evaluasi")
        running = agreement("berjalan", f"Matriks {key} berjalan", kind="pihak_ketiga", desa=d1)
        targets = cls.targets

        # agreement, parties, financing, checklist
        targets["kerjasama.agreement"][key] = {
            "r": draft,
            "c": {
                "title": "Matriks: kerja sama baru",
                "kind": "antar_desa",
                "initiative": "desa",
                "bidang_id": cls.bidang.id,
                "sub_bidang_id": cls.sub_bidang.id,
                "date_start": day("2026-01-01"),
                "date_end": day("2027-12-31"),
                "party_ids": [
                    Command.create({"party_kind": "desa", "region_id": r.id}) for r in pair
                ],
            },
            "w": (draft, {"objective": "Matriks: tujuan diubah."}),
            "u": draft,
            "e": (evaluation_stage, {"evaluation_note": "Matriks: catatan evaluasi."}),
            "f": (evaluation_stage, {"camat_forward_note": "Matriks: diteruskan ke bupati."}),
        }
        own_party = third.party_ids.filtered(lambda p: p.region_id == d1)
        targets["kerjasama.agreement.party"][key] = {
            "r": own_party,
            "c": {
                "agreement_id": third.id,
                "party_kind": "pihak_ketiga",
                "partner_id": cls.partner_cv.id,
            },
            "w": (own_party, {"rights": "Matriks: hak diubah."}),
            "u": third.party_ids.filtered(lambda p: p.partner_id == cls.partner_bumdesma),
            "s": (
                signing.party_ids.filtered(lambda p: p.region_id == d1),
                {"signatory_name": "Matriks Penandatangan"},
            ),
        }
        draft_party = draft.party_ids.filtered(lambda p: p.region_id == d1)
        funding = env["kerjasama.agreement.funding"].create(
            {
                "agreement_id": draft.id,
                "party_id": draft_party.id,
                "flow": "contribution",
                "source": "apbdes",
                "amount": 5_000_000,
            }
        )
        targets["kerjasama.agreement.funding"][key] = {
            "r": funding,
            "c": {
                "agreement_id": draft.id,
                "party_id": draft_party.id,
                "flow": "income",
                "source": "apbdes",
                "amount": 1_000_000,
            },
            "w": (funding, {"amount": 6_000_000.0}),
            "u": funding,
        }
        step = draft.step_ids[:1]
        assert step and not step._locked(), "the draft agreement needs an open checklist line"
        targets["kerjasama.agreement.step"][key] = {
            "r": step,
            "c": {"agreement_id": draft.id, "step_id": cls.step_pk_assessment.id},
            "w": (step, {"note": "Matriks: catatan langkah."}),
            "u": step,
        }

        # amendment of the running agreement and its lines
        version = env["kerjasama.agreement.version"].create(
            {
                "agreement_id": running.id,
                "reason": "Matriks: perubahan.",
                "musyawarah_reference": "BA/UBAH/MATRIKS",
            }
        )
        version_line = version.line_ids.filtered(lambda line: line.kind == "funding")[:1]
        assert version_line, "the amendment proposes the financing lines"
        targets["kerjasama.agreement.version"][key] = {
            "r": version,
            "c": {"agreement_id": running.id, "reason": "Matriks: perubahan baru."},
            "w": (version, {"reason": "Matriks: alasan diubah."}),
            "u": version,
        }
        targets["kerjasama.agreement.version.line"][key] = {
            "r": version_line,
            "c": {
                "version_id": version.id,
                "line_type": "new",
                "kind": "funding",
                "description": "Matriks: baris baru",
                "amount": 1_000,
            },
            "w": (version_line, {"amount": 2_000.0}),
            "u": version_line,
        }

        # musyawarah desa and Musyawarah Antar-Desa, while the agreement deliberates
        Musyawarah = env["kerjasama.musyawarah"]
        meeting = Musyawarah.create(
            {
                "agreement_id": deliberation.id,
                "region_id": d1.id,
                "date": day("2025-11-15"),
                "berita_acara_number": f"BA/MATRIKS/{key}",
                "decision": "agreed",
            }
        )
        targets["kerjasama.musyawarah"][key] = {
            "r": meeting,
            "c": {
                "agreement_id": draft.id,
                "region_id": d1.id,
                "date": day("2025-11-15"),
                "berita_acara_number": f"BA/MATRIKS/{key}/BARU",
                "decision": "agreed",
            },
            "w": (meeting, {"notes": "Matriks: catatan musyawarah."}),
            "u": meeting,
        }
        Mad = env["kerjasama.mad"]
        mad_values = {
            "agreement_id": deliberation.id,
            "date": fields.Datetime.to_datetime("2025-11-20 02:00:00"),
            "place": "Balai Desa",
        }
        mad, mad_other = Mad.create([mad_values, mad_values])
        own_attendance = mad.attendance_ids.filtered(lambda line: line.region_id == d1)
        mad_other.attendance_ids.filtered(lambda line: line.region_id == d1).unlink()
        targets["kerjasama.mad"][key] = {
            "r": mad,
            "c": dict(mad_values, place="Aula Kecamatan"),
            "w": (mad, {"agenda": "Matriks: acara musyawarah."}),
            "u": mad,
        }
        targets["kerjasama.mad.attendance"][key] = {
            "r": own_attendance,
            "c": {"mad_id": mad_other.id, "region_id": d1.id},
            "w": (own_attendance, {"delegate_names": "Matriks: utusan desa."}),
            "u": own_attendance,
        }

        # officials register
        official = env["kerjasama.desa.official"].create(
            {
                "region_id": d1.id,
                "name": "Sekretaris Matriks",
                "office": "sekretaris_desa",
                "date_start": day("2024-01-01"),
            }
        )
        targets["kerjasama.desa.official"][key] = {
            "r": official,
            "c": {
                "region_id": d1.id,
                "name": "Kaur Keuangan Matriks",
                "office": "kaur_keuangan",
                "date_start": day("2025-01-01"),
            },
            "w": (official, {"phone": "0812 0000 0000"}),
            "u": official,
        }

        # follow-ups of the running agreement (with a pihak ketiga: the kepala desa reports)
        report = running.report_ids.filtered(lambda r: r.period_start == day("2026-01-01"))
        assert report, "the running agreement has its report schedule"
        targets["kerjasama.implementation.report"][key] = {
            "r": report,
            "c": {"agreement_id": running.id, "period_start": day("2026-03-01")},
            "w": (report, {"activity_summary": "Matriks: hasil pelaksanaan."}),
            "u": report,
        }
        Dispute = env["kerjasama.dispute"]
        dispute_values = {
            "name": "Matriks: perselisihan",
            "agreement_id": running.id,
            "description": "Pembagian hasil tidak sesuai.",
            "date": day("2026-06-01"),
        }
        dispute, escalated = Dispute.create([dispute_values, dispute_values])
        escalated.action_start_musyawarah()
        escalated.outcome = "Musyawarah tidak mencapai kesepakatan."
        escalated.action_escalate()
        assert escalated.state == "escalated" and escalated.stage == "camat"
        targets["kerjasama.dispute"][key] = {
            "r": dispute,
            "c": dict(dispute_values, name="Matriks: perselisihan baru"),
            "w": (dispute, {"description": "Matriks: uraian diubah."}),
            "u": dispute,
            "m": (escalated, {"outcome": "Matriks: hasil fasilitasi camat."}),
        }
        Evaluation = env["kerjasama.evaluation"]
        evaluation_values = {
            "agreement_id": running.id,
            "instrument_id": cls.instrument.id,
            "period_start": day("2026-01-01"),
            "period_end": day("2026-06-30"),
        }
        evaluation, evaluation_other = Evaluation.create([evaluation_values, evaluation_values])
        evaluation_line = evaluation.line_ids[:1]
        removed = evaluation_other.line_ids[:1]
        criterion = removed.criterion_id
        removed.unlink()
        targets["kerjasama.evaluation"][key] = {
            "r": evaluation,
            "c": dict(
                evaluation_values,
                period_start=day("2026-07-01"),
                period_end=day("2026-12-31"),
            ),
            "w": (evaluation, {"recommendation": "Matriks: rekomendasi."}),
            "u": evaluation,
        }
        targets["kerjasama.evaluation.line"][key] = {
            "r": evaluation_line,
            "c": {"evaluation_id": evaluation_other.id, "criterion_id": criterion.id},
            "w": (evaluation_line, {"score": 75.0}),
            "u": evaluation_line,
        }

        # APBDesa: a draft of 2027 (lines open), an approved one of 2026 (realisation)
        budget_draft = cls.create_apbdes(d1, year=2027, lines=[("belanja", 4_000_000, "Iuran")])
        budget = cls.create_apbdes(d1, year=2026, lines=[("belanja", 10_000_000, "Iuran")])
        budget.with_user(cls.kades_by_desa[d1]).action_approve()
        realization = cls.realize(budget.line_ids, 1_000_000, reference=f"BKU/MATRIKS/{key}")
        targets["kerjasama.apbdes"][key] = {
            "r": budget_draft,
            "c": {"region_id": d1.id, "year": 2028},
            "w": (budget_draft, {"perdes_number": "Perdes 9 Tahun 2026"}),
            "u": budget_draft,
        }
        draft_line = budget_draft.line_ids
        targets["kerjasama.apbdes.line"][key] = {
            "r": draft_line,
            "c": {
                "apbdes_id": budget_draft.id,
                "account_code_id": cls.code_kerjasama_antar_desa.id,
                "description": "Matriks: bagi hasil",
                "amount": 2_000_000,
            },
            "w": (draft_line, {"amount": 4_500_000.0}),
            "u": draft_line,
        }
        targets["kerjasama.apbdes.realization"][key] = {
            "r": realization,
            "c": {
                "line_id": budget.line_ids.id,
                "amount": 500_000,
                "reference": f"BKU/MATRIKS/{key}/2",
                "date": day("2026-06-30"),
            },
            "w": (realization, {"amount": 1_500_000.0}),
            "u": realization,
        }

        # village assets and a utilisation under the signed (running) agreement
        asset = cls.create_asset(desa=d1, name=f"Pasar Matriks {key}")
        land = cls.create_asset(desa=d1, kind=cls.kind_tanah, name=f"Tanah Matriks {key}")
        utilization = cls.create_utilization(
            land, cls.form_sewa, "2026-01-01", "2026-12-31", agreement_id=running.id
        )
        targets["kerjasama.asset"][key] = {
            "r": asset,
            "c": {
                "name": "Matriks: aset baru",
                "region_id": d1.id,
                "kind_id": cls.kind_bangunan.id,
                "acquisition_year": 2012,
                "acquisition_value": 1_000_000,
            },
            "w": (asset, {"location": "Matriks: Dusun Kidul"}),
            "u": asset,
        }
        targets["kerjasama.asset.utilization"][key] = {
            "r": utilization,
            "c": {
                "asset_id": land.id,
                "form_id": cls.form_sewa.id,
                "date_start": day("2027-01-01"),
                "date_end": day("2027-06-30"),
                "partner_id": cls.partner_swasta.id,
                "flow": "income",
                "amount": 1_000_000,
                "agreement_id": running.id,
            },
            "w": (utilization, {"note": "Matriks: catatan pemanfaatan."}),
            "u": utilization,
        }

        # BKAD and the region itself
        bkad = env["kerjasama.bkad"].create(
            {"name": f"BKAD Matriks {key}", "member_region_ids": [Command.set(pair.ids)]}
        )
        targets["kerjasama.bkad"][key] = {
            "r": bkad,
            "c": {"name": f"BKAD Matriks {key} Baru", "member_region_ids": [Command.set(pair.ids)]},
            "w": (bkad, {"peraturan_bersama_number": "PB/MATRIKS/1"}),
            "u": bkad,
        }
        kecamatan = d1.parent_id
        spare = env["kerjasama.region"].create(
            {
                "code": f"{kecamatan.code}.2091",
                "name": f"Cadangan {key}",
                "level": "desa",
                "parent_id": kecamatan.id,
            }
        )
        targets["kerjasama.region"][key] = {
            "r": spare,
            "c": {
                "code": f"{kecamatan.code}.2092",
                "name": f"Desa Baru {key}",
                "level": "desa",
                "parent_id": kecamatan.id,
            },
            "w": (spare, {"name": f"Cadangan {key} Diubah"}),
            "u": spare,
        }

    @classmethod
    def _build_reference_fixtures(cls):
        """One fresh record per reference model (and a pihak ketiga partner), never referenced,
        so that a permitted unlink can succeed."""
        env = cls.env
        reference = {
            "kerjasama.bidang": ({"code": "T8", "name": "Bidang Matriks"}, {"code": "T7"}),
            "kerjasama.account.code": (
                {"code": "4.9.9", "name": "Rekening Matriks", "account_type": "pendapatan"},
                {"code": "4.9.8"},
            ),
            "kerjasama.termination.reason": (
                {"code": "matriks", "name": "Alasan Matriks"},
                {"code": "matriks_baru"},
            ),
            # a step of the third party's initiative for an antar-desa cooperation: applies to
            # no agreement of the fixtures
            "kerjasama.initiative.step": (
                {
                    "name": "Langkah Matriks",
                    "initiative": "pihak_ketiga",
                    "kind": "antar_desa",
                    "required_before_state": "penyusunan",
                },
                {"name": "Langkah Matriks Baru"},
            ),
            "kerjasama.evaluation.instrument": (
                {"name": "Instrumen Matriks", "sequence": 99},
                {"name": "Instrumen Matriks Baru"},
            ),
            # on an instrument of its own (its weights are not those of the fixtures' instrument)
            "kerjasama.evaluation.criterion": (
                {
                    "name": "Kriteria Matriks",
                    "instrument_id": env["kerjasama.evaluation.instrument"]
                    .create({"name": "Instrumen Kriteria Matriks", "sequence": 98})
                    .id,
                    "weight": 50.0,
                },
                {"name": "Kriteria Matriks Baru", "weight": 50.0},
            ),
            "kerjasama.utilization.form": (
                {"name": "Bentuk Matriks", "code": "matriks", "max_duration": 1},
                {"code": "matriks_baru"},
            ),
            "kerjasama.asset.kind": (
                {"name": "Jenis Matriks", "code": "MTX", "inventory_group": "E"},
                {"code": "MTY"},
            ),
            "res.partner": (
                {"name": "Lembaga Matriks", "is_company": True, "kerjasama_party_type": "lembaga"},
                {"name": "Ormas Matriks", "kerjasama_party_type": "ormas"},
            ),
        }
        for model, (values, create_overrides) in reference.items():
            record = env[model].create(values)
            write_field = "street" if model == "res.partner" else "name"
            cls.targets[model]["*"] = {
                "r": record,
                "c": dict(values, **create_overrides),
                "w": (record, {write_field: f"{values['name']} Diubah"}),
                "u": record,
            }

    # ------------------------------------------------------------------ the tests
    def test_matrix_table_is_well_formed(self):
        self._check_matrix_well_formed(ROLES)

    def test_access_matrix(self):
        """Try every cell; report every cell where the code differs from the regulation."""
        self._run_matrix(ROLES, minimum=1800)
