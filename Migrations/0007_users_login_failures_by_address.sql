-- Login throttling per email and per client address (docs/adr/0014-login-throttling.md).
-- client_address: the caller's address as the server determined it (NULL for failures recorded before).
-- attempt_id: an attempt is recorded as a failure before its password is checked; a right password withdraws it.
ALTER TABLE users.login_failures
    ADD COLUMN client_address text,
    ADD COLUMN attempt_id     uuid;

CREATE INDEX login_failures_attempt ON users.login_failures (attempt_id) WHERE attempt_id IS NOT NULL;
