#!/usr/bin/env python3
"""Refresh the translation templates and Indonesian catalogues of the three addons.

Usage (from the repository root, with Odoo's python):
    python scripts/i18n_update.py --odoo /opt/odoo/18.0 -c odoo.conf -d DB [--extra a.json ...]

DB must have the three addons installed. For each addon the script exports
``i18n/<addon>.pot`` with Odoo's own exporter, then rewrites ``i18n/id.po`` from it: every
term keeps its existing Indonesian translation, takes one from the ``--extra`` JSON files
(English source -> Indonesian) when it has none, and is listed on standard output when it
is still untranslated. Exit status 1 when any term is left untranslated.
"""

import argparse
import json
import subprocess
import sys
from pathlib import Path

import polib

ADDONS = [
    "kerjasama_desa",
    "kerjasama_desa_bkad",
    "kerjasama_desa_report",
    "kerjasama_desa_report_bkad",
    "kerjasama_desa_national",
]
ROOT = Path(__file__).resolve().parent.parent
HEADER = {
    "Project-Id-Version": "Odoo Server 18.0",
    "Language": "id",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=1; plural=0;",
}


def export_pot(odoo, conf, db, addon):
    pot = ROOT / "addons" / addon / "i18n" / f"{addon}.pot"
    pot.parent.mkdir(exist_ok=True)
    subprocess.run(
        [
            sys.executable,
            str(Path(odoo) / "odoo-bin"),
            "-c",
            conf,
            "-d",
            db,
            f"--i18n-export={pot}",
            f"--modules={addon}",
            "--log-level=warn",
        ],
        check=True,
    )
    return pot


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--odoo", default="/opt/odoo/18.0")
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--extra", nargs="*", default=[])
    parser.add_argument("--addons", nargs="*", default=ADDONS)
    args = parser.parse_args()

    extra = {}
    for path in args.extra:
        extra.update(json.loads(Path(path).read_text(encoding="utf-8")))

    missing_total = 0
    for addon in args.addons:
        pot = export_pot(args.odoo, args.config, args.database, addon)
        po_path = pot.with_name("id.po")
        known = {}
        if po_path.exists():
            for entry in polib.pofile(str(po_path)):
                if entry.msgstr and not entry.obsolete:
                    known[entry.msgid] = entry.msgstr
        template = polib.pofile(str(pot))
        catalogue = polib.POFile()
        catalogue.metadata = HEADER
        missing = []
        for entry in template:
            entry.msgstr = known.get(entry.msgid) or extra.get(entry.msgid, "")
            if not entry.msgstr:
                missing.append(entry.msgid)
            catalogue.append(entry)
        catalogue.save(str(po_path))
        for msgid in missing:
            print(f"{addon}: untranslated: {msgid!r}")
        print(f"{addon}: {len(template)} terms, {len(missing)} untranslated")
        missing_total += len(missing)
    return 1 if missing_total else 0


if __name__ == "__main__":
    sys.exit(main())
