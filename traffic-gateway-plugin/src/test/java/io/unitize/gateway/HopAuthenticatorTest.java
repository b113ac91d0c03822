package io.unitize.gateway;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HopAuthenticatorTest {

    private static final HopKey K1 = new HopKey("k1", "hop-key-one-0123456789abcdef0123456789".getBytes(StandardCharsets.UTF_8));
    private static final HopKey K2 = new HopKey("k2", "hop-key-two-0123456789abcdef0123456789".getBytes(StandardCharsets.UTF_8));

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        long millis = 1_700_000_000_000L;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    private final MovableClock clock = new MovableClock();

    private HopAuthenticator gateway(List<HopKey> keys, String signing) {
        return new HopAuthenticator(keys, signing, Duration.ofSeconds(10), 10_000, clock);
    }

    @Test
    void aSignedHopVerifiesOnceAndOnlyForWhatWasSigned() {
        HopAuthenticator center = gateway(List.of(K2, K1), "k2");
        HopAuthenticator unitB = gateway(List.of(K2, K1), "k2");
        String sig = center.sign("center", "unit-b", "POST", "/api/orders?x=1", 5042L, 7);
        assertThat(sig).startsWith("kid=k2;ts=" + clock.millis() + ";nonce=");
        assertThat(unitB.verify(sig, "center", "unit-b", "POST", "/api/orders?x=1", 5042L, "7")).isEqualTo(HopVerdict.OK);
        assertThat(unitB.verify(sig, "center", "unit-b", "POST", "/api/orders?x=1", 5042L, "7").reason()).contains("a replay");
        for (HopVerdict changed : List.of(
                unitB.verify(center.sign("center", "unit-b", "POST", "/a", 1L, 7), "unit-c", "unit-b", "POST", "/a", 1L, "7"),
                unitB.verify(center.sign("center", "unit-b", "POST", "/a", 1L, 7), "center", "unit-c", "POST", "/a", 1L, "7"),
                unitB.verify(center.sign("center", "unit-b", "POST", "/a", 1L, 7), "center", "unit-b", "GET", "/a", 1L, "7"),
                unitB.verify(center.sign("center", "unit-b", "POST", "/a", 1L, 7), "center", "unit-b", "POST", "/b", 1L, "7"),
                unitB.verify(center.sign("center", "unit-b", "POST", "/a", 1L, 7), "center", "unit-b", "POST", "/a", 2L, "7"),
                unitB.verify(center.sign("center", "unit-b", "POST", "/a", 1L, 7), "center", "unit-b", "POST", "/a", null, "7"),
                unitB.verify(center.sign("center", "unit-b", "POST", "/a", 1L, 7), "center", "unit-b", "POST", "/a", 1L, "8"))) {
            assertThat(changed.authenticated()).isFalse();
            assertThat(changed.reason()).contains("hop signature does not match (key k2)");
        }
        assertThat(unitB.verify(center.sign("center", "unit-b", "GET", "/", null, 3), "center", "unit-b", "GET", "/", null, "3").authenticated())
                .as("no buyer").isTrue();
    }

    @Test
    void theTimestampMustBeWithinTheReplayWindow() {
        HopAuthenticator a = gateway(List.of(K1), "k1");
        String sig = a.sign("center", "unit-b", "GET", "/", 1L, 1);
        clock.millis += 10_001;
        assertThat(a.verify(sig, "center", "unit-b", "GET", "/", 1L, "1").reason()).contains("outside the replay window of 10 s");
        String ahead = a.sign("center", "unit-b", "GET", "/", 1L, 1);
        clock.millis -= 10_001;
        assertThat(a.verify(ahead, "center", "unit-b", "GET", "/", 1L, "1").reason()).as("a sender clock ahead").contains("outside the replay window");
        clock.millis += 9_000;
        assertThat(a.verify(ahead, "center", "unit-b", "GET", "/", 1L, "1").authenticated()).isTrue();
    }

    @Test
    void rotationInThreeRollingStepsNeverRefusesAPeerHop() {
        // step 0: everyone on k1
        HopAuthenticator aOld = gateway(List.of(K1), "k1");
        // step 1: a gateway learns k2 but still signs with k1; the other has not changed yet
        HopAuthenticator a1 = gateway(List.of(K1, K2), "k1");
        assertThat(aOld.verify(a1.sign("a", "b", "GET", "/", 1L, 1), "a", "b", "GET", "/", 1L, "1").authenticated()).isTrue();
        // step 2: signing with k2, k1 still accepted; a gateway still in step 1 accepts k2
        HopAuthenticator a2 = gateway(List.of(K2, K1), "k2");
        assertThat(a1.verify(a2.sign("a", "b", "GET", "/", 1L, 1), "a", "b", "GET", "/", 1L, "1").authenticated()).isTrue();
        assertThat(a2.verify(a1.sign("a", "b", "GET", "/", 1L, 1), "a", "b", "GET", "/", 1L, "1").authenticated()).isTrue();
        // step 3: k1 dropped; hops signed with it are no longer believed
        HopAuthenticator a3 = gateway(List.of(K2), "k2");
        assertThat(a3.verify(a2.sign("a", "b", "GET", "/", 1L, 1), "a", "b", "GET", "/", 1L, "1").authenticated()).isTrue();
        assertThat(a3.verify(aOld.sign("a", "b", "GET", "/", 1L, 1), "a", "b", "GET", "/", 1L, "1").reason())
                .isEqualTo("unknown hop key id 'k1' (accepted: k2)");
    }

    @Test
    void malformedSignaturesAndBadConfigurationAreNamed() {
        HopAuthenticator a = gateway(List.of(K1), "k1");
        assertThat(a.verify(null, "center", "unit-b", "GET", "/", 1L, "1").reason()).isEqualTo("no hop signature");
        assertThat(a.verify("garbage", "center", "unit-b", "GET", "/", 1L, "1").reason()).startsWith("malformed hop signature");
        assertThat(a.verify("kid=k1;ts=x;nonce=n;sig=s", "center", "unit-b", "GET", "/", 1L, "1").reason()).contains("not a number");
        assertThat(a.verify("kid=k1;ts=1;nonce=n;sig=s;kid=k1", "center", "unit-b", "GET", "/", 1L, "1").reason()).startsWith("malformed");
        assertThat(a.verify("kid=k1;ts=" + clock.millis() + ";nonce=n;sig=s", null, "unit-b", "GET", "/", 1L, "1").reason())
                .contains("without X-Unitize-Forwarded-By");
        assertThatThrownBy(() -> new HopKey("k", "short".getBytes(StandardCharsets.UTF_8))).hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> new HopKey("bad id", K1.secret())).hasMessageContaining("1 to 32 of [A-Za-z0-9._-]");
        assertThatThrownBy(() -> gateway(List.of(K1), "k9")).hasMessageContaining("'k9' is not one of the hop keys [k1]");
        assertThatThrownBy(() -> gateway(List.of(K1, K2, new HopKey("k3", K1.secret())), "k1")).hasMessageContaining("one or two");
        assertThatThrownBy(() -> gateway(List.of(K1, new HopKey("k1", K2.secret())), "k1")).hasMessageContaining("given twice");
        assertThat(K1.toString()).doesNotContain("hop-key-one");
    }
}
