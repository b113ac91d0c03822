package io.unitize.drill;

import com.fasterxml.jackson.databind.JsonNode;
import io.unitize.drill.Checker.Run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Invariant 6 of the drill (see {@link Checker}): the client's answers against the cutovers' freeze windows and moves. */
final class ClientErrorsCheck {

    private ClientErrorsCheck() {
    }

    /**
     * 6: every non-2xx answer must be a 503 with Retry-After, for a buyer of a moving range, in flight during that cutover's
     * freeze; for the buyers of a lost unit, from its loss (a coded refusal, see {@link #allowedRefusal(Sample, List, String, long)}).
     */
    static Verdict clientErrors(Run run) {
        return clientErrors(run, Map.of());
    }

    /**
     * {@code firstStored}: per cutover id, when the first rules version it stored (its freeze) was stored. A freeze can be in
     * force from then: a control center killed after publishing the freeze but before saving {@code freezePublishedAt}
     * publishes it again after its restart and records that time, later than the freeze's real start.
     */
    static Verdict clientErrors(Run run, Map<String, Long> firstStored) {
        // grouped by what was seen (kind, operation, the error's first words), so the report shows every kind, not the first five
        Map<String, List<Sample>> bad = new LinkedHashMap<>();
        long failures = 0;
        for (Sample s : run.samples()) {
            if (s.ok() || allowedRefusal(s, run.cutovers(), run.lostUnit(), run.lostAt(), firstStored)) {
                continue;
            }
            failures++;
            String error = gist(s.error());
            bad.computeIfAbsent(kind(s) + " " + s.op() + (error.isEmpty() ? "" : " " + error.substring(0, Math.min(90, error.length()))),
                    k -> new ArrayList<>()).add(s);
        }
        List<String> examples = new ArrayList<>();
        bad.forEach((what, list) -> {
            Sample first = list.get(0);
            examples.add(list.size() + " × " + what + " — first: buyer " + first.buyer() + " via " + first.via() + " at "
                    + Instant.ofEpochMilli(first.sentAt()) + (first.error() == null ? "" : ": " + OpenLoopLoad.abbreviate(first.error(), 300))
                    + (list.size() > 1 ? "; last at " + Instant.ofEpochMilli(list.get(list.size() - 1).sentAt()) : ""));
        });
        return new Verdict(Checker.I6, run.samples().size(), failures, List.copyOf(examples.subList(0, Math.min(8, examples.size()))));
    }

    /** A problem answer's {@code detail} (its first words group the failures), else the error as it is. */
    static String gist(String error) {
        if (error == null) {
            return "";
        }
        try {
            String detail = ControlCenterClient.JSON.readTree(error).path("detail").asText("");
            return detail.isEmpty() ? error : detail.replaceAll("\\d{4,}", "#"); // ids and ports vary, the kind of failure does not
        } catch (Exception notJson) {
            return error.replaceAll("\\d{4,}", "#");
        }
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
        return allowedRefusal(s, cutovers, null, Long.MAX_VALUE);
    }

    /**
     * The rule of invariant 6, and its one widening for a lost unit: from the loss ({@code lostAt}) until the failover's end,
     * the lost unit's buyers cannot be served anywhere (the surviving units do not own them before the failover switches them:
     * serving them there would be a write by a non-owner), so a refusal then is the outage, not a failure — if it is a clear,
     * retryable one: 503, Retry-After and a problem document with a {@code UNITIZE-} code (a gateway's "home unreachable",
     * say). Only for the slots the failover moves away from the lost unit.
     */
    static boolean allowedRefusal(Sample s, List<JsonNode> cutovers, String lostUnit, long lostAt) {
        return allowedRefusal(s, cutovers, lostUnit, lostAt, Map.of());
    }

    static boolean allowedRefusal(Sample s, List<JsonNode> cutovers, String lostUnit, long lostAt, Map<String, Long> firstStored) {
        if (s.status() != 503 || !s.retryAfter()) {
            return false;
        }
        int slot = (int) Math.floorMod(s.buyer(), 10_000L);
        boolean coded = code(s.error()) != null;
        for (JsonNode c : cutovers) {
            long from = Math.min(Checker.millis(c.path("freezePublishedAt"), Checker.millis(c.path("createdAt"), Long.MAX_VALUE)),
                    firstStored.getOrDefault(c.path("id").asText(), Long.MAX_VALUE));
            long to = Checker.millis(c.path("finishedAt"), Long.MAX_VALUE);
            boolean failover = lostUnit != null && "FAILOVER_UNIT".equals(c.path("plan").path("type").asText()) && coded;
            long outageFrom = failover ? Math.min(from, lostAt) : from;
            if (s.answeredAt() < outageFrom || s.sentAt() > to) {
                continue;
            }
            boolean inFreeze = s.answeredAt() >= from;
            for (JsonNode m : c.path("moves")) {
                JsonNode r = m.path("range");
                boolean moving = slot >= r.path("from").asInt() && slot <= r.path("to").asInt();
                if (moving && (inFreeze || lostUnit.equals(m.path("from").asText()))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Per cutover id, when its first rules version was stored (the earliest its freeze can be in force). */
    static Map<String, Long> firstStored(RulesTimeline timeline) {
        Map<String, Long> first = new java.util.HashMap<>();
        for (RulesTimeline.Entry e : timeline.entries()) {
            if (e.cutoverId() != null) {
                first.merge(e.cutoverId(), e.storedAt().toEpochMilli(), Math::min);
            }
        }
        return first;
    }

    /** The {@code UNITIZE-…} code of a problem answer (its {@code code} member, else the word its {@code detail} starts with), or null. */
    private static final java.util.regex.Pattern CODE_IN_TEXT =
            java.util.regex.Pattern.compile("^\\{[^{}]*\"(?:code|detail)\"\\s*:\\s*\"(UNITIZE-[A-Z]+-\\d+)\\b");

    static String code(String error) {
        if (error == null) {
            return null;
        }
        try {
            JsonNode problem = ControlCenterClient.JSON.readTree(error);
            String code = problem.path("code").asText("");
            if (code.isEmpty()) {
                code = problem.path("detail").asText("").split(" ", 2)[0];
            }
            return code.matches("UNITIZE-[A-Z]+-\\d+") ? code : null;
        } catch (Exception notJson) {
            // a body cut short (the load keeps the first characters of a long one) is no JSON any more, but a problem
            // document's detail still starts with its code: the unit-lost scenario's GW-030 answers are longer than that
            java.util.regex.Matcher m = CODE_IN_TEXT.matcher(error);
            return m.find() ? m.group(1) : null;
        }
    }
}
