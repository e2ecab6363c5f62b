-- Set-up for Tests/Load/pgbench_order_pipeline.sql, run by Tests/Load/run on a database of its own that `wharf migrate`
-- has just created (so every table, index, trigger and foreign key is the real one): the 1,000 products the orders
-- scenario uses (SEED-000000 …), each with its stock root, one warehouse batch of 1,000,000 and a stock level row,
-- and `bench_uuidv7()`, time-ordered ids like the server's UUIDv7 (PostgreSQL 15 has no uuidv7()), so the
-- primary-key indexes see the same insertion pattern.
CREATE FUNCTION public.bench_uuidv7() RETURNS uuid LANGUAGE sql VOLATILE AS $$
    SELECT encode(overlay(uuid_send(gen_random_uuid())
                          PLACING substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
                          FROM 1 FOR 6), 'hex')::uuid
$$;

INSERT INTO products.products (id, sku, name, description, category, price_amount, price_currency, status, version,
                               created_at, updated_at)
SELECT gen_random_uuid(), 'SEED-' || lpad(g::text, 6, '0'), 'Oak chair ' || g, 'A oak chair ' || g || ' from the seed set.',
       'chair', 500 + (g * 7919) % 200000, 'EUR', 'active', 1, now(), now()
FROM generate_series(0, 999) g;

INSERT INTO allocation.stock (sku) SELECT 'SEED-' || lpad(g::text, 6, '0') FROM generate_series(0, 999) g;
INSERT INTO allocation.batches (reference, sku, purchased_quantity)
SELECT 'PGB-SEED-' || lpad(g::text, 6, '0'), 'SEED-' || lpad(g::text, 6, '0'), 1000000 FROM generate_series(0, 999) g;
INSERT INTO allocation.stock_levels (sku, available, warehouse_available, next_eta, version)
SELECT 'SEED-' || lpad(g::text, 6, '0'), 1000000, 1000000, NULL, 0 FROM generate_series(0, 999) g;
ANALYZE;
