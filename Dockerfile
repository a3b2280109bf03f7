# Holdfast: build with Maven, run on a Temurin 17 JRE as a non-root user.
#   docker build -t holdfast .
#   docker run -d --name holdfast -p 3000:3000 -v holdfast-data:/data \
#     -e SLACK_SIGNING_SECRET=... -e SLACK_BOT_TOKEN=xoxb-... holdfast

# ---- build ----
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
# Dependencies first, so editing the sources doesn't download them again.
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -DskipTests package

# ---- run ----
FROM eclipse-temurin:17-jre
# The Temurin Ubuntu images ship curl (used by HEALTHCHECK); install it only if a future base drops it.
RUN if ! command -v curl >/dev/null 2>&1; then \
      apt-get update \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl \
      && rm -rf /var/lib/apt/lists/*; \
    fi \
    && groupadd --gid 10001 holdfast \
    && useradd --uid 10001 --gid holdfast --no-create-home --home-dir /app --shell /usr/sbin/nologin holdfast \
    && mkdir -p /data \
    && chown holdfast:holdfast /data
WORKDIR /app
COPY --from=build /build/target/holdfast.jar /app/holdfast.jar
# SQLite lives on the volume (the file plus its -wal and -shm companions); one container per file.
ENV HOLDFAST_DB_URL=jdbc:sqlite:/data/holdfast.db \
    HOLDFAST_PORT=3000
VOLUME /data
USER holdfast
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${HOLDFAST_PORT}/healthz" >/dev/null || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/holdfast.jar"]
CMD ["serve"]
