"""Load benchmark: concurrent JSON-RPC clients of every role against a multi-worker server.

Usage (in the project's environment, on a throwaway database with the demo data)::

    scripts/odoo-bin -d kd_load -i kerjasama_desa,kerjasama_desa_bkad,kerjasama_desa_report \\
        --stop-after-init
    scripts/kd-env sh -c '"$KD_PY" benchmarks/bench_load.py -c "$KD_CONF" -d kd_load'

The script starts ``odoo-bin --workers 4`` on 127.0.0.1 (``--port``, default ``KD_HTTP_PORT``
or 18102) on the database, waits for ``/web/health``, then runs ``--clients`` (20) threads for
``--duration`` seconds (60), each logged in as a demo user (password = login) of one role:

- kepala desa: create an antar-desa agreement (their desa and a neighbour), then read the
  agreement list page (``web_search_read`` limit 80 + count, as the web client asks);
- kaur keuangan (bendahara): post an APBDesa realisation on a revenue line of their desa,
  then read the realisations list;
- BKAD staff: create a BKAD ledger entry (other income) and post it (the BKAD's balance lock
  and the ledger's numbering register are the hot rows), then read the ledger;
- camat, DPMD, BINWAS, administrator, BPD, sekretaris desa: read the agreement list page and
  open an agreement (``web_read``).

It prints requests/s, p50/p95/max latency per kind of request and overall, and every error a
user saw (a JSON-RPC error response: a lock or serialization error that reached the client
counts). The database keeps what the clients created. Goal: no error.
"""

import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict

ROLES = [
    # (login, kind of client); 20 clients by default, in this order, cycling
    ("kades.karangpawitan", "kades"),
    ("kades.situgede", "kades"),
    ("kades.wanaraja", "kades"),
    ("kades.leles", "kades"),
    ("bendahara.karangpawitan", "bendahara"),
    ("bendahara.karangpawitan", "bendahara"),
    ("bkad.karangpawitan", "bkad"),
    ("bkad.karangpawitan", "bkad"),
    ("bkad.karangpawitan", "bkad"),
    ("camat.karangpawitan", "reader"),
    ("camat.wanaraja", "reader"),
    ("camat.leles", "reader"),
    ("dpmd.garut", "reader"),
    ("dpmd.garut", "reader"),
    ("binwas.jabar", "reader"),
    ("admin.garut", "reader"),
    ("bpd.karangpawitan", "reader"),
    ("bpd.situgede", "reader"),
    ("sekdes.karangpawitan", "reader"),
    ("kades.karangpawitan", "reader"),
]
AGREEMENT_FIELDS = {
    "name": {},
    "title": {},
    "kind": {},
    "state": {},
    "date_start": {},
    "date_end": {},
    "kabupaten_id": {"fields": {"display_name": {}}},
}


class RpcError(Exception):
    pass


class Client:
    """One JSON-RPC user on its own keep-alive connection."""

    def __init__(self, port, db, login):
        self.port, self.db, self.login = port, db, login
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        self.uid = self.call("common", "login", db, login, login)
        if not self.uid:
            raise SystemExit(f"cannot log in as {login}")

    def call(self, service, method, *args):
        body = json.dumps(
            {
                "jsonrpc": "2.0",
                "method": "call",
                "id": random.randrange(1 << 30),
                "params": {"service": service, "method": method, "args": args},
            }
        )
        for attempt in range(3):
            try:
                self.conn.request(
                    "POST", "/jsonrpc", body, {"Content-Type": "application/json"}
                )
                reply = json.loads(self.conn.getresponse().read())
                break
            except (http.client.HTTPException, ConnectionError):
                # a worker recycled (limit_request): reconnect, not an error a user sees
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
                if attempt == 2:
                    raise
        if "error" in reply:
            data = reply["error"].get("data") or {}
            raise RpcError(f"{data.get('name', 'error')}: {data.get('message', reply['error'])}")
        return reply["result"]

    def kw(self, model, method, args, kwargs=None):
        return self.call(
            "object", "execute_kw", self.db, self.uid, self.login, model, method, args,
            kwargs or {},
        )  # fmt: skip


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latency = defaultdict(list)
        self.errors = Counter()

    def timed(self, label, func):
        start = time.perf_counter()
        try:
            return func()
        except RpcError as exc:
            with self.lock:
                self.errors[(label, str(exc).splitlines()[0][:200])] += 1
            return None
        finally:
            with self.lock:
                self.latency[label].append(time.perf_counter() - start)


def setup(port, db):
    """Ids the clients need, read as the administrator."""
    admin = Client(port, db, "admin")
    bidang = admin.kw(
        "kerjasama.bidang", "search_read", [[("parent_id", "!=", False)]], {"fields": ["parent_id"], "limit": 1}
    )[0]
    users = admin.kw(
        "res.users",
        "search_read",
        [[("login", "in", sorted({login for login, _kind in ROLES}))]],
        {"fields": ["login", "kerjasama_region_ids"]},
    )
    regions = {user["login"]: user["kerjasama_region_ids"] for user in users}
    lines = admin.kw(
        "kerjasama.apbdes.line",
        "search_read",
        [[("apbdes_id.state", "=", "ditetapkan"), ("account_type", "=", "pendapatan"),
          ("region_id", "in", regions["bendahara.karangpawitan"])]],
        {"fields": ["id"]},
    )  # fmt: skip
    bkad = admin.kw("kerjasama.bkad", "search_read", [[("state", "=", "active")]], {"fields": ["id"], "limit": 1})
    return {
        "bidang": bidang["parent_id"][0],
        "sub_bidang": bidang["id"],
        "regions": regions,
        "neighbour": regions["kades.situgede"][0],
        "other_neighbour": regions["kades.karangpawitan"][0],
        "lines": [line["id"] for line in lines],
        "bkad": bkad[0]["id"] if bkad else None,
    }


def read_list(client, stats, model, fields, label):
    return stats.timed(
        label,
        lambda: client.kw(
            model, "web_search_read", [[]], {"specification": fields, "limit": 80, "count_limit": 10001}
        ),
    )


def run_client(port, db, login, kind, data, stats, stop, index):
    client = Client(port, db, login)
    counter = 0
    while not stop.is_set():
        counter += 1
        if kind == "kades":
            own = data["regions"][login][0]
            other = data["neighbour"] if own != data["neighbour"] else data["other_neighbour"]
            stats.timed(
                "create agreement",
                lambda: client.kw(
                    "kerjasama.agreement",
                    "create",
                    [
                        {
                            "title": f"Kerja sama beban {login} {index}-{counter}",
                            "kind": "antar_desa",
                            "initiative": "desa",
                            "bidang_id": data["bidang"],
                            "sub_bidang_id": data["sub_bidang"],
                            "date_start": "2026-01-01",
                            "date_end": "2027-12-31",
                            "party_ids": [
                                [0, 0, {"party_kind": "desa", "region_id": own}],
                                [0, 0, {"party_kind": "desa", "region_id": other}],
                            ],
                        }
                    ],
                ),
            )
            read_list(client, stats, "kerjasama.agreement", AGREEMENT_FIELDS, "agreement list")
        elif kind == "bendahara" and data["lines"]:
            stats.timed(
                "post realisation",
                lambda: client.kw(
                    "kerjasama.apbdes.realization",
                    "create",
                    [
                        {
                            "line_id": random.choice(data["lines"]),
                            "reference": f"BKT/BEBAN/{index}/{counter}",
                            "amount": 10000,
                        }
                    ],
                ),
            )
            read_list(
                client, stats, "kerjasama.apbdes.realization",
                {"reference": {}, "date": {}, "amount": {}, "line_id": {"fields": {"display_name": {}}}},
                "realisation list",
            )  # fmt: skip
        elif kind == "bkad" and data["bkad"]:

            def post_entry():
                entry = client.kw(
                    "kerjasama.bkad.ledger",
                    "create",
                    [
                        {
                            "bkad_id": data["bkad"],
                            "entry_type": "income",
                            "description": f"Pendapatan beban {index}-{counter}",
                            "amount": 5000,
                        }
                    ],
                )
                return client.kw("kerjasama.bkad.ledger", "action_post", [[entry]])

            stats.timed("post ledger entry", post_entry)
            read_list(
                client, stats, "kerjasama.bkad.ledger",
                {"name": {}, "date": {}, "description": {}, "amount": {}, "state": {}},
                "ledger list",
            )  # fmt: skip
        else:
            page = read_list(client, stats, "kerjasama.agreement", AGREEMENT_FIELDS, "agreement list")
            if page and page["records"]:
                record = random.choice(page["records"])
                stats.timed(
                    "open agreement",
                    lambda record=record: client.kw(
                        "kerjasama.agreement",
                        "web_read",
                        [[record["id"]]],
                        {"specification": {"name": {}, "title": {}, "state": {}, "party_ids": {"fields": {"display_name": {}}}}},
                    ),
                )


def percentile(values, fraction):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(fraction * (len(values) - 1))))]


def start_server(args):
    odoo_bin = os.path.join(os.environ.get("ODOO_PATH", "/opt/odoo/18.0"), "odoo-bin")
    command = [
        sys.executable, odoo_bin, "-c", args.config, "-d", args.database,
        "--db-filter", f"^{args.database}$", "--workers", str(args.workers),
        "--max-cron-threads", "1", "--http-interface", "127.0.0.1",
        "--http-port", str(args.port), "--gevent-port", str(args.port + 1),
        "--log-level", "warn", "--logfile", args.server_log,
    ]  # fmt: skip
    server = subprocess.Popen(command)  # noqa: S603  (our own command line)
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=5)
            conn.request("GET", "/web/health")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            pass
        if server.poll() is not None:
            raise SystemExit(f"the server stopped, see {args.server_log}")
        time.sleep(1)
    server.terminate()
    raise SystemExit("the server did not answer within 120 s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", default=".local/odoo-dev.conf")
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--port", type=int, default=int(os.environ.get("KD_HTTP_PORT", 18102)))
    parser.add_argument(
        "--bkad-clients", type=int, default=3,
        help="how many of the clients post BKAD ledger entries (the hot register)",
    )  # fmt: skip
    parser.add_argument("--server-log", default="/tmp/bench_load_server.log")
    args = parser.parse_args()

    server = start_server(args)
    try:
        data = setup(args.port, args.database)
        stats = Stats()
        stop = threading.Event()
        others = [role for role in ROLES if role[1] != "bkad"]
        mix = [("bkad.karangpawitan", "bkad")] * args.bkad_clients + others
        roles = [mix[i % len(mix)] for i in range(args.clients)]
        threads = [
            threading.Thread(
                target=run_client,
                args=(args.port, args.database, login, kind, data, stats, stop, index),
                daemon=True,
            )
            for index, (login, kind) in enumerate(roles)
        ]
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        time.sleep(args.duration)
        stop.set()
        for thread in threads:
            thread.join(timeout=300)
        elapsed = time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(timeout=60)

    every = [value for values in stats.latency.values() for value in values]
    out = sys.stdout
    out.write(
        f"{args.clients} clients, {args.workers} workers, {elapsed:.0f} s: "
        f"{len(every)} requests, {len(every) / elapsed:.1f} requests/s\n"
    )
    out.write(f"{'request':<20}{'count':>7}{'p50 s':>8}{'p95 s':>8}{'max s':>8}\n")
    for label, values in sorted(stats.latency.items()) + [("all", every)]:
        out.write(
            f"{label:<20}{len(values):>7}{statistics.median(values):>8.2f}"
            f"{percentile(values, 0.95):>8.2f}{max(values):>8.2f}\n"
        )
    total_errors = sum(stats.errors.values())
    out.write(f"errors seen by users: {total_errors}\n")
    for (label, message), count in stats.errors.most_common():
        out.write(f"  {count} x {label}: {message}\n")
    return 1 if total_errors else 0


if __name__ == "__main__":
    sys.exit(main())
