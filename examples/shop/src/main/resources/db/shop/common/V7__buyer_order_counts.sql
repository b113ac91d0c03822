-- Per-buyer order counts, recomputed by the buyer-order-counts job (UNIT) in the buyer's home unit
-- only, for the slots that unit owns then: computed_by_unit and rules_version say who computed a
-- row and under which rules. A unit table (buyer_id), replicated both ways like orders. Harmless
-- when the other unit's copy of this statement arrives: IF NOT EXISTS.
CREATE TABLE IF NOT EXISTS buyer_order_counts (
  buyer_id         BIGINT      NOT NULL PRIMARY KEY,
  orders           BIGINT      NOT NULL,
  cancelled        BIGINT      NOT NULL,
  computed_by_unit VARCHAR(32) NOT NULL,
  rules_version    BIGINT      NOT NULL,
  fencing          BIGINT      NOT NULL,
  computed_at      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)
);
