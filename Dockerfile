# syntax=docker/dockerfile:1
# The CivicFlow application for docker-compose.yml: built with Maven on a JDK 17 image, run on a JRE 17
# image with the `camunda` profile (application-camunda.yaml: no embedded engine, the Camunda cluster
# instead). Build on its own with `docker build -t civicflow/civicflow-app .` from the repository root.

ARG MAVEN_IMAGE=maven:3.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre

FROM ${MAVEN_IMAGE} AS build
WORKDIR /src
# what .dockerignore lets through: the poms, engine/ and workers/ sources, processes/, forms/
COPY . .
# Tests are not run here (`mvn -B verify` is the CI's job, see README); -Dmdep.skip skips unpacking the
# Elasticsearch distribution that only the tests use. The cache mount keeps ~/.m2 between builds.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -pl workers -am package -Dmaven.test.skip=true -DskipTests -Dmdep.skip=true

FROM ${RUNTIME_IMAGE}
# the CJK font the generated PDFs embed (WenQuanYi Micro Hei, Apache-2.0; scripts/install-pdf-tools.sh)
RUN apt-get update -q && apt-get install -y -q --no-install-recommends fonts-wqy-microhei \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --system civicflow && useradd --system --gid civicflow --home-dir /app --shell /usr/sbin/nologin civicflow
WORKDIR /app
COPY --from=build /src/workers/target/civicflow-app.jar /app/civicflow-app.jar
USER civicflow
ENV SPRING_PROFILES_ACTIVE=camunda \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# CivicFlow's HTTP and management ports in the camunda profile
EXPOSE 8090 8091
ENTRYPOINT ["java", "-jar", "/app/civicflow-app.jar"]
