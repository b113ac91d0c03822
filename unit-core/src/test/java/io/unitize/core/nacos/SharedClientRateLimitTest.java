package io.unitize.core.nacos;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * More subscribers of one channel in one JVM than the Nacos client's per-JVM budget of identical
 * requests ({@code limitTime}, stock 5/s) are told once, with the property that lifts it.
 */
class SharedClientRateLimitTest {

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(SharedClientRateLimit.class);
    private final String channel = "namespace public, group G, data id rules-" + UUID.randomUUID() + ".json";
    private String limitBefore;

    @BeforeEach
    void capture() {
        logs.start();
        logger.addAppender(logs);
        limitBefore = System.getProperty(SharedClientRateLimit.PROPERTY);
        System.clearProperty(SharedClientRateLimit.PROPERTY);
    }

    @AfterEach
    void release() {
        logger.detachAppender(logs);
        if (limitBefore != null) {
            System.setProperty(SharedClientRateLimit.PROPERTY, limitBefore);
        }
    }

    private List<String> warnings() {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.startsWith("UNITIZE-RULE-018")).toList();
    }

    @Test
    void theSixthSubscriberOfAChannelInOneJvmIsTheFirstPastTheStockBudgetAndIsToldOnce() {
        for (int i = 1; i <= 5; i++) {
            assertThat(SharedClientRateLimit.opened(channel)).isEqualTo(i);
        }
        assertThat(warnings()).as("five fit the stock 5 per second").isEmpty();

        assertThat(SharedClientRateLimit.opened(channel)).isEqualTo(6);
        assertThat(warnings()).singleElement().satisfies(w -> assertThat(w)
                .contains("6 rules subscribers of " + channel)
                .contains("(limitTime=5)")
                .contains("-DlimitTime=30 or more"));

        SharedClientRateLimit.opened(channel);
        SharedClientRateLimit.opened(channel);
        assertThat(warnings()).as("once per crossing, not per subscriber").hasSize(1);

        for (int i = 0; i < 8; i++) {
            SharedClientRateLimit.closed(channel);
        }
        assertThat(SharedClientRateLimit.closed(channel)).as("never below zero").isZero();
    }

    @Test
    void anotherChannelHasABudgetOfItsOwnAndARaisedLimitIsHonoured() {
        System.setProperty(SharedClientRateLimit.PROPERTY, "100");
        String other = channel + "-other";
        for (int i = 0; i < 17; i++) {
            SharedClientRateLimit.opened(channel);
        }
        SharedClientRateLimit.opened(other);
        assertThat(warnings()).as("17 subscribers under -DlimitTime=100").isEmpty();
        for (int i = 0; i < 17; i++) {
            SharedClientRateLimit.closed(channel);
        }
        SharedClientRateLimit.closed(other);
    }

    @Test
    void theLimitIsReadAsTheNacosClientReadsIt() {
        assertThat(SharedClientRateLimit.perSecond(null)).isEqualTo(5.0);
        assertThat(SharedClientRateLimit.perSecond("85")).isEqualTo(85.0);
        assertThat(SharedClientRateLimit.perSecond(" 2.5 ")).isEqualTo(2.5);
        assertThat(SharedClientRateLimit.perSecond("fast")).as("unparsable: the client's default").isEqualTo(5.0);
        assertThat(SharedClientRateLimit.perSecond("0")).isEqualTo(5.0);
        assertThat(SharedClientRateLimit.firstPast(6, 5.0)).isTrue();
        assertThat(SharedClientRateLimit.firstPast(7, 5.0)).isFalse();
        assertThat(SharedClientRateLimit.firstPast(3, 2.5)).isTrue();
    }
}
