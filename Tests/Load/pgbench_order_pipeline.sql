-- PostgreSQL's own rate for what one order of the open-loop pipeline scenario (Tests/Load/order_pipeline.py) makes the
-- database do, from POST /v1/orders to `paid`: one pgbench "transaction" is one order, so its tps compares directly
-- with the sustainable orders/s. Statement for statement the SQL the server sends (Modules/*/Infrastructure/Postgres,
-- Modules/Outbox/OutboxStore.swift), on a database of its own set up by `wharf migrate` and
-- Tests/Load/pgbench_order_pipeline_setup.sql. Not included: the relay's polling and the principal lookup (cached
-- for 1 s per user), which do not grow with the order rate. No HTTP, no JSON, no Swift.
-- Run by Tests/Load/run (scenario group `pipeline`): pgbench -n -M prepared -c 16 -j 2 -T 30 -f Tests/Load/pgbench_order_pipeline.sql
-- (-M prepared: the server prepares its statements too; variables are therefore parameters, never inside quotes).
\set customer random(1, 4)
\set sku random(0, 997)
\set lines random(1, 3)
\set q1 random(1, 3)
\set q2 random(1, 3)
\set q3 random(1, 3)

-- 1. POST /v1/orders: the catalog read (outside the transaction; the server reads all columns of the 1..3 rows),
-- then the order, its lines and first history entry in one statement and the `orders.order_placed.v1` outbox row.
SELECT string_agg(sku, ',' ORDER BY sku) AS skus, string_agg(price_amount::text, ',' ORDER BY sku) AS prices
FROM (SELECT id, sku, name, description, category, price_amount, price_currency, status, version, created_at, updated_at
      FROM products.products
      WHERE sku = ANY ((ARRAY['SEED-' || lpad(:sku::text, 6, '0'), 'SEED-' || lpad((:sku::int + 1)::text, 6, '0'),
                              'SEED-' || lpad((:sku::int + 2)::text, 6, '0')])[1:(:lines::int)])
        AND status = 'active' ORDER BY sku) p \gset
BEGIN;
WITH t AS (
    SELECT * FROM unnest(string_to_array(:skus::text, ','), (ARRAY[:q1::bigint, :q2::bigint, :q3::bigint])[1:(:lines::int)],
                         string_to_array(:prices::text, ',')::bigint[]) WITH ORDINALITY AS t(sku, quantity, price, ord)),
o AS (
    INSERT INTO orders.orders (id, customer_id, status, total_amount, currency, payment_id, created_at, updated_at)
    VALUES (bench_uuidv7(), md5(:customer::text)::uuid, 'pending', (SELECT sum(quantity * price) FROM t), 'EUR', NULL, now(), now())
    RETURNING id),
l AS (
    INSERT INTO orders.order_lines (order_id, position, sku, quantity, unit_price_amount)
    SELECT o.id, t.ord - 1, t.sku, t.quantity, t.price FROM o, t)
INSERT INTO orders.status_history (order_id, seq, status, reason, at) SELECT o.id, 1, 'pending', 'placed', now() FROM o
RETURNING order_id \gset
INSERT INTO messaging.outbox (id, name, payload, occurred_at, next_attempt_at, completed_at)
VALUES (bench_uuidv7(), 'orders.order_placed.v1',
        ('{"customerId":"' || md5(:customer::text)::uuid || '","lines":[{"quantity":1,"sku":"SEED-000001","unitPrice":'
         '{"amount":8419,"currency":"EUR"}},{"quantity":2,"sku":"SEED-000002","unitPrice":{"amount":16338,"currency":"EUR"}}],'
         '"orderId":"' || :order_id::text || '","total":{"amount":41095,"currency":"EUR"}}')::jsonb,
        now(), now() + make_interval(secs => 5), NULL)
RETURNING id AS placed_event \gset
COMMIT;

-- 2. Allocation's handler of order_placed (the last subscriber, so it also completes the outbox row): inbox row, the
-- order remembered, then in a savepoint the SKUs' roots locked in SKU order, their batches and this order's lines
-- loaded, per SKU the version bumped and the line inserted (the trigger adds it to the batch), and the
-- `allocation.order_allocated.v1` outbox row.
BEGIN;
UPDATE messaging.outbox SET completed_at = now(), locked_until = NULL, last_error = NULL WHERE id = :placed_event::uuid;
INSERT INTO messaging.inbox (event_id, subscriber) VALUES (:placed_event::uuid, 'allocation.allocate_order') ON CONFLICT DO NOTHING;
INSERT INTO allocation.orders (order_id, customer_id, status) VALUES (:order_id::uuid, md5(:customer::text)::uuid, 'allocated')
ON CONFLICT (order_id) DO NOTHING;
SAVEPOINT allocation_attempt;
SELECT sku, version FROM allocation.stock WHERE sku = ANY (string_to_array(:skus::text, ',')) ORDER BY sku FOR UPDATE;
SELECT reference, sku, purchased_quantity, allocated_quantity, to_char(eta, 'YYYY-MM-DD')
FROM allocation.batches WHERE sku = ANY (string_to_array(:skus::text, ',')) ORDER BY sku, reference;
SELECT order_id, sku, batch_reference, quantity FROM allocation.allocations
WHERE order_id = :order_id::uuid AND sku = ANY (string_to_array(:skus::text, ','));
UPDATE allocation.stock SET version = version + 1 WHERE sku = 'SEED-' || lpad(:sku::text, 6, '0') AND version >= 0;
INSERT INTO allocation.allocations (order_id, sku, batch_reference, quantity)
VALUES (:order_id::uuid, 'SEED-' || lpad(:sku::text, 6, '0'), 'PGB-SEED-' || lpad(:sku::text, 6, '0'), :q1::int);
\if :lines >= 2
UPDATE allocation.stock SET version = version + 1 WHERE sku = 'SEED-' || lpad((:sku::int + 1)::text, 6, '0') AND version >= 0;
INSERT INTO allocation.allocations (order_id, sku, batch_reference, quantity)
VALUES (:order_id::uuid, 'SEED-' || lpad((:sku::int + 1)::text, 6, '0'), 'PGB-SEED-' || lpad((:sku::int + 1)::text, 6, '0'), :q2::int);
\endif
\if :lines >= 3
UPDATE allocation.stock SET version = version + 1 WHERE sku = 'SEED-' || lpad((:sku::int + 2)::text, 6, '0') AND version >= 0;
INSERT INTO allocation.allocations (order_id, sku, batch_reference, quantity)
VALUES (:order_id::uuid, 'SEED-' || lpad((:sku::int + 2)::text, 6, '0'), 'PGB-SEED-' || lpad((:sku::int + 2)::text, 6, '0'), :q3::int);
\endif
-- The read models, in the allocation's own transaction since ADR 15 (AllocationService.save).
INSERT INTO allocation.stock_levels AS level (sku, available, warehouse_available, next_eta, version)
SELECT s.sku,
       COALESCE(sum(b.purchased_quantity - b.allocated_quantity), 0),
       COALESCE(sum(b.purchased_quantity - b.allocated_quantity) FILTER (WHERE b.eta IS NULL), 0),
       min(b.eta) FILTER (WHERE b.eta IS NOT NULL AND b.purchased_quantity > b.allocated_quantity),
       s.version
FROM allocation.stock s LEFT JOIN allocation.batches b ON b.sku = s.sku
WHERE s.sku = ANY (string_to_array(:skus::text, ','))
GROUP BY s.sku, s.version
ON CONFLICT (sku) DO UPDATE
SET available = EXCLUDED.available, warehouse_available = EXCLUDED.warehouse_available,
    next_eta = EXCLUDED.next_eta, version = EXCLUDED.version
WHERE level.version < EXCLUDED.version;
SELECT 1 FROM allocation.orders WHERE order_id = :order_id::uuid FOR UPDATE;
DELETE FROM allocation.allocations_view WHERE order_id = :order_id::uuid;
INSERT INTO allocation.allocations_view (order_id, sku, batch_reference)
SELECT order_id, sku, batch_reference FROM allocation.allocations WHERE order_id = :order_id::uuid;
RELEASE SAVEPOINT allocation_attempt;
INSERT INTO messaging.outbox (id, name, payload, occurred_at, next_attempt_at, completed_at)
VALUES (bench_uuidv7(), 'allocation.order_allocated.v1',
        ('{"lines":[{"batchReference":"PGB-SEED-000001","eta": null,"quantity":1,"sku":"SEED-000001"},'
         '{"batchReference":"PGB-SEED-000002","eta": null,"quantity":2,"sku":"SEED-000002"}],"orderId":"' || :order_id::text || '"}')::jsonb,
        now(), now() + make_interval(secs => 5), NULL)
RETURNING id AS allocated_event \gset
COMMIT;

-- 3. Orders' handler of order_allocated (its only subscriber since ADR 15; it completes the outbox row).
-- Orders' handler asks Payments for the payment while it holds the order's row lock; Payments writes on a connection
-- of its own, in two autocommitted statements (insert, then the provider's reference). A pgbench client has one
-- connection, so they run just before that transaction: the same statements and commits, without the lock overlap.
INSERT INTO payments.payments (id, order_id, customer_id, amount, currency, provider, provider_reference, status,
                               failure_reason, created_at, updated_at)
VALUES (bench_uuidv7(), :order_id::uuid, md5(:customer::text)::uuid, 41095, 'EUR', 'sandbox', NULL, 'pending', NULL, now(), now())
ON CONFLICT (order_id) DO NOTHING
RETURNING id AS payment_id, order_id AS payment_order, customer_id AS payment_customer, amount AS payment_amount,
          currency AS payment_currency, provider AS payment_provider, status AS payment_status, created_at AS payment_created,
          updated_at AS payment_updated \gset
UPDATE payments.payments
SET status = 'pending', failure_reason = NULL, provider_reference = 'pi_' || left(md5('sandbox-intent:' || 'wharf-order-' || :order_id::text), 24),
    updated_at = now()
WHERE id = :payment_id::uuid;
BEGIN;
UPDATE messaging.outbox SET completed_at = now(), locked_until = NULL, last_error = NULL WHERE id = :allocated_event::uuid;
INSERT INTO messaging.inbox (event_id, subscriber) VALUES (:allocated_event::uuid, 'orders.on_order_allocated') ON CONFLICT DO NOTHING;
SELECT 1 FROM orders.orders WHERE id = :order_id::uuid FOR UPDATE;
SELECT o.id, o.customer_id, o.status, o.total_amount, o.currency, o.payment_id, o.created_at, o.updated_at,
       l.skus, l.quantities, l.prices
FROM orders.orders o
CROSS JOIN LATERAL (
    SELECT array_agg(sku ORDER BY position) AS skus, array_agg(quantity::bigint ORDER BY position) AS quantities,
           array_agg(unit_price_amount ORDER BY position) AS prices
    FROM orders.order_lines WHERE order_id = o.id) l
WHERE o.id = :order_id::uuid;
WITH u AS (
    UPDATE orders.orders SET status = 'awaiting_payment', payment_id = :payment_id::uuid, updated_at = now() WHERE id = :order_id::uuid RETURNING id)
INSERT INTO orders.status_history (order_id, seq, status, reason, at)
SELECT u.id, (SELECT coalesce(max(seq), 0) + 1 FROM orders.status_history WHERE order_id = :order_id::uuid), 'awaiting_payment',
       'payment_requested', now() FROM u;
COMMIT;

-- 4. POST /v1/payments/webhook (payment_intent.succeeded): the dedupe row, the payment locked by its intent id,
-- updated, and the `payments.payment_succeeded.v1` outbox row.
BEGIN;
INSERT INTO payments.webhook_events (event_id, type, received_at) VALUES ('evt_pgbench_' || :order_id::text, 'payment_intent.succeeded', now())
ON CONFLICT (event_id) DO NOTHING;
SELECT id, order_id, customer_id, amount, currency, provider, provider_reference, status, failure_reason, created_at, updated_at
FROM payments.payments WHERE provider_reference = 'pi_' || left(md5('sandbox-intent:' || 'wharf-order-' || :order_id::text), 24) FOR UPDATE;
UPDATE payments.payments
SET status = 'succeeded', failure_reason = NULL, provider_reference = 'pi_' || left(md5('sandbox-intent:' || 'wharf-order-' || :order_id::text), 24),
    updated_at = now()
WHERE id = :payment_id::uuid;
INSERT INTO messaging.outbox (id, name, payload, occurred_at, next_attempt_at, completed_at)
VALUES (bench_uuidv7(), 'payments.payment_succeeded.v1',
        ('{"amount":{"amount":41095,"currency":"EUR"},"orderId":"' || :order_id::text || '","paymentId":"' || :payment_id::text || '"}')::jsonb,
        now(), now() + make_interval(secs => 5), NULL)
RETURNING id AS succeeded_event \gset
COMMIT;

-- 5. Orders' handler of payment_succeeded (its only subscriber): inbox row, the order locked and read, `paid` with
-- its history entry, and `orders.order_paid.v1`, which nobody subscribes to, so it is stored already completed.
BEGIN;
UPDATE messaging.outbox SET completed_at = now(), locked_until = NULL, last_error = NULL WHERE id = :succeeded_event::uuid;
INSERT INTO messaging.inbox (event_id, subscriber) VALUES (:succeeded_event::uuid, 'orders.on_payment_succeeded') ON CONFLICT DO NOTHING;
SELECT 1 FROM orders.orders WHERE id = :order_id::uuid FOR UPDATE;
SELECT o.id, o.customer_id, o.status, o.total_amount, o.currency, o.payment_id, o.created_at, o.updated_at,
       l.skus, l.quantities, l.prices
FROM orders.orders o
CROSS JOIN LATERAL (
    SELECT array_agg(sku ORDER BY position) AS skus, array_agg(quantity::bigint ORDER BY position) AS quantities,
           array_agg(unit_price_amount ORDER BY position) AS prices
    FROM orders.order_lines WHERE order_id = o.id) l
WHERE o.id = :order_id::uuid;
WITH u AS (
    UPDATE orders.orders SET status = 'paid', payment_id = :payment_id::uuid, updated_at = now() WHERE id = :order_id::uuid RETURNING id)
INSERT INTO orders.status_history (order_id, seq, status, reason, at)
SELECT u.id, (SELECT coalesce(max(seq), 0) + 1 FROM orders.status_history WHERE order_id = :order_id::uuid), 'paid',
       'payment_succeeded', now() FROM u;
INSERT INTO messaging.outbox (id, name, payload, occurred_at, next_attempt_at, completed_at)
VALUES (bench_uuidv7(), 'orders.order_paid.v1',
        ('{"customerId":"' || md5(:customer::text)::uuid || '","orderId":"' || :order_id::text || '","paymentId":"' || :payment_id::text || '",'
         '"total":{"amount":41095,"currency":"EUR"}}')::jsonb,
        now(), now() + make_interval(secs => 5), now());
COMMIT;
