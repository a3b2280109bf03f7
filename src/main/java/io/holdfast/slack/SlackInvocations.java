package io.holdfast.slack;

import io.holdfast.core.Actor;
import io.holdfast.core.Invocation;
import io.holdfast.core.Platform;
import io.holdfast.core.Tenant;
import io.holdfast.store.TenantStore;
import io.holdfast.store.UserStore;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/** Builds the neutral {@link Invocation} for a Slack request: tenant, person, their zone, their words. */
final class SlackInvocations {
    private final TenantStore tenants;
    private final SlackPeople people;

    SlackInvocations(TenantStore tenants, SlackPeople people) {
        this.tenants = tenants;
        this.people = people;
    }

    Invocation of(String teamId, String userId, String channelId, String slackText) {
        Tenant tenant = tenants.findOrCreate(Platform.SLACK, teamId);
        Optional<UserStore.CachedUser> person = people.person(tenant, userId);
        if (person.isPresent() && tenant.zone().equals(ZoneOffset.UTC)) {
            tenant = tenants.adoptTimeZone(tenant, person.get().zone());
        }
        ZoneId zone = person.map(UserStore.CachedUser::zone).orElse(tenant.zone());
        Actor actor = new Actor(tenant, userId, zone, person.map(UserStore.CachedUser::admin).orElse(false));
        SlackText.Normalized text = SlackText.normalize(slackText);
        return new Invocation(actor, channelId, text.text(), text.mentionLabels());
    }

    Invocation of(String teamId, String userId, String channelId) {
        return of(teamId, userId, channelId, "");
    }

}
