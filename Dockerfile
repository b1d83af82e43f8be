# dockernet operator image: `docker build -t dockernet/dockernet-operator:0.1.0 .`
# Build stage: Maven + JDK 17 compile and package the shaded jar (tests run in CI, not here).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -ntp -q dependency:go-offline
COPY src ./src
COPY crds ./crds
RUN mvn -B -ntp -q -o package -DskipTests && cp target/dockernet.jar /dockernet.jar

# Runtime stage: a slim JRE, a fixed non-root user. The Docker socket's group is added at run time
# (Kubernetes: supplementalGroups; docker run: --group-add). The one tool it runs is iptables
# (iptables-save/-restore, IPv4 and IPv6) for DockerNetworkPolicies, used only when the operator
# runs with the policies opt-in (host network, NET_ADMIN, root); its default nf_tables backend
# matches current Docker hosts; on a host whose Docker uses iptables-legacy it sees no DOCKER-USER
# chain and policies are refused before any change.
FROM eclipse-temurin:17-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends iptables \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 dockernet \
 && useradd --system --uid 10001 --gid 10001 --home-dir /app --shell /usr/sbin/nologin dockernet
WORKDIR /app
COPY --from=build --chown=root:root --chmod=0444 /dockernet.jar /app/dockernet.jar
USER 10001:10001
EXPOSE 8080
# The container's memory limit sizes the heap; /tmp must be writable (an emptyDir with a read-only root).
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-XX:MaxRAMPercentage=25", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/dockernet.jar", "operator"]
CMD ["--port=8080"]
