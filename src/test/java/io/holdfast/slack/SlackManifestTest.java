package io.holdfast.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The Slack app manifest as someone creating the app pastes it: every door on one URL, and the Home tab switched on. */
class SlackManifestTest {
    private static final Path MANIFEST = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize()
            .resolve("manifests/slack/manifest.yaml");
    private static final String EVENTS_URL = "https://holdfast.example.com/slack/events";

    @SuppressWarnings("unchecked")
    private static Map<String, Object> manifest() throws IOException {
        try (Reader in = Files.newBufferedReader(MANIFEST)) {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object child = parent.get(key);
        assertTrue(child instanceof Map, key + " is missing");
        return (Map<String, Object>) child;
    }

    @Test
    void theHomeTabIsOnAndOpeningItReachesHoldfast() throws IOException {
        Map<String, Object> manifest = manifest();

        Map<String, Object> appHome = map(map(manifest, "features"), "app_home");
        assertEquals(true, appHome.get("home_tab_enabled"));
        assertEquals(true, appHome.get("messages_tab_enabled"), "private notes from Holdfast arrive in the Messages tab");
        Map<String, Object> events = map(map(manifest, "settings"), "event_subscriptions");
        assertEquals(EVENTS_URL, events.get("request_url"));
        assertTrue(((List<?>) events.get("bot_events")).contains("app_home_opened"), events.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void commandsInteractivityAndEventsAllArriveAtSlackEvents() throws IOException {
        Map<String, Object> manifest = manifest();
        List<Object> urls = new ArrayList<>();
        for (Map<String, Object> command : (List<Map<String, Object>>) map(manifest, "features").get("slash_commands")) {
            urls.add(command.get("url"));
        }
        urls.add(map(map(manifest, "settings"), "interactivity").get("request_url"));
        urls.add(map(map(manifest, "settings"), "event_subscriptions").get("request_url"));

        assertTrue(urls.stream().allMatch(EVENTS_URL::equals), urls.toString());
    }
}
