package io.holdfast.slack;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.core.Platform;
import io.holdfast.core.Tenant;
import io.holdfast.core.time.HolidayCalendars;
import io.holdfast.store.Sql;
import io.holdfast.store.TenantPurge;
import io.holdfast.store.TenantStore;
import io.holdfast.testing.TwoTenantStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Installs, delivered events, pausing and purging, alike on SQLite and PostgreSQL. */
class SlackInstallationStoreTest extends TwoTenantStore {
    TenantStore tenants;
    SlackInstallationStore installs;
    SlackEventLog events;

    @BeforeEach
    void stores() {
        tenants = new TenantStore(db, clock, new HolidayCalendars());
        installs = new SlackInstallationStore(db, tenants, clock);
        events = new SlackEventLog(db, clock);
    }

    private Tenant install(String team, String encryptedToken) {
        return installs.save(new SlackInstallationStore.NewInstall(team, null, "Team " + team, "A1", "B1", "UBOT", encryptedToken,
                "commands,chat:write", "UADMIN"));
    }

    @Test
    void anInstallCreatesItsTenantAndAReinstallAfterAnUninstallResumesTheSameOne() {
        Tenant first = install("TNEW", "v1:first");

        assertTrue(installs.revoke("TNEW", "app_uninstalled", clock.instant()));
        SlackInstallationStore.Installation gone = installs.find("TNEW").orElseThrow();
        TenantStore.Listing paused = tenants.listing().stream().filter(t -> t.id() == first.id()).findFirst().orElseThrow();
        assertAll(
                () -> assertEquals(Optional.empty(), gone.encryptedBotToken()),
                () -> assertTrue(gone.revokedAt().isPresent()),
                () -> assertEquals(Optional.of("app_uninstalled"), paused.pausedReason()),
                () -> assertEquals(Optional.empty(), tenants.activeById(first.id())),
                () -> assertEquals(0, installs.installedCount()));

        Tenant again = install("TNEW", "v1:second");

        assertAll(
                () -> assertEquals(first.id(), again.id(), "the same tenant, with all its data"),
                () -> assertEquals(Optional.of("v1:second"), installs.find("TNEW").orElseThrow().encryptedBotToken()),
                () -> assertEquals(Optional.empty(), installs.find("TNEW").orElseThrow().revokedAt()),
                () -> assertTrue(tenants.activeById(first.id()).isPresent()),
                () -> assertEquals(1, installs.installedCount()));
    }

    @Test
    void anInstallOfAWorkspaceThatAlreadyTalkedToHoldfastKeepsItsTenant() {
        assertEquals(tenantA, install("TA", "v1:a").id());
        assertEquals(2, tenants.all().size());
    }

    @Test
    void aRevocationFromBeforeTheCurrentInstallChangesNothing() {
        Instant uninstalled = clock.instant();
        clock.advance(Duration.ofMinutes(2));
        Tenant tenant = install("TNEW", "v1:again");

        assertFalse(installs.revoke("TNEW", "tokens_revoked", uninstalled), "Slack's late retry of an event from before the reinstall");

        assertAll(
                () -> assertEquals(Optional.of("v1:again"), installs.find("TNEW").orElseThrow().encryptedBotToken()),
                () -> assertTrue(tenants.activeById(tenant.id()).isPresent(), "the tenant is not paused"),
                () -> assertTrue(installs.revoke("TNEW", "app_uninstalled", clock.instant()), "a revocation from after it does revoke it"));
    }

    @Test
    void revokingAWorkspaceLeavesTheOthersAlone() {
        install("TA", "v1:a");
        install("TB", "v1:b");

        installs.revoke("TA", "tokens_revoked", clock.instant());

        assertEquals(Optional.of("v1:b"), installs.find("TB").orElseThrow().encryptedBotToken());
        assertTrue(tenants.activeById(tenantB).isPresent());
        assertFalse(installs.revoke("TUNKNOWN", "app_uninstalled", clock.instant()), "nothing to revoke");
    }

    @Test
    void anEventIsTakenOncePerWorkspaceUnlessItsHandlingFailed() {
        assertTrue(events.firstDelivery("TA", "Ev1"));
        assertFalse(events.firstDelivery("TA", "Ev1"), "Slack's retry");
        assertTrue(events.firstDelivery("TB", "Ev1"), "another workspace's event with the same id");

        events.forget("TA", "Ev1");

        assertTrue(events.firstDelivery("TA", "Ev1"), "a failed delivery is taken again");
    }

    @Test
    void oldEventIdsArePrunedAfterADay() {
        events.firstDelivery("TA", "Ev-old");
        clock.advance(SlackEventLog.KEPT.plusHours(2));

        events.firstDelivery("TA", "Ev-new");

        assertEquals(1L, (long) db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM slack_events_seen")));
    }

    @Test
    void purgeDeletesEveryRowOfOneTenantAndNothingOfAnother() {
        install("TA", "v1:a");
        install("TB", "v1:b");
        db.write(c -> {
            for (long tenant : List.of(tenantA, tenantB)) {
                accounts.findOrCreate(c, tenant, "Acme Corp");
                Sql.update(c, "INSERT INTO risk_weights (tenant_id, signal, weight) VALUES (?, 'overdue_promise', 12)", tenant);
            }
            return null;
        });
        events.firstDelivery("TA", "Ev1");
        events.firstDelivery("TB", "Ev1");
        installs.revoke("TA", "app_uninstalled", clock.instant());

        Map<String, Long> deleted = new TenantPurge(db).purge(tenants.byId(tenantA).orElseThrow());

        assertAll(
                () -> assertEquals(1L, deleted.get("tenants")),
                () -> assertEquals(1L, deleted.get("accounts")),
                () -> assertEquals(1L, deleted.get("slack_installations")),
                () -> assertEquals(1L, deleted.get("slack_events_seen")),
                () -> assertEquals(Optional.empty(), tenants.byId(tenantA)),
                () -> assertEquals(Optional.empty(), installs.find("TA")),
                () -> assertTrue(tenants.byId(tenantB).isPresent()),
                () -> assertEquals(1L, (long) db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM accounts WHERE tenant_id = ?", tenantB))),
                () -> assertEquals(1L, (long) db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM risk_weights WHERE tenant_id = ?", tenantB))),
                () -> assertEquals(1L, (long) db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM slack_events_seen WHERE team_id = 'TB'"))),
                () -> assertTrue(installs.find("TB").isPresent()),
                () -> assertEquals(Platform.SLACK, tenants.find(Platform.SLACK, "TB").orElseThrow().platform()));
    }
}
