-- The Notifications context (Modules/Notifications): the messages handed to the mail server. A row is written in
-- the event handler's transaction, with the bus's inbox row, once the server has answered for the message (ADR 19).
-- Only NotificationsInfrastructure reads or writes this schema.
CREATE SCHEMA IF NOT EXISTS notifications;

CREATE TABLE notifications.sent_messages (
    -- Derived from the event id and the recipients, without angle brackets.
    message_id text        PRIMARY KEY CHECK (length(message_id) BETWEEN 1 AND 255),
    event_id   uuid        NOT NULL,
    kind       text        NOT NULL CHECK (length(kind) BETWEEN 1 AND 64),
    -- Addresses the server took, and those it refused for good (5xx), comma-separated.
    accepted   text        NOT NULL,
    refused    text        NOT NULL,
    sent_at    timestamptz NOT NULL
);

CREATE INDEX sent_messages_sent_at ON notifications.sent_messages (sent_at);
