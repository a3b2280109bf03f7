package io.holdfast;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.holdfast.config.Config;
import io.holdfast.console.PlainText;
import io.holdfast.core.Tenant;
import io.holdfast.core.time.HolidayCalendars;
import io.holdfast.digest.DigestMessages;
import io.holdfast.digest.DigestReport;
import io.holdfast.digest.DigestService;
import io.holdfast.digest.Subscription;
import io.holdfast.digest.SubscriptionStore;
import io.holdfast.promise.Promise;
import io.holdfast.promise.PromiseStore;
import io.holdfast.risk.RiskFilter;
import io.holdfast.escalation.EscalationSettings;
import io.holdfast.risk.RiskRanker;
import io.holdfast.risk.RiskWeightStore;
import io.holdfast.store.Database;
import io.holdfast.store.Outbox;
import io.holdfast.store.TenantStore;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code holdfast digest --dry-run}: prints exactly what the digests would post, for every subscription
 * (or a tenant's top accounts when it has none), without posting anything.
 */
final class DigestCommand {
    static final String USAGE = """
            Usage: java -jar holdfast.jar digest --dry-run [--as-of ISO-INSTANT] [--tenant ID] [--channel ID] [--top N] [--format text|json]

            Prints what each digest subscription would post (or a workspace's top N at-risk accounts when it has
            no subscription), as of now or --as-of. Nothing is posted. JSON: one object per digest, each with an
            "accounts" array of {name, score, reasons, owner, next_steps}.

            Example: java -jar holdfast.jar digest --dry-run --as-of 2026-11-24T14:00:00Z --format json""";

    private DigestCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        boolean dryRun = false;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--dry-run")) {
                dryRun = true;
            } else if (args[i].equals("--help") || args[i].equals("-h")) {
                out.println(USAGE);
                return 0;
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i].substring(2), args[++i]);
            } else {
                return usage(err, "I didn't understand \"" + args[i] + "\".");
            }
        }
        if (!dryRun) {
            return usage(err, "Digests are posted by the server; from the command line only --dry-run is available.");
        }
        Instant asOf;
        int top;
        try {
            asOf = options.containsKey("as-of") ? Instant.parse(options.get("as-of")) : Instant.now();
            top = Integer.parseInt(options.getOrDefault("top", "5"));
        } catch (DateTimeParseException | NumberFormatException e) {
            return usage(err, "--as-of takes an instant like 2026-11-24T14:00:00Z and --top a number.");
        }
        if (top < 1 || top > 50) {
            return usage(err, "--top takes a number from 1 to 50.");
        }
        String format = options.getOrDefault("format", "text");
        if (!format.equals("text") && !format.equals("json")) {
            return usage(err, "--format is text or json.");
        }
        try (Database db = Database.open(Config.fromEnvironment(env))) {
            db.migrate();
            Clock clock = Clock.fixed(asOf, ZoneId.of("UTC"));
            TenantStore tenants = new TenantStore(db, clock, new HolidayCalendars());
            SubscriptionStore subscriptions = new SubscriptionStore(db, clock);
            DigestService digests = new DigestService(db, new RiskRanker(db, new EscalationSettings(db), new RiskWeightStore()), new PromiseStore(), subscriptions, tenants, new Outbox(db, clock),
                    new DigestMessages(), clock, () -> { });
            List<Tenant> chosen = tenants.all().stream()
                    .filter(t -> !options.containsKey("tenant") || t.externalId().equals(options.get("tenant"))).toList();
            if (chosen.isEmpty()) {
                return usage(err, options.containsKey("tenant") ? "No workspace " + options.get("tenant") + " in this database."
                        : "This database has no workspaces yet.");
            }
            for (Tenant tenant : chosen) {
                List<Subscription> own = subscriptions.forTenant(tenant.id()).stream()
                        .filter(s -> !options.containsKey("channel") || s.channel().equals(options.get("channel"))).toList();
                if (own.isEmpty()) {
                    print(out, format, tenant, null, digests.compose(tenant, asOf, top, RiskFilter.ALL), tenant.zone());
                }
                for (Subscription s : own) {
                    print(out, format, tenant, s.channel(), digests.compose(tenant, s, asOf), s.zone());
                }
            }
        }
        return 0;
    }

    private static void print(PrintStream out, String format, Tenant tenant, String channel, DigestReport report, ZoneId zone)
            throws Exception {
        if (format.equals("text")) {
            out.println("== " + tenant.externalId() + (channel == null ? " (no subscription; top accounts)" : " → " + channel));
            out.println(PlainText.render(new DigestMessages().digest(report, zone)));
            out.println();
            return;
        }
        List<Map<String, Object>> accounts = new ArrayList<>();
        for (DigestReport.Item item : report.items()) {
            List<Map<String, Object>> steps = new ArrayList<>();
            for (Promise p : item.nextSteps()) {
                steps.add(Map.of("promise", p.number(), "text", p.text(), "owner", p.ownerId(), "due", p.due().toString()));
            }
            Map<String, Object> account = new LinkedHashMap<>();
            account.put("name", item.risk().accountName());
            account.put("score", item.risk().score());
            account.put("reasons", item.risk().reasons());
            account.put("owner", item.risk().ownerId());
            account.put("next_steps", steps);
            accounts.add(account);
        }
        Map<String, Object> digest = new LinkedHashMap<>();
        digest.put("tenant", tenant.externalId());
        digest.put("channel", channel);
        digest.put("as_of", report.asOf().toString());
        digest.put("accounts", accounts);
        out.println(new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(digest));
    }

    private static int usage(PrintStream err, String problem) {
        err.println(problem + " Example: java -jar holdfast.jar digest --dry-run --format json");
        return 2;
    }
}
