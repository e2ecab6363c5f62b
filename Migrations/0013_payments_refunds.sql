-- Refunds by staff, for cancelled orders and made at the provider (docs/adr/0018). Only PaymentsInfrastructure
-- reads or writes this schema.

-- What went back so far. The CHECK is the last line of defence against giving back more than was captured: the
-- use cases count a refund here under the payment's row lock, in the transaction that records it.
ALTER TABLE payments.payments
    ADD COLUMN refunded_amount bigint NOT NULL DEFAULT 0,
    ADD CONSTRAINT payments_refunded_within_amount CHECK (refunded_amount >= 0 AND refunded_amount <= amount);

-- Payments refunded before partial refunds existed gave back everything.
UPDATE payments.payments SET refunded_amount = amount WHERE status = 'refunded';

CREATE TABLE payments.refunds (
    id          uuid        PRIMARY KEY,
    payment_id  uuid        NOT NULL REFERENCES payments.payments (id),
    amount      bigint      NOT NULL CHECK (amount >= 1),
    currency    text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    status      text        NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
    reason      text        NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);

CREATE INDEX refunds_by_payment ON payments.refunds (payment_id, created_at, id);

-- Idempotency keys of POST /v1/payments/{id}/refunds: the same shape as orders.idempotency_keys (docs/adr/0011),
-- written by the shared PostgresIdempotencyKeys adapter in the refund's transaction.
CREATE TABLE payments.idempotency_keys (
    user_id         uuid        NOT NULL,
    key             text        NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
    request_digest  bytea       NOT NULL,
    refund_id       uuid        NOT NULL,
    response_status integer     NOT NULL,
    response_body   bytea       NOT NULL,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (user_id, key)
);

CREATE INDEX payments_idempotency_keys_created_at ON payments.idempotency_keys (created_at);
