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
}
