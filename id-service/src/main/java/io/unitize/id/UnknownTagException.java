package io.unitize.id;

/** IDs were asked for a business tag that is not registered. */
public class UnknownTagException extends IllegalArgumentException {

    private final String tag;

    public UnknownTagException(String tag, String unit) {
        super("UNITIZE-ID-010 unknown ID tag '" + tag + "' in unit " + unit + ". Next: register it (id-service tags) "
                + "before asking for its IDs");
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
