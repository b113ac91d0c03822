package io.unitize.id.micrometer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.unitize.id.LocalIdService;
import io.unitize.id.SegmentIdGenerator;

/**
 * The ID service's meters, tagged {@code unit} and {@code tag}: {@code unitize.id.allocations} (IDs
 * issued), {@code unitize.id.segment.fetches} (segments asked of the unit's database, tag
 * {@code outcome} ok / failed).
 */
public final class IdMetrics implements MeterBinder {

    private final LocalIdService service;

    public IdMetrics(LocalIdService service) {
        this.service = service;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (SegmentIdGenerator g : service.generators().values()) {
            FunctionCounter.builder("unitize.id.allocations", g, SegmentIdGenerator::issuedCount).description("IDs issued")
                    .tag("unit", service.unit()).tag("tag", g.tag()).register(registry);
            FunctionCounter.builder("unitize.id.segment.fetches", g, x -> x.segmentFetchCount() - x.segmentFetchFailureCount())
                    .description("segments fetched from the unit's database").tag("unit", service.unit()).tag("tag", g.tag())
                    .tag("outcome", "ok").register(registry);
            FunctionCounter.builder("unitize.id.segment.fetches", g, SegmentIdGenerator::segmentFetchFailureCount)
                    .description("segments fetched from the unit's database").tag("unit", service.unit()).tag("tag", g.tag())
                    .tag("outcome", "failed").register(registry);
        }
    }
}
