-- The order service's transactional outbox: every ORDER_EVENTS message is first a row here,
-- written in the same local transaction as the order change it announces (through the write
-- guard, like the order), then published by the unit that wrote it (origin_unit) and marked sent.
-- A failed send (the broker down) leaves the row unsent; the relay retries until it is delivered
-- (at least once; consumers are version-gated). One row per (order, version): only the unit that
-- owns the buyer writes it, so two-way replication never sees the same key written twice.
-- Runs in every unit and its DDL replicates: IF NOT EXISTS.
CREATE TABLE IF NOT EXISTS order_outbox (
  order_id    BIGINT       NOT NULL,
  version     BIGINT       NOT NULL,
  buyer_id    BIGINT       NOT NULL,
  origin_unit VARCHAR(32)  NOT NULL,
  tags        VARCHAR(16)  NOT NULL,
  body        MEDIUMBLOB   NOT NULL,
  created_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  sent_at     TIMESTAMP(3) NULL,
  PRIMARY KEY (order_id, version),
  KEY order_outbox_unsent (origin_unit, sent_at, created_at)
);
