package io.unitize.shop.web;

/** Numbers from the outside (headers, paths): parsed strictly, refused naming where they came from. */
final class Buyers {

    private Buyers() {
    }

    static long parse(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new BadRequestException(field, "the buyer is required (a number)");
        }
        return parseId(field, value);
    }

    static long parseId(String field, String value) {
        try {
            long v = Long.parseLong(value.trim());
            if (v < 0) {
                throw new BadRequestException(field, "must be >= 0, but was " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new BadRequestException(field, "must be a number, but was '" + shorten(value) + "'");
        }
    }

    private static String shorten(String v) {
        return v.length() > 40 ? v.substring(0, 40) + "..." : v;
    }
}
