package io.unitize.gateway.it;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * JDK Flight Recorder around one benchmark phase in this JVM (the gateways' and the backend's: the
 * load driver is another JVM), summarised from its execution samples: the hottest methods by self
 * samples, and by inclusive samples the frames of the Unitize code and of the groups given.
 */
final class JfrProfile {

    private JfrProfile() {
    }

    /** Runs {@code phase} under a recording with the JDK's "profile" settings (10 ms Java sampling); returns the summary in markdown. */
    static <T> String around(String title, Path file, Callable<T> phase, Map<String, String> groups) throws Exception {
        try (Recording r = new Recording(Configuration.getConfiguration("profile"))) {
            r.start();
            phase.call();
            r.stop();
            Files.createDirectories(file.getParent());
            r.dump(file);
        }
        return summarise(title, file, groups);
    }

    static String summarise(String title, Path file, Map<String, String> groups) throws Exception {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        int total = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace st = e.getStackTrace();
            if (st == null || st.getFrames().isEmpty()) {
                continue;
            }
            total++;
            List<RecordedFrame> frames = st.getFrames();
            self.merge(name(frames.get(0)), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame f : frames) {
                String n = name(f);
                for (Map.Entry<String, String> g : groups.entrySet()) {
                    if (n.contains(g.getValue()) && seen.add("group: " + g.getKey())) {
                        inclusive.merge("group: " + g.getKey(), 1, Integer::sum);
                    }
                }
                if (n.startsWith("io.unitize.") && seen.add(n)) {
                    inclusive.merge(n, 1, Integer::sum);
                }
            }
        }
        int all = Math.max(1, total);
        StringBuilder md = new StringBuilder("#### " + title + " (" + total + " execution samples in this JVM)\n\n")
                .append("| hottest methods (self) | samples | share |\n|---|---|---|\n");
        self.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(15)
                .forEach(x -> md.append(String.format("| `%s` | %d | %.1f%% |%n", x.getKey(), x.getValue(), 100.0 * x.getValue() / all)));
        md.append("\n| inclusive (on the stack) | samples | share |\n|---|---|---|\n");
        inclusive.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(25)
                .forEach(x -> md.append(String.format("| `%s` | %d | %.1f%% |%n", x.getKey(), x.getValue(), 100.0 * x.getValue() / all)));
        return md.append("\n").toString();
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }
}
