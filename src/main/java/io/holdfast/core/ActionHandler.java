package io.holdfast.core;

/** Answers a button pressed on one of Holdfast's cards. */
@FunctionalInterface
public interface ActionHandler {
    Reply handle(Invocation invocation, String value);
}
