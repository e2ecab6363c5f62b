-- The Products context (Modules/Products): the catalog. Only ProductsInfrastructure reads or writes this schema.
CREATE SCHEMA IF NOT EXISTS products;

CREATE TABLE products.products (
    id             uuid        PRIMARY KEY,
    -- Normalised (trimmed, upper-cased) by the domain; immutable.
    sku            text        NOT NULL CHECK (sku ~ '^[A-Z0-9][A-Z0-9-]{0,63}$'),
    name           text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description    text        NOT NULL CHECK (length(description) <= 5000),
    category       text        NOT NULL CHECK (length(category) BETWEEN 1 AND 100),
    price_amount   bigint      NOT NULL CHECK (price_amount BETWEEN 0 AND 1000000000000),
    price_currency text        NOT NULL CHECK (price_currency ~ '^[A-Z]{3}$'),
    status         text        NOT NULL CHECK (status IN ('active', 'discontinued')),
    -- The ETag and the optimistic-concurrency check: every stored change adds one.
    version        bigint      NOT NULL CHECK (version >= 1),
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    -- `q` search: every term must be the prefix of a word of the name or description (`to_tsquery('simple',
    -- 'chai:* & red:*')`). The `simple` configuration only lower-cases: no stemming, no stop words.
    search         tsvector    GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, name || ' ' || description)) STORED
);

-- SKUs are unique (`409 sku_taken`).
CREATE UNIQUE INDEX products_sku_key ON products.products (sku);

-- Keyset paging of the listing (active products only) for each sort key, ascending and descending (scanned
-- backwards): (key, id) so that ties are broken by id.
CREATE INDEX products_active_name_id ON products.products (name, id) WHERE status = 'active';
CREATE INDEX products_active_price_id ON products.products (price_amount, id) WHERE status = 'active';
CREATE INDEX products_active_created_id ON products.products (created_at, id) WHERE status = 'active';
CREATE INDEX products_active_category ON products.products (category) WHERE status = 'active';

-- Full-text search over name and description.
CREATE INDEX products_search ON products.products USING gin (search);
