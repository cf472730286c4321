# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Kerja Sama Desa - National Dataset and Roll-up",
    "summary": "National exchange format of the register (JSON Schema, CSV/XLSX open data), "
    "HTTP export with API keys, the roll-up kabupaten > provinsi > kementerian, and the "
    "offline map of cooperation (network and regions)",
    "version": "18.0.1.1.0",
    "category": "Services/Kerja Sama Desa",
    "author": "Kerja Sama Desa contributors",
    "website": "https://github.com/kerjasama-desa/kerjasama_desa",
    "license": "LGPL-3",
    "depends": ["kerjasama_desa"],
    "external_dependencies": {"python": ["jsonschema", "xlsxwriter", "requests"]},
    "data": [
        "security/ir.model.access.csv",
        "data/kerjasama_national_cron.xml",
        "views/kerjasama_national_agreement_views.xml",
        "views/kerjasama_national_source_views.xml",
        "views/kerjasama_region_views.xml",
        "views/kerjasama_map_views.xml",
        "wizards/kerjasama_dataset_export_views.xml",
        "views/kerjasama_national_menus.xml",
    ],
    "assets": {
        "web.assets_backend": ["kerjasama_desa_national/static/src/**/*"],
        "web.assets_tests": ["kerjasama_desa_national/static/tests/tours/**/*"],
    },
    "installable": True,
}
