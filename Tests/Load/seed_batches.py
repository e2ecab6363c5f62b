#!/usr/bin/env python3
"""Gives each of the first N seeded SKUs (SEED-000000 ...) a warehouse batch of 1,000,000 through
POST /v1/batches (8 threads), so the orders benchmark is never out of stock. Exits 3, creating nothing, when
the server has no /v1/batches yet (the Allocation context is not wired).
Usage: seed_batches.py BASE_URL STAFF_TOKEN N RUN_ID   (standard library only)"""
import json
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

base, token, count, run_id = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]


def create(i):
    body = json.dumps({"reference": f"BENCH-{run_id}-{i:06d}", "sku": f"SEED-{i:06d}", "quantity": 1000000})
    request = urllib.request.Request(f"{base}/v1/batches", data=body.encode(), method="POST",
                                     headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


if create(0) == 404:
    sys.exit(3)
with ThreadPoolExecutor(8) as pool:
    statuses = list(pool.map(create, range(1, count)))
failed = [s for s in statuses if s != 201]
if failed:
    print(f"seed_batches: {len(failed)} batches not created (statuses {sorted(set(failed))})", file=sys.stderr)
    sys.exit(1)
