package io.holdfast.teams;

import io.holdfast.config.Config;
import io.holdfast.core.Chat;
import io.holdfast.core.CommandRouter;
import io.holdfast.core.People;
import io.holdfast.store.Database;
import io.holdfast.store.TenantStore;
import io.holdfast.store.UserStore;
import io.holdfast.web.Readiness;
import jakarta.servlet.http.HttpServlet;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * The Teams door, built for the composition root: the endpoint servlet, the delivery port, the people
 * directory and the readiness of the bot's credentials.
 */
public final class Teams {
    private final TeamsEndpoint endpoint;
    private final TeamsChat chat;
    private final TeamsPeople people;
    private final Supplier<Readiness.State> readiness;

    private Teams(TeamsEndpoint endpoint, TeamsChat chat, TeamsPeople people, Supplier<Readiness.State> readiness) {
        this.endpoint = endpoint;
        this.chat = chat;
        this.people = people;
        this.readiness = readiness;
    }

    /** @param postsInFlight how many posts delivery may have under way at once */
    public static Teams create(Config config, Database db, CommandRouter router, TenantStore tenants, UserStore users, Clock clock, int postsInFlight) {
        TeamsAdapter adapter = TeamsAdapter.create(config, postsInFlight);
        TeamsConversations conversations = new TeamsConversations(db, clock);
        TeamsMembers members = new TeamsMembers(db, clock);
        TeamsPeople people = new TeamsPeople(users, tenants, clock);
        CardActivities activities = new CardActivities(members);
        TeamsBot bot = new TeamsBot(router, new TeamsInstalls(tenants, conversations), people, members, new TeamsReplies(activities));
        return new Teams(new TeamsEndpoint(adapter, bot), new TeamsChat(adapter, conversations, activities), people, readiness(config, clock));
    }

    /** Insecure dev mode has no credentials to check; otherwise the identity platform is asked for a token in the background. */
    private static Supplier<Readiness.State> readiness(Config config, Clock clock) {
        if (config.microsoftAppId().isEmpty()) {
            Readiness.State insecure = Readiness.State.up("insecure dev mode: no credentials to check");
            return () -> insecure;
        }
        return new TeamsAuthProbe(config.microsoftLoginUrl(), config.microsoftAppId().get(), config.microsoftAppPassword().orElseThrow(),
                config.microsoftAppTenantId(), clock);
    }

    public HttpServlet endpoint() {
        return endpoint;
    }

    public Chat chat() {
        return chat;
    }

    public People people() {
        return people;
    }

    /** Whether Teams can take this replica's posts, for {@code /readyz}. */
    public Supplier<Readiness.State> readiness() {
        return readiness;
    }
}
