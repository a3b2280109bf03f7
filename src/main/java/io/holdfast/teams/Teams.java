package io.holdfast.teams;

import io.holdfast.config.Config;
import io.holdfast.core.Chat;
import io.holdfast.core.CommandRouter;
import io.holdfast.core.People;
import io.holdfast.store.Database;
import io.holdfast.store.TenantStore;
import io.holdfast.store.UserStore;
import jakarta.servlet.http.HttpServlet;
import java.time.Clock;

/** The Teams door, built for the composition root: the endpoint servlet, the delivery port and the people directory. */
public final class Teams {
    private final TeamsEndpoint endpoint;
    private final TeamsChat chat;
    private final TeamsPeople people;

    private Teams(TeamsEndpoint endpoint, TeamsChat chat, TeamsPeople people) {
        this.endpoint = endpoint;
        this.chat = chat;
        this.people = people;
    }

    public static Teams create(Config config, Database db, CommandRouter router, TenantStore tenants, UserStore users, Clock clock) {
        TeamsAdapter adapter = TeamsAdapter.create(config);
        TeamsConversations conversations = new TeamsConversations(db, clock);
        TeamsMembers members = new TeamsMembers(db, clock);
        TeamsPeople people = new TeamsPeople(users, tenants, clock);
        CardActivities activities = new CardActivities(members);
        TeamsBot bot = new TeamsBot(router, new TeamsInstalls(tenants, conversations), people, members, new TeamsReplies(activities));
        return new Teams(new TeamsEndpoint(adapter, bot), new TeamsChat(adapter, conversations, activities), people);
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
}
