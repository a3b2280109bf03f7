package io.holdfast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The Kubernetes manifests as an operator relies on them: what `kubectl apply -k` installs in each
 * database mode, that the pods run hardened with their credentials from the Secret, that the probes
 * mean what the README says, and that SQLite mode can never run a second process on its file.
 */
class KubernetesManifestsTest {
    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    private static final Path K8S = ROOT.resolve("manifests/kubernetes");
    private static final String POSTGRESQL = "postgresql";
    private static final String SQLITE = "sqlite";
    private static final List<String> MODES = List.of(POSTGRESQL, SQLITE);
    /** Applied by hand, once: never part of a kustomization (see each file's header for why). */
    private static final Set<String> STANDALONE = Set.of("secret.example.yaml", "migrate-data-job.yaml");
    private static final String SECRET_NAME = "holdfast";
    private static final Set<String> DB_CREDENTIALS = Set.of("HOLDFAST_DB_USER", "HOLDFAST_DB_PASSWORD");
    /** Slack and Teams are each off when unset, so a missing key must not keep the pod from starting. */
    private static final Set<String> CHAT_CREDENTIALS = Set.of("SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN", "SLACK_CLIENT_ID",
            "SLACK_CLIENT_SECRET", "HOLDFAST_ENCRYPTION_KEY", "MICROSOFT_APP_ID", "MICROSOFT_APP_PASSWORD", "MICROSOFT_APP_TENANT_ID");
    private static final Pattern SECRET_LOOKING_NAME =
            Pattern.compile(".*(SECRET|TOKEN|PASSWORD|PASSWD|CREDENTIAL|KEY|_USER|_APP_ID|TENANT_ID|CLIENT_ID).*");
    private static final Pattern SECRET_LOOKING_VALUE =
            Pattern.compile("(?i).*(xox[abposr]-|password=|://[^/@\\s]+:[^/@\\s]+@).*");
    private static final int UID = 10001;
    private static final int APP_PORT = 3000;
    private static final Yaml YAML = new Yaml(new SafeConstructor(new LoaderOptions()));

    // ---- what each mode's kustomization installs ----

    @Test
    void eachModesKustomizationListsExactlyTheManifestsBesideIt() throws IOException {
        for (String mode : MODES) {
            Path dir = K8S.resolve(mode);
            List<String> listed = kustomizationResources(mode);
            for (String resource : listed) {
                assertFalse(resource.contains(".."), mode + "/kustomization.yaml reaches outside its directory with " + resource
                        + "; the example Secret in particular must never be applied by `kubectl apply -k`");
                assertTrue(Files.isRegularFile(dir.resolve(resource)), mode + "/kustomization.yaml lists " + resource + ", which does not exist");
            }
            Set<String> onDisk;
            try (Stream<Path> files = Files.walk(dir)) {
                onDisk = files.filter(KubernetesManifestsTest::isYaml)
                        .map(file -> dir.relativize(file).toString())
                        .filter(name -> !name.equals("kustomization.yaml"))
                        .collect(Collectors.toCollection(TreeSet::new));
            }
            Set<String> unlisted = new TreeSet<>(onDisk);
            unlisted.removeAll(listed);
            assertEquals(Set.of(), unlisted, mode + "/kustomization.yaml does not list these manifests, so `kubectl apply -k` skips them");
            assertEquals(listed.size(), new HashSet<>(listed).size(), mode + "/kustomization.yaml lists a file twice: " + listed);
        }
    }

    @Test
    void outsideTheModesThereIsOnlyTheExampleSecretAndTheOneOffMigrationJob() throws IOException {
        Set<String> loose;
        try (Stream<Path> files = Files.list(K8S)) {
            loose = files.filter(KubernetesManifestsTest::isYaml).map(file -> file.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(new TreeSet<>(STANDALONE), loose,
                "manifests/kubernetes/ holds only files applied by hand; anything else belongs in a mode's directory and kustomization");
        try (Stream<Path> entries = Files.list(K8S)) {
            assertEquals(new TreeSet<>(MODES), entries.filter(Files::isDirectory).map(dir -> dir.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new)), "one directory per database mode");
        }
        assertEquals("Secret", single(standalone("secret.example.yaml")).kind());
        assertEquals("Job", single(standalone("migrate-data-job.yaml")).kind());
    }

    @Test
    void everyObjectIsNamedAndLabelledAsHoldfast() throws IOException {
        for (Manifest m : all()) {
            assertNotNull(m.body().get("apiVersion"), m + " has no apiVersion");
            assertFalse(text(m.body(), "metadata.name", m.toString()).isBlank(), m + " has no name");
            assertEquals("holdfast", find(m.body(), "metadata.labels.app.kubernetes.io/name"), m + " lacks app.kubernetes.io/name: holdfast");
            assertNull(find(m.body(), "metadata.namespace"), m + " pins a namespace; operators choose it with -n or a kustomize overlay");
        }
    }

    // ---- PostgreSQL mode ----

    @Test
    void postgresqlModeRunsTwoReplicasThatUpgradeWithoutLosingOne() throws IOException {
        Manifest deployment = workload(POSTGRESQL);
        assertEquals("Deployment", deployment.kind(), "PostgreSQL mode scales out, so it is a Deployment");
        assertEquals(2, find(deployment.body(), "spec.replicas"), deployment + " should run 2 replicas");
        assertEquals("RollingUpdate", find(deployment.body(), "spec.strategy.type"), deployment + " strategy");
        assertEquals(0, find(deployment.body(), "spec.strategy.rollingUpdate.maxUnavailable"),
                deployment + ": an upgrade must start a ready replacement before it stops an old replica");
        Object surge = find(deployment.body(), "spec.strategy.rollingUpdate.maxSurge");
        assertTrue(surge == null || !List.of(0, "0", "0%").contains(surge),
                deployment + ": maxSurge 0 with maxUnavailable 0 lets an upgrade make no progress");
        Map<String, Object> spread = map(deployment.body(), "spec.template.spec", deployment.toString());
        boolean prefersOtherNodes = spreadsAcrossHosts(spread, podLabels(deployment))
                || find(spread, "affinity.podAntiAffinity") != null;
        assertTrue(prefersOtherNodes, deployment + ": the replicas should prefer different nodes (topologySpreadConstraints on "
                + "kubernetes.io/hostname or podAntiAffinity), so one node going down leaves one serving");
    }

    @Test
    void postgresqlModeUsesPostgresqlWithAPoolPerReplicaAndCredentialsFromTheSecret() throws IOException {
        Manifest deployment = workload(POSTGRESQL);
        Map<String, Object> container = mainContainer(deployment);
        String url = literalEnv(deployment, container, "HOLDFAST_DB_URL");
        assertTrue(url.startsWith("jdbc:postgresql://"), deployment + ": HOLDFAST_DB_URL should be a jdbc:postgresql:// URL, was " + url);
        assertFalse(url.toLowerCase().contains("password"), deployment + ": the password belongs in the Secret, not in HOLDFAST_DB_URL");
        Map<String, Object> pool = env(container).get("HOLDFAST_DB_POOL_SIZE");
        if (pool != null) {
            int size = Integer.parseInt(String.valueOf(pool.get("value")));
            assertTrue(size >= 6 && size <= 200, deployment + ": HOLDFAST_DB_POOL_SIZE must be 6–200, was " + size);
        }
        for (String name : DB_CREDENTIALS) {
            Map<String, Object> ref = secretKeyRef(deployment, container, name);
            assertNotEquals(Boolean.TRUE, ref.get("optional"),
                    deployment + ": " + name + " must not be optional; without it the pod should wait for the Secret rather than fail to connect");
        }
    }

    @Test
    void theDisruptionBudgetLeavesOneReplicaServingAndStillLetsDrainsThrough() throws IOException {
        Manifest budget = single(mode(POSTGRESQL).stream().filter(m -> m.kind().equals("PodDisruptionBudget")).toList());
        Manifest deployment = workload(POSTGRESQL);
        assertEquals(1, find(budget.body(), "spec.minAvailable"), budget + " minAvailable");
        assertTrue(1 < (Integer) find(deployment.body(), "spec.replicas"),
                budget + ": minAvailable must be below the replica count, or no node drain could ever evict a replica");
        assertSelects(budget, map(budget.body(), "spec.selector.matchLabels", budget.toString()), deployment);
    }

    // ---- SQLite mode ----

    @Test
    void sqliteModeIsExactlyOneReplicaThatIsStoppedBeforeItsReplacementStarts() throws IOException {
        Manifest statefulSet = workload(SQLITE);
        assertEquals("StatefulSet", statefulSet.kind(),
                "SQLite mode must be a StatefulSet: a Deployment's rolling update runs the old and new pod on the file at once");
        assertEquals(1, find(statefulSet.body(), "spec.replicas"), statefulSet
                + " must run exactly 1 replica: SQLite has one writer, its scheduler keeps triggers in memory and its outbox "
                + "isn't claimed across processes, so a second pod would fire digests and post twice");
        assertNotEquals("Parallel", find(statefulSet.body(), "spec.podManagementPolicy"), statefulSet + " podManagementPolicy");
        for (Manifest m : all()) {
            assertFalse(m.kind().equals("HorizontalPodAutoscaler") && statefulSet.name().equals(find(m.body(), "spec.scaleTargetRef.name"))
                            && "StatefulSet".equals(find(m.body(), "spec.scaleTargetRef.kind")),
                    m + " would scale the SQLite StatefulSet past one replica");
            assertFalse(m.file().startsWith(K8S.resolve(SQLITE)) && m.kind().equals("PodDisruptionBudget"),
                    m + ": a budget on a single replica only blocks node drains");
        }
        String serviceName = text(statefulSet.body(), "spec.serviceName", statefulSet.toString());
        assertTrue(mode(SQLITE).stream().anyMatch(m -> m.kind().equals("Service") && m.name().equals(serviceName)),
                statefulSet + ": spec.serviceName " + serviceName + " names no Service in sqlite/");
    }

    @Test
    void sqliteModeKeepsItsDatabaseFileOnTheVolumeClaim() throws IOException {
        Manifest statefulSet = workload(SQLITE);
        Map<String, Object> container = mainContainer(statefulSet);
        String url = literalEnv(statefulSet, container, "HOLDFAST_DB_URL");
        assertTrue(url.startsWith("jdbc:sqlite:/"), statefulSet + ": HOLDFAST_DB_URL should be jdbc:sqlite: with an absolute path, was " + url);
        Path file = Path.of(url.substring("jdbc:sqlite:".length()));

        Map<String, Object> claim = single(list(statefulSet.body(), "spec.volumeClaimTemplates", statefulSet.toString()), statefulSet + " volumeClaimTemplates");
        String claimName = text(claim, "metadata.name", statefulSet + " volume claim");
        assertEquals(List.of("ReadWriteOnce"), find(claim, "spec.accessModes"), statefulSet + ": the claim should be ReadWriteOnce");
        assertEquals("1Gi", String.valueOf(find(claim, "spec.resources.requests.storage")), statefulSet + ": claim size");

        Map<String, Object> mount = mountNamed(container, claimName);
        assertNotNull(mount, statefulSet + ": the container does not mount the volume claim " + claimName);
        assertEquals(Path.of(text(mount, "mountPath", statefulSet.toString())), file.getParent(),
                statefulSet + ": HOLDFAST_DB_URL " + url + " must point into the claim's mount, or the database is lost with the pod");
        assertNotEquals(Boolean.TRUE, mount.get("readOnly"), statefulSet + ": the database volume must be writable");
        assertEquals(UID, find(statefulSet.body(), "spec.template.spec.securityContext.fsGroup"),
                statefulSet + ": fsGroup 10001 makes a fresh volume writable by the holdfast user");
    }

    @Test
    void theMigrationJobCopiesTheSqliteClaimIntoTheDeploymentsDatabase() throws IOException {
        Manifest job = single(standalone("migrate-data-job.yaml"));
        Manifest statefulSet = workload(SQLITE);
        Manifest deployment = workload(POSTGRESQL);
        Map<String, Object> container = mainContainer(job);
        List<Object> args = list(container, "args", job.toString());
        assertEquals("migrate-data", args.get(0), job + " should run the migrate-data command");
        assertEquals(literalEnv(statefulSet, mainContainer(statefulSet), "HOLDFAST_DB_URL"), argument(job, args, "--from"),
                job + ": --from must be the SQLite StatefulSet's database");
        assertEquals(literalEnv(deployment, mainContainer(deployment), "HOLDFAST_DB_URL"), argument(job, args, "--to"),
                job + ": --to must be the database the PostgreSQL Deployment uses");
        for (String name : DB_CREDENTIALS) {
            secretKeyRef(job, container, name);
        }

        Map<String, Object> template = single(list(statefulSet.body(), "spec.volumeClaimTemplates", statefulSet.toString()), "claims");
        String templateName = text(template, "metadata.name", statefulSet.toString());
        String claimOfPodZero = templateName + "-" + statefulSet.name() + "-0";
        Map<String, Object> pod = map(job.body(), "spec.template.spec", job.toString());
        Map<String, Object> volume = list(pod, "volumes", job.toString()).stream().map(KubernetesManifestsTest::asMap)
                .filter(v -> claimOfPodZero.equals(find(v, "persistentVolumeClaim.claimName"))).findFirst()
                .orElseGet(() -> fail(job + " does not mount " + claimOfPodZero + ", the claim the StatefulSet made for its pod"));
        Map<String, Object> mount = mountNamed(container, (String) volume.get("name"));
        assertNotNull(mount, job + ": the container does not mount the volume of claim " + claimOfPodZero);
        assertEquals(text(mountNamed(mainContainer(statefulSet), templateName), "mountPath", statefulSet.toString()), mount.get("mountPath"),
                job + " should mount the claim where the StatefulSet does, so --from finds the file");
        assertEquals("Never", pod.get("restartPolicy"), job + " restartPolicy");
        assertEquals(0, find(job.body(), "spec.backoffLimit"), job + ": a failed copy needs a person, not an automatic retry");
    }

    // ---- both modes ----

    @Test
    void probesAskTheHealthEndpointsOnTheContainersNamedPort() throws IOException {
        for (String mode : MODES) {
            Manifest workload = workload(mode);
            Map<String, Object> container = mainContainer(workload);
            Map<String, Object> http = list(container, "ports", workload.toString()).stream().map(KubernetesManifestsTest::asMap)
                    .filter(p -> "http".equals(p.get("name"))).findFirst()
                    .orElseGet(() -> fail(workload + ": the container has no port named http"));
            assertEquals(APP_PORT, http.get("containerPort"), workload + ": the http port");
            assertEquals(String.valueOf(http.get("containerPort")), literalEnv(workload, container, "HOLDFAST_PORT"),
                    workload + ": HOLDFAST_PORT must be the containerPort, or the probes and the Service knock on a closed port");

            assertProbe(workload, container, "readinessProbe", "/readyz");
            assertProbe(workload, container, "livenessProbe", "/healthz");
            Map<String, Object> startup = assertProbe(workload, container, "startupProbe", "/healthz");
            int budget = number(startup, "periodSeconds", 10) * number(startup, "failureThreshold", 3);
            assertTrue(budget >= 120, workload + ": the startup probe allows " + budget
                    + " s; migrations run before /healthz answers, so allow at least 2 minutes before liveness may restart the pod");
            Object grace = find(workload.body(), "spec.template.spec.terminationGracePeriodSeconds");
            assertTrue(grace instanceof Integer seconds && seconds >= 30, workload
                    + ": terminationGracePeriodSeconds should cover Jetty's 20 s graceful stop plus the preStop pause, was " + grace);
        }
    }

    @Test
    void everyReplicaIsScrapedForMetricsAndLogsOneJsonObjectPerLine() throws IOException {
        for (String mode : MODES) {
            Manifest workload = workload(mode);
            Map<String, Object> container = mainContainer(workload);
            Map<String, Object> annotations = map(workload.body(), "spec.template.metadata.annotations", workload.toString());
            assertEquals("true", annotations.get("prometheus.io/scrape"), workload + ": the pods should ask Prometheus to scrape them");
            assertEquals(literalEnv(workload, container, "HOLDFAST_PORT"), annotations.get("prometheus.io/port"),
                    workload + ": prometheus.io/port must be the port Holdfast listens on, as a string");
            assertEquals("/metrics", annotations.get("prometheus.io/path"), workload + ": prometheus.io/path");
            assertEquals("json", literalEnv(workload, container, "HOLDFAST_LOG_FORMAT"),
                    workload + ": in a cluster the log goes to a collector, one JSON object per line");
        }
    }

    @Test
    void servicesSendTrafficOnlyToTheirOwnModesPods() throws IOException {
        Manifest job = single(standalone("migrate-data-job.yaml"));
        for (String mode : MODES) {
            Manifest workload = workload(mode);
            Manifest other = workload(mode.equals(POSTGRESQL) ? SQLITE : POSTGRESQL);
            Manifest service = single(mode(mode).stream().filter(m -> m.kind().equals("Service")).toList());
            assertEquals("ClusterIP", find(service.body(), "spec.type"), service + " should be a ClusterIP Service");
            Map<String, Object> selector = map(service.body(), "spec.selector", service.toString());
            assertSelects(service, selector, workload);
            assertFalse(podLabels(other).entrySet().containsAll(selector.entrySet()),
                    service + " would also send traffic to the other mode's pods; its selector needs the label that tells the modes apart");
            assertFalse(podLabels(job).entrySet().containsAll(selector.entrySet()), service + " would send chat traffic to the migration Job");
            Map<String, Object> port = single(list(service.body(), "spec.ports", service.toString()), service + " ports");
            assertEquals(80, port.get("port"), service + " port");
            Object target = port.get("targetPort");
            boolean named = list(mainContainer(workload), "ports", workload.toString()).stream().map(KubernetesManifestsTest::asMap)
                    .anyMatch(p -> target.equals(p.get("name")) || target.equals(p.get("containerPort")));
            assertTrue(named, service + ": targetPort " + target + " is no port of " + workload + "'s container");
            assertSelects(workload, map(workload.body(), "spec.selector.matchLabels", workload.toString()), workload);
        }
    }

    @Test
    void everyContainerRunsAsTheImagesUserOnAReadOnlyRootWithATmpItCanWrite() throws IOException {
        for (Manifest owner : podOwners()) {
            Map<String, Object> pod = map(owner.body(), "spec.template.spec", owner.toString());
            assertEquals(Boolean.FALSE, pod.get("automountServiceAccountToken"), owner + ": the bot never calls the Kubernetes API, so mount no token");
            for (Map<String, Object> container : containers(owner)) {
                String where = owner + " container " + container.get("name");
                assertEquals(Boolean.TRUE, effective(pod, container, "runAsNonRoot"), where + ": runAsNonRoot");
                assertEquals(UID, effective(pod, container, "runAsUser"), where + ": runAsUser should be the image's holdfast user");
                assertEquals(UID, effective(pod, container, "runAsGroup"), where + ": runAsGroup should be the image's holdfast group");
                assertEquals(Boolean.TRUE, find(container, "securityContext.readOnlyRootFilesystem"), where + ": readOnlyRootFilesystem");
                assertEquals(Boolean.FALSE, find(container, "securityContext.allowPrivilegeEscalation"), where + ": allowPrivilegeEscalation");
                Object drop = find(container, "securityContext.capabilities.drop");
                assertTrue(drop instanceof List<?> dropped && dropped.contains("ALL"), where + ": capabilities should drop ALL, was " + drop);
                assertNull(find(container, "securityContext.capabilities.add"), where + " adds capabilities");
                assertNotEquals(Boolean.TRUE, find(container, "securityContext.privileged"), where + " is privileged");
                assertEquals("RuntimeDefault", effective(pod, container, "seccompProfile.type"), where + ": seccompProfile");

                Map<String, Object> tmp = list(container, "volumeMounts", where).stream().map(KubernetesManifestsTest::asMap)
                        .filter(m -> "/tmp".equals(m.get("mountPath"))).findFirst()
                        .orElseGet(() -> fail(where + ": with a read-only root, /tmp needs a volume (sqlite-jdbc's native library, JVM and Jetty temp files)"));
                Object volume = list(pod, "volumes", owner.toString()).stream().map(KubernetesManifestsTest::asMap)
                        .filter(v -> tmp.get("name").equals(v.get("name"))).findFirst().map(v -> v.get("emptyDir")).orElse(null);
                assertNotNull(volume, where + ": /tmp should be an emptyDir, scratch that dies with the pod");
            }
        }
    }

    @Test
    void serviceLinksAreOffSoKubernetesCannotOverwriteHoldfastPort() throws IOException {
        for (Manifest owner : podOwners()) {
            assertEquals(Boolean.FALSE, find(owner.body(), "spec.template.spec.enableServiceLinks"), owner
                    + ": with service links on, the Service named holdfast injects HOLDFAST_PORT=tcp://…:80, which Holdfast refuses at start-up");
        }
    }

    @Test
    void everyContainerRequestsAndLimitsCpuAndMemory() throws IOException {
        for (Manifest owner : podOwners()) {
            for (Map<String, Object> container : containers(owner)) {
                String where = owner + " container " + container.get("name");
                for (String resource : List.of("cpu", "memory")) {
                    Object request = find(container, "resources.requests." + resource);
                    Object limit = find(container, "resources.limits." + resource);
                    assertNotNull(request, where + " has no " + resource + " request");
                    assertNotNull(limit, where + " has no " + resource + " limit");
                    assertTrue(quantity(request).compareTo(quantity(limit)) <= 0,
                            where + ": the " + resource + " request " + request + " is above the limit " + limit);
                }
                assertTrue(quantity(find(container, "resources.limits.memory")).compareTo(quantity("512Mi")) >= 0,
                        where + ": the JVM takes 75% of the memory limit as heap; below 512Mi leaves too little for it");
            }
        }
    }

    @Test
    void everyContainerRunsTheReleasedImage() throws Exception {
        String expected = "holdfast:" + projectVersion();
        for (Manifest owner : podOwners()) {
            for (Map<String, Object> container : containers(owner)) {
                assertEquals(expected, container.get("image"), owner + " container " + container.get("name")
                        + " should run the image of this release (operators replace it, e.g. with kustomize edit set image)");
            }
        }
    }

    // ---- secrets ----

    @Test
    void credentialsComeOnlyFromTheHoldfastSecretUnderTheirOwnNames() throws IOException {
        for (Manifest owner : podOwners()) {
            for (Map<String, Object> container : containers(owner)) {
                String where = owner + " container " + container.get("name");
                for (Object from : container.get("envFrom") instanceof List<?> l ? l : List.of()) {
                    assertNull(find(from, "configMapRef"), where + ": credentials must not come from a ConfigMap");
                }
                for (Map<String, Object> variable : env(container).values()) {
                    String name = (String) variable.get("name");
                    Object value = variable.get("value");
                    if (value != null) {
                        assertFalse(SECRET_LOOKING_VALUE.matcher(String.valueOf(value)).matches(),
                                where + ": " + name + " holds a literal credential; put it in the Secret");
                    }
                    boolean secretLooking = SECRET_LOOKING_NAME.matcher(name).matches() || DB_CREDENTIALS.contains(name)
                            || CHAT_CREDENTIALS.contains(name);
                    if (!secretLooking) {
                        continue;
                    }
                    Map<String, Object> ref = secretKeyRef(owner, container, name);
                    assertEquals(SECRET_NAME, ref.get("name"), where + ": " + name + " should come from the Secret " + SECRET_NAME);
                    assertEquals(name, ref.get("key"),
                            where + ": " + name + " should read the key of the same name, so `kubectl create secret --from-env-file` fills it");
                    if (CHAT_CREDENTIALS.contains(name)) {
                        assertEquals(Boolean.TRUE, ref.get("optional"),
                                where + ": " + name + " should be optional: Slack and Teams are each off when their keys are absent");
                    }
                }
            }
        }
    }

    @Test
    void everyWorkloadPassesTheChatCredentialsItCanUse() throws IOException {
        for (String mode : MODES) {
            Manifest workload = workload(mode);
            Set<String> names = env(mainContainer(workload)).keySet();
            for (String name : CHAT_CREDENTIALS) {
                assertTrue(names.contains(name), workload + " never passes " + name + ", so that setting in the Secret would be ignored");
            }
        }
    }

    @Test
    void everyEnvValueIsAStringAsTheApiRequires() throws IOException {
        for (Manifest owner : podOwners()) {
            for (Map<String, Object> container : containers(owner)) {
                for (Map<String, Object> variable : env(container).values()) {
                    Object value = variable.get("value");
                    assertTrue(value == null || value instanceof String, () -> owner + ": env " + variable.get("name")
                            + " is " + value + " unquoted: YAML reads it as " + value.getClass().getSimpleName() + ", and the API accepts only strings");
                }
            }
        }
    }

    @Test
    void theExampleSecretHoldsOnlyPlaceholdersForTheKeysTheWorkloadsRead() throws IOException {
        Manifest secret = single(standalone("secret.example.yaml"));
        assertEquals(SECRET_NAME, secret.name(), secret + " should be the Secret the workloads read");
        Map<String, Object> data = map(secret.body(), "stringData", secret.toString());
        assertNull(secret.body().get("data"), secret + ": keep the example readable in stringData");
        for (Map.Entry<String, Object> entry : data.entrySet()) {
            assertTrue(String.valueOf(entry.getValue()).contains("replace-me"),
                    secret + ": " + entry.getKey() + " should be an obvious placeholder (replace-me), was " + entry.getValue());
        }
        Set<String> read = new TreeSet<>();
        Set<String> required = new TreeSet<>();
        for (Manifest owner : podOwners()) {
            for (Map<String, Object> container : containers(owner)) {
                for (Map<String, Object> variable : env(container).values()) {
                    Object ref = find(variable, "valueFrom.secretKeyRef");
                    if (ref != null) {
                        read.add((String) find(ref, "key"));
                        if (!Boolean.TRUE.equals(find(ref, "optional"))) {
                            required.add((String) find(ref, "key"));
                        }
                    }
                }
            }
        }
        assertTrue(data.keySet().containsAll(required), secret + " lacks keys a pod cannot start without: "
                + required.stream().filter(k -> !data.containsKey(k)).toList());
        assertTrue(read.containsAll(data.keySet()), secret + " has keys no workload reads: "
                + data.keySet().stream().filter(k -> !read.contains(k)).toList());
        assertTrue(String.valueOf(data.get("SLACK_BOT_TOKEN")).startsWith("xoxb-"),
                secret + ": SLACK_BOT_TOKEN's placeholder should keep the xoxb- prefix Holdfast checks for");
    }

    // ---- helpers ----

    private record Manifest(Path file, Map<String, Object> body) {
        String kind() {
            return String.valueOf(body.get("kind"));
        }

        String name() {
            return String.valueOf(find(body, "metadata.name"));
        }

        @Override
        public String toString() {
            return K8S.relativize(file) + " " + kind() + "/" + name();
        }
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    private static List<Manifest> load(Path file) throws IOException {
        List<Manifest> manifests = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (Object document : YAML.loadAll(reader)) {
                if (document != null) {
                    assertInstanceOf(Map.class, document, file + ": every YAML document should be a Kubernetes object");
                    manifests.add(new Manifest(file, asMap(document)));
                }
            }
        }
        assertFalse(manifests.isEmpty(), file + " holds no Kubernetes object");
        return manifests;
    }

    /** Every Kubernetes object under manifests/kubernetes, kustomizations aside. */
    private static List<Manifest> all() throws IOException {
        List<Manifest> manifests = new ArrayList<>();
        try (Stream<Path> files = Files.walk(K8S)) {
            for (Path file : files.filter(KubernetesManifestsTest::isYaml).sorted().toList()) {
                if (!file.getFileName().toString().equals("kustomization.yaml")) {
                    manifests.addAll(load(file));
                }
            }
        }
        return manifests;
    }

    private static List<String> kustomizationResources(String mode) throws IOException {
        Path file = K8S.resolve(mode).resolve("kustomization.yaml");
        assertTrue(Files.isRegularFile(file), mode + "/ has no kustomization.yaml, so `kubectl apply -k` cannot install it");
        Map<String, Object> kustomization = asMap(YAML.load(Files.readString(file)));
        assertEquals("Kustomization", kustomization.get("kind"), file + " kind");
        return list(kustomization, "resources", file.toString()).stream().map(String::valueOf).toList();
    }

    /** What `kubectl apply -k manifests/kubernetes/MODE` installs. */
    private static List<Manifest> mode(String mode) throws IOException {
        List<Manifest> manifests = new ArrayList<>();
        for (String resource : kustomizationResources(mode)) {
            manifests.addAll(load(K8S.resolve(mode).resolve(resource)));
        }
        return manifests;
    }

    private static List<Manifest> standalone(String file) throws IOException {
        return load(K8S.resolve(file));
    }

    private static Manifest workload(String mode) throws IOException {
        return single(mode(mode).stream().filter(m -> Set.of("Deployment", "StatefulSet").contains(m.kind())).toList());
    }

    private static List<Manifest> podOwners() throws IOException {
        return all().stream().filter(m -> Set.of("Deployment", "StatefulSet", "Job", "DaemonSet", "Pod").contains(m.kind())).toList();
    }

    private static Map<String, Object> podLabels(Manifest owner) {
        return map(owner.body(), "spec.template.metadata.labels", owner.toString());
    }

    private static List<Map<String, Object>> containers(Manifest owner) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (String kind : List.of("initContainers", "containers")) {
            Object found = find(owner.body(), "spec.template.spec." + kind);
            if (found instanceof List<?> list) {
                list.forEach(c -> all.add(asMap(c)));
            }
        }
        assertFalse(all.isEmpty(), owner + " has no containers");
        return all;
    }

    private static Map<String, Object> mainContainer(Manifest owner) {
        return single(list(owner.body(), "spec.template.spec.containers", owner.toString()), owner + " containers");
    }

    /** The container's env by name, in order; a name listed twice is an error the API only warns about. */
    private static Map<String, Map<String, Object>> env(Map<String, Object> container) {
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        for (Object entry : container.get("env") instanceof List<?> l ? l : List.of()) {
            Map<String, Object> variable = asMap(entry);
            assertNull(byName.put((String) variable.get("name"), variable), "env " + variable.get("name") + " is set twice");
        }
        return byName;
    }

    private static String literalEnv(Manifest owner, Map<String, Object> container, String name) {
        Map<String, Object> variable = env(container).get(name);
        assertNotNull(variable, owner + " does not set " + name);
        assertInstanceOf(String.class, variable.get("value"), owner + ": " + name + " should be a literal string");
        return (String) variable.get("value");
    }

    private static Map<String, Object> secretKeyRef(Manifest owner, Map<String, Object> container, String name) {
        Map<String, Object> variable = env(container).get(name);
        assertNotNull(variable, owner + " does not pass " + name);
        assertNull(variable.get("value"), owner + ": " + name + " is a literal in the manifest; it must come from the Secret");
        Object ref = find(variable, "valueFrom.secretKeyRef");
        assertNotNull(ref, owner + ": " + name + " must come from a Secret (valueFrom.secretKeyRef)");
        return asMap(ref);
    }

    private static Map<String, Object> mountNamed(Map<String, Object> container, String volume) {
        Object mounts = container.get("volumeMounts");
        if (!(mounts instanceof List<?> list)) {
            return null;
        }
        return list.stream().map(KubernetesManifestsTest::asMap).filter(m -> volume.equals(m.get("name"))).findFirst().orElse(null);
    }

    private static Map<String, Object> assertProbe(Manifest owner, Map<String, Object> container, String probe, String path) {
        Map<String, Object> found = map(container, probe, owner + " (" + probe + ")");
        assertEquals(path, find(found, "httpGet.path"), owner + ": " + probe + " should GET " + path);
        assertEquals("http", find(found, "httpGet.port"), owner + ": " + probe + " should use the named port http, so it follows the container");
        return found;
    }

    private static boolean spreadsAcrossHosts(Map<String, Object> pod, Map<String, Object> labels) {
        Object constraints = pod.get("topologySpreadConstraints");
        if (!(constraints instanceof List<?> list)) {
            return false;
        }
        return list.stream().map(KubernetesManifestsTest::asMap).anyMatch(c -> "kubernetes.io/hostname".equals(c.get("topologyKey"))
                && find(c, "labelSelector.matchLabels") instanceof Map<?, ?> selector && labels.entrySet().containsAll(selector.entrySet()));
    }

    private static void assertSelects(Manifest selecting, Map<String, Object> selector, Manifest workload) {
        assertFalse(selector.isEmpty(), selecting + " has an empty selector, which matches every pod in the namespace");
        Map<String, Object> labels = podLabels(workload);
        for (Map.Entry<String, Object> entry : selector.entrySet()) {
            assertEquals(entry.getValue(), labels.get(entry.getKey()),
                    selecting + " selects " + entry.getKey() + "=" + entry.getValue() + ", which " + workload + "'s pods don't carry: " + labels);
        }
    }

    private static String argument(Manifest owner, List<Object> args, String flag) {
        int at = args.indexOf(flag);
        assertTrue(at >= 0 && at + 1 < args.size(), owner + " passes no " + flag + " value: " + args);
        return String.valueOf(args.get(at + 1));
    }

    /** A container setting, else the pod's (Kubernetes applies the container's over the pod's). */
    private static Object effective(Map<String, Object> pod, Map<String, Object> container, String key) {
        Object own = find(container, "securityContext." + key);
        return own != null ? own : find(pod, "securityContext." + key);
    }

    private static int number(Map<String, Object> node, String key, int fallback) {
        Object value = node.get(key);
        return value == null ? fallback : (Integer) value;
    }

    private static final Pattern QUANTITY = Pattern.compile("([0-9.]+)(m|k|M|G|T|Ki|Mi|Gi|Ti)?");

    /** A Kubernetes resource quantity (250m, 1, 768Mi, 1Gi) as a number, to compare requests with limits. */
    private static BigDecimal quantity(Object raw) {
        Matcher m = QUANTITY.matcher(String.valueOf(raw));
        assertTrue(m.matches(), "not a resource quantity: " + raw);
        BigDecimal value = new BigDecimal(m.group(1));
        String suffix = m.group(2) == null ? "" : m.group(2);
        return switch (suffix) {
            case "m" -> value.movePointLeft(3);
            case "k" -> value.movePointRight(3);
            case "M" -> value.movePointRight(6);
            case "G" -> value.movePointRight(9);
            case "T" -> value.movePointRight(12);
            case "Ki" -> value.multiply(BigDecimal.valueOf(1L << 10));
            case "Mi" -> value.multiply(BigDecimal.valueOf(1L << 20));
            case "Gi" -> value.multiply(BigDecimal.valueOf(1L << 30));
            case "Ti" -> value.multiply(BigDecimal.valueOf(1L << 40));
            default -> value;
        };
    }

    private static String projectVersion() throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element project = factory.newDocumentBuilder().parse(ROOT.resolve("pom.xml").toFile()).getDocumentElement();
        for (var node = project.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals("version")) {
                return element.getTextContent().strip();
            }
        }
        return fail("pom.xml has no project version");
    }

    /**
     * The value at a dotted path, or null. Label keys contain dots themselves, so at each step the
     * longest key that the map actually holds wins.
     */
    private static Object find(Object node, String path) {
        if (path.isEmpty()) {
            return node;
        }
        if (!(node instanceof Map<?, ?> map)) {
            return null;
        }
        for (int end = path.length(); end > 0; end = path.lastIndexOf('.', end - 1)) {
            String key = path.substring(0, end);
            if (map.containsKey(key)) {
                return find(map.get(key), end == path.length() ? "" : path.substring(end + 1));
            }
        }
        return null;
    }

    private static Map<String, Object> map(Object node, String path, String where) {
        Object found = find(node, path);
        assertNotNull(found, where + ": " + path + " is missing");
        assertInstanceOf(Map.class, found, where + ": " + path + " should be a mapping");
        return asMap(found);
    }

    private static List<Object> list(Object node, String path, String where) {
        Object found = find(node, path);
        assertNotNull(found, where + ": " + path + " is missing");
        assertInstanceOf(List.class, found, where + ": " + path + " should be a list");
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) found;
        return list;
    }

    private static String text(Object node, String path, String where) {
        Object found = find(node, path);
        assertInstanceOf(String.class, found, where + ": " + path + " should be a string");
        return (String) found;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object node) {
        assertInstanceOf(Map.class, node, "expected a mapping, got " + node);
        return (Map<String, Object>) node;
    }

    private static Manifest single(List<Manifest> manifests) {
        assertEquals(1, manifests.size(), "expected exactly one object, found " + manifests);
        return manifests.get(0);
    }

    private static Map<String, Object> single(List<Object> items, String what) {
        assertEquals(1, items.size(), what + ": expected exactly one, found " + items.size());
        return asMap(items.get(0));
    }
}
