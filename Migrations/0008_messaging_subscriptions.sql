-- Which subscribers exist, as the running processes say (Modules/Outbox; docs/adr/0003). An event is complete only
-- when every subscriber registered here has handled it, so a process that lacks a newer subscriber (a rolling
-- deploy) never completes an event that subscriber still has to handle. Rows not seen for a while are ignored.
CREATE TABLE messaging.subscriptions (
    event_name text        NOT NULL,
    subscriber text        NOT NULL,
    seen_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (event_name, subscriber)
);
