package io.unitize.id;

/**
 * Hands out disjoint segments of values per business tag and unit. Each unit allocates only from
 * its own row, so the allocation tables can replicate both ways without conflicting writes.
 */
public interface SegmentStore {

    /**
     * Reserves the next {@code size} values of {@code tag} for {@code unit}.
     *
     * @throws UnknownTagException if the tag has not been registered for the unit
     * @throws IdServiceUnavailableException if the store cannot be reached
     */
    Segment allocate(String tag, String unit, int size);
}
