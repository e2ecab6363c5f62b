-- Dead events ("dead letters", docs/adr/0020): listed newest first by `GET /v1/admin/dead-events` and
-- `wharf events dead`, and retried by id. `failed_subscribers`: whose handler failed on the last attempt.
ALTER TABLE messaging.outbox ADD COLUMN failed_subscribers text[];

CREATE INDEX outbox_dead ON messaging.outbox (dead_at DESC, id DESC) WHERE dead_at IS NOT NULL;
