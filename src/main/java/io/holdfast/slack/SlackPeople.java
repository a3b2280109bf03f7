package io.holdfast.slack;

import com.slack.api.Slack;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.model.User;
import io.holdfast.core.People;
import io.holdfast.core.Tenant;
import io.holdfast.store.UserStore;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * People as Slack describes them ({@code users.info}), cached in the store for a day so a command
 * rarely waits on the Web API; when Slack can't be reached, the last known answer is used. What this
 * process has read or fetched is also kept in memory under the same one-day rule, because every
 * command looks its person up before its 3-second acknowledgement and the database read was a tenth
 * of that path's cost in the acknowledgement benchmark.
 */
public final class SlackPeople implements People {
    private static final Logger log = LoggerFactory.getLogger(SlackPeople.class);
    private static final Duration FRESH_FOR = Duration.ofHours(24);
    /**
     * A bound on the people remembered in memory: one install serves many workspaces, and forgetting
     * everyone at once now and then costs a read per person, which the database row already answers.
     */
    private static final int MAX_REMEMBERED = 50_000;

    private final Slack slack;
    private final SlackTokens tokens;
    private final UserStore users;
    private final Clock clock;
    private final Map<String, UserStore.CachedUser> known = new ConcurrentHashMap<>();

    public SlackPeople(Slack slack, SlackTokens tokens, UserStore users, Clock clock) {
        this.slack = slack;
        this.tokens = tokens;
        this.users = users;
        this.clock = clock;
    }

    @Override
    public ZoneId zoneOf(Tenant tenant, String userId, ZoneId fallback) {
        return person(tenant, userId).map(UserStore.CachedUser::zone).orElse(fallback);
    }

    Optional<UserStore.CachedUser> person(Tenant tenant, String userId) {
        String key = tenant.id() + "/" + userId;
        UserStore.CachedUser inMemory = known.get(key);
        if (inMemory != null) {
            if (isFresh(inMemory)) {
                return Optional.of(inMemory);
            }
            known.remove(key, inMemory);
        }
        Optional<UserStore.CachedUser> cached = users.find(tenant.id(), userId);
        if (cached.isPresent() && isFresh(cached.get())) {
            remember(key, cached.get());
            return cached;
        }
        Optional<UserStore.CachedUser> fetched = fetch(tenant, userId);
        fetched.ifPresent(u -> {
            users.save(tenant.id(), u);
            remember(key, u);
        });
        return fetched.or(() -> cached);
    }

    private void remember(String key, UserStore.CachedUser user) {
        if (known.size() >= MAX_REMEMBERED) {
            known.clear();
        }
        known.put(key, user);
    }

    private boolean isFresh(UserStore.CachedUser user) {
        return user.refreshedAt().plus(FRESH_FOR).isAfter(clock.instant());
    }

    private Optional<UserStore.CachedUser> fetch(Tenant tenant, String userId) {
        Optional<String> botToken = tokens.botToken(tenant.externalId());
        if (botToken.isEmpty()) {
            return Optional.empty();
        }
        try {
            UsersInfoResponse response = slack.methods(botToken.get()).usersInfo(r -> r.user(userId));
            if (!response.isOk() || response.getUser() == null) {
                log.warn("users.info for {} failed: {}", userId, response.getError());
                return Optional.empty();
            }
            User user = response.getUser();
            return Optional.of(new UserStore.CachedUser(userId, displayName(user), zone(user.getTz()),
                    user.isAdmin() || user.isOwner(), clock.instant()));
        } catch (Exception e) {
            log.warn("users.info for {} failed: {}", userId, e.toString());
            return Optional.empty();
        }
    }

    private static String displayName(User user) {
        if (user.getProfile() != null && user.getProfile().getDisplayName() != null && !user.getProfile().getDisplayName().isBlank()) {
            return user.getProfile().getDisplayName();
        }
        return user.getRealName() != null && !user.getRealName().isBlank() ? user.getRealName() : user.getName();
    }

    private static ZoneId zone(String tz) {
        try {
            return tz == null || tz.isBlank() ? ZoneId.of("UTC") : ZoneId.of(tz);
        } catch (DateTimeException e) {
            return ZoneId.of("UTC");
        }
    }
}
