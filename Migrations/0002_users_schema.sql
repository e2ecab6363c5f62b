-- The Users context (Modules/Users). Only UsersInfrastructure reads or writes this schema.
CREATE SCHEMA IF NOT EXISTS users;

CREATE TABLE users.users (
    id            uuid PRIMARY KEY,
    email         text        NOT NULL CHECK (email = lower(btrim(email)) AND length(email) BETWEEN 3 AND 254),
    name          text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    roles         text[]      NOT NULL CHECK (cardinality(roles) >= 1 AND roles <@ ARRAY['admin', 'staff', 'customer']),
    status        text        NOT NULL CHECK (status IN ('active', 'disabled')),
    password_hash text        NOT NULL,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);

-- Case-insensitive uniqueness is guaranteed by storing the normalised form (see the CHECK above).
CREATE UNIQUE INDEX users_email_key ON users.users (email);

-- Keyset paging by (email, id) for the admin listing.
CREATE INDEX users_email_id ON users.users (email, id);

-- Refresh tokens: only SHA-256 hashes are stored; one family per login.
CREATE TABLE users.refresh_tokens (
    id          uuid PRIMARY KEY,
    family_id   uuid        NOT NULL,
    user_id     uuid        NOT NULL REFERENCES users.users (id),
    token_hash  bytea       NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    issued_at   timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    spent_at    timestamptz,
    revoked_at  timestamptz
);

CREATE INDEX refresh_tokens_family ON users.refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user ON users.refresh_tokens (user_id) WHERE revoked_at IS NULL;

-- Failed logins per normalised email (existing or not), shared by all processes, kept across restarts.
CREATE TABLE users.login_failures (
    email     text        NOT NULL,
    failed_at timestamptz NOT NULL
);

CREATE INDEX login_failures_email_time ON users.login_failures (email, failed_at);
