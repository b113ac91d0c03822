-- Every unit runs this (each unit keeps its own Flyway history table, flyway_history_<unit>).
-- The databases replicate both ways, so each statement is written to be harmless when the
-- other unit's copy of it arrives: IF NOT EXISTS everywhere. No auto-increment: ids come from id-service.

-- center-unit table: written only in the center (seeded there), replicated to the units, read locally
CREATE TABLE IF NOT EXISTS product (
  id          BIGINT       NOT NULL PRIMARY KEY,
  name        VARCHAR(100) NOT NULL,
  price_cents BIGINT       NOT NULL
);

-- unit tables: one buyer column, written only in the buyer's home unit, replicated both ways
CREATE TABLE IF NOT EXISTS orders (
  id                BIGINT      NOT NULL PRIMARY KEY,
  buyer_id          BIGINT      NOT NULL,
  status            VARCHAR(16) NOT NULL,
  total_cents       BIGINT      NOT NULL,
  version           BIGINT      NOT NULL,
  created_at        TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  written_by_server BIGINT      NULL,
  updated_by_server BIGINT      NULL,
  KEY orders_by_buyer (buyer_id, id)
);

CREATE TABLE IF NOT EXISTS order_items (
  order_id    BIGINT NOT NULL,
  line_no     INT    NOT NULL,
  buyer_id    BIGINT NOT NULL,
  product_id  BIGINT NOT NULL,
  quantity    INT    NOT NULL,
  price_cents BIGINT NOT NULL,
  PRIMARY KEY (order_id, line_no)
);

-- per-buyer statistics of the UNIT-mode consumer (applied through the version gate below)
CREATE TABLE IF NOT EXISTS buyer_stats (
  buyer_id        BIGINT NOT NULL PRIMARY KEY,
  orders_placed   BIGINT NOT NULL,
  items_bought    BIGINT NOT NULL,
  orders_cancelled BIGINT NOT NULL
);

-- mq-unit-subscribe's version gate (JdbcVersionGate.DDL): a unit table, it replicates with the data
CREATE TABLE IF NOT EXISTS unitize_applied_version (
  biz_key VARCHAR(191) NOT NULL PRIMARY KEY,
  buyer_id BIGINT      NULL,
  version BIGINT       NOT NULL
);

-- The database that takes a write stamps its own server id; row-based replication carries the
-- row image (triggers do not fire on the replica), so the stamp says which unit really wrote it.
CREATE TRIGGER IF NOT EXISTS orders_written_by BEFORE INSERT ON orders
  FOR EACH ROW SET NEW.written_by_server = @@server_id;

CREATE TRIGGER IF NOT EXISTS orders_updated_by BEFORE UPDATE ON orders
  FOR EACH ROW SET NEW.updated_by_server = @@server_id;
