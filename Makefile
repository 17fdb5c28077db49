# twpc — the two set-up commands are `make run` and `make test` (see README.md).
SWIFT ?= swift
BUILD_PKGS := libmicrohttpd-dev libsqlite3-dev libpq-dev libssl-dev pkg-config
TEST_PKGS := $(BUILD_PKGS) postgresql curl python3-pip
BENCH_PKGS := $(BUILD_PKGS) wrk curl valgrind
PORT ?= 8080
DATA_DIR ?= ./data

.PHONY: run test build release bench deps test-deps format lint clean

deps:
	@scripts/install-deps.sh $(BUILD_PKGS)

test-deps:
	@scripts/install-deps.sh --python $(TEST_PKGS)

release: deps
	$(SWIFT) build -c release --product twpc

build: deps
	$(SWIFT) build -Xswiftc -warnings-as-errors

## make run: install what is missing, build in release mode, start twpc with a demo company.
run: release
	./.build/release/twpc serve --port $(PORT) --data-dir $(DATA_DIR) --demo

## make test: install what tests need (PostgreSQL included) and run every test.
test: test-deps
	$(SWIFT) build --build-tests -Xswiftc -warnings-as-errors
	scripts/with-postgres.sh $(SWIFT) test --skip-build --parallel --num-workers 2
	# The API suite again on SQLite and on PostgreSQL (the first run used the memory store and
	# already ran the multi-process and restart tests).
	TWPC_API_TEST_BACKEND=sqlite $(SWIFT) test --skip-build --parallel --num-workers 2 --filter PairingAPITests
	TWPC_API_TEST_BACKEND=postgres scripts/with-postgres.sh $(SWIFT) test --skip-build --parallel --num-workers 2 \
		--filter PairingAPITests --skip 'MultiProcessTests|PostgresRestartAPITests'

## make bench: benchmarks against the release build; figures go to BENCHMARKS.md.
bench: deps
	@scripts/install-deps.sh $(BENCH_PKGS)
	$(SWIFT) build -c release
	scripts/bench.sh

format:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift

lint:
	$(SWIFT) format lint --recursive Sources Tests Package.swift

clean:
	rm -rf .build
