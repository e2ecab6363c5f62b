-- The Orders context (Modules/Orders): orders, their lines and status history, and the idempotency keys of
-- `POST /v1/orders` (docs/adr/0011). Only OrdersInfrastructure reads or writes this schema.
CREATE SCHEMA IF NOT EXISTS orders;

CREATE TABLE orders.orders (
    id             uuid        PRIMARY KEY,
    customer_id    uuid        NOT NULL,
    status         text        NOT NULL CHECK (status IN ('pending', 'awaiting_payment', 'rejected', 'paid', 'payment_failed',
                                                          'backordered', 'cancelled', 'shipped', 'delivered')),
    total_amount   bigint      NOT NULL CHECK (total_amount >= 0),
    currency       text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    -- Set when every line was allocated and Payments created the payment (ADR 9).
    payment_id     uuid,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL
);

-- Listing, newest first: all orders (staff), one customer's, one status's.
CREATE INDEX orders_created_id ON orders.orders (created_at DESC, id DESC);
CREATE INDEX orders_customer_created_id ON orders.orders (customer_id, created_at DESC, id DESC);
CREATE INDEX orders_status_created_id ON orders.orders (status, created_at DESC, id DESC);

CREATE TABLE orders.order_lines (
    order_id          uuid    NOT NULL REFERENCES orders.orders (id) ON DELETE CASCADE,
    -- The line's place in the request (0-based), so an order reads back in the order it was placed.
    position          integer NOT NULL CHECK (position BETWEEN 0 AND 49),
    sku               text    NOT NULL CHECK (sku ~ '^[A-Z0-9][A-Z0-9-]{0,63}$'),
    quantity          integer NOT NULL CHECK (quantity BETWEEN 1 AND 1000),
    unit_price_amount bigint  NOT NULL CHECK (unit_price_amount >= 0),
    PRIMARY KEY (order_id, position),
    UNIQUE (order_id, sku)
);

-- Every status an order took, when and why (staff see it at GET /v1/orders/{id}/history).
CREATE TABLE orders.status_history (
    order_id   uuid        NOT NULL REFERENCES orders.orders (id) ON DELETE CASCADE,
    seq        integer     NOT NULL CHECK (seq >= 1),
    status     text        NOT NULL,
    reason     text        NOT NULL CHECK (length(reason) <= 500),
    at         timestamptz NOT NULL,
    PRIMARY KEY (order_id, seq)
);

-- One row per (user, key), written in the transaction that stores the order, with the exact response bytes.
-- Rows older than 24 h no longer replay and are purged by a background job.
CREATE TABLE orders.idempotency_keys (
    user_id         uuid        NOT NULL,
    key             text        NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
    request_digest  bytea       NOT NULL,
    order_id        uuid        NOT NULL,
    response_status integer     NOT NULL,
    response_body   bytea       NOT NULL,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (user_id, key)
);

CREATE INDEX idempotency_keys_created ON orders.idempotency_keys (created_at);
