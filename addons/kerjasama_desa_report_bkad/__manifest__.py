# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Kerja Sama Desa - Reports for BKAD",
    "summary": "BKAD accountability report, MAD berita acara and BKAD finance recap",
    "version": "18.0.1.0.0",
    "category": "Services/Kerja Sama Desa",
    "author": "Kerja Sama Desa contributors",
    "website": "https://github.com/kerjasama-desa/kerjasama_desa",
    "license": "LGPL-3",
    "depends": ["kerjasama_desa_report", "kerjasama_desa_bkad"],
    "data": [
        "report/kerjasama_desa_report_bkad_actions.xml",
        "wizards/kerjasama_recap_wizard_views.xml",
    ],
    "auto_install": True,
    "installable": True,
}
