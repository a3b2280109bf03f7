package io.holdfast.slack;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.store.DataCopy;
import io.holdfast.store.Database;
import io.holdfast.testing.Await;
import io.holdfast.testing.FakeSlackApi;
import io.holdfast.testing.HoldfastForEveryWorkspace;
import io.holdfast.testing.HoldfastForEveryWorkspace.Page;
import io.holdfast.testing.SlackCall;
import io.holdfast.testing.SlackResponse;
import io.holdfast.testing.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Any workspace installs Holdfast with Add to Slack, is answered with its own token, and can leave and come back without losing anything. */
class InstallInEveryWorkspaceTest {
    /** Tuesday 24 Nov 2026, 10:00 in New York. */
    static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");
    static final String ACME = "TACME";
    static final String GLOBEX = "TGLOBEX";

    @TempDir
    Path dir;
    HoldfastForEveryWorkspace holdfast;

    @BeforeEach
    void start() throws Exception {
        holdfast = new HoldfastForEveryWorkspace(dir, NOW);
        holdfast.slack.user("ULEE", "Lee", "America/New_York", false);
    }

    @AfterEach
    void close() throws Exception {
        if (holdfast != null) {
            holdfast.close();
        }
    }

    private SlackCall postedWith(String token, String text) {
        return holdfast.slack.awaitCall("chat.postMessage", c -> ("Bearer " + token).equals(c.authorization()) && c.text().contains(text),
                HoldfastForEveryWorkspace.WAIT);
    }

    @Test
    void theInstallPageOffersAddToSlackWithAStateBoundToTheBrowser() {
        Page page = holdfast.get("/slack/install", null);

        assertAll(
                () -> assertEquals(200, page.status()),
                () -> assertTrue(page.body().contains(">Add to Slack</a>"), page.body()),
                () -> assertTrue(page.body().contains("https://slack.com/oauth/v2/authorize?client_id=" + HoldfastForEveryWorkspace.CLIENT_ID
                        + "&amp;scope=commands%2Cchat%3Awrite%2Cchat%3Awrite.public%2Cusers%3Aread%2Cusergroups%3Aread&amp;"), page.body()),
                () -> assertEquals("slack-app-oauth-state=" + page.state(), page.cookie()),
                () -> assertTrue(page.setCookie().contains("HttpOnly") && page.setCookie().contains("Secure"), page.setCookie()));
    }

    @Test
    void anInstallExchangesTheCodeStoresTheTokenEncryptedAndCreatesTheTenant() {
        Page done = holdfast.install(ACME, "Acme Sales", "xoxb-acme-s3cr3t");

        SlackCall access = holdfast.slack.awaitCall("oauth.v2.access", HoldfastForEveryWorkspace.WAIT);
        String stored = holdfast.text("SELECT bot_token FROM slack_installations WHERE team_id = ?", ACME);
        assertAll(
                () -> assertEquals(200, done.status()),
                () -> assertTrue(done.body().contains("Holdfast is installed in Acme Sales"), done.body()),
                () -> assertTrue(done.body().contains("/promise help"), done.body()),
                () -> assertEquals("Basic " + Base64.getEncoder().encodeToString((HoldfastForEveryWorkspace.CLIENT_ID + ":"
                        + HoldfastForEveryWorkspace.CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)), access.authorization()),
                () -> assertEquals("code-1", access.param("code")),
                () -> assertTrue(stored.startsWith("v1:"), stored),
                () -> assertFalse(stored.contains("acme-s3cr3t"), "the token is encrypted at rest: " + stored),
                () -> assertEquals(1, holdfast.count("SELECT COUNT(*) FROM tenants WHERE platform = 'SLACK' AND external_id = ?", ACME)),
                () -> assertEquals("UINSTALLER", holdfast.text("SELECT installed_by FROM slack_installations WHERE team_id = ?", ACME)),
                () -> assertTrue(holdfast.get("/readyz", null).body().contains("slack: up (1 workspace(s) installed)")));
    }

    @Test
    void eachWorkspaceIsAnsweredAndPostedToWithItsOwnToken() {
        holdfast.install(ACME, "Acme Sales", "xoxb-acme");
        holdfast.install(GLOBEX, "Globex", "xoxb-globex");

        SlackResponse acme = holdfast.promise(ACME, "ULEE", "Acme Corp: send the SOC2 report by friday");
        SlackResponse globex = holdfast.promise(GLOBEX, "ULEE", "Initech: call back about the invoice by friday");

        assertEquals(200, acme.status(), acme.body());
        assertTrue(acme.json().get("text").getAsString().contains("#1"), acme.body());
        assertTrue(globex.json().get("text").getAsString().contains("#1"), "numbering is per workspace: " + globex.body());
        assertTrue(postedWith("xoxb-acme", "send the SOC2 report").text().contains("Promise #1"));
        assertTrue(postedWith("xoxb-globex", "call back about the invoice").text().contains("Promise #1"));
        assertTrue(holdfast.slack.calls("chat.postMessage").stream().noneMatch(c -> c.text().contains("SOC2") && "Bearer xoxb-globex".equals(c.authorization())),
                "one workspace's card never goes out with another's token");
    }

    @Test
    void aRedirectWithAUsedUnknownOrOtherBrowsersStateIsRefusedWithAPageSayingWhatToDo() {
        Page start = holdfast.get("/slack/install", null);
        holdfast.slack.installable("code-a", ACME, "Acme Sales", "xoxb-acme", "UINSTALLER");
        assertEquals(200, holdfast.get("/slack/oauth_redirect?code=code-a&state=" + start.state(), start.cookie()).status());
        holdfast.slack.installable("code-b", GLOBEX, "Globex", "xoxb-globex", "UINSTALLER");

        Page reused = holdfast.get("/slack/oauth_redirect?code=code-b&state=" + start.state(), start.cookie());
        Page unknown = holdfast.get("/slack/oauth_redirect?code=code-b&state=made-up", "slack-app-oauth-state=made-up");
        Page anotherBrowser = holdfast.get("/slack/oauth_redirect?code=code-b&state=" + holdfast.get("/slack/install", null).state(), null);

        for (Page refused : new Page[] {reused, unknown, anotherBrowser}) {
            assertEquals(400, refused.status(), refused.body());
            assertTrue(refused.body().contains("expired or was already used"), refused.body());
            assertTrue(refused.body().contains("href=\"/slack/install\""), "offers to start again: " + refused.body());
        }
        assertEquals(1, holdfast.slack.count("oauth.v2.access"), "a refused state never spends the code");
        assertEquals(0, holdfast.count("SELECT COUNT(*) FROM slack_installations WHERE team_id = ?", GLOBEX));
    }

    @Test
    void openingTheInstallPageAThousandTimesWritesNothing() {
        DataCopy.Counts before = rowsInEveryTable();
        Set<String> states = new HashSet<>();

        for (int i = 0; i < 1000; i++) {
            states.add(holdfast.get("/slack/install", null).state());
        }

        assertEquals(1000, states.size(), "each visit gets its own state");
        assertEquals(before, rowsInEveryTable());
        assertEquals(0, holdfast.count("SELECT COUNT(*) FROM slack_oauth_states"));
    }

    @Test
    void aForgedOrExpiredStateIsRefusedBeforeTheCodeIsSpentOrAnythingIsWritten() {
        holdfast.slack.installable("code-a", ACME, "Acme Sales", "xoxb-acme", "UINSTALLER");
        String issued = holdfast.get("/slack/install", null).state();
        String forged = issued.substring(0, issued.length() - 1) + (issued.endsWith("A") ? "B" : "A");
        Page expiring = holdfast.get("/slack/install", null);

        // Whoever forges the state sets the browser's cookie to match it, so the cookie check alone does not stop them.
        Page forgedPage = holdfast.get("/slack/oauth_redirect?code=code-a&state=" + forged, "slack-app-oauth-state=" + forged);
        holdfast.clock.advance(Duration.ofMinutes(10));
        Page expired = holdfast.get("/slack/oauth_redirect?code=code-a&state=" + expiring.state(), expiring.cookie());

        for (Page refused : new Page[] {forgedPage, expired}) {
            assertEquals(400, refused.status(), refused.body());
            assertTrue(refused.body().contains("expired or was already used"), refused.body());
        }
        assertEquals(0, holdfast.slack.count("oauth.v2.access"), "a refused state never spends the code");
        assertEquals(0, holdfast.count("SELECT COUNT(*) FROM slack_oauth_states"));
        assertEquals(0, holdfast.count("SELECT COUNT(*) FROM slack_installations"));
    }

    private DataCopy.Counts rowsInEveryTable() {
        try (Database db = TestDatabases.open(holdfast.databaseUrl())) {
            return DataCopy.count(db, new DataCopy(db, db).tables());
        }
    }

    @Test
    void aCancelledInstallSaysNothingChangedAndEchoesNothingUnescaped() {
        Page start = holdfast.get("/slack/install", null);

        Page cancelled = holdfast.get("/slack/oauth_redirect?error=access_denied&state=" + start.state(), start.cookie());
        Page odd = holdfast.get("/slack/oauth_redirect?error=%3Cscript%3Ealert(1)%3C/script%3E&state=" + start.state(), start.cookie());

        assertEquals(200, cancelled.status());
        assertTrue(cancelled.body().contains("The install was cancelled in Slack, so nothing changed"), cancelled.body());
        assertFalse(odd.body().contains("<script>"), odd.body());
        assertTrue(odd.body().contains("&lt;script&gt;"), odd.body());
    }

    @Test
    void aWorkspaceNameIsEscapedOnThePage() {
        Page done = holdfast.install(ACME, "<img src=x onerror=alert(1)> & Co", "xoxb-acme");

        assertTrue(done.body().contains("Holdfast is installed in &lt;img src=x onerror=alert(1)&gt; &amp; Co"), done.body());
    }

    @Test
    void anUninstalledWorkspaceIsPausedAndAReinstallResumesWhereItStopped() {
        holdfast.install(ACME, "Acme Sales", "xoxb-acme");
        holdfast.promise(ACME, "ULEE", "Acme Corp: send the SOC2 report by today");
        holdfast.command(ACME, "ULEE", "/holdfast", "digest daily 09:00");
        postedWith("xoxb-acme", "send the SOC2 report");
        holdfast.await("the card's ts stored", () -> holdfast.text("SELECT card_ref FROM promises WHERE number = 1") != null);

        assertEquals(200, holdfast.appUninstalled(ACME, "Ev-uninstall").status());
        holdfast.await("the tenant paused", () -> holdfast.paused(ACME));
        holdfast.clock.set(Instant.parse("2026-11-25T14:00:00Z"));

        assertAll(
                () -> assertNull(holdfast.text("SELECT bot_token FROM slack_installations WHERE team_id = ?", ACME), "the token is deleted"),
                () -> assertEquals(0, holdfast.checkDigests(), "no digest for an uninstalled workspace"),
                () -> assertEquals(0, holdfast.checkNudges(), "no nudge either"),
                () -> assertTrue(holdfast.get("/readyz", null).body().contains("slack: up (0 workspace(s) installed)")));
        SlackResponse meanwhile = holdfast.promise(ACME, "ULEE", "Acme Corp: call back by friday");
        assertEquals(200, meanwhile.status());
        assertTrue(holdfast.slack.awaitCall(FakeSlackApi.RESPONSE_URL, c -> c.text().contains("not installed"), HoldfastForEveryWorkspace.WAIT)
                .text().contains("add it again"), "the person is told why nothing happens");

        Page back = holdfast.install(ACME, "Acme Sales", "xoxb-acme-again");

        assertTrue(back.body().contains("Holdfast is installed in Acme Sales"), back.body());
        assertFalse(holdfast.paused(ACME));
        assertEquals(1, holdfast.checkDigests(), "the day's digest goes out after all");
        assertEquals(1, holdfast.checkNudges(), "and the overdue promise is chased");
        assertTrue(postedWith("xoxb-acme-again", "At-risk accounts").text().contains("Acme Corp"), "the data is intact");
        SlackResponse next = holdfast.promise(ACME, "ULEE", "Acme Corp: send the renewal quote by friday");
        assertTrue(next.json().get("text").getAsString().contains("#2"), "numbering carries on: " + next.body());
    }

    @Test
    void revokedBotTokensPauseTheWorkspaceAndARetryOfThatEventAfterAReinstallIsIgnored() {
        holdfast.install(ACME, "Acme Sales", "xoxb-acme");

        assertEquals(200, holdfast.botTokensRevoked(ACME, "Ev-revoke", 0).status());
        holdfast.await("the tenant paused", () -> holdfast.paused(ACME));
        assertNull(holdfast.text("SELECT bot_token FROM slack_installations WHERE team_id = ?", ACME));
        holdfast.install(ACME, "Acme Sales", "xoxb-acme-again");

        SlackResponse retry = holdfast.botTokensRevoked(ACME, "Ev-revoke", 1);

        assertEquals(200, retry.status(), "a repeat is acknowledged");
        holdfast.promise(ACME, "ULEE", "Acme Corp: send the SOC2 report by friday");
        postedWith("xoxb-acme-again", "send the SOC2 report");
        assertFalse(holdfast.paused(ACME), "the retried event did not run again: the new install stands");
        assertTrue(holdfast.text("SELECT bot_token FROM slack_installations WHERE team_id = ?", ACME) != null);
        assertEquals(1, holdfast.count("SELECT COUNT(*) FROM slack_events_seen WHERE event_id = 'Ev-revoke'"));
    }

    @Test
    void aPostCaughtByTheUninstallIsHeldAndGoesOutAfterTheReinstall() throws Exception {
        holdfast.install(ACME, "Acme Sales", "xoxb-acme");
        CountDownLatch inFlight = holdfast.slack.holdNext("chat.postMessage");
        holdfast.slack.failNext("chat.postMessage", "token_revoked");
        holdfast.promise(ACME, "ULEE", "Acme Corp: send the SOC2 report by friday");
        holdfast.slack.awaitCall("chat.postMessage", HoldfastForEveryWorkspace.WAIT);

        holdfast.appUninstalled(ACME, "Ev-uninstall");
        holdfast.await("the tenant paused", () -> holdfast.paused(ACME));
        inFlight.countDown();
        holdfast.await("the card held", () -> holdfast.text("SELECT last_error FROM outbox WHERE status = 'PENDING'") != null);

        assertTrue(holdfast.text("SELECT last_error FROM outbox WHERE status = 'PENDING'").startsWith("held while the workspace is uninstalled"));
        assertEquals(0, holdfast.deliverNow(), "a paused workspace's posts are not tried");
        holdfast.install(ACME, "Acme Sales", "xoxb-acme-2");
        assertTrue(postedWith("xoxb-acme-2", "send the SOC2 report").text().contains("Promise #1"));
        assertEquals(0, holdfast.count("SELECT COUNT(*) FROM outbox WHERE status = 'FAILED'"));
    }

    @Test
    void aPostWhoseTokenIsRefusedWaitsAndGoesOutOnceTheWorkspaceInstallsAgain() {
        holdfast.install(ACME, "Acme Sales", "xoxb-acme");
        holdfast.slack.failNext("chat.postMessage", "invalid_auth");
        holdfast.promise(ACME, "ULEE", "Acme Corp: send the SOC2 report by friday");
        holdfast.await("the refused card waiting", () -> "invalid_auth".equals(holdfast.text("SELECT last_error FROM outbox WHERE status = 'PENDING'")));

        assertEquals(0, holdfast.count("SELECT COUNT(*) FROM outbox WHERE status = 'FAILED'"), "not failed for good");
        holdfast.install(ACME, "Acme Sales", "xoxb-acme-2");
        holdfast.clock.advance(Duration.ofMinutes(1));

        assertTrue(postedWith("xoxb-acme-2", "send the SOC2 report").text().contains("Promise #1"));
    }

    @Test
    void stoppingHoldfastEndsEveryThreadBoltStarted() throws Exception {
        List<Thread> before = boltThreads();
        holdfast.install(ACME, "Acme Sales", "xoxb-acme");
        holdfast.promise(ACME, "ULEE", "Acme Corp: send the SOC2 report by friday");
        List<Thread> started = boltThreads().stream().filter(t -> !before.contains(t)).toList();

        holdfast.close();
        holdfast = null;

        assertFalse(started.isEmpty(), "Bolt's authorization starts its auth.test cache cleaner with the first request");
        Await.until("no Bolt thread left, so the JVM can exit: " + started, HoldfastForEveryWorkspace.WAIT,
                () -> started.stream().noneMatch(Thread::isAlive));
    }

    private static List<Thread> boltThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("bolt-app-threads") || t.getName().startsWith("MultiTeamsAuthorization"))
                .toList();
    }

    @Test
    void unsignedSlackRequestsAreStillRefused() {
        holdfast.install(ACME, "Acme Sales", "xoxb-acme");
        String body = holdfast.requests().slashCommandBody(ACME, "ULEE", HoldfastForEveryWorkspace.CHANNEL, "/promise", "list",
                holdfast.slack.responseUrl("cmd"), "trigger-x");

        assertEquals(401, holdfast.requests().forged(body).status());
        assertEquals(401, holdfast.requests().raw(body, null, null, "application/x-www-form-urlencoded").status());
    }
}
