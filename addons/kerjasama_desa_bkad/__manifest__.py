# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Kerja Sama Desa - BKAD",
    "summary": "Daily operations of a Badan Kerja Sama Antar Desa",
    "version": "18.0.1.0.0",
    "category": "Services/Kerja Sama Desa",
    "author": "Kerja Sama Desa contributors",
    "website": "https://github.com/kerjasama-desa/kerjasama_desa",
    "license": "LGPL-3",
    "depends": ["kerjasama_desa"],
    "data": [],
    "installable": True,
}
