package io.unitize.controlcenter.cutover;

import io.unitize.core.StaleRulesException;
import io.unitize.core.UnitRules;
import org.junit.jupiter.api.Test;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** An operator's document is stored only as the next version; a refusal says which version that is. */
class RulesAuthorityTest {

    private final CutoverEngineTest.Ledger ledger = new CutoverEngineTest.Ledger();
    private final RulesAuthority authority = new RulesAuthority(ledger, new CutoverEngineTest.Units(), Clock.systemUTC());

    private UnitRules version(long v) {
        return PlanResolverTest.RULES.toBuilder().version(v).build();
    }

    @Test
    void aVersionBeyondTheNextIsRefusedNamingTheExpectedVersion() {
        authority.store(version(10));
        StaleRulesException e = catchThrowableOfType(() -> authority.store(version(12)), StaleRulesException.class);
        assertThat(e).hasMessage("rules version 12 is not the version expected in the control center: expected version 11, "
                + "the next after version 10 in force");
        assertThat(e.expectedVersion()).hasValue(11);
        assertThat(authority.latest().orElseThrow().version()).isEqualTo(10);
    }

    @Test
    void anOlderVersionIsRefusedNamingTheExpectedVersionToo() {
        authority.store(version(10));
        assertThat(catchThrowableOfType(() -> authority.store(version(10)), StaleRulesException.class))
                .hasMessageContaining("rules version 10 is not the version expected in the control center: expected version 11");
    }

    @Test
    void theNextVersionIsStored() {
        authority.store(version(10));
        assertThat(authority.store(version(11)).version()).isEqualTo(11);
        assertThat(authority.latest().orElseThrow().version()).isEqualTo(11);
    }

    private UnitRules withIndexes(long v, int centerIndex, int unitBIndex) {
        UnitRules r = version(v);
        return r.toBuilder().units(r.units().stream()
                .map(u -> u.isCenter() ? u.withIndex(centerIndex) : u.code().equals("unit-b") ? u.withIndex(unitBIndex) : u.withIndex(7))
                .map(u -> u.withEndpoint(io.unitize.core.UnitEndpoints.ROCKETMQ, "127.0.0.1:" + (9876 + v))).toList()).build();
    }

    @Test
    void aVersionThatChangesAUnitsIndexIsRefusedNamingTheUnitAndBothIndexesAndNothingIsStored() {
        authority.store(withIndexes(10, 0, 1));
        io.unitize.core.UnitIndexChangedException e = catchThrowableOfType(() -> authority.store(withIndexes(11, 0, 2)),
                io.unitize.core.UnitIndexChangedException.class);
        assertThat(e).hasMessageContaining("changes the index of unit 'unit-b' from 1 to 2 given in version 10");
        assertThat(authority.latest().orElseThrow().version()).isEqualTo(10);
    }

    @Test
    void indexesGivenForTheFirstTimeAndMovedEndpointsAreStoredAndReadBack() {
        authority.store(version(10));
        authority.store(withIndexes(11, 0, 1));
        UnitRules stored = authority.store(withIndexes(12, 0, 1)); // endpoints move, indexes stay
        assertThat(UnitRules.fromJson(stored.toJson())).isEqualTo(stored);
        assertThat(authority.latest().orElseThrow().unit("unit-b").orElseThrow().index()).isEqualTo(1);
        assertThat(authority.latest().orElseThrow().unit("unit-b").orElseThrow().endpoint("rocketmq")).isEqualTo("127.0.0.1:9888");
    }

    @Test
    void theCatchUpDoesNotWaitForAUnitThatFailedLastTimeButStillPublishesToIt() {
        java.util.List<java.util.Set<String>> notWaitedFor = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.Set<String> failing = java.util.concurrent.ConcurrentHashMap.newKeySet();
        RulesBroadcast broadcast = new RulesBroadcast() {
            @Override
            public void publish(UnitRules rules, java.util.Set<String> mayFail) {
                notWaitedFor.add(java.util.Set.copyOf(mayFail));
            }

            @Override
            public java.util.Set<String> units() {
                return java.util.Set.of("center", "unit-b");
            }

            @Override
            public java.util.Set<String> failingUnits() {
                return java.util.Set.copyOf(failing);
            }
        };
        RulesAuthority a = new RulesAuthority(ledger, broadcast, Clock.systemUTC());
        a.store(version(10));
        a.reconcile();
        failing.add("unit-b");
        a.reconcile();
        failing.clear();
        a.reconcile();
        assertThat(notWaitedFor).containsExactly(java.util.Set.of(), java.util.Set.of("unit-b"), java.util.Set.of());
    }
}
