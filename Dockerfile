# dsaudit container image: the npm package with production dependencies only, run as a non-root user.
#   docker build -t dsaudit:0.1.0 .        (or: podman build -t dsaudit:0.1.0 .)
# The root filesystem can be mounted read-only: dsaudit writes only stdout and the -o FILE paths you give it.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json tsconfig.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY bin ./bin
COPY scripts ./scripts
COPY src ./src
COPY rules ./rules
COPY docs ./docs
COPY schema ./schema
COPY deploy ./deploy
COPY README.md ./
# npm pack runs prepack (the build) and keeps exactly the package's "files"; the image holds what npm users install.
RUN npm pack --pack-destination /tmp \
 && mkdir -p /opt/dsaudit \
 && tar -xzf /tmp/dsaudit-*.tgz -C /opt/dsaudit --strip-components=1 \
 && cp package-lock.json /opt/dsaudit/ \
 && cd /opt/dsaudit \
 && npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && rm package-lock.json

FROM ${NODE_IMAGE}
ENV NODE_ENV=production
COPY --from=build /opt/dsaudit /opt/dsaudit
RUN ln -s /opt/dsaudit/bin/dsaudit.js /usr/local/bin/dsaudit \
 && ln -s /opt/dsaudit/bin/dsaudit.js /usr/local/bin/kubectl-dsaudit
# The same numeric user as deploy/cronjob.yaml (runAsNonRoot needs a numeric USER to verify it).
USER 65532:65532
WORKDIR /tmp
ENTRYPOINT ["dsaudit"]
CMD ["--help"]
