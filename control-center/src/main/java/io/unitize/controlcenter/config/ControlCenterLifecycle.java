package io.unitize.controlcenter.config;

import io.unitize.controlcenter.cutover.CutoverEngine;
import io.unitize.controlcenter.cutover.RulesAuthority;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * At startup: publish the latest version to any unit that lacks it, then resume the cutovers a
 * stopped control center left unfinished and deliver the replay requests finished cutovers could not.
 * Periodically: the same, so that a unit back from an outage catches up, a cutover whose thread
 * died is driven again, and a broker that was down gets its replay request.
 */
public class ControlCenterLifecycle {

    private final RulesAuthority rules;
    private final CutoverEngine engine;

    public ControlCenterLifecycle(RulesAuthority rules, CutoverEngine engine) {
        this.rules = rules;
        this.engine = engine;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void onReady() {
        engine.resumeUnfinished();
        engine.redeliverReplays();
    }

    @Scheduled(initialDelayString = "${unitize.control-center.rules.reconcile-interval:30s}",
            fixedDelayString = "${unitize.control-center.rules.reconcile-interval:30s}")
    public void reconcile() {
        rules.reconcile();
        engine.resumeUnfinished();
        engine.redeliverReplays();
    }
}
