package io.unitize.drill;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The drill's report: a markdown table per scenario and an SVG of client p99 latency and error rate with the cutover steps marked. */
public final class DrillReport {

    private DrillReport() {
    }

    public static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = new ArrayList<>(values);
        Collections.sort(s);
        int i = (int) Math.ceil(p / 100.0 * s.size()) - 1;
        return s.get(Math.max(0, Math.min(s.size() - 1, i)));
    }

    static String f(double d) {
        return Double.isNaN(d) ? "–" : String.format(Locale.ROOT, "%.0f", d);
    }

    /** The markdown section of one scenario; {@code svgName}: the plot's file name next to the report. */
    public static String markdown(ScenarioResult r, String svgName) {
        StringBuilder md = new StringBuilder();
        md.append("### ").append(r.name()).append(r.passed() ? " — PASS" : " — FAIL").append("\n\n");
        if (r.fault() != null) {
            md.append("Fault: ").append(r.fault()).append("\n\n");
        }
        List<Double> lat = r.samples().stream().map(Sample::latencyMillis).toList();
        Map<String, Integer> kinds = new TreeMap<>();
        for (Sample s : r.samples()) {
            kinds.merge(Checker.kind(s), 1, Integer::sum);
        }
        List<Double> freeze = new ArrayList<>();
        Map<String, List<Double>> perStep = new TreeMap<>();
        for (JsonNode c : r.cutovers()) {
            if (c.hasNonNull("freezeWindowMillis")) {
                freeze.add(c.get("freezeWindowMillis").asDouble());
            }
            for (JsonNode st : c.path("steps")) {
                if (st.hasNonNull("millis")) {
                    perStep.computeIfAbsent(st.path("step").asText(), k -> new ArrayList<>()).add(st.get("millis").asDouble());
                }
            }
        }
        long placed = r.samples().stream().filter(s -> s.op() == Sample.Op.PLACE && s.ok()).count();
        md.append("| | |\n|---|---|\n");
        md.append("| load | ").append(String.format(Locale.ROOT, "%.0f", r.rate())).append(" requests/s open loop (both gateways; place 50 %, get 25 %, list 15 %, cancel 10 %) |\n");
        md.append("| duration | ").append(String.format(Locale.ROOT, "%.1f", (r.endedAt() - r.startedAt()) / 1000.0)).append(" s |\n");
        md.append("| requests | ").append(r.samples().size()).append(" (").append(placed).append(" orders acknowledged) |\n");
        md.append("| client latency from the scheduled send | p50 ").append(f(percentile(lat, 50))).append(" ms, p99 ")
                .append(f(percentile(lat, 99))).append(" ms, max ").append(f(percentile(lat, 100))).append(" ms |\n");
        md.append("| client answers by kind | ").append(kinds).append(" |\n");
        md.append("| cutovers | ").append(r.cutovers().size()).append(": ");
        List<String> cs = new ArrayList<>();
        for (JsonNode c : r.cutovers()) {
            cs.add(c.path("plan").path("type").asText() + " " + moves(c) + " → " + c.path("status").asText()
                    + (c.hasNonNull("freezeWindowMillis") ? " (freeze " + c.get("freezeWindowMillis").asLong() + " ms)" : "")
                    + (c.hasNonNull("failure") ? " [" + c.get("failure").asText().replace('|', '/') + "]" : ""));
        }
        md.append(String.join("; ", cs)).append(" |\n");
        md.append("| freeze window | p50 ").append(f(percentile(freeze, 50))).append(" ms, p99 ").append(f(percentile(freeze, 99)))
                .append(" ms (").append(freeze.size()).append(" cutovers) |\n");
        StringBuilder steps = new StringBuilder();
        perStep.forEach((k, v) -> steps.append(k).append(" p50 ").append(f(percentile(v, 50))).append(" / p99 ")
                .append(f(percentile(v, 99))).append(" ms; "));
        md.append("| per step | ").append(steps).append(" |\n");
        for (String n : r.notes()) {
            md.append("| note | ").append(n.replace('|', '/')).append(" |\n");
        }
        md.append("\n| invariant | verdict | checked | failures | examples |\n|---|---|---|---|---|\n");
        for (Verdict v : r.verdicts()) {
            md.append("| ").append(v.invariant()).append(" | ").append(v.holds() ? "holds" : "**FAILS**").append(" | ").append(v.checked())
                    .append(" | ").append(v.failures()).append(" | ")
                    .append(String.join("<br>", v.examples()).replace('|', '/')).append(" |\n");
        }
        md.append("\n![client p99 latency and error rate, ").append(r.name()).append("](").append(svgName).append(")\n\n");
        return md.toString();
    }

    static String moves(JsonNode c) {
        List<String> m = new ArrayList<>();
        for (JsonNode mv : c.path("moves")) {
            m.add(mv.path("range").path("from").asInt() + "-" + mv.path("range").path("to").asInt() + " " + mv.path("from").asText() + "->"
                    + mv.path("to").asText());
        }
        return String.join(", ", m);
    }

    /** Per-second p99 latency (line, left axis) and error rate (bars, right axis), steps of every cutover as vertical lines. */
    public static String svg(ScenarioResult r) {
        int w = 900;
        int h = 320;
        int left = 60;
        int right = 60;
        int top = 30;
        int bottom = 40;
        long t0 = r.startedAt();
        int seconds = (int) Math.max(1, (r.endedAt() - t0 + 999) / 1000);
        List<List<Double>> lat = new ArrayList<>();
        int[] total = new int[seconds];
        int[] errors = new int[seconds];
        for (int i = 0; i < seconds; i++) {
            lat.add(new ArrayList<>());
        }
        for (Sample s : r.samples()) {
            int i = (int) ((s.scheduledAt() - t0) / 1000);
            if (i < 0 || i >= seconds) {
                continue;
            }
            lat.get(i).add(s.latencyMillis());
            total[i]++;
            if (!s.ok()) {
                errors[i]++;
            }
        }
        double maxLat = 10;
        double[] p99 = new double[seconds];
        for (int i = 0; i < seconds; i++) {
            p99[i] = percentile(lat.get(i), 99);
            if (!Double.isNaN(p99[i])) {
                maxLat = Math.max(maxLat, p99[i]);
            }
        }
        double x0 = left;
        double pw = w - left - right;
        double ph = h - top - bottom;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w).append("\" height=\"").append(h)
                .append("\" font-family=\"sans-serif\" font-size=\"11\">\n");
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        s.append("<text x=\"").append(left).append("\" y=\"18\" font-size=\"13\">").append(esc(r.name()))
                .append(": client p99 latency per second (blue, left, ms) and error rate (red bars, right, %)</text>\n");
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.0f\" height=\"%.0f\" fill=\"none\" stroke=\"#999\"/>\n", left, top, pw, ph));
        for (int i = 0; i < seconds; i++) {
            if (total[i] > 0 && errors[i] > 0) {
                double rate = errors[i] * 1.0 / total[i];
                double bh = rate * ph;
                s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#e55\" opacity=\"0.6\"/>\n",
                        x0 + i * pw / seconds, top + ph - bh, Math.max(1, pw / seconds - 1), bh));
            }
        }
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < seconds; i++) {
            if (Double.isNaN(p99[i])) {
                continue;
            }
            path.append(path.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x0 + (i + 0.5) * pw / seconds,
                    top + ph - p99[i] / maxLat * ph));
        }
        s.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#2255cc\" stroke-width=\"1.5\"/>\n");
        int mark = 0;
        for (JsonNode c : r.cutovers()) {
            for (JsonNode st : c.path("steps")) {
                long at = Checker.millis(st.path("startedAt"), -1);
                if (at < t0 || at > r.endedAt()) {
                    continue;
                }
                double x = x0 + (at - t0) / 1000.0 * pw / seconds;
                s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.0f\" stroke=\"#888\" stroke-dasharray=\"2,2\"/>\n",
                        x, top, x, top + ph));
                s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"8\" transform=\"rotate(90 %.1f %d)\" fill=\"#555\">%s</text>\n",
                        x + 2, top + 2 + (mark++ % 3) * 0, x + 2, top + 2, esc(st.path("step").asText())));
            }
        }
        for (int k = 0; k <= 4; k++) {
            double y = top + ph - k * ph / 4;
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.0f</text>\n", left - 4, y + 4, maxLat * k / 4));
            s.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"%.1f\">%d%%</text>\n", w - right + 4.0, y + 4, k * 25));
        }
        for (int k = 0; k <= 5; k++) {
            double x = x0 + k * pw / 5;
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.0f s</text>\n", x, h - bottom + 16, seconds * k / 5.0));
        }
        s.append("<text x=\"").append(left).append("\" y=\"").append(h - 6).append("\" fill=\"#555\">start ")
                .append(Instant.ofEpochMilli(t0)).append("; dashed lines: cutover steps (FREEZE … REPLAY)</text>\n");
        s.append("</svg>\n");
        return s.toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
