package io.unitize.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The refusals' own bounds and wording: the message of {@link InvalidRulesException} and of {@link StaleRulesException}. */
class RulesRefusalMessagesTest {

    @Test
    void anInvalidRulesMessageIsCappedAndSaysHowManyViolationsItLeftOut() {
        List<String> violations = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            violations.add("violation number " + i + " " + "x".repeat(80));
        }
        InvalidRulesException e = new InvalidRulesException(violations);
        assertThat(e.getMessage()).hasSizeLessThanOrEqualTo(InvalidRulesException.MAX_MESSAGE_CHARS)
                .startsWith("rules document refused: violation number 0 ")
                .matches("(?s).*; and \\d+ more violations not shown");
        assertThat(e.violations()).hasSize(1000);
    }

    @Test
    void oneHugeViolationIsCutToo() {
        InvalidRulesException e = new InvalidRulesException(List.of("y".repeat(200_000), "second"));
        assertThat(e.getMessage()).hasSizeLessThanOrEqualTo(InvalidRulesException.MAX_MESSAGE_CHARS)
                .contains("... (200000 characters)").endsWith("; and 1 more violation not shown");
    }

    @Test
    void aShortMessageIsUnchanged() {
        assertThat(new InvalidRulesException(List.of("a", "b")).getMessage()).isEqualTo("rules document refused: a; b");
    }

    @Test
    void aVersionAboveTheNextOneSaysWhichVersionIsExpected() {
        StaleRulesException e = StaleRulesException.notTheNext(12, 10, " in the control center");
        assertThat(e.getMessage()).isEqualTo("rules version 12 is not the version expected in the control center: "
                + "expected version 11, the next after version 10 in force");
        assertThat(e.expectedVersion()).hasValue(11);
        assertThat(e.versionInForce()).isEqualTo(10);
        assertThat(e.getMessage()).doesNotContain("not newer");
    }

    @Test
    void anOlderVersionOfferedToTheControlCenterAlsoNamesTheExpectedOne() {
        assertThat(StaleRulesException.notTheNext(9, 10, " in the control center").getMessage())
                .isEqualTo("rules version 9 is not the version expected in the control center: expected version 11, "
                        + "the next after version 10 in force");
    }

    @Test
    void aNewerVersionRefusedByAStoreThatTakesOnlyTheNextSaysSoToo() {
        // JdbcRulesLedger refuses with this constructor when another writer got in first
        assertThat(new StaleRulesException(12, 10, " in the control center's store").getMessage())
                .isEqualTo("rules version 12 is not the version expected in the control center's store: expected version 11, "
                        + "the next after version 10 in force");
    }

    @Test
    void aVersionNotNewerThanTheOneInForceKeepsItsMessage() {
        StaleRulesException e = new StaleRulesException(9, 10, " in unit center's Nacos");
        assertThat(e.getMessage()).isEqualTo("rules version 9 is not newer than version 10 in force in unit center's Nacos; "
                + "publish a version > 10");
        assertThat(e.expectedVersion()).isEmpty();
    }
}
