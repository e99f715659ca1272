-- Operators who sign in, and their long-lived API tokens. Passwords are bcrypt hashes; tokens are stored as their
-- SHA-256 only. security_version grows on every change of password, role or standing and ends older sessions.

CREATE TABLE fleet_user (
    username            VARCHAR(64)   NOT NULL PRIMARY KEY,
    display_name        VARCHAR(200)  NOT NULL,
    password_hash       VARCHAR(100),            -- NULL: signs in through the OpenID Connect provider only
    role                VARCHAR(16)   NOT NULL,  -- VIEWER, OPERATOR or ADMIN
    security_version    BIGINT        NOT NULL,
    disabled            BOOLEAN       NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    password_changed_at TIMESTAMP WITH TIME ZONE,
    version             BIGINT        NOT NULL
);

CREATE TABLE api_token (
    id           VARCHAR(64)  NOT NULL PRIMARY KEY,
    username     VARCHAR(64)  NOT NULL REFERENCES fleet_user (username) ON DELETE CASCADE,
    name         VARCHAR(100) NOT NULL,
    token_hash   VARCHAR(64)  NOT NULL UNIQUE,
    hint         VARCHAR(16)  NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE,
    last_used_at TIMESTAMP WITH TIME ZONE,
    revoked_at   TIMESTAMP WITH TIME ZONE,
    version      BIGINT       NOT NULL
);
CREATE INDEX ix_api_token_user ON api_token (username, created_at);
