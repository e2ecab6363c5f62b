-- The Allocation context (Modules/Allocation): batches of stock and which order line sits on which batch.
-- Only AllocationInfrastructure reads or writes this schema.
CREATE SCHEMA IF NOT EXISTS allocation;

-- The aggregate root per SKU ("Product" in Cosmic Python): its version is bumped by every stored change, with
-- `UPDATE … WHERE version = $old`, so two use cases working on one SKU can never both commit.
CREATE TABLE allocation.stock (
    sku     text   PRIMARY KEY CHECK (sku ~ '^[A-Z0-9][A-Z0-9-]{0,63}$'),
    version bigint NOT NULL DEFAULT 0 CHECK (version >= 0)
);

CREATE TABLE allocation.batches (
    reference          text        PRIMARY KEY CHECK (reference ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    sku                text        NOT NULL REFERENCES allocation.stock (sku),
    purchased_quantity integer     NOT NULL CHECK (purchased_quantity BETWEEN 0 AND 1000000),
    -- Kept by the triggers below from allocation.allocations, never written by the application, so the CHECK
    -- holds whatever the code does: available stock (purchased - allocated) can never go negative.
    allocated_quantity integer     NOT NULL DEFAULT 0,
    eta                date,
    created_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT batches_never_oversold CHECK (allocated_quantity BETWEEN 0 AND purchased_quantity)
);
CREATE INDEX batches_sku_reference ON allocation.batches (sku, reference);

-- The orders Allocation has heard of: the owner (for `GET /v1/allocations/{orderId}`) and what became of it,
-- which makes the event handlers idempotent (an order is allocated or rejected once, released once).
CREATE TABLE allocation.orders (
    order_id    uuid        PRIMARY KEY,
    customer_id uuid        NOT NULL,
    status      text        NOT NULL CHECK (status IN ('allocated', 'rejected', 'released')),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- One row per allocated order line (an order has each SKU once).
CREATE TABLE allocation.allocations (
    order_id        uuid    NOT NULL,
    sku             text    NOT NULL,
    batch_reference text    NOT NULL REFERENCES allocation.batches (reference),
    quantity        integer NOT NULL CHECK (quantity BETWEEN 1 AND 1000000),
    -- Allocation order within a batch: a shrinking batch gives up its most recent lines first.
    position        bigint  GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (order_id, sku)
);
CREATE INDEX allocations_batch ON allocation.allocations (batch_reference, position);

CREATE FUNCTION allocation.track_allocated_quantity() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE allocation.batches SET allocated_quantity = allocated_quantity + NEW.quantity
        WHERE reference = NEW.batch_reference;
        RETURN NEW;
    ELSIF TG_OP = 'DELETE' THEN
        UPDATE allocation.batches SET allocated_quantity = allocated_quantity - OLD.quantity
        WHERE reference = OLD.batch_reference;
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'allocation rows are inserted and deleted, never updated';
END $$;

CREATE TRIGGER allocations_track_quantity AFTER INSERT OR DELETE OR UPDATE ON allocation.allocations
    FOR EACH ROW EXECUTE FUNCTION allocation.track_allocated_quantity();

-- Read model of `GET /v1/allocations/{orderId}`, rebuilt per order by the handlers of Allocation's own events.
CREATE TABLE allocation.allocations_view (
    order_id        uuid NOT NULL,
    sku             text NOT NULL,
    batch_reference text NOT NULL,
    PRIMARY KEY (order_id, sku)
);

-- Read model of `GET /v1/stock/{sku}`, kept by the handlers of `products.product_created.v1` and of Allocation's
-- own events. `version` is the aggregate's version it reflects: an older recomputation never overwrites a newer.
CREATE TABLE allocation.stock_levels (
    sku                 text    PRIMARY KEY,
    available           integer NOT NULL,
    warehouse_available integer NOT NULL,
    next_eta            date,
    version             bigint  NOT NULL
);
