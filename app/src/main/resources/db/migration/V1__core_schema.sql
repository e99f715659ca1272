-- Fleet Jobs core schema. Portable between H2 and PostgreSQL: statuses are stored by name, JSON documents as
-- VARCHAR, every mutable row has a version column for optimistic locking.

CREATE TABLE device_template (
    id          VARCHAR(128)  NOT NULL PRIMARY KEY,
    name        VARCHAR(200)  NOT NULL,
    description VARCHAR(2000),
    definition  VARCHAR       NOT NULL,  -- JSON: properties, settings, commands
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    version     BIGINT        NOT NULL
);

CREATE TABLE device (
    id               VARCHAR(128) NOT NULL PRIMARY KEY,
    name             VARCHAR(200) NOT NULL,
    template_id      VARCHAR(128) NOT NULL,
    attributes       VARCHAR      NOT NULL,  -- JSON object of strings
    reported         VARCHAR      NOT NULL,  -- JSON object: last reported property values
    reported_version BIGINT       NOT NULL,
    online           BOOLEAN      NOT NULL,
    last_seen_at     TIMESTAMP WITH TIME ZONE,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at       TIMESTAMP WITH TIME ZONE,  -- deleted devices stay so old jobs still name them
    version          BIGINT       NOT NULL
);
CREATE INDEX ix_device_template ON device (template_id, id);

CREATE TABLE device_set (
    id          VARCHAR(128)  NOT NULL PRIMARY KEY,
    name        VARCHAR(200)  NOT NULL,
    description VARCHAR(2000),
    template_id VARCHAR(128)  NOT NULL,
    kind        VARCHAR(16)   NOT NULL,  -- FILTER or LIST
    conditions  VARCHAR       NOT NULL,  -- JSON array of conditions (FILTER)
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    version     BIGINT        NOT NULL
);

CREATE TABLE device_set_member (
    set_id    VARCHAR(128) NOT NULL,
    device_id VARCHAR(128) NOT NULL,
    PRIMARY KEY (set_id, device_id)
);

CREATE TABLE job (
    id                        VARCHAR(64)   NOT NULL PRIMARY KEY,
    name                      VARCHAR(200)  NOT NULL,
    description               VARCHAR(2000),
    device_set_id             VARCHAR(128)  NOT NULL,
    operations                VARCHAR       NOT NULL,  -- JSON array of operations
    status                    VARCHAR(16)   NOT NULL,
    subset                    BOOLEAN       NOT NULL,  -- true: only the devices in job_target
    delivery_timeout_seconds  BIGINT        NOT NULL,
    execution_timeout_seconds BIGINT        NOT NULL,
    copied_from               VARCHAR(64),
    created_at                TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at                TIMESTAMP WITH TIME ZONE,
    finished_at               TIMESTAMP WITH TIME ZONE,
    version                   BIGINT        NOT NULL
);
CREATE INDEX ix_job_status ON job (status, created_at);
CREATE INDEX ix_job_device_set ON job (device_set_id, created_at);
CREATE INDEX ix_job_finished ON job (finished_at);

-- The chosen subset of a job's device set, when the operator picked devices.
CREATE TABLE job_target (
    job_id    VARCHAR(64)  NOT NULL,
    device_id VARCHAR(128) NOT NULL,
    PRIMARY KEY (job_id, device_id)
);

-- Maintained per-status counts, changed only by relative updates in the same transaction as the executions.
CREATE TABLE job_counts (
    job_id    VARCHAR(64) NOT NULL PRIMARY KEY,
    total     BIGINT      NOT NULL,
    pending   BIGINT      NOT NULL,
    completed BIGINT      NOT NULL,
    failed    BIGINT      NOT NULL,
    canceled  BIGINT      NOT NULL
);

CREATE TABLE execution (
    id             UUID          NOT NULL PRIMARY KEY,
    job_id         VARCHAR(64)   NOT NULL,
    device_id      VARCHAR(128)  NOT NULL,
    status         VARCHAR(16)   NOT NULL,
    failure_reason VARCHAR(32),            -- DEVICE_ERROR, REJECTED, TIMED_OUT, NEVER_DELIVERED
    error_code     VARCHAR(64),
    error_message  VARCHAR(1024),
    details        VARCHAR,                -- JSON: last progress details
    results        VARCHAR,                -- JSON: results of a completed execution
    device_version BIGINT        NOT NULL, -- last update version recorded from the device
    dispatched_at  TIMESTAMP WITH TIME ZONE,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at    TIMESTAMP WITH TIME ZONE,
    version        BIGINT        NOT NULL,
    CONSTRAINT uq_execution_job_device UNIQUE (job_id, device_id)
);
-- listing a job's devices by status, and dispatching in device order
CREATE INDEX ix_execution_job_status ON execution (job_id, status, device_id);
-- timeouts: executions sent before a given instant
CREATE INDEX ix_execution_job_dispatched ON execution (job_id, status, dispatched_at);
CREATE INDEX ix_execution_device ON execution (device_id, status);
