package io.holdfast.core;

/**
 * Input a person got wrong. Adapters show the message privately to that person (never a stack
 * trace), so the message says what was wrong and shows a correct example.
 */
public class UserInputException extends RuntimeException {
    public UserInputException(String message) {
        super(message, null, false, false);
    }
}
