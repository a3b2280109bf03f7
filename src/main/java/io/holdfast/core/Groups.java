package io.holdfast.core;

/** Who belongs to a group the platform keeps (a Slack user group), e.g. a tenant's escalation leads. */
@FunctionalInterface
public interface Groups {

    boolean isMember(Tenant tenant, String groupId, String userId);
}
