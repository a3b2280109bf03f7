package io.holdfast.slack;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.holdfast.promise.PromiseMessages;
import io.holdfast.testing.FakeSlackApi;
import io.holdfast.testing.HoldfastForEveryWorkspace;
import io.holdfast.testing.HoldfastForEveryWorkspace.Page;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The install pages are opened by browsers, unsigned; a Slack-shaped body sent there (a slash command, a
 * button press, an event) is refused before it can reach a handler, so nobody acts in a workspace through them.
 */
class InstallPagesRefuseSlackRequestsTest {
    static final Instant NOW = InstallInEveryWorkspaceTest.NOW;
    static final String ACME = InstallInEveryWorkspaceTest.ACME;
    static final String FORM = "application/x-www-form-urlencoded";
    static final List<String> PAGES = List.of("/slack/install", "/slack/oauth_redirect");

    @TempDir
    Path dir;
    HoldfastForEveryWorkspace holdfast;

    @BeforeEach
    void start() throws Exception {
        holdfast = new HoldfastForEveryWorkspace(dir, NOW);
        holdfast.slack.user("ULEE", "Lee", "America/New_York", false);
        holdfast.install(ACME, "Acme Sales", "xoxb-acme");
        holdfast.slack.reset();
    }

    @AfterEach
    void close() throws Exception {
        holdfast.close();
    }

    private record Forged(String what, String contentType, String body) {}

    private List<Forged> forgeries() {
        return List.of(
                new Forged("a slash command", FORM, holdfast.requests().slashCommandBody(ACME, "ULEE", HoldfastForEveryWorkspace.CHANNEL, "/promise",
                        "Acme Corp: send the SOC2 report by friday", holdfast.slack.responseUrl("cmd"), "trigger-1")),
                new Forged("a button press", FORM, holdfast.requests().blockActionBody(ACME, "ULEE", HoldfastForEveryWorkspace.CHANNEL, "1.0001",
                        PromiseMessages.DONE_ACTION, "1", holdfast.slack.responseUrl("btn"), "trigger-2")),
                new Forged("an uninstall event", "application/json", holdfast.eventBody(ACME, "Ev-forged",
                        HoldfastForEveryWorkspace.appUninstalledEvent(NOW), NOW)));
    }

    @Test
    void aSlackRequestSentToAnInstallPageIsRefusedAndChangesNothing() {
        List<String> answers = new ArrayList<>();
        for (String page : PAGES) {
            for (Forged forged : forgeries()) {
                Page get = holdfast.send("GET", page, forged.contentType(), forged.body());
                Page post = holdfast.send("POST", page, forged.contentType(), forged.body());
                answers.add(forged.what() + " to " + page + ": GET " + get.status() + ", POST " + post.status());
                assertAll(forged.what() + " to " + page,
                        () -> assertEquals(400, get.status(), get.body()),
                        () -> assertTrue(get.body().contains("open /slack/install in a browser"), get.body()),
                        () -> assertEquals(405, post.status(), post.body()),
                        () -> assertTrue(post.body().contains("Slack's commands and events go to /slack/events"), post.body()));
            }
        }

        assertAll(String.join("; ", answers),
                () -> assertEquals(0, holdfast.count("SELECT COUNT(*) FROM promises"), "no promise was made"),
                () -> assertFalse(holdfast.paused(ACME), "the workspace was not paused"),
                () -> assertNotNull(holdfast.text("SELECT bot_token FROM slack_installations WHERE team_id = ?", ACME), "its token is still there"),
                () -> assertEquals(0, holdfast.count("SELECT COUNT(*) FROM slack_events_seen"), "no event was taken"),
                () -> assertEquals(0, holdfast.count("SELECT COUNT(*) FROM outbox"), "nothing was queued to post"),
                () -> assertEquals(List.of(), holdfast.slack.calls(), "nothing reached Slack"));
    }

    @Test
    void theInstallPagesStillWorkAfterwards() {
        for (Forged forged : forgeries()) {
            holdfast.send("GET", "/slack/install", forged.contentType(), forged.body());
        }

        Page start = holdfast.get("/slack/install", null);
        holdfast.slack.installable("code-g", "TGLOBEX", "Globex", "xoxb-globex", "UINSTALLER");
        Page done = holdfast.get("/slack/oauth_redirect?code=code-g&state=" + start.state(), start.cookie());

        assertEquals(200, start.status(), start.body());
        assertTrue(done.body().contains("Holdfast is installed in Globex"), done.body());
        assertEquals(1, holdfast.slack.count("oauth.v2.access"));
    }

    @Test
    void anInstallPageAnswersOnlyItsOwnSteps() {
        Page redirectWithoutAnything = holdfast.get("/slack/oauth_redirect", null);
        Page head = holdfast.send("HEAD", "/slack/install", null, "");
        Page put = holdfast.send("PUT", "/slack/install", FORM, "");

        assertAll(
                () -> assertEquals(404, redirectWithoutAnything.status(), "not the end of an install: " + redirectWithoutAnything.body()),
                () -> assertTrue(redirectWithoutAnything.body().contains("open /slack/install in a browser"), redirectWithoutAnything.body()),
                () -> assertEquals(200, head.status()),
                () -> assertEquals(405, put.status()),
                () -> assertEquals(0, holdfast.slack.count(FakeSlackApi.RESPONSE_URL)));
    }
}
