package io.unitize.core.internal;

/**
 * How a value taken from a rules document appears in a refusal: printable ASCII as it is, every
 * other character escaped as {@code \}{@code uXXXX} (a Cyrillic {@code е} shows as {@code \}{@code u0435},
 * not as a look-alike {@code e}), and at most {@value #MAX_CHARS} characters of it, so that a
 * hostile value cannot make a message unreadable or huge.
 */
public final class Shown {

    /** The most characters of a value a message shows. */
    public static final int MAX_CHARS = 64;

    private Shown() {
    }

    /** The value in single quotes, escaped and bounded; {@code null} as {@code null}. */
    public static String quoted(String value) {
        return value == null ? "null" : "'" + text(value, MAX_CHARS) + "'";
    }

    /** The value escaped and bounded to {@value #MAX_CHARS} characters of the original. */
    public static String text(String value) {
        return text(value, MAX_CHARS);
    }

    /** The value escaped, showing at most {@code max} characters of the original and saying how long it was. */
    public static String text(String value, int max) {
        if (value == null) {
            return "null";
        }
        int shown = Math.min(value.length(), max);
        StringBuilder sb = new StringBuilder(shown + 16);
        for (int i = 0; i < shown; i++) {
            appendEscaped(sb, value.charAt(i));
        }
        if (shown < value.length()) {
            sb.append("... (").append(value.length()).append(" characters)");
        }
        return sb.toString();
    }

    /** One character as a message shows it. */
    public static String character(char c) {
        StringBuilder sb = new StringBuilder(6);
        appendEscaped(sb, c);
        return sb.toString();
    }

    private static void appendEscaped(StringBuilder sb, char c) {
        if (c >= 0x20 && c < 0x7f && c != '\\') {
            sb.append(c);
        } else if (c == '\\') {
            sb.append("\\\\");
        } else {
            sb.append(String.format("\\u%04x", (int) c));
        }
    }
}
