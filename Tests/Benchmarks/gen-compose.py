#!/usr/bin/env python3
"""Writes a Compose file with N services for benchmarking `config`.

It uses anchors, merge keys, interpolation (with defaults) and most common attributes, and
stays loadable by both swiftcompose and docker-compose v1.

usage: gen-compose.py N > compose.yaml
"""
import sys


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    out = []
    w = out.append
    w("x-logging: &logging")
    w("  driver: json-file")
    w("  options:")
    w('    max-size: "10m"')
    w('    max-file: "3"')
    w("x-common: &common")
    w("  restart: unless-stopped")
    w("  logging: *logging")
    w("  labels:")
    w('    com.example.team: "core"')
    w('    com.example.env: "${ENVIRONMENT:-dev}"')
    w("  environment: &env")
    w("    LOG_LEVEL: ${LOG_LEVEL:-info}")
    w('    TZ: "UTC"')
    w("services:")
    for i in range(n):
        name = f"svc{i:05d}"
        w(f"  {name}:")
        w("    <<: *common")
        w(f'    image: "registry.example.com/app/{name}:${{TAG:-1.0.{i}}}"')
        w(f"    container_name: {name}-container")
        w(f"    hostname: {name}")
        w("    command: [\"/bin/server\", \"--port\", \"8080\", \"--name\", \"" + name + "\"]")
        w("    environment:")
        w("      LOG_LEVEL: ${LOG_LEVEL:-info}")
        w('      TZ: "UTC"')
        w(f"      SERVICE_NAME: {name}")
        w(f'      SERVICE_INDEX: "{i}"')
        w("      DATABASE_URL: postgres://user:${DB_PASSWORD:-secret}@db:5432/app")
        w("    ports:")
        w(f'      - "{10000 + i % 50000}:8080"')
        w("    expose:")
        w('      - "9090"')
        w("    volumes:")
        w(f"      - data{i % 10}:/var/lib/data")
        w(f"      - ./config/{name}:/etc/app:ro")
        w("    networks:")
        w("      - front")
        w("      - back")
        if i % 10 != 0:  # chains of 10: deep enough to sort, shallow for v1's recursion
            w("    depends_on:")
            w(f"      - svc{(i - 1):05d}")
        w("    healthcheck:")
        w('      test: ["CMD", "wget", "-q", "-O-", "http://localhost:8080/health"]')
        w("      interval: 30s")
        w("      timeout: 5s")
        w("      retries: 3")
        w("    ulimits:")
        w("      nofile:")
        w("        soft: 20000")
        w("        hard: 40000")
        w("    cap_add: [NET_ADMIN]")
        w("    extra_hosts:")
        w('      - "host.example:10.0.0.1"')
        w("    working_dir: /app")
        w("    user: \"1000:1000\"")
        w("    stop_grace_period: 20s")
        w("    mem_limit: 256m")
    w("networks:")
    w("  front:")
    w("    driver: bridge")
    w("  back:")
    w("    driver: bridge")
    w("    internal: true")
    w("volumes:")
    for i in range(10):
        w(f"  data{i}:")
        w("    driver: local")
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
