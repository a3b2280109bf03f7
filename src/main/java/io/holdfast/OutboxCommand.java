package io.holdfast;

import io.holdfast.config.Config;
import io.holdfast.store.Database;
import io.holdfast.store.Outbox;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** {@code holdfast outbox --failed}: the posts Holdfast gave up on, with the platform's reason, for operators. */
final class OutboxCommand {
    private static final int SHOWN = 200;

    private OutboxCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        if (args.length != 2 || !args[1].equals("--failed")) {
            err.println("Only --failed is available. Example: java -jar holdfast.jar outbox --failed");
            return 2;
        }
        try (Database db = Database.open(Config.fromEnvironment(env))) {
            db.migrate();
            Outbox outbox = new Outbox(db, Clock.systemUTC());
            List<Outbox.Entry> failed = outbox.failed(SHOWN);
            out.println(failed.size() + (failed.size() == SHOWN ? "+" : "") + " failed post(s); pending: " + outbox.pendingCount());
            for (Outbox.Entry e : failed) {
                out.println("tenant " + e.tenantId() + "  " + e.key() + "  channel " + e.channel() + "  attempts " + e.attempts()
                        + "  reason: " + e.lastError());
            }
        }
        return 0;
    }
}
