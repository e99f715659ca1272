-- Enrolment tokens: what a device without a credential shows the embedded broker to be registered under the token's
-- template and receive its own credential. Only the token's SHA-256 is stored (it is 256 random bits); hint is its
-- first characters, to tell tokens apart in a listing. uses counts the devices registered with it, raised by one
-- conditional UPDATE per enrolment (uses < max_uses), so a token of max_uses 1 registers exactly one device however
-- many race for it. Revoked tokens stay listed; a template's tokens go with it.
CREATE TABLE enrolment_token (
    id           VARCHAR(64)  NOT NULL PRIMARY KEY,
    template_id  VARCHAR(128) NOT NULL REFERENCES device_template (id) ON DELETE CASCADE,
    name         VARCHAR(100) NOT NULL,
    token_hash   VARCHAR(64)  NOT NULL UNIQUE,
    hint         VARCHAR(16)  NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by   VARCHAR(64),
    expires_at   TIMESTAMP WITH TIME ZONE,
    max_uses     INTEGER,                 -- NULL: any number of devices until it expires or is revoked
    uses         INTEGER      NOT NULL,
    last_used_at TIMESTAMP WITH TIME ZONE,
    revoked_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_enrolment_token_template ON enrolment_token (template_id, created_at);
