-- Issue 22 (grey cutovers): a plan that moves its slots in waves with gates between them.
-- Status as a column, the plan with its waves and gate outcomes as a JSON document; times are epoch milliseconds (UTC).

CREATE TABLE grey_plan (
    id          VARCHAR(64)   NOT NULL PRIMARY KEY,
    operator    VARCHAR(128)  NOT NULL,
    status      VARCHAR(32)   NOT NULL,
    state       LONGTEXT      NOT NULL,
    created_at  BIGINT        NOT NULL,
    updated_at  BIGINT        NOT NULL
);
CREATE INDEX ix_grey_plan_status ON grey_plan (status);
