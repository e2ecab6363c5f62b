#!/usr/bin/env python3
"""Creates N catalog products through Wharf's own API (8 threads) and prints their ids, one per line.
Usage: seed.py BASE_URL TOKEN N > ids.txt   (standard library only)"""
import json
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor

base, token, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
words = ["red", "oak", "chair", "table", "lamp", "brass", "linen", "sofa", "stool", "desk", "shelf", "rug"]


def create(i):
    name = f"{words[i % 12].title()} {words[(i // 12) % 12]} {words[(i // 144) % 12]} {i}"
    body = json.dumps({"sku": f"SEED-{i:06d}", "name": name, "description": f"A {name.lower()} from the seed set.",
                       "category": words[i % 7], "price": {"amount": 500 + (i * 7919) % 200000, "currency": "EUR"}})
    request = urllib.request.Request(f"{base}/v1/products", data=body.encode(), method="POST",
                                     headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request) as response:
        return json.load(response)["id"]


with ThreadPoolExecutor(8) as pool:
    for product_id in pool.map(create, range(count)):
        print(product_id)
