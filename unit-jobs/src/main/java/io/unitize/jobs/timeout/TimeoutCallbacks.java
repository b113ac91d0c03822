package io.unitize.jobs.timeout;

import io.unitize.jobs.JobsConfigException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The callbacks of this process by name; a task may only name one of them. Immutable. */
public final class TimeoutCallbacks {

    private final Map<String, TimeoutCallback> byName;

    private TimeoutCallbacks(Map<String, TimeoutCallback> byName) {
        this.byName = Map.copyOf(byName);
    }

    public static TimeoutCallbacks of(Map<String, TimeoutCallback> byName) {
        Map<String, TimeoutCallback> checked = new LinkedHashMap<>();
        byName.forEach((name, cb) -> {
            if (name == null || !TimeoutTask.CALLBACK.matcher(name).matches()) {
                throw new JobsConfigException("timeout callback name must be 1-64 characters (a lowercase letter or digit, then letters, "
                        + "digits, _ . -), but was '" + name + "'");
            }
            checked.put(name, java.util.Objects.requireNonNull(cb, name));
        });
        return new TimeoutCallbacks(checked);
    }

    public static TimeoutCallbacks of(String name, TimeoutCallback callback) {
        return of(Map.of(name, callback));
    }

    public Optional<TimeoutCallback> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Set<String> names() {
        return new java.util.TreeSet<>(byName.keySet());
    }
}
