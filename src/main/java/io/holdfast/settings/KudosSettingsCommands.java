package io.holdfast.settings;

import io.holdfast.core.Invocation;
import io.holdfast.core.Mentions;
import io.holdfast.core.Message;
import io.holdfast.core.Reply;
import io.holdfast.core.Text;
import io.holdfast.core.UserInputException;
import io.holdfast.kudos.KudosSettings;
import java.time.Clock;
import java.util.Optional;

/** The {@code /holdfast} settings recognition uses: who manages whom, and where the monthly shout-out goes. */
final class KudosSettingsCommands {
    private final KudosSettings settings;
    private final Clock clock;

    KudosSettingsCommands(KudosSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    Reply manager(Invocation invocation, String args) {
        String example = "/holdfast manager @lee @dana";
        String[] words = args.split("\\s+");
        Optional<String> person = words.length == 2 ? Mentions.only(words[0]) : Optional.empty();
        Optional<String> manager = words.length == 2 ? Mentions.only(words[1]) : Optional.empty();
        if (person.isEmpty() || manager.isEmpty()) {
            throw new UserInputException("Mention the person, then their manager. Example: " + example);
        }
        if (!invocation.actor().admin()) {
            throw new UserInputException("Only a workspace admin can set managers.");
        }
        if (person.get().equals(manager.get())) {
            throw new UserInputException("Someone can't be their own manager. Example: " + example);
        }
        settings.setManager(invocation.tenant().id(), person.get(), manager.get());
        return Reply.show(Message.of(Text.builder().mention(manager.get()).plain(" now manages ").mention(person.get())
                .plain(" and may verify their kudos.").build()));
    }

    Reply shoutOutChannel(Invocation invocation, String args) {
        long tenantId = invocation.tenant().id();
        if (args.isEmpty()) {
            return Reply.show(settings.recognitionChannel(tenantId)
                    .map(c -> "The monthly Client Impact shout-out goes to #" + invocation.mentionLabels().getOrDefault(c, c) + ".")
                    .orElse("No shout-out channel yet. Set one with /holdfast shoutout #wins."));
        }
        if (!invocation.actor().admin()) {
            throw new UserInputException("Only a workspace admin can choose the shout-out channel.");
        }
        if (args.equalsIgnoreCase("off")) {
            settings.setRecognitionChannel(tenantId, null, clock.instant());
            return Reply.show("The monthly shout-out is off.");
        }
        String channel = Mentions.onlyChannel(args).orElseThrow(() -> new UserInputException(
                "Name one channel. Example: /holdfast shoutout #wins"));
        settings.setRecognitionChannel(tenantId, channel, clock.instant());
        return Reply.show("On the first business day of each month at 10:00, the best verified kudos of the month before go to #"
                + invocation.mentionLabels().getOrDefault(channel, channel) + ".");
    }
}
