package io.holdfast.teams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Teams app package as a person uploading it meets it: Teams refuses a package whose manifest
 * breaks the schema's limits, whose icons have the wrong size or colours, or whose files are not
 * at the zip's root.
 */
class TeamsManifestTest {
    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    private static final Path TEAMS = ROOT.resolve("manifests/teams");
    private static final String PLACEHOLDER = "{{MICROSOFT_APP_ID}}";
    private static final String APP_ID = "00000000-0000-0000-0000-000000000001";
    private static final List<String> COMMANDS = List.of("promise", "escalate", "kudos", "holdfast", "help");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode manifest() throws IOException {
        return JSON.readTree(TEAMS.resolve("manifest.json").toFile());
    }

    @Test
    void manifestUsesTheCurrentSchemaAndItsOwnVersionInTheSchemaUrl() throws IOException {
        JsonNode manifest = manifest();
        assertEquals("1.30", manifest.path("manifestVersion").asText());
        assertEquals("https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json",
                manifest.path("$schema").asText());
        assertTrue(manifest.path("version").asText().matches("\\d+\\.\\d+\\.\\d+"), "the app version must be semver");
    }

    @Test
    void appAndBotShareTheOneAppIdPlaceholder() throws IOException {
        JsonNode manifest = manifest();
        assertEquals(PLACEHOLDER, manifest.path("id").asText());
        assertEquals(1, manifest.path("bots").size(), "Teams allows one bot per app");
        assertEquals(manifest.path("id").asText(), manifest.path("bots").get(0).path("botId").asText());
    }

    @Test
    void listingTextFitsWhatTeamsAccepts() throws IOException {
        JsonNode manifest = manifest();
        assertEquals("Holdfast", manifest.path("name").path("short").asText());
        assertEquals("Holdfast — keep client promises", manifest.path("name").path("full").asText());
        assertWithin(30, manifest.path("name").path("short"));
        assertWithin(100, manifest.path("name").path("full"));
        assertWithin(80, manifest.path("description").path("short"));
        assertWithin(4000, manifest.path("description").path("full"));
        String full = manifest.path("description").path("full").asText().toLowerCase();
        for (String feature : List.of("promise", "escalation", "sla", "at risk", "nudge", "kudos")) {
            assertTrue(full.contains(feature), "the full description should mention " + feature);
        }
        JsonNode developer = manifest.path("developer");
        assertWithin(32, developer.path("name"));
        for (String url : List.of("websiteUrl", "privacyUrl", "termsOfUseUrl")) {
            assertTrue(developer.path(url).asText().startsWith("https://github.com/holdfast-app/holdfast"), url);
        }
        assertTrue(manifest.path("accentColor").asText().matches("#[0-9A-Fa-f]{6}"), "accentColor must be #RRGGBB");
        assertEquals("color.png", manifest.path("icons").path("color").asText());
        assertEquals("outline.png", manifest.path("icons").path("outline").asText());
    }

    @Test
    void botIsConversationalInTeamsPersonalChatsAndGroupChats() throws IOException {
        JsonNode bot = manifest().path("bots").get(0);
        assertEquals(Set.of("team", "personal", "groupChat"), strings(bot.path("scopes")));
        assertEquals(3, bot.path("scopes").size());
        assertFalse(bot.path("supportsFiles").asBoolean(true));
        assertFalse(bot.path("isNotificationOnly").asBoolean(true));
    }

    @Test
    void everyScopeOffersTheSameFiveCommandsWithHintsTeamsCanShow() throws IOException {
        JsonNode bot = manifest().path("bots").get(0);
        List<String> listScopes = new ArrayList<>();
        for (JsonNode list : bot.path("commandLists")) {
            String scope = list.path("scopes").get(0).asText();
            assertEquals(1, list.path("scopes").size(), "one command list per scope");
            listScopes.add(scope);
            List<String> titles = new ArrayList<>();
            for (JsonNode command : list.path("commands")) {
                String title = command.path("title").asText();
                String description = command.path("description").asText();
                titles.add(title);
                assertWithin(32, command.path("title"));
                assertWithin(128, command.path("description"));
                assertFalse(description.isBlank(), scope + " " + title + " needs a description");
                if (!title.equals("help")) {
                    assertTrue(description.contains(title + " "), scope + " " + title + " should show an example: " + description);
                }
            }
            assertEquals(COMMANDS, titles, "commands in the " + scope + " list");
        }
        assertEquals(List.of("team", "personal", "groupChat"), listScopes);
        String promise = bot.path("commandLists").get(0).path("commands").get(0).path("description").asText();
        assertTrue(promise.contains("promise Acme Corp: send the renewal quote by friday"), promise);
    }

    @Test
    void colorIconIsAnOpaque192SquareWithAVisibleMark() throws IOException {
        byte[] png = Files.readAllBytes(TEAMS.resolve("color.png"));
        assertEquals(Map.of("width", 192, "height", 192), ihdrSize(png));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int argb = image.getRGB(x, y);
                assertEquals(0xFF, argb >>> 24, "the colour icon is opaque at " + x + "," + y);
                colours.add(argb & 0xFFFFFF);
            }
        }
        int background = image.getRGB(0, 0) & 0xFFFFFF;
        assertEquals(Integer.parseInt(manifest().path("accentColor").asText().substring(1), 16), background,
                "the icon's background is the manifest's accent colour");
        assertTrue(colours.contains(0xFFFFFF), "the mark is drawn in white");
    }

    @Test
    void outlineIconIs32SquareOfWhiteOnTransparentOnly() throws IOException {
        byte[] png = Files.readAllBytes(TEAMS.resolve("outline.png"));
        assertEquals(Map.of("width", 32, "height", 32), ihdrSize(png));
        assertEquals(6, png[25], "outline.png must be RGBA (PNG colour type 6) to carry transparency");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int opaque = 0;
        int transparent = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int argb = image.getRGB(x, y);
                int alpha = argb >>> 24;
                if (alpha == 0) {
                    transparent++;
                } else {
                    assertEquals(0xFFFFFF, argb & 0xFFFFFF,
                            "pixel " + x + "," + y + " is visible and not white: #" + Integer.toHexString(argb));
                    if (alpha == 0xFF) {
                        opaque++;
                    }
                }
            }
        }
        assertTrue(opaque >= 40, "the outline mark is visible (" + opaque + " solid pixels)");
        assertTrue(transparent >= 32 * 32 / 2, "the outline's background is transparent");
    }

    @Test
    void packageScriptBuildsAnUploadableZipWithTheRealIdFromAnyDirectory(@TempDir Path elsewhere) throws Exception {
        Run run = packageScript(elsewhere, APP_ID);
        assertEquals(0, run.exit, run.stderr);
        Path zip = ROOT.resolve("target/holdfast-teams.zip");
        assertEquals(zip.toString(), run.stdout.strip(), "the script prints the zip's path");

        Map<String, byte[]> entries = unzip(zip);
        assertEquals(List.of("color.png", "manifest.json", "outline.png"), entries.keySet().stream().sorted().toList(),
                "Teams wants exactly these three files at the zip's root");
        assertArrayEquals(Files.readAllBytes(TEAMS.resolve("color.png")), entries.get("color.png"));
        assertArrayEquals(Files.readAllBytes(TEAMS.resolve("outline.png")), entries.get("outline.png"));

        String packaged = new String(entries.get("manifest.json"), StandardCharsets.UTF_8);
        assertFalse(packaged.contains("{{"), "no placeholder is left in the packaged manifest");
        JsonNode manifest = JSON.readTree(packaged);
        assertEquals(APP_ID, manifest.path("id").asText());
        assertEquals(APP_ID, manifest.path("bots").get(0).path("botId").asText());
        assertEquals(JSON.readTree(Files.readString(TEAMS.resolve("manifest.json")).replace(PLACEHOLDER, APP_ID)), manifest,
                "only the id changes");

        Run again = packageScript(elsewhere, APP_ID);
        assertEquals(0, again.exit, again.stderr);
        assertEquals(entries.keySet(), unzip(zip).keySet(), "running it twice gives the same package");
    }

    @Test
    void packageScriptRefusesAMissingAppIdWithExitCode2(@TempDir Path elsewhere) throws Exception {
        Run run = packageScript(elsewhere, null);
        assertEquals(2, run.exit);
        assertEquals("", run.stdout);
        assertEquals(1, run.stderr.strip().lines().count(), run.stderr);
        assertTrue(run.stderr.contains("MICROSOFT_APP_ID"), run.stderr);
    }

    @Test
    void packageScriptRefusesAnAppIdThatIsNotAGuid(@TempDir Path elsewhere) throws Exception {
        Run run = packageScript(elsewhere, "holdfast-bot");
        assertEquals(2, run.exit);
        assertEquals("", run.stdout);
        assertTrue(run.stderr.contains("GUID"), run.stderr);
        assertFalse(run.stderr.contains("holdfast-bot"), "the value is not echoed (it might be a secret pasted by mistake)");
    }

    private record Run(int exit, String stdout, String stderr) {}

    private static Run packageScript(Path workingDirectory, String appId) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", TEAMS.resolve("package.sh").toString()).directory(workingDirectory.toFile());
        builder.environment().remove("MICROSOFT_APP_ID");
        if (appId != null) {
            builder.environment().put("MICROSOFT_APP_ID", appId);
        }
        Path out = workingDirectory.resolve("stdout");
        Path err = workingDirectory.resolve("stderr");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "package.sh finished within a minute");
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static Map<String, byte[]> unzip(Path zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    /** Width and height from the PNG's IHDR chunk, which must come first after the signature. */
    private static Map<String, Integer> ihdrSize(byte[] png) {
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        for (int i = 0; i < signature.length; i++) {
            assertEquals(signature[i], png[i], "PNG signature byte " + i);
        }
        assertEquals("IHDR", new String(png, 12, 4, StandardCharsets.US_ASCII));
        ByteBuffer header = ByteBuffer.wrap(png, 16, 8);
        return Map.of("width", header.getInt(), "height", header.getInt());
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> values = new HashSet<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static void assertWithin(int limit, JsonNode text) {
        assertNotNull(text);
        assertTrue(text.isTextual() && !text.asText().isEmpty(), "missing text");
        int length = text.asText().codePointCount(0, text.asText().length());
        assertTrue(length <= limit, "'" + text.asText() + "' is " + length + " characters; the limit is " + limit);
    }
}
