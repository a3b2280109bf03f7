package io.holdfast.core;

import java.util.Map;

/** Receives a submitted {@link Form}: values by input id, blank inputs absent. */
@FunctionalInterface
public interface FormHandler {
    FormOutcome submit(Invocation invocation, String context, Map<String, String> values);
}
