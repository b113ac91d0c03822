package io.unitize.id;

/** Values {@code [first, last]} of one business tag in one unit, handed out by a {@link SegmentStore}. */
public record Segment(String tag, long first, long last) {

    public Segment {
        if (last < first) {
            throw new IllegalArgumentException("empty segment " + first + ".." + last);
        }
    }

    public long size() {
        return last - first + 1;
    }
}
