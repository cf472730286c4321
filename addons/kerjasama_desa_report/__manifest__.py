# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Kerja Sama Desa - Reports",
    "summary": "Statutory documents (PDF) and recaps (XLSX) of village cooperation",
    "version": "18.0.1.1.0",
    "category": "Services/Kerja Sama Desa",
    "author": "Kerja Sama Desa contributors",
    "website": "https://github.com/kerjasama-desa/kerjasama_desa",
    "license": "LGPL-3",
    "depends": ["kerjasama_desa", "mail"],
    "external_dependencies": {"python": ["reportlab", "xlsxwriter", "num2words"]},
    "data": [
        "security/ir.model.access.csv",
        "security/kerjasama_recap_job_security.xml",
        "data/kerjasama_recap_job_cron.xml",
        "report/kerjasama_desa_report_actions.xml",
        "views/kerjasama_region_views.xml",
        "wizards/kerjasama_recap_wizard_views.xml",
        "views/kerjasama_recap_job_views.xml",
    ],
    "demo": ["demo/kerjasama_region_demo.xml"],
    "assets": {
        "web.assets_backend": [
            "kerjasama_desa_report/static/src/js/report_handler.esm.js",
        ],
    },
    "installable": True,
}
