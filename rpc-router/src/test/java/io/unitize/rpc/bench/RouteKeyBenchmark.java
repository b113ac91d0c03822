package io.unitize.rpc.bench;

import io.unitize.core.key.RouteKeyReader;
import io.unitize.rpc.RouteType;
import io.unitize.rpc.ServiceKeys;
import io.unitize.rpc.ServiceProviders;
import io.unitize.rpc.UnitRouteDecider;
import io.unitize.rpc.it.KeyedOrderService;
import io.unitize.rpc.it.KeyedOrderService.Payment;
import io.unitize.rpc.it.KeyedOrderService.PlaceOrder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Issue 23's figure: the consumer's unit decision per call for each route key form, today's
 * {@code long}-first form ({@code UnitRouteDecider.targetUnit} on the first argument) as the
 * baseline in the same run. Every key form includes what the Dubbo adapter does per call: the
 * method's reader looked up in {@link ServiceKeys} by name (and types), the key read, slot, home
 * unit, providers checked. Arguments are built before the run (1,024 random buyers, cycled), so the
 * figures are the decision's cost, not the arguments'; {@link #argumentsOnly} is that floor.
 * Run with {@code rpc-router/bench/keys.sh}.
 */
@State(Scope.Thread)
public class RouteKeyBenchmark {

    private static final int N = 1024;
    private static final String SERVICE = KeyedOrderService.class.getName();
    private static final String BENCH_SERVICE = "io.unitize.rpc.bench.BenchOrders";

    private final UnitRouteDecider decider = new UnitRouteDecider("center");
    private final ServiceProviders providers = new ServiceProviders(RouteType.UNIT, Set.of("center", "unit-b"));
    private final ServiceKeys keys = ServiceKeys.of(KeyedOrderService.class);
    private final ServiceKeys benchKeys = ServiceKeys.of(BenchOrders.class);
    private final Class<?>[] placeTypes = {PlaceOrder.class};
    private final Class<?>[] payTypes = {Payment.class};
    private final Class<?>[] recentTypes = {int.class, long.class};
    private final Class<?>[] getTypes = {long.class};
    private final String[] placeTypeNames = {PlaceOrder.class.getName()};
    private final Object[][] longFirst = new Object[N][];
    private final Object[][] dto = new Object[N][];
    private final Object[][] path = new Object[N][];
    private final Object[][] named = new Object[N][];
    private final Object[][] orderId = new Object[N][];
    private final Object[][] genericMap = new Object[N][];
    private final Class<?>[] echoTypes;
    private int i;

    public RouteKeyBenchmark() {
        SplittableRandom random = new SplittableRandom(23);
        for (int k = 0; k < N; k++) {
            long buyer = random.nextLong(1_000_000_000L);
            int slot = (int) (buyer % 10_000);
            longFirst[k] = new Object[]{buyer};
            dto[k] = new Object[]{new PlaceOrder(buyer, "book")};
            path[k] = new Object[]{new Payment(new PlaceOrder(buyer, "book"), 100)};
            named[k] = new Object[]{3, buyer};
            orderId[k] = new Object[]{((((28_000_000L << 4 | 1) << 6 | 3) << 14 | slot) << 8) | 17};
            genericMap[k] = new Object[]{Map.of("class", PlaceOrder.class.getName(), "buyerId", buyer, "item", "book")};
        }
        echoTypes = echoMethodTypes();
    }

    private static Class<?>[] echoMethodTypes() {
        for (var m : BenchOrders.class.getMethods()) {
            if (m.getName().equals("echo")) {
                return m.getParameterTypes();
            }
        }
        throw new IllegalStateException("BenchOrders.echo");
    }

    private int next() {
        return i++ & (N - 1);
    }

    /** The floor: picking the next call's arguments. */
    @Benchmark
    public Object argumentsOnly() {
        return longFirst[next()][0];
    }

    /** Baseline, today's form: the decider on the first argument (no reader). */
    @Benchmark
    public String longFirstToday() {
        return decider.targetUnit(BENCH_SERVICE, "echo", longFirst[next()][0], RouterBenchmark.RULES, providers);
    }

    /** Today's form through the reader (lookup + array read): what a {@code long}-first method costs now. */
    @Benchmark
    public String longFirstReader() {
        RouteKeyReader r = benchKeys.reader("echo", echoTypes);
        return decider.targetUnit(BENCH_SERVICE, r, longFirst[next()], false, RouterBenchmark.RULES, providers);
    }

    /** {@code @UnitKey} on a field of the DTO argument. */
    @Benchmark
    public String dtoField() {
        RouteKeyReader r = keys.reader("place", placeTypes);
        return decider.targetUnit(SERVICE, r, dto[next()], false, RouterBenchmark.RULES, providers);
    }

    /** A two-step path inside the parameter ({@code order.buyerId}). */
    @Benchmark
    public String path() {
        RouteKeyReader r = keys.reader("pay", payTypes);
        return decider.targetUnit(SERVICE, r, path[next()], false, RouterBenchmark.RULES, providers);
    }

    /** A named parameter (the second). */
    @Benchmark
    public String namedParameter() {
        RouteKeyReader r = keys.reader("recent", recentTypes);
        return decider.targetUnit(SERVICE, r, named[next()], false, RouterBenchmark.RULES, providers);
    }

    /** A routable order id: the slot from its bits. */
    @Benchmark
    public String routableOrderId() {
        RouteKeyReader r = keys.reader("get", getTypes);
        return decider.targetUnit(SERVICE, r, orderId[next()], false, RouterBenchmark.RULES, providers);
    }

    /** A generic call: the DTO as a map, the reader found by the generic's type names. */
    @Benchmark
    public String genericDtoMap() {
        RouteKeyReader r = keys.reader("place", placeTypeNames);
        return decider.targetUnit(SERVICE, r, genericMap[next()], true, RouterBenchmark.RULES, providers);
    }
}
