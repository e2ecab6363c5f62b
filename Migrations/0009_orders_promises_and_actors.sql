-- Promises and accountability in the Orders context (docs/adr/0017): each line's expected ship date, what a
-- backordered order returns to, when an unpaid order's payment is due, and who made each history entry.

-- The date the line can leave the warehouse, from the batch Allocation put it on; NULL while the line has no
-- batch (pending, rejected, backordered).
ALTER TABLE orders.order_lines ADD COLUMN expected_ship_date date;

-- The status a `backordered` order returns to once every line has a batch again (`awaiting_payment`, or `paid`
-- when it was paid, also when the payment succeeded while it was backordered).
ALTER TABLE orders.orders ADD COLUMN resume_status text
    CHECK (resume_status IN ('awaiting_payment', 'paid', 'partially_shipped'));
-- When an `awaiting_payment` order is cancelled by the payment deadline job (set on each entry into that status).
ALTER TABLE orders.orders ADD COLUMN payment_due_at timestamptz;
CREATE INDEX orders_payment_due ON orders.orders (payment_due_at) WHERE status = 'awaiting_payment';

-- Who made the entry: a user (`actor_id` its id), the shop itself (`system`), or the payment provider.
ALTER TABLE orders.status_history
    ADD COLUMN actor_type text NOT NULL DEFAULT 'system' CHECK (actor_type IN ('user', 'system', 'provider')),
    ADD COLUMN actor_id uuid,
    ADD CONSTRAINT status_history_actor_id CHECK ((actor_type = 'user') = (actor_id IS NOT NULL));
-- Entries written before actors were recorded: a placement was its customer's; the rest were the shop's reactions
-- (a cancellation by a person cannot be told apart from its reason alone for staff, so only the customer's is known).
UPDATE orders.status_history h SET actor_type = 'user', actor_id = o.customer_id
FROM orders.orders o WHERE h.order_id = o.id AND h.reason IN ('placed', 'cancelled_by_customer');
