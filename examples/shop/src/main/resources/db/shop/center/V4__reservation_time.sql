-- When each reservation was taken: the reservation sweeper (ReservationSweeper) releases a
-- reservation that is still RESERVED a grace period later while no unit has its order (the
-- order service's compensating release timed out too) or the order is CANCELLED (the cancel's
-- release was lost). Rows from before this migration count from now.
ALTER TABLE stock_reservation ADD COLUMN IF NOT EXISTS reserved_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3);
