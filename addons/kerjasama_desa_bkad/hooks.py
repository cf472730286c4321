from odoo.tools import SQL

# Tables of this addon in dependency order (referencing rows first). Their rows go away with the
# tables at uninstall anyway; emptying them first lets Odoo remove the records this addon
# created in kerjasama_desa models (the demo BKAD) without restrict foreign keys in the way.
TABLES = [
    "kerjasama_bkad_ledger",
    "kerjasama_bkad_accountability_receipt",
    "kerjasama_bkad_accountability_report",
    "kerjasama_bkad_mad_decision_pengurus_rel",
    "kerjasama_bkad_mad_decision",
    "kerjasama_bkad_contribution",
    "kerjasama_bkad_program_activity",
    "kerjasama_bkad_program",
    "kerjasama_bkad_pengurus",
    "kerjasama_bkad_unit_agreement_rel",
    "kerjasama_bkad_unit",
]


def uninstall_hook(env):
    """Empty this addon's own tables; of the data of kerjasama_desa, only the meetings of the
    BKADs this addon created go."""
    cr = env.cr
    # reversals first: a reversal is never reversed again, so two steps empty the ledger
    cr.execute("DELETE FROM kerjasama_bkad_ledger WHERE reversed_entry_id IS NOT NULL")
    cr.execute("UPDATE kerjasama_bkad_pengurus SET decision_id = NULL")
    cr.execute(
        "UPDATE kerjasama_bkad_program SET ratification_decision_id = NULL, "
        "budget_decision_id = NULL"
    )
    for table in TABLES:
        cr.execute(SQL("DELETE FROM %s", SQL.identifier(table)))
    # the Musyawarah Antar-Desa of the BKADs this addon created (its demo BKAD) go with them;
    # the meetings of the core's BKADs and agreements stay
    cr.execute(
        """
        DELETE FROM kerjasama_mad
         WHERE bkad_id IN (SELECT res_id FROM ir_model_data
                            WHERE module = 'kerjasama_desa_bkad' AND model = 'kerjasama.bkad')
        """
    )
    env.invalidate_all()
