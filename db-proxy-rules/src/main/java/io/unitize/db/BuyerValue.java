package io.unitize.db;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Reads a buyer value the way the server will, or refuses it. Only forms whose meaning on an
 * integer buyer column is exact on MariaDB/MySQL are accepted:
 * <ul>
 *   <li>SQL text: an integer literal ({@code 5001}, {@code -5001}) or a quoted string of at most 15
 *       digits ({@code '5001'}) — no decimals, exponents, hex/bit literals, charset introducers
 *       ({@code _utf16 ...}), signs with spaces or expressions;</li>
 *   <li>a parameter: {@code Long}, {@code Integer}, {@code Short}, {@code Byte}, a {@code BigInteger}
 *       or an integral {@code BigDecimal} within long, or a string of at most 15 digits. Never a
 *       {@code Double}/{@code Float} (the server rounds 4999.5 to 5000, the guard would not).</li>
 * </ul>
 * A string is compared with an integer column as a double by the server, exact only up to 2^53:
 * hence at most 15 digits.
 */
public final class BuyerValue {

    private static final Pattern INTEGER_LITERAL = Pattern.compile("-?[0-9]{1,19}");
    private static final Pattern DIGIT_STRING = Pattern.compile("-?[0-9]{1,15}");
    private static final Pattern QUOTED_DIGITS = Pattern.compile("'(-?[0-9]{1,15})'");

    private BuyerValue() {
    }

    /**
     * @param text the SQL text of the value expression, exactly as written
     * @return the buyer
     * @throws BadBuyerValueException if the server might read it as another number
     */
    public static long ofSqlText(String text) throws BadBuyerValueException {
        String t = text == null ? "" : text.trim();
        if (INTEGER_LITERAL.matcher(t).matches()) {
            return parse(t, text);
        }
        var quoted = QUOTED_DIGITS.matcher(t);
        if (quoted.matches()) {
            return parse(quoted.group(1), text);
        }
        throw new BadBuyerValueException("buyer value `" + text + "` is not an integer literal (digits only) or a parameter; "
                + "the server could read it as another buyer (decimals are rounded, strings and introducers coerced)");
    }

    /**
     * @param value a JDBC parameter bound to the buyer column
     * @return the buyer
     * @throws BadBuyerValueException if it is not an integer the server reads exactly
     */
    public static long ofParameter(Object value) throws BadBuyerValueException {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger b) {
            if (b.bitLength() < 64) {
                return b.longValue();
            }
        } else if (value instanceof BigDecimal d) {
            try {
                return d.longValueExact();
            } catch (ArithmeticException notIntegral) {
                // refused below
            }
        } else if (value instanceof String s && DIGIT_STRING.matcher(s).matches()) {
            return Long.parseLong(s);
        }
        String type = value == null ? "null" : value.getClass().getSimpleName();
        throw new BadBuyerValueException("buyer parameter " + value + " (" + type + ") is not an integer the server reads exactly; "
                + "bind the buyer as a long (setLong)");
    }

    /**
     * Whether a stored buyer keeps its value in a column of this SQL type: a value outside the
     * column's range is clamped by INSERT IGNORE / non-strict mode (99999999999 into INT becomes
     * 2147483647, -5001 into UNSIGNED becomes 0): another buyer.
     *
     * @param typeName the column's type as the JDBC metadata names it ({@code BIGINT}, {@code INT UNSIGNED}, {@code MEDIUMINT}, ...)
     * @return why the value does not fit, or null when it fits
     */
    public static String misfit(long value, String typeName) {
        return rangeOf(typeName).misfit(value);
    }

    /** The values a buyer column of this SQL type stores as they are (computed once per table layout). */
    public static Range rangeOf(String typeName) {
        String t = typeName == null ? "" : typeName.trim().toUpperCase(java.util.Locale.ROOT);
        boolean unsigned = t.contains("UNSIGNED");
        int end = 0;
        while (end < t.length() && Character.isLetter(t.charAt(end))) {
            end++;
        }
        return switch (t.substring(0, end)) {
            case "TINYINT" -> new Range(typeName, unsigned ? 0 : Byte.MIN_VALUE, unsigned ? 255 : Byte.MAX_VALUE, null);
            case "SMALLINT" -> new Range(typeName, unsigned ? 0 : Short.MIN_VALUE, unsigned ? 65535 : Short.MAX_VALUE, null);
            case "MEDIUMINT" -> new Range(typeName, unsigned ? 0 : -8388608, unsigned ? 16777215 : 8388607, null);
            case "INT", "INTEGER" -> new Range(typeName, unsigned ? 0 : Integer.MIN_VALUE, unsigned ? 4294967295L : Integer.MAX_VALUE, null);
            case "BIGINT" -> new Range(typeName, unsigned ? 0 : Long.MIN_VALUE, Long.MAX_VALUE, null);
            default -> new Range(typeName, 0, -1, "the buyer column is not an integer column (" + typeName
                    + "): the server compares it as a string or a double");
        };
    }

    /** A buyer column's range; {@code problem} non-null when the column is not an integer column at all. */
    public record Range(String typeName, long min, long max, String problem) {
        /** Why the value does not fit, or null when it fits. */
        public String misfit(long value) {
            if (problem != null) {
                return problem;
            }
            return value < min || value > max ? "buyer " + value + " does not fit the buyer column (" + typeName + ", " + min + " to " + max
                    + "): the server would store another value" : null;
        }
    }

    private static long parse(String digits, String text) throws BadBuyerValueException {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new BadBuyerValueException("buyer value `" + text + "` does not fit a long");
        }
    }

    /** A value that is not a buyer the guard can read exactly. */
    public static final class BadBuyerValueException extends Exception {
        public BadBuyerValueException(String message) {
            super(message, null, false, false);
        }
    }
}
