# Write-shape probes of issue 26: EXPECT :: OPTIONS :: SQL (one case per line).
# EXPECT: ACCEPT (the guard takes it; the ground truth shows only own, unfrozen buyers' rows changed),
#         REFUSE:<REASON> (a UnitWriteRefusedException with that reason; nothing changed), REFUSE (any typed refusal).
# OPTIONS: '-' or ';'-separated: hint=<buyer> (WriteHint scope), params=<v>,<v> (5001 Long, 5i Integer, 4999.5d Double,
#          4999.5bd BigDecimal, 's' String), noraw (auto-committing/global statement: not run unguarded).
# Guard: unit unit-b (slots 5000-9999), center 0-4999, frozen 7000-7099. Own buyers 5001, 5002, 6001; foreign 42, 43; frozen 7050.

# 1. A hint names the buyer; it never lets a statement touch rows the SQL does not pin (the guard adds user_id = hint, or refuses)
ACCEPT :: hint=5001 :: UPDATE t_order SET status = 'x'
ACCEPT :: hint=5001 :: DELETE FROM t_order WHERE status = 'init'
ACCEPT :: hint=5001 :: UPDATE t_order SET amount = amount + 1 WHERE id = 4
ACCEPT :: hint=5001 :: UPDATE t_order SET amount = 0 WHERE id = 1 OR 1 = 1
ACCEPT :: hint=5001 :: UPDATE t_order SET amount = 0 WHERE (id = 1) OR (id = 4) ORDER BY id LIMIT 5
ACCEPT :: hint=5001 :: DELETE FROM t_order ORDER BY id LIMIT 3
ACCEPT :: hint=5001 :: UPDATE t_order o SET o.status = 'x' WHERE o.id IN (1, 4, 5)
ACCEPT :: hint=5001;params=4 :: UPDATE t_order SET status = 'x' WHERE id = ?
ACCEPT :: hint=5001 :: UPDATE t_order SET status = 'x' WHERE user_id = 5001 OR id = 4
REFUSE:BUYER_COLUMN_ASSIGNED :: hint=5001 :: UPDATE t_order SET user_id = user_id + 7000 WHERE user_id = 5001
REFUSE:BUYER_COLUMN_ASSIGNED :: hint=5001 :: UPDATE t_order SET user_id = user_id + 7000 WHERE id = 1
REFUSE:HINT_CONFLICT :: hint=5001 :: UPDATE t_order SET user_id = 42 WHERE id = 1
REFUSE:HINT_CONFLICT :: hint=5001 :: UPDATE t_order SET amount = 0 WHERE user_id = 42
REFUSE:NOT_HOMED_HERE :: hint=42 :: UPDATE t_order SET amount = 0 WHERE id = 4
REFUSE:FROZEN :: hint=7050 :: UPDATE t_order SET amount = 0 WHERE id = 6
REFUSE:NO_BUYER :: hint=5001 :: INSERT INTO t_order (id, status, amount) VALUES (90, 'x', 1)
REFUSE:NO_BUYER :: hint=5001 :: UPDATE t_order o, t_order_item i SET i.status = 'x' WHERE o.id = i.order_id
REFUSE:NO_BUYER :: hint=5001 :: DELETE o, i FROM t_order o JOIN t_order_item i ON i.order_id = o.id
REFUSE:NO_BUYER :: hint=5001 :: INSERT INTO t_order (id, user_id, status, amount) SELECT id + 100, user_id, status, amount FROM t_order
REFUSE:NO_BUYER :: hint=5001 :: UPDATE t_order SET status = 'x' WHERE id = 1 /* SHARDINGSPHERE_HINT: SKIP_SQL_REWRITE=true */

# 2. Upserts and REPLACE: buyer column never assigned; only on tables whose every unique key holds the buyer column
REFUSE:UPSERT_KEY_LAYOUT :: - :: INSERT INTO t_order (id, user_id, status) VALUES (4, 5001, 'x') ON DUPLICATE KEY UPDATE status = 'hijacked'
REFUSE:UPSERT_KEY_LAYOUT :: - :: INSERT INTO t_order (id, user_id, status) VALUES (4, 5001, 'x') ON DUPLICATE KEY UPDATE amount = amount + 1
REFUSE:BUYER_COLUMN_ASSIGNED :: - :: INSERT INTO t_cart (user_id, sku, qty) VALUES (5001, 'a', 1) ON DUPLICATE KEY UPDATE user_id = user_id + 1
REFUSE:BUYER_COLUMN_ASSIGNED :: params=5001,42 :: INSERT INTO t_cart (user_id, sku, qty) VALUES (?, 'a', 1) ON DUPLICATE KEY UPDATE user_id = ?
REFUSE:BUYER_COLUMN_ASSIGNED :: - :: INSERT INTO t_cart (user_id, sku, qty) VALUES (5001, 'a', 1) ON DUPLICATE KEY UPDATE t_cart.user_id = 42
REFUSE:UPSERT_KEY_LAYOUT :: - :: REPLACE INTO t_order (id, user_id, status, amount) VALUES (4, 5001, 'x', 1)
REFUSE:UPSERT_KEY_LAYOUT :: - :: REPLACE t_order SET id = 4, user_id = 5001, status = 'x'
REFUSE:UPSERT_KEY_LAYOUT :: - :: REPLACE INTO t_order (id, user_id, status, amount) SELECT 4, 5001, 'x', 1
REFUSE:UPSERT_KEY_LAYOUT :: - :: /* a comment first */ REPLACE INTO t_order (id, user_id, status, amount) VALUES (4, 5001, 'x', 1)
REFUSE:UPSERT_KEY_LAYOUT :: - :: REPLACE INTO t_coupon (user_id, id, code) VALUES (5001, 9, 'C42')
REFUSE:UPSERT_KEY_LAYOUT :: - :: INSERT INTO t_coupon (user_id, id, code) VALUES (5001, 9, 'C42') ON DUPLICATE KEY UPDATE id = 10
REFUSE:NOT_HOMED_HERE :: - :: INSERT INTO t_cart (user_id, sku, qty) VALUES (42, 'a', 5) ON DUPLICATE KEY UPDATE qty = 0
REFUSE:NOT_HOMED_HERE :: - :: REPLACE INTO t_cart (user_id, sku, qty) VALUES (42, 'a', 0)
ACCEPT :: - :: INSERT INTO t_cart (user_id, sku, qty) VALUES (5001, 'a', 5) ON DUPLICATE KEY UPDATE qty = qty + VALUES(qty)
ACCEPT :: - :: REPLACE INTO t_cart (user_id, sku, qty) VALUES (5001, 'a', 9), (5002, 'b', 9)

# 3. Multi-table UPDATE / DELETE: each written table needs its own pinned buyer
REFUSE:NO_BUYER :: - :: UPDATE t_order o, t_order_item i SET i.status = 'x' WHERE o.user_id = 5001
REFUSE:NO_BUYER :: - :: UPDATE t_order o JOIN t_order_item i ON i.order_id = o.id SET i.status = 'x' WHERE o.user_id = 5001
REFUSE:NO_BUYER :: - :: UPDATE t_order o JOIN t_order_item i ON i.order_id = o.id SET i.status = 'x' WHERE o.user_id = 5001 AND i.user_id = o.user_id
REFUSE:NO_BUYER :: - :: DELETE o, i FROM t_order o JOIN t_order_item i ON i.order_id = o.id WHERE o.user_id = 5001
REFUSE:NO_BUYER :: - :: DELETE FROM o, i USING t_order o JOIN t_order_item i ON i.order_id = o.id WHERE o.user_id = 5001
REFUSE:NO_BUYER :: - :: DELETE i FROM t_order o JOIN t_order_item i ON i.user_id = o.user_id WHERE o.user_id = 5001
REFUSE:NO_BUYER :: - :: UPDATE t_order o, t_order o2 SET o2.amount = 0 WHERE o.user_id = 5001
REFUSE:NO_BUYER :: - :: UPDATE t_order, t_order_item SET t_order_item.status = 'x' WHERE t_order.user_id = 5001
REFUSE:UNSUPPORTED_SHAPE :: - :: UPDATE t_order o, t_cart c SET qty = 0 WHERE o.user_id = 5001 AND c.user_id = 5001
REFUSE:CENTER_ONLY :: - :: UPDATE t_order_item i JOIN t_product p ON p.sku = i.sku SET p.price = 0 WHERE i.user_id = 5001
REFUSE:MIXED_UNITS :: - :: UPDATE t_order o JOIN t_order_item i ON i.order_id = o.id SET i.status = 'x', o.status = 'y' WHERE o.user_id = 5001 AND i.user_id IN (5001, 42)
ACCEPT :: - :: UPDATE t_order o JOIN t_order_item i ON i.order_id = o.id SET i.status = 'x', o.status = 'y' WHERE o.user_id = 5001 AND i.user_id = 5001
ACCEPT :: - :: DELETE o, i FROM t_order o JOIN t_order_item i ON i.order_id = o.id WHERE o.user_id = 5001 AND i.user_id = 5001

# 4. Executable comments: the server runs them, the parser drops them
REFUSE:EXECUTABLE_COMMENT :: - :: UPDATE t_order SET status = 'x' WHERE user_id = 5001 /*!50000 OR 1=1 */
REFUSE:EXECUTABLE_COMMENT :: - :: INSERT INTO t_order (id, user_id, status, amount) VALUES (61, 5001 /*!50000 - 4990 */, 'x', 1)
REFUSE:EXECUTABLE_COMMENT :: - :: DELETE FROM t_order WHERE user_id = 5001 /*M!100000 OR user_id = 42 */
REFUSE:EXECUTABLE_COMMENT :: - :: DELETE FROM t_order WHERE user_id = 5001 /*!OR user_id = 42 */
REFUSE:EXECUTABLE_COMMENT :: - :: SELECT * FROM t_order /*!50000 WHERE 1 = 1 */

# 5. Statements never audited before: LOAD DATA, several statements, INSERT ... SELECT, CALL, DO, SET, DDL
REFUSE:UNSUPPORTED_STATEMENT :: - :: LOAD DATA LOCAL INFILE '${datafile}' INTO TABLE t_order FIELDS TERMINATED BY ',' (id, user_id, status, amount)
REFUSE:UNSUPPORTED_STATEMENT :: - :: LOAD DATA LOCAL INFILE '${datafile}' REPLACE INTO TABLE t_order FIELDS TERMINATED BY ',' (id, user_id, status, amount)
REFUSE:MULTI_STATEMENT :: - :: UPDATE t_order SET status = 'x' WHERE user_id = 5001; DELETE FROM t_order
REFUSE:MULTI_STATEMENT :: - :: SELECT 1; DELETE FROM t_order WHERE user_id = 42
REFUSE:MULTI_STATEMENT :: - :: UPDATE t_order SET status = 'x\'; DELETE FROM t_order; -- ' WHERE user_id = 5001
REFUSE:UNSUPPORTED_STATEMENT :: - :: CALL p_touch(42)
REFUSE:UNSUPPORTED_STATEMENT :: - :: CALL p_touch(5001)
REFUSE:UNSUPPORTED_STATEMENT :: - :: DO (SELECT 1)
REFUSE:NO_BUYER :: - :: INSERT INTO t_order (id, user_id, status, amount) SELECT id + 100, user_id, status, amount FROM t_order
REFUSE:NO_BUYER :: - :: INSERT INTO t_order (id, user_id, status, amount) SELECT id + 100, user_id, status, amount FROM t_order WHERE user_id = 5001
REFUSE:UNSUPPORTED_SHAPE :: - :: INSERT INTO t_order (id, user_id, status, amount) SELECT 101, 5001, 'x', 1 UNION ALL SELECT 102, 42, 'x', 1
REFUSE:UNSUPPORTED_SHAPE :: - :: INSERT INTO t_cart SELECT * FROM t_cart WHERE user_id = 42
REFUSE:NOT_HOMED_HERE :: - :: INSERT INTO t_order (id, user_id, status, amount) SELECT 103, 42, 'x', 1
REFUSE:NOT_HOMED_HERE :: params=42 :: INSERT INTO t_order (id, user_id, status, amount) SELECT id + 200, ?, status, amount FROM t_order WHERE user_id = 5001
REFUSE:UNSAFE_SESSION_SETTING :: - :: SET sql_mode = 'PIPES_AS_CONCAT'
REFUSE:UNSAFE_SESSION_SETTING :: - :: SET SESSION sql_mode = 'ANSI_QUOTES'
REFUSE:UNSAFE_SESSION_SETTING :: - :: SET @@sql_mode = 'NO_BACKSLASH_ESCAPES'
REFUSE:UNSAFE_SESSION_SETTING :: - :: SET NAMES gbk
REFUSE:UNSAFE_SESSION_SETTING :: - :: SET foreign_key_checks = 0
REFUSE:UNSAFE_SESSION_SETTING :: noraw :: SET GLOBAL time_zone = '+00:00'
REFUSE:UNSAFE_SESSION_SETTING :: - :: SET @x = 1, sql_log_bin = 0
REFUSE:NO_BUYER :: noraw :: TRUNCATE TABLE t_order
REFUSE:CENTER_ONLY :: noraw :: TRUNCATE TABLE t_product
REFUSE:UNSUPPORTED_STATEMENT :: noraw :: DROP TABLE t_order
REFUSE:UNSUPPORTED_STATEMENT :: noraw :: ALTER TABLE t_order ADD COLUMN z INT
REFUSE:UNSUPPORTED_STATEMENT :: noraw :: CREATE TRIGGER trg_hijack BEFORE INSERT ON t_order FOR EACH ROW SET NEW.user_id = 42
REFUSE:UNSUPPORTED_STATEMENT :: noraw :: CREATE TABLE t_new (id BIGINT PRIMARY KEY)

# 6. Values: only integer literals / integer parameters the server reads exactly
REFUSE:BAD_BUYER_VALUE :: - :: INSERT INTO t_order (id, user_id, status, amount) VALUES (62, 4999.5, 'x', 1)
REFUSE:BAD_BUYER_VALUE :: params=62,4999.5d :: INSERT INTO t_order (id, user_id, status, amount) VALUES (?, ?, 'x', 1)
REFUSE:BAD_BUYER_VALUE :: params=62,4999.5bd :: INSERT INTO t_order (id, user_id, status, amount) VALUES (?, ?, 'x', 1)
REFUSE:BAD_BUYER_VALUE :: params=62,5001.0d :: INSERT INTO t_order (id, user_id, status, amount) VALUES (?, ?, 'x', 1)
REFUSE:BAD_BUYER_VALUE :: params=4999.5d :: UPDATE t_order SET amount = 1 WHERE user_id = ?
REFUSE:BAD_BUYER_VALUE :: params='42e0' :: DELETE FROM t_order WHERE user_id = ?
REFUSE:BAD_BUYER_VALUE :: - :: UPDATE t_order SET amount = 1 WHERE user_id = '42e0'
REFUSE:BAD_BUYER_VALUE :: - :: UPDATE t_order SET amount = 1 WHERE user_id = '5001abc'
REFUSE:BAD_BUYER_VALUE :: - :: DELETE FROM t_order WHERE user_id IN (5001, 41.9999)
REFUSE:BAD_BUYER_VALUE :: - :: INSERT INTO t_order (id, user_id, status, amount) VALUES (63, '5e3', 'x', 1)
REFUSE:BAD_BUYER_VALUE :: - :: INSERT INTO t_order (id, user_id, status, amount) VALUES (63, '4999.5', 'x', 1)
REFUSE :: - :: INSERT INTO t_order (id, user_id, status, amount) VALUES (64, 0x1389, 'x', 1)
REFUSE:BAD_BUYER_VALUE :: - :: UPDATE t_order SET user_id = 4999.5 WHERE user_id = 5001
REFUSE:BAD_BUYER_VALUE :: - :: INSERT IGNORE INTO t_small (id, user_id) VALUES (3, 99999999999)
REFUSE:NOT_HOMED_HERE :: - :: INSERT IGNORE INTO t_order (id, user_id, status, amount) VALUES (65, -5001, 'x', 1)
REFUSE:UNSUPPORTED_SHAPE :: - :: UPDATE t_text SET id = id WHERE user_id = 5001
REFUSE:NO_BUYER :: - :: UPDATE t_order SET amount = 1 WHERE user_id = 5001 + 0
REFUSE:NO_BUYER :: - :: UPDATE t_order SET amount = 1 WHERE user_id = 5001 OR user_id = 42 - 0
REFUSE:NO_BUYER :: - :: UPDATE t_order SET amount = 1 WHERE user_id = 5001 || 1
REFUSE:NO_BUYER :: - :: UPDATE t_order SET amount = 1 WHERE user_id = @b
REFUSE:NO_BUYER :: - :: UPDATE t_order SET amount = 1 WHERE user_id = 5001 XOR 1
REFUSE:NO_BUYER :: - :: UPDATE t_order SET amount = 1 WHERE NOT (user_id <> 5001)
REFUSE:NO_BUYER :: - :: DELETE FROM t_order WHERE user_id NOT IN (42)
REFUSE:NO_BUYER :: - :: DELETE FROM t_order WHERE user_id BETWEEN 5001 AND 5001
REFUSE:NO_BUYER :: - :: INSERT INTO t_order (id, user_id, status, amount) VALUES (66, (SELECT 5001), 'x', 1)

# 7. Every failure inside the guard is a typed refusal
REFUSE:UNREADABLE_STATEMENT :: - :: INSERT INTO t_order VALUES(_utf16 0x1EC2), (67, 5001, 'x', 1)
REFUSE:UNREADABLE_STATEMENT :: - :: INSERT INTO t_order (id, user_id) VALUES (68, 5001, 'x')
REFUSE :: - :: INSERT INTO t_order VALUES (69, _utf16 0x1EC2, 'x', 1)
REFUSE :: - :: INSERT INTO t_order (id, user_id, status, amount) VALUES (70, _latin1'5001', 'x', 1)

# 8. Reads are not writes: tables only read (subqueries, joins, INSERT ... SELECT sources) are not checked as written
ACCEPT :: - :: UPDATE t_order SET status = 'x' WHERE user_id = 5001 AND status NOT IN (SELECT k FROM t_center_cfg)
ACCEPT :: - :: DELETE FROM t_order WHERE user_id = 5001 AND EXISTS (SELECT 1 FROM t_ledger WHERE t_ledger.id = t_order.id)
ACCEPT :: - :: UPDATE t_order SET amount = (SELECT price FROM t_product WHERE sku = 'a') WHERE user_id = 5001
ACCEPT :: - :: INSERT INTO t_order (id, user_id, status, amount) SELECT 104, 5001, v, 1 FROM t_center_cfg WHERE k = 'mode'
ACCEPT :: - :: INSERT INTO t_order (id, user_id, status, amount) SELECT id + 100, 5001, status, amount FROM t_order WHERE user_id = 42
ACCEPT :: - :: UPDATE t_order_item i JOIN t_product p ON p.sku = i.sku SET i.status = 'priced' WHERE i.user_id = 5001 AND p.price > 50
ACCEPT :: - :: DELETE i FROM t_order_item i JOIN t_center_cfg c ON c.k = i.status WHERE i.user_id = 5001
