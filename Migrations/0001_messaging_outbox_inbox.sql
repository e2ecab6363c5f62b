-- The durable event bus (Modules/Outbox; docs/adr/0003). Shared infrastructure, not a bounded context:
-- contexts write here only through the bus, in the same transaction as their own state change.
CREATE SCHEMA IF NOT EXISTS messaging;

-- Every integration event, written in the publisher's transaction.
CREATE TABLE messaging.outbox (
    id              uuid PRIMARY KEY,
    name            text        NOT NULL CHECK (name ~ '^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*\.v[0-9]+$'),
    payload         jsonb       NOT NULL,
    occurred_at     timestamptz NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    -- The relay leaves an event alone until then (in-process dispatch goes first; failures back off).
    next_attempt_at timestamptz NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    -- A relay that claimed the event holds it until then; a crashed relay's claim simply expires.
    locked_until    timestamptz,
    completed_at    timestamptz,
    dead_at         timestamptz,
    last_error      text
);

CREATE INDEX outbox_pending ON messaging.outbox (next_attempt_at)
    WHERE completed_at IS NULL AND dead_at IS NULL;

-- (event, subscriber) pairs already handled, written in the subscriber's own transaction.
CREATE TABLE messaging.inbox (
    event_id   uuid        NOT NULL,
    subscriber text        NOT NULL,
    handled_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (event_id, subscriber)
);
