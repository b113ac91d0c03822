package io.unitize.deploy.observability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The meters deploy/observability/README.md documents: its table "Meters exposed today" and its
 * table "Expected, not exposed yet", each row {@code | `prometheus_name` | `micrometer.name` | ...}.
 */
record MeterCatalog(Map<String, String> today, Map<String, String> notYet) {

    static final String TODAY = "## Meters exposed today";
    static final String NOT_YET = "## Expected, not exposed yet";
    private static final Pattern ROW = Pattern.compile("(?m)^\\| `(unitize_[a-z0-9_]+)` \\| `([a-z0-9.]+)` \\|");
    private static final Pattern METER_IN_EXPR = Pattern.compile("\\b(unitize_[a-z0-9_]+)");
    private static final Pattern SERIES_SUFFIX = Pattern.compile("_(bucket|count|sum|max)$");

    static MeterCatalog read(Path readme) {
        String text;
        try {
            text = Files.readString(readme);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int today = text.indexOf(TODAY);
        int notYet = text.indexOf(NOT_YET);
        if (today < 0 || notYet < today) {
            throw new IllegalStateException(readme + " must have the sections '" + TODAY + "' and then '" + NOT_YET + "'");
        }
        int end = text.indexOf("\n## ", notYet + 1);
        return new MeterCatalog(rows(text.substring(today, notYet)), rows(text.substring(notYet, end < 0 ? text.length() : end)));
    }

    private static Map<String, String> rows(String section) {
        Map<String, String> m = new LinkedHashMap<>();
        Matcher r = ROW.matcher(section);
        while (r.find()) {
            m.put(r.group(1), r.group(2));
        }
        return m;
    }

    /** The Prometheus names a PromQL expression reads, each reduced to its documented meter name. */
    static Set<String> metersIn(String expr) {
        Set<String> names = new TreeSet<>();
        Matcher m = METER_IN_EXPR.matcher(expr);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** True when the series name is a documented meter or one of its series (_bucket, _count, _sum, _max). */
    boolean documents(String series) {
        return today.containsKey(series) || notYet.containsKey(series)
                || (SERIES_SUFFIX.matcher(series).find() && documents(SERIES_SUFFIX.matcher(series).replaceFirst("")));
    }
}
