package io.holdfast.core;

/** What the person who acted sees straight away: a private message, or a form to fill in. */
public sealed interface Reply {

    record Show(Message message) implements Reply {}

    record OpenForm(Form form) implements Reply {}

    static Reply show(String line) {
        return new Show(Message.of(line));
    }

    static Reply show(Message message) {
        return new Show(message);
    }

    static Reply form(Form form) {
        return new OpenForm(form);
    }
}
