-- Only the center runs this: center tables (stock, sales) and the catalog's seed rows.
-- (The sandbox replicates whole servers, so copies of the center tables also reach the units;
-- nothing there reads or writes them: the write guard refuses CENTER tables outside the center.)

CREATE TABLE IF NOT EXISTS stock (
  product_id BIGINT NOT NULL PRIMARY KEY,
  available  BIGINT NOT NULL
);

-- one row per order: the idempotency key of reserve/release
CREATE TABLE IF NOT EXISTS stock_reservation (
  order_id          BIGINT      NOT NULL PRIMARY KEY,
  state             VARCHAR(16) NOT NULL,
  written_by_server BIGINT      NULL
);

CREATE TRIGGER IF NOT EXISTS stock_reservation_written_by BEFORE INSERT ON stock_reservation
  FOR EACH ROW SET NEW.written_by_server = @@server_id;

CREATE TABLE IF NOT EXISTS stock_reservation_line (
  order_id   BIGINT NOT NULL,
  product_id BIGINT NOT NULL,
  quantity   INT    NOT NULL,
  PRIMARY KEY (order_id, product_id)
);

-- the CENTER-mode consumer's totals, and the last event version it applied per order
CREATE TABLE IF NOT EXISTS sales_totals (
  product_id    BIGINT NOT NULL PRIMARY KEY,
  units_sold    BIGINT NOT NULL,
  revenue_cents BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS sales_applied (
  order_id BIGINT NOT NULL PRIMARY KEY,
  version  BIGINT NOT NULL
);

INSERT IGNORE INTO product (id, name, price_cents) VALUES
  (1, 'Green tea, 100 g', 450),
  (2, 'Coffee beans, 250 g', 900),
  (3, 'Stoneware mug', 1200),
  (4, 'Tea pot', 3500);

INSERT IGNORE INTO stock (product_id, available) VALUES
  (1, 1000000), (2, 1000000), (3, 1000000), (4, 5);
