package io.unitize.controlcenter.grey;

/** One automatic gate between waves (the operator's approval is the runner's own). Framework-free. */
public interface Gate {

    GateKind kind();

    /**
     * Decides whether {@code ctx.wave()} may stay switched. May wait ({@link GateContext#waitMore()})
     * for a check to finish or a soak to pass; a gate that cannot decide by the deadline fails, saying why.
     */
    Verdict check(GateContext ctx) throws InterruptedException;

    record Verdict(boolean passed, String detail) {

        public static Verdict pass(String detail) {
            return new Verdict(true, detail);
        }

        public static Verdict fail(String detail) {
            return new Verdict(false, detail);
        }
    }
}
