# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Kerja Sama Desa - BKAD",
    "summary": "Daily operations of a Badan Kerja Sama Antar Desa: officials, MAD, work "
    "programme, finance and accountability",
    "version": "18.0.1.2.0",
    "category": "Services/Kerja Sama Desa",
    "author": "Kerja Sama Desa contributors",
    "website": "https://github.com/kerjasama-desa/kerjasama_desa",
    "license": "LGPL-3",
    "depends": ["kerjasama_desa"],
    "data": [
        "security/kerjasama_desa_bkad_groups.xml",
        "security/ir.model.access.csv",
        "security/kerjasama_desa_bkad_security.xml",
        "data/kerjasama_bkad_role_data.xml",
        "views/kerjasama_bkad_views.xml",
        "views/kerjasama_bkad_role_views.xml",
        "views/kerjasama_bkad_pengurus_views.xml",
        "views/kerjasama_bkad_unit_views.xml",
        "views/kerjasama_mad_views.xml",
        "views/kerjasama_bkad_program_views.xml",
        "views/kerjasama_bkad_contribution_views.xml",
        "views/kerjasama_bkad_ledger_views.xml",
        "views/kerjasama_bkad_accountability_report_views.xml",
        "views/kerjasama_desa_bkad_menus.xml",
    ],
    "demo": ["demo/kerjasama_bkad_demo.xml", "demo/kerjasama_bkad_assessment_demo.xml"],
    "assets": {
        "web.assets_tests": ["kerjasama_desa_bkad/static/tests/tours/**/*"],
    },
    "uninstall_hook": "uninstall_hook",
    "installable": True,
}
