package io.holdfast.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.Entity;
import io.holdfast.core.Actor;
import io.holdfast.core.People;
import io.holdfast.core.Tenant;
import io.holdfast.store.TenantStore;
import io.holdfast.store.UserStore;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * People in Teams, keyed by AAD object id. Teams has no directory lookup for a person's time zone, but
 * each message carries the sender's ({@code localTimezone}, or the clientInfo entity), so it is cached
 * from their own messages and used when others set due dates for them.
 */
public final class TeamsPeople implements People {
    private static final Duration REFRESH_AFTER = Duration.ofHours(24);

    private final UserStore users;
    private final TenantStore tenants;
    private final Clock clock;

    TeamsPeople(UserStore users, TenantStore tenants, Clock clock) {
        this.users = users;
        this.tenants = tenants;
        this.clock = clock;
    }

    @Override
    public ZoneId zoneOf(Tenant tenant, String userId, ZoneId fallback) {
        return users.find(tenant.id(), userId).map(UserStore.CachedUser::zone).orElse(fallback);
    }

    /** The key Holdfast uses for a Teams account: its AAD object id, or the Teams id when Teams gives none. */
    static String idOf(ChannelAccount account) {
        return account.getAadObjectId() != null && !account.getAadObjectId().isBlank() ? account.getAadObjectId() : account.getId();
    }

    /**
     * The sender of {@code activity} as an actor, remembering their name and zone; the first zone seen
     * in a tenant becomes the tenant's working zone, as with Slack. Returns the tenant as it now is.
     */
    Actor sender(Tenant tenant, Activity activity) {
        ChannelAccount from = activity.getFrom();
        String id = idOf(from);
        Optional<UserStore.CachedUser> cached = users.find(tenant.id(), id);
        Optional<ZoneId> told = zoneOf(activity);
        ZoneId zone = told.or(() -> cached.map(UserStore.CachedUser::zone)).orElse(tenant.zone());
        boolean admin = cached.map(UserStore.CachedUser::admin).orElse(false);
        String name = from.getName() == null || from.getName().isBlank() ? cached.map(UserStore.CachedUser::displayName).orElse(id) : from.getName();
        boolean changed = cached.isEmpty() || !cached.get().zone().equals(zone) || !Objects.equals(cached.get().displayName(), name)
                || cached.get().refreshedAt().plus(REFRESH_AFTER).isBefore(clock.instant());
        if (changed) {
            users.save(tenant.id(), new UserStore.CachedUser(id, name, zone, admin, clock.instant()));
        }
        Tenant current = told.isPresent() && tenant.zone().equals(ZoneOffset.UTC) ? tenants.adoptTimeZone(tenant, told.get()) : tenant;
        return new Actor(current, id, zone, admin);
    }

    /**
     * Teams doesn't tell bots who administers a tenant, so the first person to add Holdfast to a team
     * administers Holdfast's settings in that tenant, like the installer of a Slack app. Anyone may
     * create a team, so later installs grant nothing.
     */
    void claimAdmin(Tenant tenant, Activity activity) {
        ChannelAccount from = activity.getFrom();
        String id = idOf(from);
        Optional<UserStore.CachedUser> cached = users.find(tenant.id(), id);
        ZoneId zone = zoneOf(activity).or(() -> cached.map(UserStore.CachedUser::zone)).orElse(tenant.zone());
        String name = from.getName() == null || from.getName().isBlank() ? cached.map(UserStore.CachedUser::displayName).orElse(id)
                : from.getName();
        users.saveAsFirstAdmin(tenant.id(), new UserStore.CachedUser(id, name, zone, false, clock.instant()));
    }

    private static Optional<ZoneId> zoneOf(Activity activity) {
        Optional<ZoneId> local = zone(activity.getLocalTimezone());
        if (local.isPresent() || activity.getEntities() == null) {
            return local;
        }
        for (Entity entity : activity.getEntities()) {
            if ("clientInfo".equals(entity.getType())) {
                JsonNode timezone = entity.getProperties().get("timezone");
                Optional<ZoneId> client = zone(timezone == null ? null : timezone.asText());
                if (client.isPresent()) {
                    return client;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<ZoneId> zone(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(name));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
