package io.holdfast.risk;

import io.holdfast.account.AccountProfile;
import io.holdfast.escalation.Severity;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the signal queries found for one account; {@link RiskScorer} turns it into points and words. */
record RiskFacts(AccountRow account, OpenPromises promises, List<OpenEscalations> escalations, RecentEscalations recent, int keptLate) {

    /** The account's attributes; tier, ARR, renewal and owner are null until set. */
    record AccountRow(long id, String name, String ownerId, AccountProfile.Tier tier, Long arr, LocalDate renewal) {}

    /** Open promises overdue or due soon, and the oldest due time among them. */
    record OpenPromises(int overdue, Instant oldestDue, int dueSoon) {
        static final OpenPromises NONE = new OpenPromises(0, null, 0);
    }

    /** Unresolved escalations of one severity and how many of them are past each SLA deadline. */
    record OpenEscalations(Severity severity, int count, Instant oldestOpened, int ackBreached, int resolveBreached) {}

    /**
     * @param inRepeatWindow escalations opened within the tenant's repeat window
     * @param slaMissed      SLA deadlines missed by recently resolved escalations
     */
    record RecentEscalations(int inRepeatWindow, int slaMissed) {
        static final RecentEscalations NONE = new RecentEscalations(0, 0);
    }
}
