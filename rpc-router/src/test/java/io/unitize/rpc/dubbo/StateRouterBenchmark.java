package io.unitize.rpc.dubbo;

import io.unitize.core.RulesSnapshot;
import io.unitize.rpc.bench.BenchOrders;
import io.unitize.rpc.bench.RouterBenchmark;
import org.apache.dubbo.common.URL;
import org.apache.dubbo.rpc.Invocation;
import org.apache.dubbo.rpc.Invoker;
import org.apache.dubbo.rpc.Result;
import org.apache.dubbo.rpc.RpcInvocation;
import org.apache.dubbo.rpc.cluster.router.state.BitList;
import org.apache.dubbo.rpc.model.ApplicationModel;
import org.apache.dubbo.rpc.model.FrameworkModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@link UnitStateRouter#route} per call (issue 25), on a directory of {@code providersPerUnit}
 * providers in each of the two units. {@code route} is the call path's case: the consumer's cluster
 * filter has already decided the unit and put it on the invocation, so the router narrows the
 * directory (a map read and a bit-list intersection). {@code routeAndDecide}: an undecided
 * invocation, the router decides (buyer -> slot -> unit) too. Baseline: building the invocation
 * alone. Run with {@code rpc-router/bench/run.sh}.
 */
@State(Scope.Benchmark)
public class StateRouterBenchmark {

    @Param({"2", "16"})
    public int providersPerUnit;

    private FrameworkModel framework;
    private UnitStateRouter<BenchOrders> router;
    private BitList<Invoker<BenchOrders>> invokers;
    private URL consumerUrl;

    @Setup
    public void setup() {
        framework = new FrameworkModel();
        ApplicationModel app = framework.newApplication();
        RulesSnapshot rules = RouterBenchmark.RULES;
        UnitizeDubbo.install(app, "center", () -> rules);
        consumerUrl = URL.valueOf("consumer://127.0.0.1/" + BenchOrders.class.getName() + "?interface=" + BenchOrders.class.getName())
                .setScopeModel(app.getDefaultModule());
        router = new UnitStateRouter<>(consumerUrl);
        List<Invoker<BenchOrders>> list = new ArrayList<>();
        int port = 20_000;
        for (String unit : new String[]{"center", "unit-b"}) {
            for (int i = 0; i < providersPerUnit; i++) {
                list.add(new FakeInvoker(URL.valueOf("dubbo://[::1]:" + port++ + "/" + BenchOrders.class.getName()
                        + "?unitize.unit=" + unit + "&unitize.route=UNIT")));
            }
        }
        invokers = new BitList<>(list);
        router.notify(invokers);
        // check once: a buyer of each unit lands on that unit's providers only
        for (long buyer : new long[]{1, 5001}) {
            String unit = buyer < 5000 ? "center" : "unit-b";
            BitList<Invoker<BenchOrders>> routed = router.route(invokers.clone(), consumerUrl, invocation(buyer, null), false, null);
            if (routed.size() != providersPerUnit || !routed.stream().allMatch(i -> unit.equals(i.getUrl().getParameter("unitize.unit")))) {
                throw new IllegalStateException("the router sent buyer " + buyer + " to " + routed);
            }
        }
    }

    @TearDown
    public void tearDown() {
        framework.destroy();
    }

    private static RpcInvocation invocation(long buyer, String decidedUnit) {
        RpcInvocation inv = new RpcInvocation();
        inv.setMethodName("echo");
        inv.setParameterTypes(new Class<?>[]{long.class});
        inv.setArguments(new Object[]{buyer});
        inv.setTargetServiceUniqueName(BenchOrders.class.getName());
        if (decidedUnit != null) {
            inv.put(UnitizeParams.TARGET_ATTRIBUTE, decidedUnit);
        }
        return inv;
    }

    private static long buyer() {
        return ThreadLocalRandom.current().nextLong(1_000_000_000L);
    }

    /** The call path's case: the unit decided by the cluster filter; the router narrows the directory. */
    @Benchmark
    public BitList<Invoker<BenchOrders>> route() {
        long b = buyer();
        return router.route(invokers, consumerUrl, invocation(b, b % 10_000 < 5000 ? "center" : "unit-b"), false, null);
    }

    /** An undecided invocation: the router decides the unit (buyer -> slot -> home unit) and narrows. */
    @Benchmark
    public BitList<Invoker<BenchOrders>> routeAndDecide() {
        return router.route(invokers, consumerUrl, invocation(buyer(), null), false, null);
    }

    /** Baseline of both: drawing the buyer and building the invocation (the decided one, the dearer). */
    @Benchmark
    public Invocation baselineInvocationOnly() {
        long b = buyer();
        return invocation(b, b % 10_000 < 5000 ? "center" : "unit-b");
    }

    /** A provider of the directory: only its URL is read. */
    private static final class FakeInvoker implements Invoker<BenchOrders> {
        private final URL url;

        FakeInvoker(URL url) {
            this.url = url;
        }

        @Override
        public Class<BenchOrders> getInterface() {
            return BenchOrders.class;
        }

        @Override
        public Result invoke(Invocation invocation) {
            throw new UnsupportedOperationException("not called by the router");
        }

        @Override
        public URL getUrl() {
            return url;
        }

        @Override
        public boolean isAvailable() {
            return true;
        }

        @Override
        public void destroy() {
        }
    }
}
