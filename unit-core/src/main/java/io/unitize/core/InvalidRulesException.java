package io.unitize.core;

import java.util.List;

/**
 * A rules document was refused: malformed JSON or a broken rule. {@link #violations()} names each one.
 * The message lists them all up to {@value #MAX_MESSAGE_CHARS} characters and then says how many
 * more there are (the parser and validator already summarize faults that repeat per route or gap).
 */
public class InvalidRulesException extends UnitizeException {

    /** The longest message: a refusal is read by people and written to logs, audit rows and HTTP answers. */
    public static final int MAX_MESSAGE_CHARS = 4000;
    private static final String PREFIX = "rules document refused: ";

    private final List<String> violations;

    public InvalidRulesException(List<String> violations) {
        super(message(violations));
        this.violations = List.copyOf(violations);
    }

    public List<String> violations() {
        return violations;
    }

    private static String message(List<String> violations) {
        StringBuilder sb = new StringBuilder(PREFIX);
        for (int i = 0; i < violations.size(); i++) {
            String v = violations.get(i);
            String separator = i == 0 ? "" : "; ";
            int left = violations.size() - i;
            String tail = "; and " + left + " more violation" + (left == 1 ? "" : "s") + " not shown";
            if (sb.length() + separator.length() + v.length() > MAX_MESSAGE_CHARS - tail.length()) {
                if (i == 0) { // one violation longer than the message may be: its beginning
                    sb.append(v, 0, MAX_MESSAGE_CHARS - PREFIX.length() - 100).append("... (").append(v.length()).append(" characters)");
                    left--;
                    if (left > 0) {
                        sb.append("; and ").append(left).append(" more violation").append(left == 1 ? "" : "s").append(" not shown");
                    }
                } else {
                    sb.append(tail);
                }
                return sb.toString();
            }
            sb.append(separator).append(v);
        }
        return sb.toString();
    }
}
