package io.holdfast.teams;

import com.microsoft.bot.builder.TurnContext;
import com.microsoft.bot.builder.teams.TeamsActivityHandler;
import com.microsoft.bot.builder.teams.TeamsInfo;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.Mention;
import com.microsoft.bot.schema.Serialization;
import com.microsoft.bot.schema.teams.ChannelInfo;
import com.microsoft.bot.schema.teams.TeamInfo;
import com.microsoft.bot.schema.teams.TeamsChannelAccount;
import io.holdfast.core.Actor;
import io.holdfast.core.CommandRouter;
import io.holdfast.core.Failures;
import io.holdfast.core.FormOutcome;
import io.holdfast.core.Invocation;
import io.holdfast.core.Mentions;
import io.holdfast.core.Message;
import io.holdfast.core.Reply;
import io.holdfast.core.Tenant;
import io.holdfast.core.UserInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holdfast as a Teams bot: the same words as the Slack commands after an @mention (or alone in a
 * personal chat), card buttons and card forms, and the conversation updates that say where it may post.
 */
final class TeamsBot extends TeamsActivityHandler {
    private static final Logger log = LoggerFactory.getLogger(TeamsBot.class);
    private static final String CHANNEL_ID_PREFIX = "19:";

    private final CommandRouter router;
    private final TeamsInstalls installs;
    private final TeamsPeople people;
    private final TeamsMembers members;
    private final TeamsReplies replies;
    private final Failures failures = new Failures("promise list");

    TeamsBot(CommandRouter router, TeamsInstalls installs, TeamsPeople people, TeamsMembers members, TeamsReplies replies) {
        this.router = router;
        this.installs = installs;
        this.people = people;
        this.members = members;
        this.replies = replies;
    }

    @Override
    protected CompletableFuture<Void> onMessageActivity(TurnContext turn) {
        Activity activity = turn.getActivity();
        Optional<Tenant> found = installs.tenantOf(activity);
        if (found.isEmpty()) {
            turn.sendActivity("Holdfast answers in Microsoft Teams only.").join();
            return done();
        }
        installs.remember(found.get(), activity);
        Actor actor = people.sender(found.get(), activity);
        Tenant tenant = actor.tenant();
        try {
            if (activity.getValue() != null) {
                onCardSubmission(turn, actor, activity);
            } else {
                onCommand(turn, actor, activity);
            }
        } catch (UserInputException e) {
            replies.show(turn, tenant, Message.of(e.getMessage()));
        } catch (RuntimeException e) {
            replies.show(turn, tenant, failures.report("a Teams message", e));
        }
        return done();
    }

    private void onCommand(TurnContext turn, Actor actor, Activity activity) {
        TeamsText.Normalized text = TeamsText.normalize(activity.getText(), tags(turn, actor.tenant(), activity));
        String[] words = text.text().replaceFirst("^/", "").split("\\s+", 2);
        String command = words[0].toLowerCase(Locale.ROOT);
        String rest = words.length > 1 ? words[1] : "";
        if (command.isEmpty() || command.equals("help") || command.equals("?")) {
            command = "holdfast";
            rest = "help";
        }
        Invocation invocation = new Invocation(actor, TeamsInstalls.placeOf(activity), rest, text.mentionLabels());
        answer(turn, actor.tenant(), router.run(command, invocation));
    }

    private void onCardSubmission(TurnContext turn, Actor actor, Activity activity) {
        Optional<CardSubmission> submission = CardSubmission.parse(Serialization.objectToTree(activity.getValue()));
        if (submission.isEmpty()) {
            replies.show(turn, actor.tenant(), Message.of("That card is from an older Holdfast; run the command again, e.g. promise list."));
            return;
        }
        Invocation invocation = new Invocation(actor, TeamsInstalls.placeOf(activity), "", Map.of());
        if (submission.get() instanceof CardSubmission.Press press) {
            answer(turn, actor.tenant(), router.press(press.actionId(), invocation, press.value()));
            return;
        }
        CardSubmission.Submit submit = (CardSubmission.Submit) submission.get();
        FormOutcome outcome = router.submit(submit.formId(), invocation, submit.context(), submit.values());
        if (outcome instanceof FormOutcome.Invalid invalid) {
            // The form stays as the person filled it in; they fix the answers named here and send it again.
            replies.show(turn, actor.tenant(), Message.of("Please fix the form and send it again: "
                    + String.join(" ", invalid.errorsByInput().values())));
        } else {
            replies.closeForm(turn, actor.tenant(), activity.getReplyToId(), ((FormOutcome.Accepted) outcome).confirmation());
        }
    }

    private void answer(TurnContext turn, Tenant tenant, Reply reply) {
        if (reply instanceof Reply.OpenForm form) {
            replies.openForm(turn, form.form());
        } else {
            replies.show(turn, tenant, ((Reply.Show) reply).message());
        }
    }

    /**
     * The mentions Teams vouched for: Holdfast's own is dropped (matched literally; the SDK's
     * removeRecipientMention reads the bot's name as a regular expression), people become their AAD
     * object id, channels their id.
     */
    private List<TeamsText.Tag> tags(TurnContext turn, Tenant tenant, Activity activity) {
        List<TeamsText.Tag> tags = new ArrayList<>();
        String botId = activity.getRecipient() == null ? null : activity.getRecipient().getId();
        for (Mention mention : activity.getMentions()) {
            ChannelAccount mentioned = mention.getMentioned();
            if (mentioned == null || mentioned.getId() == null || mention.getText() == null) {
                continue;
            }
            String name = mentioned.getName() == null ? mentioned.getId() : mentioned.getName();
            if (mentioned.getId().equals(botId)) {
                tags.add(new TeamsText.Tag(mention.getText(), "", null, name));
            } else if (mentioned.getId().startsWith(CHANNEL_ID_PREFIX)) {
                tags.add(new TeamsText.Tag(mention.getText(), Mentions.channelToken(mentioned.getId()), mentioned.getId(), name));
            } else {
                String id = personId(turn, tenant, mentioned).orElseThrow(() -> new UserInputException("Teams couldn't tell me who @"
                        + name + " is, so nothing was saved. Pick them from the list Teams offers as you type, e.g. "
                        + "kudos @" + name + " Acme Corp: stayed late to rebuild the renewal deck"));
                tags.add(new TeamsText.Tag(mention.getText(), Mentions.token(id), id, name));
            }
        }
        return tags;
    }

    /** A mentioned person's AAD object id: from the mention, from earlier, or asked of Teams once. */
    private Optional<String> personId(TurnContext turn, Tenant tenant, ChannelAccount mentioned) {
        if (mentioned.getAadObjectId() != null && !mentioned.getAadObjectId().isBlank()) {
            members.remember(tenant.id(), mentioned.getId(), mentioned.getAadObjectId(), mentioned.getName());
            return Optional.of(mentioned.getAadObjectId());
        }
        Optional<String> known = members.aadObjectIdOf(tenant.id(), mentioned.getId());
        if (known.isPresent()) {
            return known;
        }
        try {
            TeamsChannelAccount member = TeamsInfo.getMember(turn, mentioned.getId()).join();
            if (member != null && member.getAadObjectId() != null) {
                members.remember(tenant.id(), mentioned.getId(), member.getAadObjectId(), member.getName());
                return Optional.of(member.getAadObjectId());
            }
        } catch (RuntimeException e) {
            log.info("Teams could not say who {} is ({})", mentioned.getId(), TeamsFailures.describe(e));
        }
        return Optional.empty();
    }

    @Override
    protected CompletableFuture<Void> onTeamsMembersAdded(List<TeamsChannelAccount> added, TeamInfo team, TurnContext turn) {
        Activity activity = turn.getActivity();
        Optional<Tenant> found = installs.tenantOf(activity);
        if (found.isEmpty()) {
            return done();
        }
        Tenant tenant = found.get();
        installs.remember(tenant, activity);
        boolean holdfastAdded = false;
        for (TeamsChannelAccount member : added) {
            if (member.getId().equals(activity.getRecipient().getId())) {
                holdfastAdded = true;
            } else if (member.getAadObjectId() != null) {
                members.remember(tenant.id(), member.getId(), member.getAadObjectId(), member.getName());
            }
        }
        if (holdfastAdded) {
            if (team != null) {
                people.claimAdmin(tenant, activity);
            }
            replies.post(turn, tenant, welcome(team != null));
        }
        return done();
    }

    @Override
    protected CompletableFuture<Void> onTeamsMembersRemoved(List<TeamsChannelAccount> removed, TeamInfo team, TurnContext turn) {
        Activity activity = turn.getActivity();
        boolean holdfastRemoved = removed.stream().anyMatch(m -> m.getId().equals(activity.getRecipient().getId()));
        if (holdfastRemoved) {
            installs.tenantOf(activity).ifPresent(tenant -> installs.forget(tenant, activity));
        }
        return done();
    }

    @Override
    protected CompletableFuture<Void> onTeamsChannelCreated(ChannelInfo channel, TeamInfo team, TurnContext turn) {
        installs.tenantOf(turn.getActivity()).ifPresent(tenant -> installs.rememberChannel(tenant, turn.getActivity(), channel, team));
        return done();
    }

    @Override
    protected CompletableFuture<Void> onTeamsChannelRenamed(ChannelInfo channel, TeamInfo team, TurnContext turn) {
        installs.tenantOf(turn.getActivity()).ifPresent(tenant -> installs.rememberChannel(tenant, turn.getActivity(), channel, team));
        return done();
    }

    @Override
    protected CompletableFuture<Void> onTeamsChannelDeleted(ChannelInfo channel, TeamInfo team, TurnContext turn) {
        installs.tenantOf(turn.getActivity()).ifPresent(tenant -> installs.forgetChannel(tenant, channel));
        return done();
    }

    @Override
    protected CompletableFuture<Void> onInstallationUpdateAdd(TurnContext turn) {
        installs.tenantOf(turn.getActivity()).ifPresent(tenant -> installs.remember(tenant, turn.getActivity()));
        return done();
    }

    @Override
    protected CompletableFuture<Void> onInstallationUpdateRemove(TurnContext turn) {
        installs.tenantOf(turn.getActivity()).ifPresent(tenant -> installs.forget(tenant, turn.getActivity()));
        return done();
    }

    private static Message welcome(boolean inTeam) {
        String call = inTeam ? "@Holdfast " : "";
        return Message.of("Holdfast is here to keep client promises visible and kept. Try " + call
                + "promise Acme Corp: send the renewal quote by friday — or " + call + "help for everything it does.");
    }

    private static CompletableFuture<Void> done() {
        return CompletableFuture.completedFuture(null);
    }
}
