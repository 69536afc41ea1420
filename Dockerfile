# syntax=docker/dockerfile:1
# charterlint in a container: a static (musl) binary on a distroless base, run as a non-root user.
#
#   docker build -t charterlint .
#   docker run --rm -v "$PWD:/src:ro" charterlint scan .
#
# The image holds the binary alone (no shell, no git): `scan` and every report format work on a
# mounted tree, but `scan --staged` and `--git-log` need git and so the binary or the wheel.

# Build stage: Alpine's Rust targets musl and links statically; the tree-sitter grammars are C,
# hence gcc and musl-dev.
FROM rust:1.95-alpine AS build
# hadolint ignore=DL3018
RUN apk add --no-cache gcc musl-dev
WORKDIR /build
COPY Cargo.toml Cargo.lock build.rs ./
COPY src ./src
COPY rules ./rules
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/build/target \
    cargo build --release --locked \
    && cp target/release/charterlint /usr/local/bin/charterlint

# Run stage: distroless "static" has no libc to match and ships a non-root user (65532).
FROM gcr.io/distroless/static-debian12:nonroot
LABEL org.opencontainers.image.title="charterlint" \
      org.opencontainers.image.description="Check what people do with AI against the organisation's AI-usage charter." \
      org.opencontainers.image.licenses="MIT OR Apache-2.0"
COPY --from=build /usr/local/bin/charterlint /usr/local/bin/charterlint
USER 65532:65532
WORKDIR /src
ENTRYPOINT ["charterlint"]
CMD ["scan", "."]
