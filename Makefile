# swiftcompose: two commands on a fresh machine (as root):
#   make demo   installs what is needed, builds, and brings the example stack up
#   make test   installs what is needed, builds, and runs every test against a real dockerd
SWIFT ?= swift
BIN := .build/debug/swiftcompose
RELEASE_BIN := .build/release/swiftcompose
EXAMPLE ?= examples/webapp

.PHONY: all setup build image release demo demo-down test unit-test bench fuzz clean

all: build

setup:
	bash Tests/scripts/ensure-docker.sh

build: setup
	$(SWIFT) build

# The test/example image, built by swiftcompose itself from Tests/Fixtures/busybox-image.
image: build
	$(BIN) -f Tests/Fixtures/busybox-image/compose.yaml build
	docker tag swiftcompose/busybox:latest swiftcompose-test/busybox:latest

# Fully static (Swift runtime, Foundation, libyaml, glibc): the binary runs as is in a FROM scratch
# image, the supervisor's.
# Fully static (it runs as-is in the supervisor's FROM scratch image), stripped (half the size).
release: setup
	$(SWIFT) build -c release --product swiftcompose -Xswiftc -static-executable
	strip $(RELEASE_BIN)

demo: image
	$(BIN) -f $(EXAMPLE)/compose.yaml up -d --wait
	$(BIN) -f $(EXAMPLE)/compose.yaml ps
	@echo "==> the example answers on http://127.0.0.1:8080/ :"
	@curl -sf http://127.0.0.1:8080/ || true
	@echo "==> stop it with: $(BIN) -f $(EXAMPLE)/compose.yaml down"

demo-down:
	$(BIN) -f $(EXAMPLE)/compose.yaml down -v

# Unit tests first, then the end-to-end ones on their own: those block on the daemon and the
# binary, and beside them the async unit tests would wait for threads on a 2-core machine.
test: image
	$(SWIFT) test --skip EndToEndTests
	$(SWIFT) test --skip-build --filter EndToEndTests
	# Restarts dockerd, so it runs alone, after the Swift tests.
	bash Tests/scripts/e2e-daemon-restart.sh

unit-test:
	$(SWIFT) test --skip EndToEnd

bench: release
	bash Tests/Benchmarks/run-all.sh

fuzz:
	bash Tests/scripts/fuzz.sh

clean:
	rm -rf .build .build-*
