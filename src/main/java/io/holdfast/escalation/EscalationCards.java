package io.holdfast.escalation;

import io.holdfast.store.Outbox;
import java.sql.Connection;
import java.sql.SQLException;

/** Remembers where each escalation card landed (channel and ts), so the escalation points at its card. */
public final class EscalationCards implements Outbox.Listener {
    private final EscalationStore escalations;

    public EscalationCards(EscalationStore escalations) {
        this.escalations = escalations;
    }

    @Override
    public void sent(Connection c, long tenantId, String subject, Outbox.Landing landing) throws SQLException {
        if (subject.startsWith(EscalationService.CARD_SUBJECT)) {
            long id = Long.parseLong(subject.substring(EscalationService.CARD_SUBJECT.length()));
            escalations.rememberCard(c, tenantId, id, landing.channel(), landing.ref());
        }
    }
}
