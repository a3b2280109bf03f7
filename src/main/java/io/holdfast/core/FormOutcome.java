package io.holdfast.core;

import java.util.Map;

/** The answer to a submitted form: accepted (the form closes) or errors shown next to the inputs. */
public sealed interface FormOutcome {

    record Accepted(Message confirmation) implements FormOutcome {}

    record Invalid(Map<String, String> errorsByInput) implements FormOutcome {
        public Invalid {
            errorsByInput = Map.copyOf(errorsByInput);
        }
    }
}
