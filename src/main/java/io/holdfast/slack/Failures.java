package io.holdfast.slack;

import io.holdfast.core.Message;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bolt has no app-wide error hook, so every handler routes unexpected failures here: the log gets
 * the stack trace under a short id, the person gets that id and an assurance nothing was half-saved.
 */
final class Failures {
    private static final Logger log = LoggerFactory.getLogger(Failures.class);

    Message report(String what, RuntimeException e) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        log.error("{} failed (error {})", what, id, e);
        return Message.of("Something went wrong on Holdfast's side (error " + id + "). Check with /promise list whether your change "
                + "was saved before trying again.");
    }
}
