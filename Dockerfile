# tanya: build on Debian 12, run as an unprivileged user with only the runtime
# libraries, the binary, the bundled knowledge and the widget.
FROM debian:bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends \
      g++ cmake ninja-build pkg-config libboost1.81-dev libsqlite3-dev nlohmann-json3-dev \
      libspdlog-dev libhunspell-dev hunspell-id libstemmer-dev libhiredis-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
    && cmake --build build --target tanya

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends \
      libsqlite3-0 libhunspell-1.7-0 hunspell-id libstemmer0d libspdlog1.10 libfmt9 libhiredis0.14 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home-dir /var/cache/tanya --create-home --shell /usr/sbin/nologin tanya
COPY --from=build /src/build/tanya /usr/local/bin/tanya
COPY knowledge /opt/tanya/knowledge
COPY web/static /opt/tanya/web/static
ENV TANYA_DATA_DIR=/opt/tanya TANYA_CACHE_DIR=/var/cache/tanya TANYA_PORT=8080
USER tanya
# Build the index into the image's cache so the container is ready at once.
RUN tanya index
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s CMD ["/usr/local/bin/tanya", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/tanya"]
CMD ["serve"]
