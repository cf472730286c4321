"""Completeness of the Indonesian catalogue: every term Odoo exports for an addon is translated."""

from pathlib import Path

import polib

from odoo.modules.module import get_module_path
from odoo.tools.translate import TranslationModuleReader


def untranslated_terms(env, module):
    """Return the exported source terms of ``module`` that ``i18n/id.po`` leaves untranslated."""
    po_path = Path(get_module_path(module)) / "i18n" / "id.po"
    translated = set()
    if po_path.exists():
        translated = {
            entry.msgid
            for entry in polib.pofile(str(po_path))
            if entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags
        }
    reader = TranslationModuleReader(env.cr, modules=[module])
    sources = {row[4] for row in reader if row[0] == module}
    return sorted(sources - translated)
