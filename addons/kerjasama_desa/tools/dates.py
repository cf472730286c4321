"""Dates of the register as Indonesia lives them."""

from odoo import fields

# The easternmost time zone of Indonesia (WIT): a day has come there first.
EASTERNMOST_TZ = "Asia/Jayapura"


def latest_today(record):
    """Today for a "not in the future" check: the user's today, or Indonesia's easternmost
    today when it is later. A date is in the future only when it has not yet come anywhere in
    Indonesia, so a record dated today by a user of WIB/WITA/WIT stays valid whoever (the
    server, a user in UTC) writes it afterwards."""
    return max(
        fields.Date.context_today(record),
        fields.Date.context_today(record.with_context(tz=EASTERNMOST_TZ)),
    )
