package io.unitize.controlcenter.cutover;

import io.unitize.core.ReplayRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Delivers the replay requests a finished cutover's REPLAY step could not deliver within its
 * timeout. Each call makes one try per undelivered request and saves what was delivered; the
 * control center calls it at every reconcile tick and when an operator asks, so a broker that was
 * down or answering late gets the request once it answers, after a restart too (the undelivered
 * units are part of the stored cutover). A request delivered twice is harmless: the target unit's
 * replay runner keeps the cutover ids it has replayed, and the routes' version gate drops a
 * message that was already applied.
 */
final class ReplayRedelivery {

    private static final Logger log = LoggerFactory.getLogger(ReplayRedelivery.class);
    /** A request still refused is logged at its first refusal and then at most this often. */
    static final Duration REPEAT_WARNING_EVERY = Duration.ofMinutes(10);

    private final StepPorts ports;
    private final Map<String, Instant> lastWarned = new ConcurrentHashMap<>();

    ReplayRedelivery(StepPorts ports) {
        this.ports = ports;
    }

    /**
     * Tries to deliver each undelivered replay request of {@code c} once; saves {@code c} when one was.
     *
     * @return the units still without their request, each with why the try failed
     */
    synchronized Map<String, String> tryOnce(Cutover c) {
        Map<String, String> refused = new LinkedHashMap<>();
        for (String target : c.replaysPending()) {
            ReplayRequest request = ReplayStep.requestFor(c, target, ports.settings().replayMargin());
            String key = c.id() + "/" + target;
            try {
                ports.replays().send(request);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                refused.put(target, "interrupted: the control center is stopping");
                return refused;
            } catch (Exception e) {
                refused.put(target, String.valueOf(e.getMessage()));
                warnAtMostEvery(key, c, target, e);
                continue;
            }
            Instant now = ports.clock().instant();
            c.markReplaySent(target);
            c.warn("REPLAY: replay request delivered to unit " + target + " at " + now + ", after the step's timeout");
            ports.repository().save(c);
            lastWarned.remove(key);
            log.info("UNITIZE-CC-116 cutover {}: replay request delivered to unit {} after the REPLAY step's timeout "
                    + "({} s after the cutover finished); the unit replays the messages of {} from {}", c.id(), target,
                    c.finishedAt() == null ? "?" : Duration.between(c.finishedAt(), now).toSeconds(), request.ranges(), request.replayFrom());
        }
        return refused;
    }

    private void warnAtMostEvery(String key, Cutover c, String target, Exception e) {
        Instant now = ports.clock().instant();
        Instant last = lastWarned.get(key);
        if (last != null && Duration.between(last, now).compareTo(REPEAT_WARNING_EVERY) < 0) {
            return;
        }
        lastWarned.put(key, now);
        log.warn("UNITIZE-CC-117 cutover {}: replay request to unit {} still not delivered: {}. The moved buyers' messages "
                + "that were in flight at the freeze are not replayed there until it is. Next: check unit {}'s RocketMQ name "
                + "server and broker; the control center tries again at every reconcile tick (this warning repeats at most "
                + "every {} min)", c.id(), target, e.getMessage(), target, REPEAT_WARNING_EVERY.toMinutes());
    }
}
