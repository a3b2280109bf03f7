package io.holdfast.promise;

import io.holdfast.core.Platform;
import io.holdfast.store.Outbox;
import io.holdfast.store.TenantStore;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Follows each promise card through delivery: remembers where it landed (channel and ts) so the
 * promise points at its card, and when it could not be posted at all, tells the author privately,
 * because a promise nobody can see is the failure Holdfast exists to prevent.
 */
public final class PromiseCards implements Outbox.Listener {
    static final String SUBJECT = "promise-card:";

    private final PromiseStore promises;
    private final Outbox outbox;
    private final PromiseMessages messages;
    private final TenantStore tenants;

    public PromiseCards(PromiseStore promises, Outbox outbox, PromiseMessages messages, TenantStore tenants) {
        this.promises = promises;
        this.outbox = outbox;
        this.messages = messages;
        this.tenants = tenants;
    }

    @Override
    public void sent(Connection c, long tenantId, String subject, Outbox.Landing landing) throws SQLException {
        if (subject.startsWith(SUBJECT)) {
            promises.rememberCard(c, tenantId, promiseId(subject), landing.channel(), landing.ref());
        }
    }

    @Override
    public void failed(Connection c, long tenantId, String subject, String error) throws SQLException {
        if (!subject.startsWith(SUBJECT)) {
            return;
        }
        Promise p = promises.byId(c, tenantId, promiseId(subject)).orElse(null);
        if (p != null) {
            Platform platform = tenants.byId(c, tenantId).orElseThrow().platform();
            outbox.post(c, tenantId, "promise:" + p.id() + ":card-not-posted", p.authorId(), null, null,
                    messages.cardNotPosted(p, platform, error));
        }
    }

    private static long promiseId(String subject) {
        return Long.parseLong(subject.substring(SUBJECT.length()));
    }
}
