package io.unitize.core.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The faults found in one rules document, in the order found, bounded: a fault that repeats per
 * element (a route naming an unknown unit, a gap between routes) is listed for its first
 * {@value #EXAMPLES} occurrences, and the rest become one line saying how many more there are and
 * where, as ranges ("routes 3-4999", "4997 slots in 4997 ranges"). So a document with ten thousand
 * faulty routes is refused with a message of a few lines, not of a few hundred thousand characters.
 */
public final class Violations {

    /** How many occurrences of a repeating fault are listed before the rest are summarized. */
    public static final int EXAMPLES = 3;
    /** How many ranges a summary lists before it only counts them. */
    static final int SPANS_SHOWN = 6;

    private final List<Object> items = new ArrayList<>(); // String, or the Group whose summary goes there
    private final Map<String, Group> groups = new HashMap<>();

    /** A fault that occurs at most once per document. */
    public void add(String message) {
        items.add(message);
    }

    /**
     * A fault of a kind that may repeat. {@code from}-{@code to} says where this one is (an element's
     * index, or a slot range); {@code summary} writes the line that stands for the occurrences
     * beyond the first {@value #EXAMPLES}.
     */
    public void add(String group, long from, long to, String message, Summary summary) {
        Group g = groups.computeIfAbsent(group, k -> new Group(summary));
        if (g.listed < EXAMPLES) {
            g.listed++;
            items.add(message);
            if (g.listed == EXAMPLES) {
                items.add(g);
            }
        } else {
            g.more(from, to);
        }
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    /** The faults as listed in a refusal: each one, or the summary of a repeated kind. */
    public List<String> list() {
        List<String> out = new ArrayList<>(items.size());
        for (Object item : items) {
            if (item instanceof String s) {
                out.add(s);
            } else if (((Group) item).more > 0) {
                Group g = (Group) item;
                out.add(g.summary.of(g.more, g.where(), g.size));
            }
        }
        return out;
    }

    /** Writes the line standing for {@code more} further occurrences, found at {@code where}, {@code size} elements in all. */
    @FunctionalInterface
    public interface Summary {
        String of(int more, String where, long size);
    }

    private static final class Group {
        final Summary summary;
        int listed;
        int more;
        long size;
        int spans;
        long lastTo = Long.MIN_VALUE;
        final StringBuilder where = new StringBuilder();
        long pendingFrom;

        Group(Summary summary) {
            this.summary = summary;
        }

        void more(long from, long to) {
            more++;
            size += to - from + 1;
            if (spans > 0 && from == lastTo + 1) {
                lastTo = to; // continues the last range
                return;
            }
            closeSpan();
            spans++;
            pendingFrom = from;
            lastTo = to;
        }

        private void closeSpan() {
            if (spans == 0 || spans > SPANS_SHOWN) {
                return;
            }
            where.append(where.isEmpty() ? "" : ", ").append(pendingFrom == lastTo ? "" + lastTo : pendingFrom + "-" + lastTo);
        }

        String where() {
            StringBuilder sb = new StringBuilder(where);
            if (spans <= SPANS_SHOWN) {
                sb.append(sb.isEmpty() ? "" : ", ").append(pendingFrom == lastTo ? "" + lastTo : pendingFrom + "-" + lastTo);
            } else {
                sb.append(", ... (").append(spans).append(" ranges in all)");
            }
            return sb.toString();
        }
    }
}
