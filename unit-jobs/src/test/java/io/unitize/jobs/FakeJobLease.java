package io.unitize.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** In-memory {@link JobLease} with the JDBC lease's rules (free or expired, fire not yet started), for the runner's unit tests. */
final class FakeJobLease implements JobLease {

    private record Row(String holder, long expiresAt, long lastFire, long fencing) {
    }

    private final Map<String, Row> rows = new HashMap<>();
    private final Clock clock;
    boolean unavailable;

    FakeJobLease(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Optional<Held> tryAcquire(String unit, String job, Instant fireTime, String holder, Duration leaseFor) {
        if (unavailable) {
            throw new JobLeaseUnavailableException("database down", null);
        }
        String k = unit + "/" + job;
        Row r = rows.getOrDefault(k, new Row("", 0, Long.MIN_VALUE, 0));
        long now = clock.millis();
        if (r.expiresAt() >= now || r.lastFire() >= fireTime.toEpochMilli()) {
            return Optional.empty();
        }
        Row taken = new Row(holder, now + leaseFor.toMillis(), fireTime.toEpochMilli(), r.fencing() + 1);
        rows.put(k, taken);
        return Optional.of(new Held() {
            @Override
            public long fencingToken() {
                return taken.fencing();
            }

            @Override
            public void close() {
                synchronized (FakeJobLease.this) {
                    Row cur = rows.get(k);
                    if (cur.holder().equals(holder) && cur.fencing() == taken.fencing()) {
                        rows.put(k, new Row(holder, 0, cur.lastFire(), cur.fencing()));
                    }
                }
            }
        });
    }

    synchronized boolean held(String unit, String job) {
        Row r = rows.get(unit + "/" + job);
        return r != null && r.expiresAt() >= clock.millis();
    }
}
