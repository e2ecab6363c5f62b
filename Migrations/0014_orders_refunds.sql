-- Refunds seen from Orders (docs/adr/0018): a history entry with reason `refunded` carries the amount, and an order
-- whose payment is fully refunded cannot ship. Written by Orders' reaction to payments.payment_refunded.v1.
ALTER TABLE orders.orders ADD COLUMN payment_refunded boolean NOT NULL DEFAULT false;

ALTER TABLE orders.status_history
    ADD COLUMN amount   bigint CHECK (amount >= 0),
    ADD COLUMN currency text   CHECK (currency ~ '^[A-Z]{3}$'),
    ADD CONSTRAINT status_history_amount_has_currency CHECK ((amount IS NULL) = (currency IS NULL));
