# dockernet operator image: `docker build -t dockernet/dockernet-operator:0.1.0 .`
# Build stage: Maven + JDK 17 compile and package the shaded jar (tests run in CI, not here).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -ntp -q dependency:go-offline
COPY src ./src
COPY crds ./crds
RUN mvn -B -ntp -q -o package -DskipTests && cp target/dockernet.jar /dockernet.jar

# Runtime stage: a slim JRE, no shell tools needed, a fixed non-root user. The Docker socket's group
# is added at run time (Kubernetes: supplementalGroups; docker run: --group-add).
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 dockernet \
 && useradd --system --uid 10001 --gid 10001 --home-dir /app --shell /usr/sbin/nologin dockernet
WORKDIR /app
COPY --from=build --chown=root:root --chmod=0444 /dockernet.jar /app/dockernet.jar
USER 10001:10001
EXPOSE 8080
# The container's memory limit sizes the heap; /tmp must be writable (an emptyDir with a read-only root).
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-XX:MaxRAMPercentage=25", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/dockernet.jar", "operator"]
CMD ["--port=8080"]
