package io.unitize.rpc.it;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The implementation of every test service: answers "unit/instance" and counts its calls. */
public final class Where implements OrderService, CatalogService, ProfileService, BadUnitService, KeyedOrderService, BadKeyedService {

    static final Map<String, AtomicLong> CALLS = new ConcurrentHashMap<>();
    private final String name;

    Where(String unit, String instance) {
        this.name = unit + "/" + instance;
    }

    private String count() {
        CALLS.computeIfAbsent(name, n -> new AtomicLong()).incrementAndGet();
        return name;
    }

    @Override
    public String whereIs(long buyerId) {
        return count();
    }

    @Override
    public String where(String key) {
        return count();
    }

    @Override
    public String fine(long buyerId) {
        return count();
    }

    @Override
    public String lookup(String orderNo) {
        return count();
    }

    @Override
    public String place(PlaceOrder order) {
        return count();
    }

    @Override
    public String pay(Payment payment) {
        return count();
    }

    @Override
    public String recent(int n, long buyerId) {
        return count();
    }

    @Override
    public String get(long orderId) {
        return count();
    }

    @Override
    public String fine(PlaceOrder order) {
        return count();
    }
}
