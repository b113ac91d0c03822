-- Per-buyer statistics that two-way row replication cannot lose (drill invariant 4). One row per
-- (buyer, unit): each unit's UNIT-mode consumer increments only its own unit's row, so no row is
-- ever written in two units, and a replicated after-image never overwrites another unit's
-- increment (around a cutover the old home and the new home both apply events of one buyer).
-- The buyer's statistics are the sum over units: the view buyer_stats_total, which also counts the
-- rows of the old single-row table buyer_stats (no longer written).
-- Runs in every unit and its DDL replicates: IF NOT EXISTS / OR REPLACE, harmless twice.
CREATE TABLE IF NOT EXISTS buyer_stats_by_unit (
  buyer_id         BIGINT      NOT NULL,
  unit             VARCHAR(32) NOT NULL,
  orders_placed    BIGINT      NOT NULL,
  items_bought     BIGINT      NOT NULL,
  orders_cancelled BIGINT      NOT NULL,
  PRIMARY KEY (buyer_id, unit)
);

CREATE OR REPLACE VIEW buyer_stats_total AS
  SELECT buyer_id, SUM(orders_placed) AS orders_placed, SUM(items_bought) AS items_bought,
         SUM(orders_cancelled) AS orders_cancelled
  FROM (SELECT buyer_id, orders_placed, items_bought, orders_cancelled FROM buyer_stats
        UNION ALL
        SELECT buyer_id, orders_placed, items_bought, orders_cancelled FROM buyer_stats_by_unit) per_unit
  GROUP BY buyer_id;
