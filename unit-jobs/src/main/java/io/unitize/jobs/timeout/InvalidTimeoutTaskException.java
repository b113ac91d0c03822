package io.unitize.jobs.timeout;

import io.unitize.core.UnitizeException;

/** A timeout task refused before anything was stored: names the field, the rule and the value. */
public class InvalidTimeoutTaskException extends UnitizeException {

    private final String field;

    public InvalidTimeoutTaskException(String field, String rule, Object value) {
        super("UNITIZE-JOB-030 timeout task refused: " + field + " must be " + rule + ", but was "
                + (value == null ? "null" : "'" + shown(String.valueOf(value)) + "'") + "; nothing was stored");
        this.field = field;
    }

    public String field() {
        return field;
    }

    private static String shown(String v) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < v.length() && i < 64; i++) {
            char c = v.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return v.length() > 64 ? b + "..." : b.toString();
    }
}
