package io.unitize.shop.order;

import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The outbox table in memory (rows by (order, version), sent or not), for the order service's unit tests. */
final class InMemoryOutbox implements OutboxMapper, OutboxRelay.Store {

    record Key(long orderId, long version) {
    }

    final Map<Key, OutboxEvent> rows = new LinkedHashMap<>();
    final List<Key> sent = new ArrayList<>();

    @Override
    public int insert(OutboxEvent e, String unit) {
        if (rows.putIfAbsent(new Key(e.orderId(), e.version()), e) != null) {
            throw new IllegalStateException("duplicate key (" + e.orderId() + ", " + e.version() + ") in order_outbox");
        }
        return 1;
    }

    @Override
    public List<OutboxEvent> unsent(int limit) {
        return rows.entrySet().stream().filter(r -> !sent.contains(r.getKey())).map(Map.Entry::getValue).limit(limit).toList();
    }

    @Override
    public void markSent(OutboxEvent e) {
        Key k = new Key(e.orderId(), e.version());
        if (!sent.contains(k)) {
            sent.add(k);
        }
    }

    /** A TransactionTemplate whose transactions just run (nothing to roll back in memory). */
    static TransactionTemplate transactions() {
        return new TransactionTemplate(new AbstractPlatformTransactionManager() {
            @Override
            protected Object doGetTransaction() {
                return new Object();
            }

            @Override
            protected void doBegin(Object transaction, TransactionDefinition definition) {
            }

            @Override
            protected void doCommit(DefaultTransactionStatus status) {
            }

            @Override
            protected void doRollback(DefaultTransactionStatus status) {
            }
        });
    }

}
