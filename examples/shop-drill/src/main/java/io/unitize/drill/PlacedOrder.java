package io.unitize.drill;

import java.util.Map;

/** An order the client got a 201 for: what it sent ({@code lines}: product -> quantity) and when the answer came. */
public record PlacedOrder(long id, long buyer, Map<Long, Integer> lines, long acknowledgedAt, String servedByUnit) {
}
