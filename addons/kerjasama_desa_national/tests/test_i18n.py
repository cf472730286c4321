from odoo.tests import TransactionCase, tagged

from odoo.addons.kerjasama_desa.tests.i18n_check import untranslated_terms


@tagged("post_install", "-at_install")
class TestIndonesianCatalogue(TransactionCase):
    def test_every_exported_term_has_an_indonesian_translation(self):
        missing = untranslated_terms(self.env, "kerjasama_desa_national")
        self.assertFalse(
            missing,
            "i18n/id.po of kerjasama_desa_national leaves %d exported terms untranslated (run "
            "scripts/i18n_update.py): %s" % (len(missing), missing[:20]),
        )
