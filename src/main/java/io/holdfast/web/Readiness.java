package io.holdfast.web;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What {@code /readyz} reports: the state of each dependency, and whether this replica should get
 * traffic. A dependency is ready or not by its own probe's judgement: a probe that can tell an
 * outage of its own (bad credentials) from someone else's (the platform unreachable, posts waiting
 * in the outbox) reports the latter as up with a note, so one platform's outage doesn't take every
 * replica out of the Service at once.
 */
public final class Readiness {
    private final List<Dependency> dependencies = new ArrayList<>();

    /** One dependency's state as a person reads it on {@code /readyz}. */
    public record State(boolean up, String detail) {
        public static State up(String detail) {
            return new State(true, detail);
        }

        public static State down(String detail) {
            return new State(false, detail);
        }
    }

    private record Dependency(String name, Supplier<State> probe) {}

    /** The answer to one probe: ready only when every dependency is up. */
    public record Report(boolean ready, List<String> lines) {}

    public Readiness with(String name, Supplier<State> probe) {
        dependencies.add(new Dependency(name, probe));
        return this;
    }

    public Report check() {
        boolean ready = true;
        List<String> lines = new ArrayList<>();
        for (Dependency dependency : dependencies) {
            State state;
            try {
                state = dependency.probe().get();
            } catch (RuntimeException e) {
                state = State.down(e.getClass().getSimpleName());
            }
            ready &= state.up();
            lines.add(dependency.name() + ": " + (state.up() ? "up" : "down") + (state.detail().isEmpty() ? "" : " (" + state.detail() + ")"));
        }
        return new Report(ready, lines);
    }
}
