# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import hashlib
import os
import shutil
import tempfile

from odoo import api, models
from odoo.tools import SQL

BLOCK = 1 << 20


class IrAttachment(models.Model):
    """Attachments made from a file on disk (the recap workbooks), streamed into the filestore
    instead of being read into memory."""

    _inherit = "ir.attachment"

    @api.model
    def _kd_create_from_file(self, vals, path):
        """Create an attachment with ``vals`` whose content is the file at ``path``. With the
        filestore (the default storage) the file is copied by blocks; the database storage
        reads it whole, as Odoo does."""
        if self._storage() != "file":
            with open(path, "rb") as handle:
                return self.create({**vals, "raw": handle.read()})
        sha = hashlib.sha1()
        size = 0
        with open(path, "rb") as handle:
            while block := handle.read(BLOCK):
                sha.update(block)
                size += len(block)
        checksum = sha.hexdigest()
        fname = f"{checksum[:2]}/{checksum}"
        full_path = self._full_path(fname)
        if not os.path.exists(full_path):
            os.makedirs(os.path.dirname(full_path), exist_ok=True)
            handle, partial = tempfile.mkstemp(dir=os.path.dirname(full_path))
            os.close(handle)
            shutil.copyfile(path, partial)
            os.replace(partial, full_path)
            # collected by the filestore garbage collection if the transaction aborts
            self._mark_for_gc(fname)
        attachment = self.create(vals)
        self.env.cr.execute(
            SQL(
                """UPDATE ir_attachment
                      SET store_fname = %s, file_size = %s, checksum = %s, db_datas = NULL
                    WHERE id = %s""",
                fname,
                size,
                checksum,
                attachment.id,
            )
        )
        attachment.invalidate_recordset(["store_fname", "file_size", "checksum", "db_datas"])
        return attachment
