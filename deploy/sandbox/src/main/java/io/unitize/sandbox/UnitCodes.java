package io.unitize.sandbox;

import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The unit codes a sandbox accepts: at least two, distinct, each 1-32 lowercase letters, digits or '-'
 * (the center first).
 */
final class UnitCodes {

    private static final Pattern UNIT_CODE = Pattern.compile("[a-z0-9-]{1,32}");

    private UnitCodes() {
    }

    /**
     * {@code codes} as a list, if a sandbox accepts them.
     *
     * @throws IllegalArgumentException saying which rule they break (UNITIZE-SANDBOX-015, -016, -017)
     */
    static List<String> checked(String... codes) {
        if (codes.length < 2) {
            throw new IllegalArgumentException("UNITIZE-SANDBOX-015 a sandbox needs at least two units, but got " + List.of(codes));
        }
        for (String c : codes) {
            if (!UNIT_CODE.matcher(c).matches()) {
                throw new IllegalArgumentException("UNITIZE-SANDBOX-016 unit code '" + c
                        + "' must be 1-32 lowercase letters, digits or '-'");
            }
        }
        if (new HashSet<>(List.of(codes)).size() != codes.length) {
            throw new IllegalArgumentException("UNITIZE-SANDBOX-017 unit codes must be distinct, but got " + List.of(codes));
        }
        return List.of(codes);
    }
}
