-- When a row was updated, stamped by the database that took the update (like created_at for the
-- insert): with updated_by_server it says which unit changed an order and when, so the drill can
-- check updates (cancels) against who owned the buyer at that moment. Row-based replication
-- carries the stamps unchanged (triggers do not fire on the replica). Harmless when the other
-- unit's copy of these statements arrives: IF NOT EXISTS, OR REPLACE.
ALTER TABLE orders ADD COLUMN IF NOT EXISTS updated_at TIMESTAMP(3) NULL;

CREATE OR REPLACE TRIGGER orders_updated_by BEFORE UPDATE ON orders
  FOR EACH ROW SET NEW.updated_by_server = @@server_id, NEW.updated_at = CURRENT_TIMESTAMP(3);
