package io.holdfast.console;

import io.holdfast.core.Actor;
import io.holdfast.core.CommandRouter;
import io.holdfast.core.Invocation;
import io.holdfast.core.Mentions;
import io.holdfast.core.Platform;
import io.holdfast.core.Reply;
import io.holdfast.core.Tenant;
import io.holdfast.store.TenantStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A REPL on the same database and command core as Slack and Teams, acting as a local admin in a
 * local tenant, so a newcomer can try every command without a workspace. "@name" stands for a person, "#name" for a channel.
 */
public final class Console {
    public static final String USER = "you";
    public static final String CHANNEL = "console";
    private static final Pattern AT_NAME = Pattern.compile("(?<![\\w<])@([A-Za-z0-9][\\w.-]*)");
    private static final Pattern HASH_CHANNEL = Pattern.compile("(?<![\\w<])#([A-Za-z][\\w.-]*)");

    private static final Logger log = LoggerFactory.getLogger(Console.class);

    private final CommandRouter router;
    private final Tenant tenant;
    private final ZoneId zone;
    private final PrintStream out;

    public Console(CommandRouter router, TenantStore tenants, ZoneId zone, PrintStream out) {
        this.router = router;
        this.tenant = tenants.findOrCreate(Platform.CONSOLE, "local");
        this.zone = zone;
        this.out = out;
    }

    public void run(BufferedReader in) throws IOException {
        out.println("Holdfast console — you are @" + USER + " in #" + CHANNEL + " (times in " + zone + "). "
                + "Try: promise Acme Corp: send the SOC2 report by friday · promise help · quit");
        while (true) {
            out.print("holdfast> ");
            out.flush();
            String line = in.readLine();
            if (line == null || line.strip().equalsIgnoreCase("quit") || line.strip().equalsIgnoreCase("exit")) {
                return;
            }
            if (!line.isBlank()) {
                out.println(execute(line));
            }
        }
    }

    /** Runs one line as the local user and returns what they would see privately. */
    public String execute(String line) {
        String[] parts = line.strip().replaceFirst("^/", "").split("\\s+", 2);
        String command = parts[0].toLowerCase(Locale.ROOT);
        String text = parts.length > 1 ? parts[1] : "";
        if (command.equals("help")) {
            command = "promise";
            text = "help";
        }
        String people = AT_NAME.matcher(Mentions.literal(text)).replaceAll(m -> Mentions.token(m.group(1)));
        String neutral = HASH_CHANNEL.matcher(people).replaceAll(m -> Mentions.channelToken(m.group(1)));
        Invocation invocation = new Invocation(new Actor(tenant, USER, zone, true), CHANNEL, neutral, Map.of());
        Reply reply;
        try {
            reply = router.run(command, invocation);
        } catch (RuntimeException e) {
            log.error("console command failed", e);
            return "Something went wrong (" + e.getClass().getSimpleName() + "); the details are in the log. Try promise help.";
        }
        if (reply instanceof Reply.OpenForm form) {
            return "In Slack and Teams this opens the \"" + form.form().title() + "\" form. Here, type it in one line, e.g. "
                    + "promise Acme Corp: send the SOC2 report by friday";
        }
        return PlainText.render(((Reply.Show) reply).message());
    }
}
