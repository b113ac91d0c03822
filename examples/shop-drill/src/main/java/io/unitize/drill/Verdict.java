package io.unitize.drill;

import java.util.List;

/** One invariant's verdict: how many things were checked, how many broke it, a few of them named. */
public record Verdict(String invariant, long checked, long failures, List<String> examples) {

    public boolean holds() {
        return failures == 0;
    }

    static Verdict of(String invariant, long checked, List<String> failures) {
        return new Verdict(invariant, checked, failures.size(), List.copyOf(failures.subList(0, Math.min(5, failures.size()))));
    }

    @Override
    public String toString() {
        return invariant + ": " + (holds() ? "holds" : "FAILS") + " (" + checked + " checked, " + failures + " failures)"
                + (examples.isEmpty() ? "" : " " + examples);
    }
}
