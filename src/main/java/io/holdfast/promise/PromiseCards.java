package io.holdfast.promise;

import io.holdfast.store.Outbox;
import java.sql.Connection;
import java.sql.SQLException;

/** Remembers where each promise card landed (channel and ts), so the promise row points at its card. */
public final class PromiseCards implements Outbox.Listener {
    static final String SUBJECT = "promise-card:";

    private final PromiseStore promises;

    public PromiseCards(PromiseStore promises) {
        this.promises = promises;
    }

    @Override
    public void sent(Connection c, long tenantId, String subject, Outbox.Landing landing) throws SQLException {
        if (subject.startsWith(SUBJECT)) {
            promises.rememberCard(c, tenantId, Long.parseLong(subject.substring(SUBJECT.length())), landing.channel(), landing.ref());
        }
    }
}
