package io.holdfast;

import io.holdfast.config.Config;
import io.holdfast.core.Tenant;
import io.holdfast.core.time.HolidayCalendars;
import io.holdfast.slack.SlackInstallationStore;
import io.holdfast.store.Database;
import io.holdfast.store.TenantPurge;
import io.holdfast.store.TenantStore;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * {@code holdfast tenant list} shows each tenant (a Slack workspace, a Teams tenant, the console) with
 * whether it is paused; {@code holdfast tenant purge ID} deletes every row of one, in one transaction,
 * once its app was uninstalled. Purging is final, so a tenant still in use is refused unless
 * {@code --force} says the operator means it.
 */
final class TenantCommand {
    static final String USAGE = """
            Usage:
              java -jar holdfast.jar tenant list
              java -jar holdfast.jar tenant purge ID [--force]
            purge deletes every row of tenant ID (see its id in tenant list) in one transaction. It must be paused
            (its Slack app uninstalled or its tokens revoked) unless --force is given. There is no undo: take a backup first.""";

    private TenantCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        if (args.length == 2 && args[1].equals("list")) {
            return withStores(env, (tenants, installs, db) -> list(tenants, installs, out));
        }
        if ((args.length == 3 || (args.length == 4 && args[3].equals("--force"))) && args[1].equals("purge")) {
            long id;
            try {
                id = Long.parseLong(args[2]);
            } catch (NumberFormatException e) {
                err.println("The tenant id is a number, as tenant list shows it, e.g. tenant purge 3 (got \"" + args[2] + "\").");
                return 2;
            }
            boolean force = args.length == 4;
            return withStores(env, (tenants, installs, db) -> purge(tenants, db, id, force, out, err));
        }
        err.println(USAGE);
        return 2;
    }

    private interface Work {
        int run(TenantStore tenants, SlackInstallationStore installs, Database db);
    }

    private static int withStores(Map<String, String> env, Work work) {
        try (Database db = Database.open(Config.fromEnvironment(env))) {
            db.migrate();
            Clock clock = Clock.systemUTC();
            TenantStore tenants = new TenantStore(db, clock, new HolidayCalendars());
            return work.run(tenants, new SlackInstallationStore(db, tenants, clock), db);
        }
    }

    private static int list(TenantStore tenants, SlackInstallationStore installs, PrintStream out) {
        out.println("id  platform  external id  status");
        for (TenantStore.Listing t : tenants.listing()) {
            Optional<SlackInstallationStore.Installation> install = installs.find(t.externalId()).filter(i -> i.tenantId() == t.id());
            String status = t.pausedAt().map(at -> "paused since " + at + " (" + t.pausedReason().orElse("paused") + ")").orElse("active");
            String installed = install.map(i -> "; installed " + i.installedAt() + (i.installedBy() == null ? "" : " by " + i.installedBy())
                    + (i.teamName() == null ? "" : " in " + i.teamName())).orElse("");
            out.println(t.id() + "  " + t.platform().name().toLowerCase() + "  " + t.externalId() + "  " + status + installed);
        }
        return 0;
    }

    private static int purge(TenantStore tenants, Database db, long id, boolean force, PrintStream out, PrintStream err) {
        Optional<Tenant> tenant = tenants.byId(id);
        if (tenant.isEmpty()) {
            err.println("There is no tenant " + id + ". java -jar holdfast.jar tenant list shows the ids.");
            return 1;
        }
        if (tenants.activeById(id).isPresent() && !force) {
            err.println("Tenant " + id + " (" + tenant.get().externalId() + ") is in use: its app is still installed. Uninstall it first, "
                    + "or add --force to delete its data anyway: tenant purge " + id + " --force");
            return 1;
        }
        Map<String, Long> deleted = new TenantPurge(db).purge(tenant.get());
        long total = deleted.values().stream().mapToLong(Long::longValue).sum();
        out.println("Purged tenant " + id + " (" + tenant.get().platform().name().toLowerCase() + " " + tenant.get().externalId() + "): "
                + total + " rows deleted.");
        deleted.forEach((table, rows) -> {
            if (rows > 0) {
                out.println("  " + table + ": " + rows);
            }
        });
        return 0;
    }
}
