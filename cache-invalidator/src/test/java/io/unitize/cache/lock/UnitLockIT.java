package io.unitize.cache.lock;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Locks on the sandbox's real Redis: ownership, expiry, release only by the owner, growing fencing tokens. */
@SandboxServers(ServerKind.REDIS)
class UnitLockIT {

    @Test
    void ownershipExpiryAndFencing(UnitSandbox sandbox) throws Exception {
        RedisClient client = RedisClient.create(sandbox.unit("unit-b").redisUri());
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            UnitLock locks = new UnitLock(redis, "it-lock:" + System.nanoTime() + ":");
            Optional<UnitLock.Held> first = locks.tryAcquire("buyer:5001", Duration.ofMillis(300));
            assertThat(first).isPresent();
            assertThat(locks.tryAcquire("buyer:5001", Duration.ofSeconds(5))).as("held by someone else").isEmpty();
            assertThat(locks.tryAcquire("buyer:5002", Duration.ofSeconds(5))).as("another name is free").isPresent();

            Thread.sleep(500); // the first owner stalls past its TTL
            Optional<UnitLock.Held> second = locks.tryAcquire("buyer:5001", Duration.ofSeconds(5));
            assertThat(second).as("expired: free again").isPresent();
            assertThat(second.get().fencingToken()).isGreaterThan(first.get().fencingToken());
            assertThat(first.get().release()).as("the stale owner cannot release the new owner's lock").isFalse();
            assertThat(first.get().extend(Duration.ofSeconds(5))).as("nor extend it").isFalse();
            assertThat(locks.tryAcquire("buyer:5001", Duration.ofSeconds(5))).as("still held by the second owner").isEmpty();
            assertThat(second.get().extend(Duration.ofSeconds(5))).isTrue();
            assertThat(second.get().release()).isTrue();
            assertThat(locks.tryAcquire("buyer:5001", Duration.ofSeconds(5))).as("released by its owner").isPresent();
        } finally {
            client.shutdown();
        }
    }
}
