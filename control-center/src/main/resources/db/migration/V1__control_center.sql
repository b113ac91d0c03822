-- Control center store. Portable between MariaDB/MySQL (tests, production) and H2 in MariaDB mode (demo default).
-- Times are epoch milliseconds (UTC), documents are JSON text.

CREATE TABLE rules_version (
    version     BIGINT        NOT NULL PRIMARY KEY,
    document    LONGTEXT      NOT NULL,
    author      VARCHAR(128)  NOT NULL,
    reason      VARCHAR(1024),
    purpose     VARCHAR(16)   NOT NULL,
    cutover_id  VARCHAR(64),
    created_at  BIGINT        NOT NULL
);
CREATE INDEX ix_rules_version_cutover ON rules_version (cutover_id, purpose);

CREATE TABLE cutover (
    id          VARCHAR(64)   NOT NULL PRIMARY KEY,
    operator    VARCHAR(128)  NOT NULL,
    status      VARCHAR(16)   NOT NULL,
    step        VARCHAR(16)   NOT NULL,
    state       LONGTEXT      NOT NULL,
    created_at  BIGINT        NOT NULL,
    updated_at  BIGINT        NOT NULL
);
CREATE INDEX ix_cutover_status ON cutover (status);

CREATE TABLE audit_event (
    id          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    at          BIGINT        NOT NULL,
    operator    VARCHAR(128)  NOT NULL,
    action      VARCHAR(64)   NOT NULL,
    target      VARCHAR(128),
    outcome     VARCHAR(32)   NOT NULL,
    detail      LONGTEXT
);

-- Spring Security's user store (JdbcUserDetailsManager's default schema).
CREATE TABLE users (
    username    VARCHAR(64)   NOT NULL PRIMARY KEY,
    password    VARCHAR(500)  NOT NULL,
    enabled     BOOLEAN       NOT NULL
);
CREATE TABLE authorities (
    username    VARCHAR(64)   NOT NULL,
    authority   VARCHAR(64)   NOT NULL,
    CONSTRAINT fk_authorities_users FOREIGN KEY (username) REFERENCES users (username),
    CONSTRAINT uq_authorities UNIQUE (username, authority)
);
