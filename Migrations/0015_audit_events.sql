-- The audit log (docs/adr/0018): who changed what, from which request. Every context writes its entries through the
-- shared AuditTrail port in the transaction of the change; the schema belongs to that shared plumbing (like
-- `messaging` to the bus), not to a context, and only Outbox's audit adapters read or write it.
CREATE SCHEMA IF NOT EXISTS audit;

CREATE TABLE audit.events (
    id          uuid        PRIMARY KEY,
    at          timestamptz NOT NULL,
    actor_type  text        NOT NULL CHECK (actor_type IN ('user', 'system', 'provider')),
    actor_id    uuid        CHECK ((actor_type = 'user') = (actor_id IS NOT NULL)),
    action      text        NOT NULL CHECK (action ~ '^[a-z]+\.[a-z_]+$'),
    target_type text        NOT NULL CHECK (target_type IN ('user', 'product', 'batch', 'order', 'shipment', 'refund')),
    target_id   text        NOT NULL CHECK (length(target_id) BETWEEN 1 AND 128),
    request_id  text        CHECK (length(request_id) BETWEEN 1 AND 128),
    changes     jsonb       NOT NULL
);

-- Newest first, unfiltered and by each filter.
CREATE INDEX audit_events_at ON audit.events (at DESC, id DESC);
CREATE INDEX audit_events_actor ON audit.events (actor_id, at DESC, id DESC) WHERE actor_id IS NOT NULL;
CREATE INDEX audit_events_target ON audit.events (target_type, target_id, at DESC, id DESC);
CREATE INDEX audit_events_action ON audit.events (action, at DESC, id DESC);
