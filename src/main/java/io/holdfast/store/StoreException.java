package io.holdfast.store;

import java.sql.SQLException;

/** A database failure the caller cannot fix; logged with an id and answered with a generic reply. */
public final class StoreException extends RuntimeException {
    public StoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
