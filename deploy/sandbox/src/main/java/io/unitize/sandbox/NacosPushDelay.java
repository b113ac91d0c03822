package io.unitize.sandbox;

/**
 * The push delay ({@code nacos.naming.push.pushTaskDelay}, in milliseconds) a sandbox gives its Nacos
 * servers on their command lines: the one set on the {@link UnitSandbox.Builder} if one was set (null
 * included), else the one system property {@value UnitSandbox#NACOS_PUSH_TASK_DELAY} asks for when it is
 * read, else none (null: the sandbox's 50 ms). Immutable.
 */
final class NacosPushDelay {

    /** Nothing set on the builder: the system property decides. */
    static final NacosPushDelay UNSET = new NacosPushDelay(null, false);

    private final Long millis;
    private final boolean set;

    private NacosPushDelay(Long millis, boolean set) {
        this.millis = millis;
        this.set = set;
    }

    /**
     * The delay set on the builder, which wins over the system property; null asks for the sandbox's own.
     *
     * @throws IllegalArgumentException if {@code millis} is negative (UNITIZE-SANDBOX-023)
     */
    static NacosPushDelay of(Long millis) {
        if (millis != null && millis < 0) {
            throw new IllegalArgumentException("UNITIZE-SANDBOX-023 the Nacos push delay must be >= 0 ms, but was " + millis);
        }
        return new NacosPushDelay(millis, true);
    }

    /**
     * The delay the Nacos servers will be given (null: the sandbox's 50 ms), the system property read now
     * if nothing was set.
     *
     * @throws IllegalArgumentException naming the property when it is not a whole number of ms >= 0
     */
    Long millis() {
        return set ? millis : fromProperty(System.getProperty(UnitSandbox.NACOS_PUSH_TASK_DELAY));
    }

    /** This delay with the system property read now, if it is the one that decides: later changes to it do not count. */
    NacosPushDelay resolved() {
        return set ? this : new NacosPushDelay(millis(), true);
    }

    /**
     * The push delay the system property's {@code value} asks for, in ms; null when it is unset or blank.
     *
     * @throws IllegalArgumentException naming the property when it is not a whole number of ms >= 0 (UNITIZE-SANDBOX-022)
     */
    static Long fromProperty(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        long millis;
        try {
            millis = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("UNITIZE-SANDBOX-022 system property " + UnitSandbox.NACOS_PUSH_TASK_DELAY
                    + " must be the Nacos push delay in whole milliseconds (e.g. 500, Nacos' stock setting), but was '"
                    + value + "'", e);
        }
        if (millis < 0) {
            throw new IllegalArgumentException("UNITIZE-SANDBOX-022 system property " + UnitSandbox.NACOS_PUSH_TASK_DELAY
                    + " must be >= 0 ms, but was " + millis);
        }
        return millis;
    }
}
