-- Each device's own credential. The secret itself is never stored: secret_hash is its salted SHA-512 in mosquitto's
-- password-file format ($6$salt$hash), sealed_secret the secret encrypted (AES-256-GCM) under the service's master
-- key, read back only as the device's DTLS pre-shared key. A gateway's children have none.
CREATE TABLE device_credential (
    device_id     VARCHAR(128) NOT NULL PRIMARY KEY,
    secret_hash   VARCHAR(200) NOT NULL,
    sealed_secret VARCHAR(200) NOT NULL,
    issued_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at    TIMESTAMP WITH TIME ZONE,
    version       BIGINT       NOT NULL
);
