#!/usr/bin/env python3
"""Seeds N pending sandbox payments straight into payments.payments (there is no HTTP route that creates payments:
Orders asks for them) and writes N signed `payment_intent.succeeded` deliveries, one per payment, each with its
own event id, as lines "<Stripe-Signature>\t<body>" for webhook.lua.
Usage: webhook_events.py DATABASE_URL SECRET N OUT   (standard library and psql only)"""
import hashlib
import hmac
import json
import subprocess
import sys
import time
import uuid
from datetime import datetime, timezone

database_url, secret, count, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
run = uuid.uuid4().hex[:8]
payments = [(str(uuid.uuid4()), str(uuid.uuid4()), f"pi_bench{run}{i:08d}") for i in range(count)]
created = datetime.now(timezone.utc).isoformat()
rows = "".join(f"{p}\t{o}\t{uuid.uuid4()}\t4200\tEUR\tsandbox\t{r}\tpending\t{created}\t{created}\n" for p, o, r in payments)
subprocess.run(["psql", database_url, "-q", "-c",
                "COPY payments.payments (id, order_id, customer_id, amount, currency, provider, provider_reference, status, "
                "created_at, updated_at) FROM STDIN"], input=rows.encode(), check=True)
now = int(time.time())
with open(out, "w") as file:
    for i, (payment_id, order_id, reference) in enumerate(payments):
        body = json.dumps({"id": f"evt_bench{run}{i:08d}", "object": "event", "type": "payment_intent.succeeded", "created": now,
                           "data": {"object": {"id": reference, "object": "payment_intent", "amount": 4200, "currency": "eur",
                                               "metadata": {"paymentId": payment_id, "orderId": order_id}}}},
                          separators=(",", ":"))
        mac = hmac.new(secret.encode(), f"{now}.{body}".encode(), hashlib.sha256).hexdigest()
        file.write(f"t={now},v1={mac}\t{body}\n")
