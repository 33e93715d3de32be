# Builds and runs one Vigil node. Not exercised by CI (no container engine there); see docker-compose.yml.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
RUN useradd --system --home /var/lib/vigil vigil && mkdir -p /var/lib/vigil && chown vigil /var/lib/vigil
COPY --from=build /src/api/target/vigil.jar /opt/vigil/vigil.jar
USER vigil
ENV VIGIL_DATA_DIR=/var/lib/vigil
VOLUME /var/lib/vigil
EXPOSE 8080
ENTRYPOINT ["java", "-Xms1g", "-Xmx1g", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=10", "-XX:MaxTenuringThreshold=1", "-XX:+ExitOnOutOfMemoryError", "-jar", "/opt/vigil/vigil.jar", "server"]
