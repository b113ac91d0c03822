# Ordinary statements that must keep passing the guard (same format as probes.sql; every line is ACCEPT).
# Each is run unguarded and guarded in rolled-back transactions: the guard accepts it, it changes the
# same rows either way, and every changed row belongs to an own, unfrozen buyer (5001, 5002, 6001).

# INSERT ... VALUES
ACCEPT :: - :: INSERT INTO t_order (id, user_id, status, amount) VALUES (101, 5001, 'new', 1)
ACCEPT :: - :: INSERT INTO t_order (id, user_id, status, amount) VALUES (102, 5001, 'new', 1), (103, 5002, 'new', 2), (104, 6001, 'new', 3)
ACCEPT :: params=105,5001,'new',7i :: INSERT INTO t_order (id, user_id, status, amount) VALUES (?, ?, ?, ?)
ACCEPT :: params=106,5002,107,6001 :: INSERT INTO t_order (id, user_id, status, amount) VALUES (?, ?, 'a', 1), (?, ?, 'b', 2)
ACCEPT :: params=108,5001i :: INSERT INTO t_order (id, user_id) VALUES (?, ?)
ACCEPT :: params=109,'5001' :: INSERT INTO t_order (id, user_id) VALUES (?, ?)
ACCEPT :: params=110,5001bd :: INSERT INTO t_order (id, user_id) VALUES (?, ?)
ACCEPT :: - :: INSERT INTO t_order VALUES (111, 5001, 'all-cols', 5)
ACCEPT :: - :: INSERT INTO t_order (user_id, id) VALUES (5002, 112)
ACCEPT :: - :: INSERT INTO t_order (id, user_id, status) VALUES (113, '5001', 'quoted')
ACCEPT :: - :: INSERT INTO t_order (id, user_id, status, amount) VALUES (114, 5001, DEFAULT, DEFAULT)
ACCEPT :: - :: INSERT INTO t_order (id, user_id, status, amount) VALUES (115, 5001, CONCAT('a', 'b'), 2 * 3)
ACCEPT :: - :: INSERT INTO t_order (id, user_id, status, amount) VALUES (116, 5001, UPPER('x'), LENGTH('abc'))
ACCEPT :: - :: INSERT INTO t_order (id, user_id, status, amount) VALUE (117, 5001, 'value-kw', 1)
ACCEPT :: - :: INSERT t_order (id, user_id) VALUES (118, 5001)
ACCEPT :: - :: insert into t_order (id, user_id, status) values (119, 5001, 'lower')
ACCEPT :: - :: INSERT INTO `t_order` (`id`, `user_id`, `status`) VALUES (120, 5001, 'backquoted')
ACCEPT :: - :: INSERT INTO t_order (ID, USER_ID, STATUS) VALUES (121, 5001, 'upper-cols')
ACCEPT :: - :: INSERT IGNORE INTO t_order (id, user_id, status) VALUES (1, 5001, 'dup-ignored')
ACCEPT :: - :: INSERT IGNORE INTO t_order (id, user_id, status) VALUES (122, 5001, 'ignore')
ACCEPT :: - :: INSERT LOW_PRIORITY INTO t_order (id, user_id) VALUES (123, 5001)
ACCEPT :: - :: INSERT HIGH_PRIORITY INTO t_order (id, user_id) VALUES (124, 5001)
ACCEPT :: - :: INSERT INTO t_order SET id = 125, user_id = 5001, status = 'set-form'
ACCEPT :: params=126,5002 :: INSERT INTO t_order SET id = ?, user_id = ?, status = 'set-param'
ACCEPT :: - :: INSERT INTO t_order (id, user_id, status) VALUES (127, 5001, 'semi');
ACCEPT :: - :: INSERT INTO t_order (id, user_id, status) VALUES (128, 5001, 'a;b') -- a comment; with a semicolon
ACCEPT :: - :: /* leading comment */ INSERT INTO t_order (id, user_id, status) VALUES (129, 5001, 'c')
ACCEPT :: - :: INSERT /*+ NO_ICP(t_order) */ INTO t_order (id, user_id, status) VALUES (130, 5001, 'hint')
ACCEPT :: - :: INSERT INTO t_order (id, user_id, status) VALUES (131, 5001, 'it''s')
ACCEPT :: - :: INSERT INTO t_order (id, user_id, status) VALUES (132, 5001, "dq")
ACCEPT :: - :: INSERT INTO t_order (id, user_id, status) VALUES (133, 5001, 'x /* no */')
ACCEPT :: - :: INSERT INTO t_order_item (id, order_id, user_id, sku) VALUES (134, 1, 5001, 'a')
ACCEPT :: - :: INSERT INTO t_cart (user_id, sku, qty) VALUES (5001, 'z', 1)
ACCEPT :: - :: INSERT INTO t_coupon (user_id, id, code) VALUES (5001, 2, 'NEW1')
ACCEPT :: - :: INSERT INTO t_small (id, user_id) VALUES (3, 5001)
ACCEPT :: params=135,6001 :: INSERT INTO t_order (id, user_id, status, amount) VALUES (?, ?, 'p', (SELECT price FROM t_product WHERE sku = 'a'))
ACCEPT :: - :: INSERT INTO t_order (id, user_id, status, amount) VALUES (136, 5001, 'x', 1) RETURNING id, user_id

# INSERT ... SELECT (literal / parameter buyer)
ACCEPT :: - :: INSERT INTO t_order (id, user_id, status, amount) SELECT 140, 5001, 'sel', 1
ACCEPT :: - :: INSERT INTO t_order (id, user_id, status, amount) SELECT id + 140, 5001, status, amount FROM t_order WHERE user_id = 5001
ACCEPT :: params=5002 :: INSERT INTO t_order (id, user_id, status, amount) SELECT id + 150, ?, status, amount FROM t_order WHERE user_id = 5002
ACCEPT :: - :: INSERT INTO t_order_item (id, order_id, user_id, sku) SELECT 1000 + price, 1, 5001, sku FROM t_product WHERE price > 150
ACCEPT :: - :: INSERT IGNORE INTO t_cart (user_id, sku, qty) SELECT 5001, sku, 1 FROM t_product
ACCEPT :: - :: INSERT INTO t_order (id, user_id, status, amount) SELECT 161, 5001, v, 0 FROM t_center_cfg WHERE k = 'blocked'

# upserts / REPLACE where every unique key holds the buyer column (t_cart: PRIMARY KEY (user_id, sku))
ACCEPT :: - :: INSERT INTO t_cart (user_id, sku, qty) VALUES (5001, 'a', 1) ON DUPLICATE KEY UPDATE qty = qty + 1
ACCEPT :: params=5002,'b',4 :: INSERT INTO t_cart (user_id, sku, qty) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE qty = VALUES(qty)
ACCEPT :: params=5001,'a',3,3 :: INSERT INTO t_cart (user_id, sku, qty) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE qty = ?
ACCEPT :: - :: INSERT INTO t_cart (user_id, sku, qty) VALUES (5001, 'a', 1), (5002, 'b', 1) ON DUPLICATE KEY UPDATE qty = qty + VALUES(qty)
ACCEPT :: - :: INSERT INTO t_cart SET user_id = 5001, sku = 'a', qty = 2 ON DUPLICATE KEY UPDATE qty = 2
ACCEPT :: - :: INSERT INTO t_cart (user_id, sku, qty) SELECT 5001, sku, 1 FROM t_product ON DUPLICATE KEY UPDATE qty = t_cart.qty + 1
ACCEPT :: - :: REPLACE INTO t_cart (user_id, sku, qty) VALUES (5001, 'a', 7)
ACCEPT :: - :: REPLACE t_cart (user_id, sku, qty) VALUES (5002, 'q', 7)
ACCEPT :: - :: REPLACE INTO t_cart SET user_id = 5001, sku = 'a', qty = 8
ACCEPT :: params=5001,'a',9 :: REPLACE INTO t_cart (user_id, sku, qty) VALUES (?, ?, ?)
ACCEPT :: - :: REPLACE INTO t_cart (user_id, sku, qty) SELECT 5001, sku, 0 FROM t_product
ACCEPT :: - :: REPLACE LOW_PRIORITY INTO t_cart (user_id, sku, qty) VALUES (5001, 'lp', 1)

# UPDATE, one table
ACCEPT :: - :: UPDATE t_order SET status = 'paid' WHERE user_id = 5001
ACCEPT :: params=5001,1 :: UPDATE t_order SET status = 'paid' WHERE user_id = ? AND id = ?
ACCEPT :: params=5001 :: UPDATE t_order SET amount = amount + 1 WHERE user_id = ?
ACCEPT :: - :: UPDATE t_order SET amount = amount * 2, status = CONCAT(status, '!') WHERE user_id = 5002
ACCEPT :: - :: UPDATE t_order SET status = 'x' WHERE user_id IN (5001, 5002)
ACCEPT :: params=5001,5002,6001 :: UPDATE t_order SET status = 'x' WHERE user_id IN (?, ?, ?)
ACCEPT :: - :: UPDATE t_order SET status = 'x' WHERE user_id = 5001 OR user_id = 5002
ACCEPT :: - :: UPDATE t_order SET status = 'x' WHERE (user_id = 5001 AND id = 1) OR (user_id = 5002 AND id = 3)
ACCEPT :: - :: UPDATE t_order SET status = 'x' WHERE user_id = 5001 AND (status = 'init' OR amount > 10)
ACCEPT :: - :: UPDATE t_order SET status = 'x' WHERE status = 'init' AND user_id = 5001
ACCEPT :: - :: UPDATE t_order SET status = 'x' WHERE 5001 = user_id
ACCEPT :: - :: UPDATE t_order SET status = 'x' WHERE user_id = '5001'
ACCEPT :: - :: UPDATE t_order SET status = 'x' WHERE user_id = 5001 && amount > 0
ACCEPT :: - :: UPDATE t_order SET status = 'x' WHERE user_id = 5001 ORDER BY id DESC LIMIT 1
ACCEPT :: - :: UPDATE LOW_PRIORITY t_order SET status = 'x' WHERE user_id = 5001
ACCEPT :: - :: UPDATE IGNORE t_order SET id = 2 WHERE user_id = 5001 AND id = 1
ACCEPT :: - :: UPDATE t_order o SET o.status = 'alias' WHERE o.user_id = 5001
ACCEPT :: - :: UPDATE t_order AS o SET status = 'alias2' WHERE user_id = 5001
ACCEPT :: - :: UPDATE t_order SET t_order.status = 'qualified' WHERE t_order.user_id = 5001
ACCEPT :: - :: UPDATE `t_order` SET `status` = 'bq' WHERE `user_id` = 5001
ACCEPT :: - :: UPDATE t_order SET status = CASE WHEN amount > 10 THEN 'big' ELSE 'small' END WHERE user_id = 5001
ACCEPT :: - :: UPDATE t_order SET amount = (SELECT MAX(price) FROM t_product) WHERE user_id = 5001
ACCEPT :: - :: UPDATE t_order SET status = 'sub' WHERE user_id = 5001 AND id IN (SELECT order_id FROM t_order_item WHERE sku = 'a')
ACCEPT :: - :: UPDATE t_order SET status = 'sub2' WHERE user_id = 5001 AND amount < (SELECT price FROM t_product WHERE sku = 'a')
ACCEPT :: - :: UPDATE t_order SET status = 'ex' WHERE user_id = 5001 AND NOT EXISTS (SELECT 1 FROM t_center_cfg WHERE k = t_order.status)
ACCEPT :: - :: UPDATE t_order SET user_id = 5002 WHERE user_id = 5001 AND id = 2
ACCEPT :: params=6001,5002 :: UPDATE t_order SET user_id = ? WHERE user_id = ?
ACCEPT :: - :: UPDATE t_order SET status = 'like' WHERE user_id = 5001 AND status LIKE 'in%'
ACCEPT :: - :: UPDATE t_order SET status = 'between' WHERE user_id = 5001 AND amount BETWEEN 1 AND 100
ACCEPT :: - :: UPDATE t_order SET status = 'null' WHERE user_id = 5001 AND status IS NOT NULL
ACCEPT :: - :: UPDATE t_order SET status = 'regexp' WHERE user_id = 5001 AND status REGEXP '^i'
ACCEPT :: - :: UPDATE t_order SET status = 'x' WHERE user_id = 5001 /* trailing comment */
ACCEPT :: - :: UPDATE t_order SET status = 'x' WHERE user_id = 5001 # hash comment
ACCEPT :: - :: UPDATE t_order SET status = 'x' WHERE user_id = 9999
ACCEPT :: - :: UPDATE t_small SET user_id = 5002 WHERE user_id = 5001
ACCEPT :: - :: UPDATE t_coupon SET code = 'C1b' WHERE user_id = 5001 AND id = 1
ACCEPT :: - :: UPDATE t_cart SET qty = qty + 1 WHERE user_id = 5001 AND sku = 'a'

# UPDATE, several tables (each written table pinned)
ACCEPT :: - :: UPDATE t_order o JOIN t_order_item i ON i.order_id = o.id SET i.status = 'j' WHERE i.user_id = 5001
ACCEPT :: - :: UPDATE t_order o, t_order_item i SET o.status = 'j1', i.status = 'j2' WHERE o.user_id = 5001 AND i.user_id = 5001 AND i.order_id = o.id
ACCEPT :: - :: UPDATE t_order o LEFT JOIN t_order_item i ON i.order_id = o.id SET o.status = 'lj' WHERE o.user_id = 5002
ACCEPT :: - :: UPDATE t_order_item i JOIN t_product p ON p.sku = i.sku SET i.status = 'priced' WHERE i.user_id = 5001 AND p.price > 50
ACCEPT :: - :: UPDATE t_order_item i INNER JOIN t_order o ON o.id = i.order_id SET i.status = o.status WHERE i.user_id IN (5001, 5002)
ACCEPT :: - :: UPDATE t_cart c JOIN t_product p ON p.sku = c.sku SET c.qty = p.price WHERE c.user_id = 5002
ACCEPT :: hint=5001 :: UPDATE t_order o JOIN t_order_item i ON i.order_id = o.id SET i.status = 'h' WHERE i.user_id = 5001

# DELETE
ACCEPT :: - :: DELETE FROM t_order WHERE user_id = 5001
ACCEPT :: params=5001,1 :: DELETE FROM t_order WHERE user_id = ? AND id = ?
ACCEPT :: - :: DELETE FROM t_order WHERE user_id IN (5001, 5002) AND status = 'init'
ACCEPT :: - :: DELETE FROM t_order WHERE user_id = 5001 ORDER BY id LIMIT 1
ACCEPT :: - :: DELETE LOW_PRIORITY FROM t_order WHERE user_id = 5002
ACCEPT :: - :: DELETE QUICK FROM t_order WHERE user_id = 5002
ACCEPT :: - :: DELETE IGNORE FROM t_order WHERE user_id = 5002
ACCEPT :: - :: DELETE FROM t_order WHERE user_id = 5001 AND id IN (SELECT order_id FROM t_order_item WHERE sku = 'a')
ACCEPT :: - :: DELETE FROM t_order WHERE user_id = 5001 AND status NOT IN (SELECT k FROM t_center_cfg)
ACCEPT :: - :: DELETE FROM t_order WHERE user_id = 5001 RETURNING id
ACCEPT :: - :: DELETE FROM t_cart WHERE user_id = 5001 AND sku = 'a'
ACCEPT :: - :: DELETE FROM t_order_item WHERE user_id = 5001
ACCEPT :: - :: DELETE FROM t_order WHERE user_id = 6001;
ACCEPT :: - :: DELETE o FROM t_order o WHERE o.user_id = 5001
ACCEPT :: - :: DELETE i FROM t_order_item i JOIN t_order o ON o.id = i.order_id WHERE i.user_id = 5001 AND o.status = 'init'
ACCEPT :: - :: DELETE o, i FROM t_order o JOIN t_order_item i ON i.order_id = o.id WHERE o.user_id = 5001 AND i.user_id = 5001
ACCEPT :: - :: DELETE FROM i USING t_order_item i JOIN t_product p ON p.sku = i.sku WHERE i.user_id = 5002 AND p.price > 100
ACCEPT :: - :: DELETE t_order FROM t_order JOIN t_product ON t_product.price = t_order.amount WHERE t_order.user_id = 5001

# statements with a hint whose SQL shows the buyer (the hint agrees)
ACCEPT :: hint=5001 :: UPDATE t_order SET status = 'h' WHERE user_id = 5001 AND id = 1
ACCEPT :: hint=5001 :: INSERT INTO t_order (id, user_id, status) VALUES (170, 5001, 'h')
ACCEPT :: hint=5002 :: DELETE FROM t_order WHERE user_id = 5002
ACCEPT :: hint=5001;params=1 :: UPDATE t_order SET amount = 0 WHERE id = ?

# reads, transaction control and session settings of a guarded connection
ACCEPT :: - :: SELECT * FROM t_order WHERE user_id = 42
ACCEPT :: - :: SELECT COUNT(*) FROM t_order
ACCEPT :: - :: SELECT o.id, i.sku FROM t_order o JOIN t_order_item i ON i.order_id = o.id
ACCEPT :: - :: SELECT * FROM t_order WHERE user_id = 5001 FOR UPDATE
ACCEPT :: - :: SELECT * FROM t_order WHERE user_id = 5001 LOCK IN SHARE MODE
ACCEPT :: - :: SELECT id FROM t_order UNION SELECT id FROM t_order_item
ACCEPT :: - :: SELECT * FROM t_center_cfg
ACCEPT :: - :: SELECT status, COUNT(*) FROM t_order GROUP BY status HAVING COUNT(*) > 0 ORDER BY status LIMIT 10
ACCEPT :: - :: SELECT @b := 5001
ACCEPT :: - :: SHOW TABLES
ACCEPT :: - :: SHOW COLUMNS FROM t_order
ACCEPT :: - :: EXPLAIN SELECT * FROM t_order WHERE user_id = 5001
ACCEPT :: - :: SET @b = 42
ACCEPT :: - :: SET time_zone = '+00:00'
ACCEPT :: - :: SET NAMES utf8mb4
ACCEPT :: - :: SAVEPOINT s1
