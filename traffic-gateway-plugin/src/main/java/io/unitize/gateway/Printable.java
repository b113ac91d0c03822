package io.unitize.gateway;

/** Client text quoted for a message: non-printable and non-ASCII characters escaped ({@code \u0667}), bounded in length. */
final class Printable {

    private static final int MAX = 64;

    private Printable() {
    }

    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("'");
        int n = Math.min(s.length(), MAX);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '\\') {
                b.append(c);
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        b.append('\'');
        if (s.length() > MAX) {
            b.append(" (").append(s.length()).append(" characters, first ").append(MAX).append(" shown)");
        }
        return b.toString();
    }
}
