# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The one server-side key that unlocks protected writes.

Whatever a client sends, values or context keys, never unlocks a protected field: the stage of
a record, its numbers, its server stamps and the content of a signed legal record. Those are
written only by the server's own methods, inside :func:`unlocked`, a context manager that sets a
:class:`contextvars.ContextVar` for the duration of one Python call. A context variable lives in
the server process (per thread and task) and is reset when the call returns: no XML-RPC or
JSON-RPC payload, and no ``with_context`` a client can trigger, reaches it.

Keys are strings ``"<model>:<purpose>"``, e.g. ``"kerjasama.agreement:lifecycle"``.
"""

import contextvars
from contextlib import contextmanager

_UNLOCKED = contextvars.ContextVar("kerjasama_desa_unlocked", default=frozenset())


@contextmanager
def unlocked(*keys):
    """Allow the protected writes named by ``keys`` inside the ``with`` block only."""
    token = _UNLOCKED.set(_UNLOCKED.get() | frozenset(keys))
    try:
        yield
    finally:
        _UNLOCKED.reset(token)


def is_unlocked(key):
    """True inside an :func:`unlocked` block that named ``key``."""
    return key in _UNLOCKED.get()
