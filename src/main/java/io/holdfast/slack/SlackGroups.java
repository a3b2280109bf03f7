package io.holdfast.slack;

import com.slack.api.Slack;
import com.slack.api.methods.response.usergroups.users.UsergroupsUsersListResponse;
import io.holdfast.core.Groups;
import io.holdfast.core.Tenant;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack user group membership ({@code usergroups.users.list}), kept for five minutes so checking
 * "is this a lead?" on every button press doesn't call Slack each time.
 */
public final class SlackGroups implements Groups {
    private static final Logger log = LoggerFactory.getLogger(SlackGroups.class);
    private static final Duration FRESH_FOR = Duration.ofMinutes(5);

    private final Slack slack;
    private final SlackTokens tokens;
    private final Clock clock;
    private final Map<String, Members> cache = new ConcurrentHashMap<>();

    private record Members(List<String> users, Instant fetchedAt) {}

    public SlackGroups(Slack slack, SlackTokens tokens, Clock clock) {
        this.slack = slack;
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    public boolean isMember(Tenant tenant, String groupId, String userId) {
        String key = tenant.id() + "/" + groupId;
        Members members = cache.get(key);
        if (members == null || members.fetchedAt().plus(FRESH_FOR).isBefore(clock.instant())) {
            members = fetch(tenant, groupId, members);
            cache.put(key, members);
        }
        return members.users().contains(userId);
    }

    /** Falls back to what was known before (or nobody) when Slack can't say. */
    private Members fetch(Tenant tenant, String groupId, Members known) {
        Optional<String> botToken = tokens.botToken(tenant.externalId());
        if (botToken.isEmpty()) {
            return known != null ? known : new Members(List.of(), Instant.MIN);
        }
        try {
            UsergroupsUsersListResponse response = slack.methods(botToken.get()).usergroupsUsersList(r -> r.usergroup(groupId));
            if (response.isOk() && response.getUsers() != null) {
                return new Members(List.copyOf(response.getUsers()), clock.instant());
            }
            log.warn("usergroups.users.list for {} failed: {}", groupId, response.getError());
        } catch (Exception e) {
            log.warn("usergroups.users.list for {} failed: {}", groupId, e.toString());
        }
        return known != null ? known : new Members(List.of(), Instant.MIN);
    }
}
