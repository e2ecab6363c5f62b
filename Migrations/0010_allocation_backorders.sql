-- Backorders in the Allocation context (docs/adr/0017): the lines that lost their batch and found no other, kept
-- until free stock of their SKU appears; they are then allocated again, oldest order first.

-- The order in which Allocation heard of orders: placement order, since `OrderPlaced` is delivered in commit order.
ALTER TABLE allocation.orders ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;

CREATE TABLE allocation.backorders (
    order_id uuid    NOT NULL REFERENCES allocation.orders (order_id),
    sku      text    NOT NULL REFERENCES allocation.stock (sku),
    quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 1000000),
    PRIMARY KEY (order_id, sku)
);
CREATE INDEX backorders_sku ON allocation.backorders (sku);
