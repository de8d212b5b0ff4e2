# tanya: build on Debian 12, run as an unprivileged user with only the runtime
# libraries, the binary, the bundled knowledge and the widget.
#   docker build -t tanya . && docker run -p 8080:8080 tanya
FROM debian:bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends \
      g++ cmake ninja-build pkg-config libboost1.81-dev libsqlite3-dev nlohmann-json3-dev \
      libspdlog-dev libhunspell-dev hunspell-id libstemmer-dev libhiredis-dev zlib1g-dev libssl-dev \
      mythes-id dict-freedict-eng-ind \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Only what the server build reads, so an edit to the README, the tests or this
# file does not invalidate the compile layer.
COPY CMakeLists.txt ./
COPY knowledge knowledge
COPY index index
COPY bot bot
COPY web web
RUN cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
    && cmake --build build --target tanya

FROM debian:bookworm-slim
# A fixed uid/gid (10001) so volume ownership is predictable and USER is numeric:
# runtimes that must verify a non-root user (Kubernetes runAsNonRoot) need a number.
RUN apt-get update && apt-get install -y --no-install-recommends \
      libsqlite3-0 libhunspell-1.7-0 hunspell-id libstemmer0d libspdlog1.10 libfmt9 libhiredis0.14 zlib1g \
      libssl3 ca-certificates mythes-id dict-freedict-eng-ind \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 tanya \
    && useradd --system --uid 10001 --gid 10001 --home-dir /var/cache/tanya --create-home \
         --shell /usr/sbin/nologin tanya
COPY --from=build /src/build/tanya /usr/local/bin/tanya
COPY knowledge/articles /opt/tanya/knowledge/articles
COPY knowledge/lexicon /opt/tanya/knowledge/lexicon
COPY web/static /opt/tanya/web/static
ENV TANYA_DATA_DIR=/opt/tanya TANYA_CACHE_DIR=/var/cache/tanya TANYA_PORT=8080
USER 10001:10001
WORKDIR /var/cache/tanya
# Build the index into the image's cache so the container is ready at once
# (tanya serve finds it: same knowledge path, same fingerprint).
RUN tanya index
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s CMD ["/usr/local/bin/tanya", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/tanya"]
CMD ["serve"]
