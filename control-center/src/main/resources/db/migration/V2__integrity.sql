-- Issue 22 (integrity): data checks and the mis-route audit.
-- Times are epoch milliseconds (UTC); the check with its per-table results is a JSON document.

CREATE TABLE data_check (
    id          VARCHAR(64)   NOT NULL PRIMARY KEY,
    cutover_id  VARCHAR(64),
    status      VARCHAR(16)   NOT NULL,
    state       LONGTEXT      NOT NULL,
    created_at  BIGINT        NOT NULL,
    updated_at  BIGINT        NOT NULL
);
CREATE INDEX ix_data_check_cutover ON data_check (cutover_id);
CREATE INDEX ix_data_check_status ON data_check (status);

-- Mis-route audit (issue 22): writes that a unit made for a buyer it did not own (or while frozen).
CREATE TABLE misroute_write (
    id            BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    detected_at   BIGINT        NOT NULL,
    writing_unit  VARCHAR(32)   NOT NULL,
    server_id     BIGINT        NOT NULL,
    table_name    VARCHAR(129)  NOT NULL,
    row_key       VARCHAR(256),
    buyer_id      BIGINT        NOT NULL,
    slot          INT           NOT NULL,
    owner_unit    VARCHAR(32)   NOT NULL,
    rules_version BIGINT        NOT NULL,
    kind          VARCHAR(16)   NOT NULL,
    change_type   VARCHAR(16)   NOT NULL,
    committed_at  BIGINT        NOT NULL
);
CREATE INDEX ix_misroute_write_detected ON misroute_write (detected_at);
