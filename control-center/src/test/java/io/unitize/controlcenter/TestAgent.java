package io.unitize.controlcenter;

import io.unitize.core.RulesSnapshot;
import io.unitize.core.UnitMisrouteException;
import io.unitize.core.UnitWriteFrozenException;
import io.unitize.core.nacos.RulesSubscriber;
import io.unitize.sandbox.UnitSandbox;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongPredicate;

/**
 * An agent of the kind every enforcement module is: a real {@link RulesSubscriber} on its unit's
 * Nacos that reports the version it applied. On every version it applies it tries a write of one
 * buyer through unit-core's guard ({@link RulesSnapshot#checkWrite}) and records the outcome.
 */
final class TestAgent implements AutoCloseable {

    enum WriteOutcome { ACCEPTED, FROZEN, MISROUTED }

    final String unit;
    final long buyerId;
    final Map<Long, WriteOutcome> outcomeByVersion = new ConcurrentHashMap<>();
    private final RulesSubscriber subscriber;

    /**
     * @param refuse versions this agent refuses to apply (it keeps reporting the previous one), to play an agent that
     *               never acknowledges
     */
    TestAgent(UnitSandbox sandbox, ControlCenterFixture cc, String unit, long buyerId, LongPredicate refuse) {
        this.unit = unit;
        this.buyerId = buyerId;
        this.subscriber = RulesSubscriber.builder().serverAddr(sandbox.unit(unit).nacosAddr()).unit(unit)
                .agentKind("test-agent").dataId(cc.dataId()).group(cc.group()).initialTimeout(Duration.ofSeconds(3))
                .reportIp("127.0.0.1")
                .listener(snapshot -> {
                    if (refuse.test(snapshot.version())) {
                        throw new IllegalStateException("test agent refuses version " + snapshot.version());
                    }
                    outcomeByVersion.put(snapshot.version(), tryWrite(snapshot));
                })
                .build().start();
    }

    TestAgent(UnitSandbox sandbox, ControlCenterFixture cc, String unit, long buyerId) {
        this(sandbox, cc, unit, buyerId, v -> false);
    }

    private WriteOutcome tryWrite(RulesSnapshot snapshot) {
        try {
            snapshot.checkWrite(buyerId, unit);
            return WriteOutcome.ACCEPTED;
        } catch (UnitWriteFrozenException e) {
            return WriteOutcome.FROZEN;
        } catch (UnitMisrouteException e) {
            return WriteOutcome.MISROUTED;
        }
    }

    long appliedVersion() {
        return subscriber.appliedVersion();
    }

    String agentId() {
        return subscriber.agentId();
    }

    /** What a write of the buyer gets now, under the version in force in this agent. */
    WriteOutcome writeNow() {
        return tryWrite(subscriber.snapshot());
    }

    @Override
    public void close() {
        subscriber.close();
    }
}
