package io.unitize.drill;

import com.fasterxml.jackson.databind.JsonNode;
import io.unitize.drill.Checker.Run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Invariant 6 of the drill (see {@link Checker}): the client's answers against the cutovers' freeze windows and moves. */
final class ClientErrorsCheck {

    private ClientErrorsCheck() {
    }

    /** 6: every non-2xx answer must be a 503 with Retry-After, for a buyer of a moving range, in flight during that cutover's freeze. */
    static Verdict clientErrors(Run run) {
        List<String> bad = new ArrayList<>();
        for (Sample s : run.samples()) {
            if (s.ok() || allowedRefusal(s, run.cutovers())) {
                continue;
            }
            bad.add(kind(s) + " " + s.op() + " buyer " + s.buyer() + " via " + s.via() + " at " + Instant.ofEpochMilli(s.sentAt())
                    + (s.error() == null ? "" : ": " + s.error()));
        }
        return Verdict.of(Checker.I6, run.samples().size(), bad);
    }

    /** A short name for what the client saw: "201", "503+Retry-After", "503", "timeout", ... */
    static String kind(Sample s) {
        if (s.status() == 0) {
            return s.error() != null && s.error().contains("Timeout") ? "timeout" : "no-answer";
        }
        if (s.status() == 503 && s.retryAfter()) {
            return "503+Retry-After";
        }
        return Integer.toString(s.status());
    }

    static boolean allowedRefusal(Sample s, List<JsonNode> cutovers) {
        if (s.status() != 503 || !s.retryAfter()) {
            return false;
        }
        int slot = (int) Math.floorMod(s.buyer(), 10_000L);
        for (JsonNode c : cutovers) {
            long from = Checker.millis(c.path("freezePublishedAt"), Checker.millis(c.path("createdAt"), Long.MAX_VALUE));
            long to = Checker.millis(c.path("finishedAt"), Long.MAX_VALUE);
            if (s.answeredAt() < from || s.sentAt() > to) {
                continue;
            }
            for (JsonNode m : c.path("moves")) {
                JsonNode r = m.path("range");
                if (slot >= r.path("from").asInt() && slot <= r.path("to").asInt()) {
                    return true;
                }
            }
        }
        return false;
    }
}
