package io.holdfast.escalation;

import io.holdfast.core.Groups;
import io.holdfast.core.Tenant;

/** Answers "is this person an escalation lead?", asking the platform about group members when leads are a group. */
public final class LeadDirectory {
    private final EscalationSettings settings;
    private final Groups groups;

    public LeadDirectory(EscalationSettings settings, Groups groups) {
        this.settings = settings;
        this.groups = groups;
    }

    public boolean isLead(Tenant tenant, String userId) {
        Leads leads = settings.leads(tenant.id());
        return leads.users().contains(userId) || (leads.group() != null && groups.isMember(tenant, leads.group(), userId));
    }

    public Leads leads(Tenant tenant) {
        return settings.leads(tenant.id());
    }
}
