#!/usr/bin/env python3
"""Fault suite (make chaos; a short version runs in make test), standard library only.

Runs a `wharf serve` on a PostgreSQL cluster of its own (created under .build/chaos-pg, thrown away), places orders
under steady load and, one at a time, injects a fault while the load goes on:

  kill -9           the server is killed mid-load and started again; clients resend what got no answer with the
                    same Idempotency-Key, as a real client would
  postgres restart  the suite's own cluster is restarted (pg_ctl restart -m fast) under load
  row lock          another session holds the stock row of a SKU the orders use and the rows of recent orders past
                    the lock timeout (DATABASE_LOCK_TIMEOUT_MS), while those orders are cancelled
  blocked stderr    the suite stops reading the server's stderr (a full pipe) while the load goes on
  postgres crash    (not with --short) pg_ctl restart -m immediate: no checkpoint, recovery from the WAL

After each fault the load stops, the suite waits for the pipeline to settle, then checks and prints the invariants:
  - every acknowledged order (a 201) exists, once: its Idempotency-Key names it, and no order exists without a key
  - no event left behind: every outbox row completed, none dead, no order still `pending`
  - what Allocation holds equals the live order lines: per order line (orders in awaiting_payment/paid/shipped/
    delivered have exactly their quantities allocated, all others none), per batch (allocated_quantity = its
    allocation rows) and per SKU; the test reads the Orders and Allocation schemas side by side, the app never does
  - no 500 ever: every answer was one the contract names (201/200, 503 with Retry-After, 409 to retry or for an
    order that cannot be cancelled), none >= 500 other than 503; the server never died by itself
Exits 1 when an invariant fails, 2 on a set-up failure.

Usage: chaos.py [--short]   Environment:
  WHARF_BIN    the server binary (default .build/release/wharf; make test passes the debug one)
  CHAOS_DIR    where the cluster and logs go (default .build/chaos)
  WORKERS      client threads placing orders (default 4; --short 3)
  FAULT_SECONDS  how long each fault lasts and the load runs around it (default 10; --short 4)
"""
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SHORT = "--short" in sys.argv[1:]
BIN = os.path.abspath(os.environ.get("WHARF_BIN", os.path.join(ROOT, ".build/release/wharf")))
DIR = os.path.abspath(os.environ.get("CHAOS_DIR", os.path.join(ROOT, ".build/chaos")))
PG_DIR = os.path.join(DIR, "pg")
WORKERS = int(os.environ.get("WORKERS", "3" if SHORT else "4"))
FAULT_SECONDS = float(os.environ.get("FAULT_SECONDS", "4" if SHORT else "10"))
SETTLE_SECONDS = 60
LOCK_TIMEOUT_MS = 1000
SKUS = [f"CHAOS-{i:03d}" for i in range(6)]
SCARCE_SKU = "CHAOS-SCARCE"  # a small batch, so some orders are rejected and nothing of them may stay allocated
LIVE = ("awaiting_payment", "paid", "shipped", "delivered")
ADMIN = ("chaos-admin@example.com", "chaos-admin-password")
CUSTOMER = ("chaos-customer@example.com", "chaos-customer-password")


def log(message):
    print(message, flush=True)


def fail_setup(message):
    log(f"chaos: set-up failed: {message}")
    sys.exit(2)


# ---------------------------------------------------------------------------------------------------------------
# The suite's own PostgreSQL cluster (as the Makefile's start_cluster: unix socket only, trust, as postgres when root).

def pg_bin():
    versions = sorted((d for d in os.listdir("/usr/lib/postgresql") if d.isdigit()), key=int) if os.path.isdir("/usr/lib/postgresql") else []
    if not versions:
        fail_setup("no PostgreSQL under /usr/lib/postgresql (make deps installs it)")
    return f"/usr/lib/postgresql/{versions[-1]}/bin"


PG_BIN = pg_bin()
AS_POSTGRES = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
DATABASE = "wharf_chaos"
DATABASE_URL = f"postgresql:///{DATABASE}?host={PG_DIR}&user=wharf"


def pg_ctl(*args):
    subprocess.run(AS_POSTGRES + [f"{PG_BIN}/pg_ctl", "-D", PG_DIR, *args], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def start_cluster():
    stop_cluster()
    shutil.rmtree(PG_DIR, ignore_errors=True)
    os.makedirs(PG_DIR, mode=0o700)
    if AS_POSTGRES:
        shutil.chown(PG_DIR, "postgres", "postgres")
    subprocess.run(AS_POSTGRES + [f"{PG_BIN}/initdb", "-D", PG_DIR, "-U", "wharf", "--auth=trust", "-E", "UTF8",
                                  "--locale=C.UTF-8"], check=True, stdout=subprocess.DEVNULL)
    with open(os.path.join(PG_DIR, "postgresql.conf"), "a") as conf:
        conf.write(f"listen_addresses = ''\nunix_socket_directories = '{PG_DIR}'\nmax_connections = 200\n"
                   "fsync = off\nfull_page_writes = off\n")
    pg_ctl("-l", os.path.join(PG_DIR, "server.log"), "-w", "-t", "60", "start")
    psql(f"CREATE DATABASE {DATABASE}", database="postgres")


def stop_cluster():
    if os.path.exists(os.path.join(PG_DIR, "PG_VERSION")):
        try:
            pg_ctl("-m", "immediate", "stop")
        except subprocess.CalledProcessError:
            pass


def psql(sql, database=DATABASE):
    result = subprocess.run(["psql", "-X", "-q", "-t", "-A", "-F", "\t", "-v", "ON_ERROR_STOP=1",
                             f"host={PG_DIR} user=wharf dbname={database}"],
                            input=sql.encode(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if result.returncode != 0:
        raise RuntimeError(f"psql: {result.stderr.decode().strip()}")
    return [line.split("\t") for line in result.stdout.decode().splitlines() if line]


# ---------------------------------------------------------------------------------------------------------------
# The server, its stderr read by a thread the suite can pause (the blocked-stderr fault).

def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


PORT = free_port()


class Server:
    def __init__(self):
        self.process = None
        self.reading = threading.Event()
        self.reading.set()
        self.log = open(os.path.join(DIR, "server.log"), "wb")
        self.expected_exit = False
        self.read_to = 0

    def start(self):
        environment = dict(os.environ, DATABASE_URL=DATABASE_URL, HOST="127.0.0.1", PORT=str(PORT), LOG_LEVEL="info",
                           JWT_SECRET="chaos-secret-0123456789abcdef-0123456789", ACCESS_TOKEN_TTL="3600",
                           PAYMENT_WEBHOOK_SECRET="whsec_chaos_0123456789", PAYMENT_PROVIDER="sandbox",
                           BOOTSTRAP_ADMIN_EMAIL=ADMIN[0], BOOTSTRAP_ADMIN_PASSWORD=ADMIN[1],
                           DATABASE_LOCK_TIMEOUT_MS=str(LOCK_TIMEOUT_MS))
        self.expected_exit = False
        self.process = subprocess.Popen([BIN, "serve"], env=environment, stdin=subprocess.DEVNULL,
                                        stdout=self.log, stderr=subprocess.PIPE)
        threading.Thread(target=self._drain, args=(self.process,), daemon=True).start()
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                fail_setup(f"the server exited with {self.process.returncode}; see {self.log.name}")
            try:
                status, _, _ = request("GET", "/health/ready", timeout=2)
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        fail_setup("the server did not become ready within 120 s")

    def _drain(self, process):
        stream = process.stderr
        while True:
            self.reading.wait()
            chunk = stream.read1(65536)
            if not chunk:
                return
            self.log.write(chunk)
            self.log.flush()

    def kill(self):
        self.expected_exit = True
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.expected_exit = True
            self.reading.set()
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def errors_logged(self):
        """Access lines with a 5xx other than 503 written since the last call (requests the suite did not make
        count too)."""
        with open(self.log.name, "rb") as file:
            file.seek(self.read_to)
            text = file.read()
        # Whole lines only: a line still being written is read next time.
        text = text[:text.rfind(b"\n") + 1]
        self.read_to += len(text)
        return [line.decode(errors="replace")[:300] for line in text.splitlines()
                if re.search(rb'"status":5(?!03)[0-9][0-9]\b', line)]

    def died(self):
        return self.process.poll() is not None and not self.expected_exit


def request(method, path, body=None, token=None, headers=(), timeout=15, connection=None):
    """One HTTP exchange; returns (status, headers dict, body bytes). Raises OSError when there is no answer."""
    own = connection is None
    connection = connection or http.client.HTTPConnection("127.0.0.1", PORT, timeout=timeout)
    all_headers = dict(headers)
    if body is not None:
        all_headers["Content-Type"] = "application/json"
    if token:
        all_headers["Authorization"] = f"Bearer {token}"
    try:
        connection.request(method, path, body=body, headers=all_headers)
        response = connection.getresponse()
        data = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, data
    except (http.client.HTTPException, ConnectionError, socket.timeout) as error:
        raise OSError(str(error)) from error
    finally:
        if own:
            connection.close()


def call(method, path, body, token=None):
    status, _, data = request(method, path, json.dumps(body).encode(), token)
    return status, json.loads(data) if data else None


# ---------------------------------------------------------------------------------------------------------------
# Load: workers place orders with an Idempotency-Key each and cancel some; every answer is recorded.

class Record:
    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = Counter()      # (what, status)
        self.violations = []           # answers the contract does not allow
        self.acknowledged = {}         # Idempotency-Key → order id from a 201
        self.sent_keys = set()
        self.unanswered = 0            # attempts that got no answer (killed server, restart): resent

    def answer(self, what, status, headers, detail=""):
        with self.lock:
            self.statuses[(what, status)] += 1
            allowed = {"place": (201, 503, 409), "cancel": (200, 409, 503)}[what]
            if status not in allowed or (status == 503 and "retry-after" not in headers):
                self.violations.append(f"{what} answered {status} {detail[:200]}")


class Load:
    def __init__(self, token, record):
        self.token, self.record = token, record
        self.running = threading.Event()
        self.threads = []

    def start(self):
        self.running.set()
        self.threads = [threading.Thread(target=self._work, args=(i,), daemon=True) for i in range(WORKERS)]
        for thread in self.threads:
            thread.start()

    def stop(self):
        self.running.clear()
        for thread in self.threads:
            thread.join(120)
            if thread.is_alive():
                log("chaos: a load worker did not stop within 120 s")

    def _work(self, index):
        rng = random.Random(index * 7919 + int(time.time()))
        while self.running.is_set():
            skus = rng.sample(SKUS + [SCARCE_SKU], rng.randint(1, 3))
            body = json.dumps({"lines": [{"sku": sku, "quantity": rng.randint(1, 3)} for sku in skus]}).encode()
            order_id = self._place(body, str(uuid.uuid4()))
            if order_id and rng.random() < 0.15:
                self._cancel(order_id)
            time.sleep(0.01)

    def _place(self, body, key):
        """Sends the order until it gets an answer, resending with the same key when there was none; a 409 (the key
        still being processed) and a 503 are retried a few times like a client would, then given up."""
        with self.record.lock:
            self.record.sent_keys.add(key)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                status, headers, data = request("POST", "/v1/orders", body, self.token, {"Idempotency-Key": key})
            except OSError:
                with self.record.lock:
                    self.record.unanswered += 1
                time.sleep(0.2)
                continue
            self.record.answer("place", status, headers, data.decode(errors="replace"))
            if status == 201:
                order_id = json.loads(data)["id"]
                with self.record.lock:
                    previous = self.record.acknowledged.setdefault(key, order_id)
                if previous != order_id:
                    self.record.violations.append(f"key {key} acknowledged as {previous} and as {order_id}")
                return order_id
            if status in (409, 503) and self.running.is_set():
                time.sleep(0.2)
                continue
            return None
        self.record.violations.append(f"order with key {key} never answered within 90 s")
        return None

    def _cancel(self, order_id):
        try:
            status, headers, data = request("POST", f"/v1/orders/{order_id}/cancel", None, self.token)
        except OSError:
            return
        self.record.answer("cancel", status, headers, data.decode(errors="replace"))


# ---------------------------------------------------------------------------------------------------------------
# Settling and the invariants.

def backlog():
    rows = psql("""SELECT (SELECT count(*) FROM messaging.outbox WHERE completed_at IS NULL AND dead_at IS NULL),
                          (SELECT count(*) FROM orders.orders WHERE status = 'pending')""")
    return int(rows[0][0]), int(rows[0][1])


def settle():
    deadline = time.monotonic() + SETTLE_SECONDS
    started = time.monotonic()
    while time.monotonic() < deadline:
        try:
            if backlog() == (0, 0):
                return time.monotonic() - started
        except RuntimeError:
            pass
        time.sleep(0.2)
    return None


def check(name, record, server, settled_after):
    """Prints the invariants after fault `name`; returns the failures."""
    failures = []
    with record.lock:
        # Answers are counted per fault; the orders acknowledged add up over the whole run.
        acknowledged = dict(record.acknowledged)
        violations, record.violations = record.violations, []
        statuses, record.statuses = record.statuses, Counter()
        unanswered, record.unanswered = record.unanswered, 0
    if settled_after is None:
        pending, pending_orders = backlog()
        failures.append(f"did not settle within {SETTLE_SECONDS} s: {pending} outbox rows pending, {pending_orders} orders pending")

    # Every acknowledged order exists once; no order without its key (a resend that made a second order).
    keys = {key: order for key, order in psql("SELECT key, order_id FROM orders.idempotency_keys")}
    orders = {row[0] for row in psql("SELECT id FROM orders.orders")}
    missing = [order for order in acknowledged.values() if order not in orders]
    misnamed = [key for key, order in acknowledged.items() if keys.get(key) != order]
    unkeyed = orders - set(keys.values())
    if missing:
        failures.append(f"{len(missing)} acknowledged orders missing, e.g. {missing[:3]}")
    if misnamed:
        failures.append(f"{len(misnamed)} keys name another order than the one acknowledged")
    if unkeyed:
        failures.append(f"{len(unkeyed)} orders without their Idempotency-Key (placed twice?), e.g. {sorted(unkeyed)[:3]}")
    if len(keys) != len(set(keys.values())):
        failures.append("two keys name one order")

    # No event left behind.
    pending_events, dead_events = (int(v) for v in psql(
        "SELECT count(*) FILTER (WHERE completed_at IS NULL AND dead_at IS NULL), count(*) FILTER (WHERE dead_at IS NOT NULL) "
        "FROM messaging.outbox")[0])
    if pending_events or dead_events:
        failures.append(f"outbox: {pending_events} events not completed, {dead_events} dead")

    # Allocation equals the live order lines (the test reads both schemas; the app never does).
    live = ", ".join(f"'{s}'" for s in LIVE)
    line_mismatches = int(psql(f"""
        WITH live AS (SELECT l.order_id, l.sku, l.quantity FROM orders.order_lines l
                      JOIN orders.orders o ON o.id = l.order_id WHERE o.status IN ({live})),
             held AS (SELECT order_id, sku, sum(quantity) AS quantity FROM allocation.allocations GROUP BY 1, 2)
        SELECT count(*) FROM live FULL JOIN held USING (order_id, sku) WHERE live.quantity IS DISTINCT FROM held.quantity""")[0][0])
    batch_mismatches = int(psql("""
        SELECT count(*) FROM allocation.batches b WHERE b.allocated_quantity <>
            (SELECT coalesce(sum(a.quantity), 0) FROM allocation.allocations a WHERE a.batch_reference = b.reference)""")[0][0])
    allocated, live_units = (int(v) for v in psql(f"""
        SELECT (SELECT coalesce(sum(allocated_quantity), 0) FROM allocation.batches),
               (SELECT coalesce(sum(l.quantity), 0) FROM orders.order_lines l JOIN orders.orders o ON o.id = l.order_id
                WHERE o.status IN ({live}))""")[0])
    if line_mismatches or batch_mismatches or allocated != live_units:
        failures.append(f"allocation: {line_mismatches} order lines and {batch_mismatches} batches disagree; "
                        f"batches hold {allocated}, live order lines {live_units}")

    # No 500 ever (in the answers the suite got and in the server's access lines); the server never died by itself.
    violations += [f"server logged {line}" for line in server.errors_logged()]
    failures += violations
    if server.died():
        failures.append(f"the server died (exit {server.process.returncode})")

    by_status = Counter()
    for (what, status), count in statuses.items():
        by_status[f"{what} {status}"] += count
    status_text = ", ".join(f"{k}: {v}" for k, v in sorted(by_status.items()))
    states = dict((row[0], int(row[1])) for row in psql("SELECT status, count(*) FROM orders.orders GROUP BY 1"))
    settled_text = f"settled in {settled_after:.1f} s" if settled_after is not None else "NOT settled"
    log(f"  after {name}: {settled_text}; answers {status_text}; {unanswered} unanswered attempts resent")
    log(f"    acknowledged orders: {len(acknowledged)}, all present once: {'yes' if not (missing or misnamed or unkeyed) else 'NO'}"
        f" (orders in the database: {len(orders)}, by status {dict(sorted(states.items()))})")
    log(f"    outbox: {pending_events} not completed, {dead_events} dead")
    log(f"    allocated units {allocated} = live order lines {live_units}: {'yes' if allocated == live_units else 'NO'};"
        f" order lines disagreeing {line_mismatches}, batches disagreeing {batch_mismatches}")
    log(f"    answers outside the contract (5xx other than 503, ...): {len(violations)}")
    log(f"  {name}: {'OK' if not failures else 'FAILED'}")
    for failure in failures:
        log(f"    - {failure}")
    return failures


# ---------------------------------------------------------------------------------------------------------------
# The faults. Each runs while the load goes on.

def fault_kill(server, load, record):
    time.sleep(FAULT_SECONDS / 2)
    server.kill()
    time.sleep(0.5)
    server.start()
    time.sleep(FAULT_SECONDS / 2)


def fault_postgres_restart(server, load, record, mode="fast"):
    time.sleep(FAULT_SECONDS / 2)
    pg_ctl("-m", mode, "-w", "-t", "60", "restart", "-l", os.path.join(PG_DIR, "server.log"))
    time.sleep(FAULT_SECONDS / 2)


def fault_postgres_crash(server, load, record):
    """`-m immediate`: PostgreSQL stops without a checkpoint and recovers from its WAL at start, as after a crash."""
    fault_postgres_restart(server, load, record, mode="immediate")


def fault_row_lock(server, load, record):
    """Holds, in another session, the stock row of a SKU every third order uses and the rows of recent orders,
    for longer than the lock timeout, and cancels those orders meanwhile: each cancel must answer (503 with
    Retry-After while the lock is held, never a 500), and allocation of that SKU must catch up afterwards."""
    time.sleep(FAULT_SECONDS / 4)
    recent = [row[0] for row in psql("SELECT id FROM orders.orders WHERE status = 'awaiting_payment' ORDER BY created_at DESC LIMIT 3")]
    holder = subprocess.Popen(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", f"host={PG_DIR} user=wharf dbname={DATABASE}"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    ids = ", ".join(f"'{order}'" for order in recent) or "NULL"
    holder.stdin.write(f"""BEGIN;
SELECT 1 FROM allocation.stock WHERE sku = '{SKUS[0]}' FOR UPDATE;
SELECT 1 FROM orders.orders WHERE id IN ({ids}) FOR UPDATE;
\\echo locked
""".encode())
    holder.stdin.flush()
    for line in holder.stdout:  # the SELECTs' rows, then the marker (EOF: psql failed)
        if line.strip() == b"locked":
            break
    else:
        fail_setup("the lock holder could not take its locks")
    started = time.monotonic()
    for order in recent:
        try:
            status, headers, data = request("POST", f"/v1/orders/{order}/cancel", None, load.token)
            record.answer("cancel", status, headers, data.decode(errors="replace"))
            if status != 503:
                record.violations.append(f"cancel of an order whose row is locked answered {status}, not 503")
        except OSError as error:
            record.violations.append(f"cancel of a locked order got no answer: {error}")
    time.sleep(max(0.0, FAULT_SECONDS - (time.monotonic() - started)))
    holder.stdin.write(b"COMMIT;\n")
    holder.stdin.close()
    holder.wait(30)
    time.sleep(FAULT_SECONDS / 4)


def fault_blocked_stderr(server, load, record):
    """Stops reading the server's stderr (access lines fill the pipe within a second) and checks that the server
    keeps answering promptly meanwhile."""
    time.sleep(FAULT_SECONDS / 4)
    server.reading.clear()
    worst = 0.0
    deadline = time.monotonic() + FAULT_SECONDS
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            status, _, _ = request("GET", "/health/live", timeout=10)
            if status != 200:
                record.violations.append(f"GET /health/live answered {status} with stderr blocked")
        except OSError as error:
            record.violations.append(f"GET /health/live got no answer with stderr blocked: {error}")
        worst = max(worst, time.monotonic() - started)
        time.sleep(0.1)
    server.reading.set()
    log(f"    stderr blocked for {FAULT_SECONDS:.0f} s: slowest GET /health/live {worst * 1000:.0f} ms")
    if worst > 2:
        record.violations.append(f"GET /health/live took {worst:.1f} s with stderr blocked")
    time.sleep(FAULT_SECONDS / 4)


FAULTS = [("kill -9", fault_kill), ("postgres restart", fault_postgres_restart),
          ("row lock", fault_row_lock), ("blocked stderr", fault_blocked_stderr)]
if not SHORT:
    FAULTS.append(("postgres crash", fault_postgres_crash))


def seed():
    status, body = call("POST", "/v1/auth/login", {"email": ADMIN[0], "password": ADMIN[1]})
    if status != 200:
        fail_setup(f"admin login answered {status}")
    admin = body["accessToken"]
    for index, sku in enumerate(SKUS + [SCARCE_SKU]):
        status, _ = call("POST", "/v1/products", {"sku": sku, "name": f"Chaos item {index}", "description": "chaos suite",
                                                   "category": "chaos", "price": {"amount": 1000 + index, "currency": "EUR"}}, admin)
        if status != 201:
            fail_setup(f"creating product {sku} answered {status}")
        quantity = 30 if sku == SCARCE_SKU else 1_000_000
        status, _ = call("POST", "/v1/batches", {"reference": f"B-{sku}", "sku": sku, "quantity": quantity}, admin)
        if status != 201:
            fail_setup(f"creating batch for {sku} answered {status}")
    status, _ = call("POST", "/v1/auth/register", {"email": CUSTOMER[0], "password": CUSTOMER[1], "name": "Chaos Customer"})
    if status != 201:
        fail_setup(f"register answered {status}")
    status, body = call("POST", "/v1/auth/login", {"email": CUSTOMER[0], "password": CUSTOMER[1]})
    if status != 200:
        fail_setup(f"customer login answered {status}")
    return body["accessToken"]


def main():
    if not os.access(BIN, os.X_OK):
        fail_setup(f"{BIN} is not there; build it first (make chaos builds the release binary)")
    os.makedirs(DIR, exist_ok=True)
    if AS_POSTGRES:
        shutil.chown(DIR, "postgres", "postgres")
    began = time.monotonic()
    log(f"chaos: {'short' if SHORT else 'full'} suite, {WORKERS} workers, faults of {FAULT_SECONDS:.0f} s, server {BIN}, "
        f"cluster {PG_DIR}")
    start_cluster()
    server = Server()
    failures = []
    try:
        server.start()
        token = seed()
        record = Record()
        for name, fault in FAULTS:
            load = Load(token, record)
            load.start()
            fault(server, load, record)
            load.stop()
            failures += [f"{name}: {failure}" for failure in check(name, record, server, settle())]
            if server.died():
                break
    finally:
        server.stop()
        stop_cluster()
    log(f"chaos: {len(FAULTS)} faults, {len(failures)} invariant failures, {time.monotonic() - began:.0f} s "
        f"(server log {server.log.name})")
    if failures:
        sys.exit(1)
    shutil.rmtree(PG_DIR, ignore_errors=True)


if __name__ == "__main__":
    main()
