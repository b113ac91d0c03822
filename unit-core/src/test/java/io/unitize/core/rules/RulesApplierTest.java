package io.unitize.core.rules;

import io.unitize.core.Fixtures;
import io.unitize.core.RulesSnapshot;
import io.unitize.core.RulesUnavailableException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Accept / refuse / compile / swap, with no Nacos: documents offered directly, on a fixed clock. */
class RulesApplierTest {

    private static final Instant T0 = Instant.parse("2026-12-02T01:00:00Z");

    private final List<Long> seenByListener = new ArrayList<>();
    private final List<Long> seenByHook = new ArrayList<>();
    private Clock clock = Clock.fixed(T0, ZoneOffset.UTC);

    private RulesApplier applier(RulesListener... extra) {
        RulesApplier.Builder b = RulesApplier.builder().unit("unit-b").agentKind("test").clock(clockProxy())
                .listener(s -> seenByListener.add(s.version()))
                .afterApply((snapshot, content) -> seenByHook.add(snapshot.version()));
        for (RulesListener l : extra) {
            b.listener(l);
        }
        return b.build();
    }

    /** A clock the test can move: the applier reads this one. */
    private Clock clockProxy() {
        return new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return clock.instant();
            }
        };
    }

    private void advance(Duration d) {
        clock = Clock.fixed(clock.instant().plus(d), ZoneOffset.UTC);
    }

    @Test
    void aValidNewerDocumentIsCompiledGivenToTheListenersThenSwappedIn() {
        RulesApplier a = applier();
        assertThatThrownBy(() -> a.snapshot("nothing yet")).isInstanceOf(RulesUnavailableException.class)
                .hasMessageContaining("UNITIZE-RULE-015").hasMessageContaining("nothing yet");

        ApplyResult r = a.offer(Fixtures.twoUnits(3).build().toJson(), "test");
        assertThat(r.outcome()).isEqualTo(ApplyResult.Outcome.APPLIED);
        assertThat(r.versionInForce()).isEqualTo(3);
        RulesSnapshot s = a.snapshot("unused");
        assertThat(s.version()).isEqualTo(3);
        assertThat(s.unitOf(5_001).code()).isEqualTo("unit-b");
        assertThat(seenByListener).containsExactly(3L);
        assertThat(seenByHook).containsExactly(3L);
        assertThat(a.appliedAt()).isEqualTo(T0);
        assertThat(a.metrics().appliedCount()).isEqualTo(1);

        advance(Duration.ofMinutes(5));
        assertThat(a.offer(Fixtures.twoUnits(4).build().toJson(), "test").outcome()).isEqualTo(ApplyResult.Outcome.APPLIED);
        assertThat(a.appliedAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    }

    @Test
    void theSameDocumentAgainIsUnchangedAndNotGivenToListenersAgain() {
        RulesApplier a = applier();
        String doc = Fixtures.twoUnits(3).build().toJson();
        a.offer(doc, "start");
        ApplyResult again = a.offer(doc, "reconnect");
        assertThat(again.outcome()).isEqualTo(ApplyResult.Outcome.UNCHANGED);
        assertThat(again.inForce()).isTrue();
        assertThat(seenByListener).containsExactly(3L);
        assertThat(a.metrics().rejectedStaleCount()).isZero();
    }

    @Test
    void anInvalidDocumentIsRefusedNamingTheRuleAndTheVersionInForceStays() {
        RulesApplier a = applier();
        a.offer(Fixtures.twoUnits(3).build().toJson(), "start");
        advance(Duration.ofSeconds(30));
        String gap = Fixtures.twoUnits(4).build().toJson().replace("\"from\": 5000", "\"from\": 6000");

        ApplyResult r = a.offer(gap, "push");
        assertThat(r.outcome()).isEqualTo(ApplyResult.Outcome.REFUSED_INVALID);
        assertThat(r.inForce()).isFalse();
        assertThat(r.versionInForce()).isEqualTo(3);
        assertThat(r.reason()).startsWith("invalid document from push: ").contains("routes leave slots 5000-5999 without a unit (gap)");
        assertThat(a.snapshot("unused").version()).isEqualTo(3);
        assertThat(a.metrics().rejectedInvalidCount()).isEqualTo(1);
        assertThat(a.metrics().lastRejection()).isEqualTo(r.reason());
        assertThat(a.metrics().lastRejectionAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(seenByListener).containsExactly(3L);

        assertThat(a.offer("{\"version\": 5", "push").outcome()).isEqualTo(ApplyResult.Outcome.REFUSED_INVALID);
        assertThat(a.metrics().rejectedInvalidCount()).isEqualTo(2);
    }

    @Test
    void anOlderOrEqualVersionWithOtherContentIsRefusedAsStale() {
        RulesApplier a = applier();
        a.offer(Fixtures.twoUnits(5).build().toJson(), "start");
        ApplyResult older = a.offer(Fixtures.twoUnits(3).build().toJson(), "push");
        assertThat(older.outcome()).isEqualTo(ApplyResult.Outcome.REFUSED_STALE);
        assertThat(older.reason()).isEqualTo("version 3 from push is not newer than version 5 in force");
        ApplyResult sameVersionOtherContent = a.offer(Fixtures.twoUnits(5).reason("edited").build().toJson(), "push");
        assertThat(sameVersionOtherContent.outcome()).isEqualTo(ApplyResult.Outcome.REFUSED_STALE);
        assertThat(a.metrics().rejectedStaleCount()).isEqualTo(2);
        assertThat(a.snapshot("unused").version()).isEqualTo(5);
        assertThat(seenByHook).containsExactly(5L);
    }

    @Test
    void aListenerThatThrowsKeepsThePreviousVersionAndNoHookRuns() {
        RulesApplier a = applier(s -> {
            if (s.version() == 4) {
                throw new IllegalStateException("router cannot take it");
            }
        });
        a.offer(Fixtures.twoUnits(3).build().toJson(), "start");
        ApplyResult r = a.offer(Fixtures.twoUnits(4).build().toJson(), "push");
        assertThat(r.outcome()).isEqualTo(ApplyResult.Outcome.REFUSED_BY_LISTENER);
        assertThat(r.reason()).contains("failed to apply version 4").contains("router cannot take it");
        assertThat(a.versionInForce()).isEqualTo(3);
        assertThat(seenByHook).containsExactly(3L);
        assertThat(a.metrics().listenerFailureCount()).isEqualTo(1);
    }

    @Test
    void aListenerAddedLaterGetsTheSnapshotInForceAtOnce() throws Exception {
        RulesApplier a = applier();
        a.offer(Fixtures.twoUnits(7).build().toJson(), "start");
        List<Long> late = new ArrayList<>();
        a.addListener(s -> late.add(s.version()));
        assertThat(late).containsExactly(7L);
        a.offer(Fixtures.twoUnits(8).build().toJson(), "push");
        assertThat(late).containsExactly(7L, 8L);
    }

    @Test
    void missingFieldsAreNamedAllAtOnce() {
        assertThatThrownBy(() -> RulesApplier.builder().unit("Unit B").build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("UNITIZE-RULE-016 RulesApplier needs unit (1-32 lowercase letters, digits or '-', was 'Unit B'), agentKind");
    }
}
