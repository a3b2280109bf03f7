package io.holdfast.slack;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.spy;

import com.slack.api.bolt.model.builtin.DefaultInstaller;
import io.holdfast.core.DeliveryException;
import io.holdfast.core.Message;
import io.holdfast.core.Platform;
import io.holdfast.core.Tenant;
import io.holdfast.core.time.HolidayCalendars;
import io.holdfast.store.Sql;
import io.holdfast.store.TenantStore;
import io.holdfast.store.TokenCipher;
import io.holdfast.testing.FakeSlackApi;
import io.holdfast.testing.TwoTenantStore;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which token each workspace is answered and posted with, as installs change on this replica and others. */
class SlackInstallationsTest extends TwoTenantStore {
    static final Duration WAIT = Duration.ofSeconds(10);

    final FakeSlackApi slack = new FakeSlackApi();
    final TokenCipher cipher = TokenCipher.fromBase64("q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=");
    TenantStore tenants;
    SlackInstallationStore store;

    @BeforeEach
    void stores() {
        tenants = new TenantStore(db, clock, new HolidayCalendars());
        store = new SlackInstallationStore(db, tenants, clock);
    }

    @AfterEach
    void stopSlack() {
        slack.close();
    }

    private SlackInstallations replica() {
        return new SlackInstallations(store, cipher, clock);
    }

    private static DefaultInstaller install(String team, String botToken) {
        DefaultInstaller installer = new DefaultInstaller();
        installer.setTeamId(team);
        installer.setTeamName("Team " + team);
        installer.setAppId(FakeSlackApi.APP_ID);
        installer.setBotId(FakeSlackApi.BOT_ID);
        installer.setBotUserId(FakeSlackApi.BOT_USER_ID);
        installer.setBotAccessToken(botToken);
        installer.setBotScope("commands,chat:write");
        installer.setInstallerUserId("UADMIN");
        return installer;
    }

    private Tenant tenant(String team) {
        return tenants.find(Platform.SLACK, team).orElseThrow();
    }

    @Test
    void aTokenRefusedAfterAReinstallOnAnotherReplicaIsRetriedWithTheNewOne() throws Exception {
        SlackInstallations here = replica();
        SlackChat chat = new SlackChat(SlackApp.client(slack.methodsUrl(), 1), here);
        here.saveInstallerAndBot(install("TA", "xoxb-old"));
        chat.post(tenant("TA"), "C1", null, Message.of("first"));
        replica().saveInstallerAndBot(install("TA", "xoxb-new"));
        slack.failNext("chat.postMessage", "invalid_auth");

        DeliveryException refused = assertThrows(DeliveryException.class, () -> chat.post(tenant("TA"), "C1", null, Message.of("second")));
        chat.post(tenant("TA"), "C1", null, Message.of("second"));

        assertAll(
                () -> assertFalse(refused.isPermanent(), "the post waits for the install to settle, it is not failed for good"),
                () -> assertEquals("invalid_auth", refused.getMessage()),
                () -> assertEquals("Bearer xoxb-new", slack.calls("chat.postMessage").get(2).authorization(),
                        "the next try reads the install afresh instead of the token cached here"));
    }

    @Test
    void aWorkspaceWithoutAnInstallIsTriedAgainLater() {
        SlackChat chat = new SlackChat(SlackApp.client(slack.methodsUrl(), 1), replica());

        DeliveryException refused = assertThrows(DeliveryException.class, () -> chat.post(tenant("TA"), "C1", null, Message.of("hello")));

        assertFalse(refused.isPermanent(), "the install may have been made on another replica, or the uninstall not yet pause the tenant");
        assertEquals(0, slack.count("chat.postMessage"));
    }

    /** The race needs a read held between the database and the cache; only a spy can hold it there. */
    @Test
    void aLookupThatReadTheOldInstallDoesNotPutItBackAfterAnUninstall() throws Exception {
        SlackInstallationStore slow = spy(store);
        SlackInstallations installations = new SlackInstallations(slow, cipher, clock);
        installations.saveInstallerAndBot(install("TA", "xoxb-old"));
        CountDownLatch read = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        doAnswer(call -> {
            Optional<?> row = (Optional<?>) call.callRealMethod();
            read.countDown();
            assertTrue(release.await(10, TimeUnit.SECONDS));
            return row;
        }).when(slow).find(anyString());

        CompletableFuture<Optional<String>> lookup = CompletableFuture.supplyAsync(() -> installations.botToken("TA"));
        assertTrue(read.await(10, TimeUnit.SECONDS));
        installations.revoke("TA", "app_uninstalled", clock.instant());
        release.countDown();

        assertEquals(Optional.of("xoxb-old"), lookup.get(10, TimeUnit.SECONDS), "it read the row before the uninstall");
        doAnswer(call -> call.callRealMethod()).when(slow).find(anyString());
        assertEquals(Optional.empty(), installations.botToken("TA"), "the uninstalled token is not served from the cache");
    }

    @Test
    void aTokenCopiedIntoAnotherWorkspacesRowIsUnreadable() {
        SlackInstallations installations = replica();
        installations.saveInstallerAndBot(install("TA", "xoxb-acme"));
        installations.saveInstallerAndBot(install("TB", "xoxb-globex"));

        db.write(c -> Sql.update(c, "UPDATE slack_installations SET bot_token = (SELECT bot_token FROM slack_installations WHERE team_id = 'TA') "
                + "WHERE team_id = 'TB'"));

        assertAll(
                () -> assertEquals(Optional.empty(), replica().botToken("TB"), "TB does not get to speak with TA's token"),
                () -> assertNull(replica().findBot(null, "TB")),
                () -> assertEquals(Optional.of("xoxb-acme"), replica().botToken("TA")));
    }
}
