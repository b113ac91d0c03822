package io.unitize.id;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link IdService} over this process's segment generators, one per tag. */
public final class LocalIdService implements IdService {

    public static final int MAX_COUNT = 10_000;

    private final String unit;
    private final Map<String, SegmentIdGenerator> tags = new ConcurrentHashMap<>();

    public LocalIdService(String unit) {
        this.unit = unit;
    }

    public LocalIdService tag(String tag, SegmentIdGenerator generator) {
        tags.put(tag, generator);
        return this;
    }

    /** The generators by tag (read-only view). */
    public Map<String, SegmentIdGenerator> generators() {
        return java.util.Collections.unmodifiableMap(tags);
    }

    public String unit() {
        return unit;
    }

    @Override
    public long[] nextIds(String tag, int count) {
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("count must be within 1.." + MAX_COUNT + ", but was " + count);
        }
        SegmentIdGenerator gen = tags.get(tag);
        if (gen == null) {
            throw new UnknownTagException(tag, unit);
        }
        long[] ids = new long[count];
        gen.nextIds(ids);
        return ids;
    }
}
