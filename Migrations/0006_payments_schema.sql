-- The Payments context (Modules/Payments): one payment per order, and the webhook events already processed.
-- Only PaymentsInfrastructure reads or writes this schema.
CREATE SCHEMA IF NOT EXISTS payments;

CREATE TABLE payments.payments (
    id                 uuid        PRIMARY KEY,
    -- One payment per order: `requestPayment` is idempotent on it.
    order_id           uuid        NOT NULL,
    -- The order's owner as Orders told it (ADR 9): who may read the payment besides staff.
    customer_id        uuid        NOT NULL,
    amount             bigint      NOT NULL CHECK (amount >= 0),
    currency           text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    provider           text        NOT NULL CHECK (provider IN ('sandbox', 'stripe')),
    -- The provider's payment-intent id; NULL only until the provider has answered the creation.
    provider_reference text        CHECK (length(provider_reference) BETWEEN 1 AND 255),
    status             text        NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed', 'cancelled', 'refunded')),
    failure_reason     text        CHECK (length(failure_reason) <= 500),
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    -- When reconciliation last asked the provider about this payment.
    checked_at         timestamptz
);

CREATE UNIQUE INDEX payments_order_id_key ON payments.payments (order_id);
CREATE UNIQUE INDEX payments_provider_reference_key ON payments.payments (provider_reference);
-- Reconciliation: pending payments, oldest check first.
CREATE INDEX payments_pending ON payments.payments (provider, created_at) WHERE status = 'pending';

-- Webhook dedupe: a provider event id is processed once. The row is inserted in the transaction of the event's
-- effect, so "processed" and the effect commit together or not at all.
CREATE TABLE payments.webhook_events (
    event_id    text        PRIMARY KEY CHECK (length(event_id) BETWEEN 1 AND 255),
    type        text        NOT NULL CHECK (length(type) <= 255),
    received_at timestamptz NOT NULL
);
