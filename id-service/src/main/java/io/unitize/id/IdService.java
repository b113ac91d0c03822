package io.unitize.id;

/** The ID service's remote contract (Dubbo), also what {@link IdHttpServer} serves. */
public interface IdService {

    /**
     * {@code count} IDs of {@code tag}, 1..10,000.
     *
     * @throws UnknownTagException if the tag is not served
     * @throws IllegalArgumentException if count is out of range
     * @throws IdServiceUnavailableException if the unit's database cannot be reached
     */
    long[] nextIds(String tag, int count);
}
