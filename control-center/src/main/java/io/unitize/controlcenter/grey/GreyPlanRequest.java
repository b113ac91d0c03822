package io.unitize.controlcenter.grey;

import io.unitize.controlcenter.cutover.SyncMode;
import io.unitize.core.SlotRange;

import java.util.List;

/**
 * What an operator asks for: move slots {@code from..to} to {@code toUnit} in waves, either given
 * ({@code waves}, which must cover the range exactly, without overlap) or {@code split} into that
 * many waves of (nearly) equal size. {@link WaveSplitter} checks it and names the wrong field.
 *
 * @param gates null = the configured defaults
 */
public record GreyPlanRequest(Integer from, Integer to, String toUnit, String reason, List<SlotRange> waves, Integer split,
                              GateSettings gates, SyncMode syncMode) {
}
