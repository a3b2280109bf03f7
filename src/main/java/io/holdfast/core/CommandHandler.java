package io.holdfast.core;

/** Answers one slash command (or its Teams/console equivalent) for every platform. */
@FunctionalInterface
public interface CommandHandler {
    Reply handle(Invocation invocation);
}
