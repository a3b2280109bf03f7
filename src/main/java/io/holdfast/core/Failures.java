package io.holdfast.core;

import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unexpected failures behind any door: the log gets the stack trace under a short id, the person gets
 * that id and a way to check whether their change was saved (neither Bolt nor the Bot Framework SDK
 * has an app-wide error hook, so each door routes its failures here).
 */
public final class Failures {
    private static final Logger log = LoggerFactory.getLogger(Failures.class);

    private final String listCommand;

    /** @param listCommand how people list their promises on this platform, e.g. "/promise list" */
    public Failures(String listCommand) {
        this.listCommand = listCommand;
    }

    public Message report(String what, RuntimeException e) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        log.error("{} failed (error {})", what, id, e);
        return Message.of("Something went wrong on Holdfast's side (error " + id + "). Check with " + listCommand + " whether your change "
                + "was saved before trying again.");
    }
}
