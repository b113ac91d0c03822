package io.unitize.gateway;

/** The one rule for a buyer id in any source: 1 to 19 ASCII digits whose value fits a {@code long}. */
final class BuyerIdText {

    private BuyerIdText() {
    }

    static long parse(String source, String text) {
        int n = text.length();
        if (n == 0 || n > 19) {
            throw new InvalidBuyerIdException(source, text);
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new InvalidBuyerIdException(source, text);
            }
            int d = c - '0';
            if (v > (Long.MAX_VALUE - d) / 10) {
                throw new InvalidBuyerIdException(source, text);
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** Percent-decodes a path segment exactly once (UTF-8); a malformed escape is refused naming the source. */
    static String decodePathSegment(String source, String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int hi = i + 2 < raw.length() ? hex(raw.charAt(i + 1)) : -1;
                int lo = hi >= 0 ? hex(raw.charAt(i + 2)) : -1;
                if (hi < 0 || lo < 0) {
                    throw new InvalidBuyerIdException(source, raw, "must be ASCII digits 0-9 in valid percent-encoding");
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else if (c < 0x80) {
                out.write(c);
            } else {
                byte[] b = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }
}
