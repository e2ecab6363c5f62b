-- pgbench's version of one order placement (Tests/Load/run, "PostgreSQL's own commit rate"): the same
-- write transaction the Orders context commits for POST /v1/orders without an Idempotency-Key, on copies of
-- its tables in schema `pgbench_orders` (created by Tests/Load/run): the order, 2 lines and the first history
-- entry in one statement, and the outbox row with a JSON payload. No HTTP, no JSON, no catalog read.
\set customer random(1, 1000)
\set sku random(0, 998)
BEGIN;
WITH o AS (
    INSERT INTO pgbench_orders.orders (id, customer_id, status, total_amount, currency, created_at, updated_at)
    VALUES (gen_random_uuid(), md5(:customer::text)::uuid, 'pending', 2500, 'EUR', now(), now()) RETURNING id),
l AS (
    INSERT INTO pgbench_orders.order_lines (order_id, position, sku, quantity, unit_price_amount)
    SELECT o.id, t.ord - 1, t.sku, t.quantity, t.price
    FROM o, unnest(ARRAY['SEED-' || lpad(:sku::text, 6, '0'), 'SEED-' || lpad((:sku + 1)::text, 6, '0')],
                   ARRAY[1, 2]::bigint[], ARRAY[500, 1000]::bigint[]) WITH ORDINALITY AS t(sku, quantity, price, ord))
INSERT INTO pgbench_orders.status_history (order_id, seq, status, reason, at) SELECT o.id, 1, 'pending', 'placed', now() FROM o;
INSERT INTO pgbench_orders.outbox (id, name, payload, occurred_at, next_attempt_at)
VALUES (gen_random_uuid(), 'orders.order_placed.v1', '{"lines":[{"quantity":1,"sku":"SEED-000001","unitPrice":{"amount":500,"currency":"EUR"}}]}', now(), now());
COMMIT;
