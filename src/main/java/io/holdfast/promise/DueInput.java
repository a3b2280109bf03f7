package io.holdfast.promise;

import io.holdfast.core.Actor;
import io.holdfast.core.Times;
import io.holdfast.core.UserInputException;
import io.holdfast.core.time.DueDateReader;
import io.holdfast.core.time.DueReading;
import java.time.Instant;

/** Reads a due phrase in the person's own zone and calendar, turning every failure into a reply with an example. */
public final class DueInput {
    private final DueDateReader reader;

    public DueInput(DueDateReader reader) {
        this.reader = reader;
    }

    public Instant read(Actor actor, String phrase, String example) {
        DueReading reading = reader.read(phrase, actor.zone(), actor.tenant().calendar());
        if (reading instanceof DueReading.Due due) {
            return due.instant();
        }
        if (reading instanceof DueReading.Past past) {
            throw new UserInputException("\"" + phrase + "\" (" + Times.inZone(past.local().toInstant(), actor.zone())
                    + ") has already passed. Pick a time in the future. Example: " + example);
        }
        throw new UserInputException(((DueReading.Unreadable) reading).reason() + " Try: " + DueDateReader.EXAMPLES + ". Example: " + example);
    }
}
