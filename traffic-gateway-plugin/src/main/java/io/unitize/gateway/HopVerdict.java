package io.unitize.gateway;

/**
 * Whether an inbound hop was proved to come from a gateway holding an accepted key.
 *
 * @param authenticated true: the hop headers may be believed
 * @param reason        when not authenticated: why (for the log line and the metric), else null
 */
public record HopVerdict(boolean authenticated, String reason) {

    static final HopVerdict OK = new HopVerdict(true, null);

    static HopVerdict refused(String reason) {
        return new HopVerdict(false, reason);
    }
}
