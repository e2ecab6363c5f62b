-- Fulfilment in the Orders context (docs/adr/0021): where an order goes, what of each line has shipped, and the
-- shipments themselves. Only OrdersInfrastructure reads or writes these.

-- The new status `partially_shipped` (some goods left, some are still to ship).
ALTER TABLE orders.orders DROP CONSTRAINT orders_status_check;
ALTER TABLE orders.orders ADD CONSTRAINT orders_status_check
    CHECK (status IN ('pending', 'awaiting_payment', 'rejected', 'paid', 'payment_failed', 'backordered', 'cancelled',
                      'partially_shipped', 'shipped', 'delivered'));

-- The shipping address, all of it or nothing (checked by the domain's Address before it is written).
ALTER TABLE orders.orders
    ADD COLUMN ship_name        text CHECK (length(ship_name) BETWEEN 1 AND 100),
    ADD COLUMN ship_line1       text CHECK (length(ship_line1) BETWEEN 1 AND 100),
    ADD COLUMN ship_line2       text CHECK (length(ship_line2) BETWEEN 1 AND 100),
    ADD COLUMN ship_city        text CHECK (length(ship_city) BETWEEN 1 AND 100),
    ADD COLUMN ship_postal_code text CHECK (length(ship_postal_code) BETWEEN 1 AND 100),
    ADD COLUMN ship_country     text CHECK (ship_country ~ '^[A-Z]{2}$'),
    ADD COLUMN ship_phone       text CHECK (ship_phone ~ '^[0-9 +()-]{3,32}$'),
    ADD CONSTRAINT orders_ship_address_whole CHECK (
        (ship_name IS NULL) = (ship_line1 IS NULL) AND (ship_name IS NULL) = (ship_city IS NULL)
        AND (ship_name IS NULL) = (ship_postal_code IS NULL) AND (ship_name IS NULL) = (ship_country IS NULL)
        AND (ship_name IS NOT NULL OR (ship_line2 IS NULL AND ship_phone IS NULL)));

-- How much of each line has shipped; never more than was ordered.
ALTER TABLE orders.order_lines
    ADD COLUMN shipped_quantity integer NOT NULL DEFAULT 0,
    ADD CONSTRAINT order_lines_shipped_within_ordered CHECK (shipped_quantity BETWEEN 0 AND quantity);

-- One row per shipment, its lines beside it; never changed once written.
CREATE TABLE orders.shipments (
    id              uuid        PRIMARY KEY,
    order_id        uuid        NOT NULL REFERENCES orders.orders (id) ON DELETE CASCADE,
    carrier         text        CHECK (length(carrier) BETWEEN 1 AND 64),
    tracking_number text        CHECK (length(tracking_number) BETWEEN 1 AND 128),
    created_at      timestamptz NOT NULL
);
-- An order's shipments, oldest first.
CREATE INDEX shipments_order_created ON orders.shipments (order_id, created_at, id);

CREATE TABLE orders.shipment_lines (
    shipment_id uuid    NOT NULL REFERENCES orders.shipments (id) ON DELETE CASCADE,
    position    integer NOT NULL CHECK (position BETWEEN 0 AND 49),
    sku         text    NOT NULL,
    quantity    integer NOT NULL CHECK (quantity BETWEEN 1 AND 1000),
    PRIMARY KEY (shipment_id, position)
);

-- Orders shipped before shipments were recorded shipped everything.
UPDATE orders.order_lines l SET shipped_quantity = l.quantity
FROM orders.orders o WHERE o.id = l.order_id AND o.status IN ('shipped', 'delivered');
