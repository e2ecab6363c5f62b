# Wharf: `make run` and `make test` do all the set-up on a fresh Debian machine.
# When DATABASE_URL is unset, a project-local PostgreSQL cluster lives under .data/ (unix socket only, no TCP port).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

ROOT        := $(abspath .)
DATA        := $(ROOT)/.data
SWIFT_FLAGS := --explicit-target-dependency-import-check error -Xswiftc -warnings-as-errors
APT_PACKAGES := libpq-dev libssl-dev pkg-config postgresql postgresql-contrib wrk
PG_BIN       = $(shell ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
# initdb refuses to run as root: the cluster then belongs to the postgres user.
PG_AS        = $(if $(filter 0,$(shell id -u)),runuser -u postgres --,)

.PHONY: help deps build release run migrate test test-db bench bench-pipeline fuzz clean

help:
	@echo "make run    install what is missing, start PostgreSQL under .data/ (unless DATABASE_URL is set), build, migrate, serve on 127.0.0.1:8080"
	@echo "make test   the same set-up with a throwaway cluster, then swift test"
	@echo "make bench  release build, load tests with wrk (Tests/Load), orders/s through allocation, the open-loop order pipeline"
	@echo "make bench-pipeline [PROCESSES=1|2]  only the open-loop order pipeline (RATES, STEP_SECONDS) and its pgbench reference"
	@echo "make fuzz   build and run every fuzzer (Tests/Fuzz: HTTP request, JSON, JWT, Stripe-Signature, cursor) for FUZZ_SECONDS each (default 60)"
	@echo "make chaos  release build, then the fault suite (Tests/Chaos): kill -9, PostgreSQL restart, held row lock, blocked stderr under order load"

# Installs the system packages Wharf needs, only those missing (apt-get when root, sudo otherwise).
deps:
	@missing=""; \
	pkg-config --exists libpq 2>/dev/null || missing="$$missing libpq-dev"; \
	pkg-config --exists openssl 2>/dev/null || missing="$$missing libssl-dev"; \
	command -v pkg-config >/dev/null || missing="$$missing pkg-config"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql postgresql-contrib"; \
	command -v wrk >/dev/null || missing="$$missing wrk"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi; \
	command -v swift >/dev/null || { echo "Swift 6.3 is required on PATH (https://swift.org/install)"; exit 1; }

build: deps
	swift build $(SWIFT_FLAGS) --product wharf

release: deps
	swift build -c release $(SWIFT_FLAGS) --product wharf

# Starts (creating once) the cluster in $(1) and creates database $(2). Prints nothing on success.
define start_cluster
	@dir="$(1)"; \
	if [ ! -f "$$dir/PG_VERSION" ]; then \
	  mkdir -p "$$dir"; chmod 700 "$$dir"; \
	  [ "$$(id -u)" = 0 ] && chown postgres:postgres "$$dir"; \
	  $(PG_AS) "$(PG_BIN)/initdb" -D "$$dir" -U wharf --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null; \
	  printf "listen_addresses = ''\nunix_socket_directories = '%s'\nmax_connections = 300\nshared_buffers = 256MB\n%b\n" "$$dir" "$(3)" >> "$$dir/postgresql.conf"; \
	fi; \
	if ! $(PG_AS) "$(PG_BIN)/pg_ctl" -D "$$dir" status >/dev/null 2>&1; then \
	  $(PG_AS) "$(PG_BIN)/pg_ctl" -D "$$dir" -l "$$dir/server.log" -w -t 60 start >/dev/null; \
	fi; \
	psql "host=$$dir user=wharf dbname=postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = '$(2)'" | grep -q 1 || \
	  psql "host=$$dir user=wharf dbname=postgres" -qc "CREATE DATABASE $(2)" >/dev/null
endef

# Development secrets are generated once and kept in .data/ (never committed).
$(DATA)/dev.env:
	@mkdir -p $(DATA)
	@{ echo "JWT_SECRET=$$(openssl rand -hex 32)"; echo "PAYMENT_WEBHOOK_SECRET=whsec_$$(openssl rand -hex 24)"; } > $@
	@chmod 600 $@

run: deps build $(DATA)/dev.env
ifndef DATABASE_URL
	$(call start_cluster,$(DATA)/pg,wharf,)
	$(eval export DATABASE_URL := postgresql:///wharf?host=$(DATA)/pg&user=wharf)
endif
	set -a; . $(DATA)/dev.env; set +a; \
	  DATABASE_URL="$${DATABASE_URL}" $(ROOT)/.build/debug/wharf serve

migrate: deps build
ifndef DATABASE_URL
	$(call start_cluster,$(DATA)/pg,wharf,)
	$(eval export DATABASE_URL := postgresql:///wharf?host=$(DATA)/pg&user=wharf)
endif
	$(ROOT)/.build/debug/wharf migrate

# A throwaway cluster for tests: durability is off because it is thrown away.
TEST_PG := $(DATA)/test-pg
test-db: deps
ifndef DATABASE_URL
	@if [ -f "$(TEST_PG)/PG_VERSION" ]; then $(PG_AS) "$(PG_BIN)/pg_ctl" -D "$(TEST_PG)" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$(TEST_PG)"; fi
	$(call start_cluster,$(TEST_PG),wharf_test,fsync = off\nsynchronous_commit = off\nfull_page_writes = off)
endif

# Tests run in parallel, at most TEST_WIDTH at once: with every test started at once (swift test --parallel), a
# 2-core machine ran ~500 tests side by side and any deadline a test waits on measured the queue, not the code.
TEST_WIDTH ?= 8
# A run that hangs fails after this many seconds and names the tests that never finished. After the whole suite
# passes, the HTTP tests (AppTests) run once more with two server processes per test on one database (TestApp).
TEST_TIMEOUT ?= 900
# After the tests, every fuzzer is built and run this many seconds (a refactor that breaks one fails the build), then
# the short fault suite runs (Tests/Chaos/chaos.py --short) on the debug server.
FUZZ_TEST_SECONDS ?= 2
test: test-db
	@mkdir -p .build; status=0; \
	url="$${DATABASE_URL:-postgresql:///wharf_test?host=$(TEST_PG)&user=wharf}"; \
	swift build --build-tests $(SWIFT_FLAGS) 2>&1 | tee .build/test-output.txt || exit 1; \
	DATABASE_URL="$$url" WHARF_REPO_ROOT="$(ROOT)" timeout --kill-after=10 $(TEST_TIMEOUT) \
	  "$$(swift build --show-bin-path)/WharfPackageTests.xctest" --testing-library swift-testing \
	  --experimental-maximum-parallelization-width $(TEST_WIDTH) 2>&1 | tee -a .build/test-output.txt || status=$$?; \
	if [ "$$status" = 0 ]; then \
	  echo "the HTTP tests again, each on two server processes sharing its database (WHARF_TEST_TWO_PROCESSES=1)"; \
	  WHARF_TEST_TWO_PROCESSES=1 DATABASE_URL="$$url" WHARF_REPO_ROOT="$(ROOT)" timeout --kill-after=10 $(TEST_TIMEOUT) \
	    "$$(swift build --show-bin-path)/WharfPackageTests.xctest" --testing-library swift-testing --filter '^AppTests\.' \
	    --experimental-maximum-parallelization-width $(TEST_WIDTH) 2>&1 | tee -a .build/test-output.txt || status=$$?; \
	fi; \
	if [ "$$status" = 124 ] || [ "$$status" = 137 ]; then \
	  echo "the tests did not finish within $(TEST_TIMEOUT) s; started and never finished:"; \
	  sed 's/\x1b\[[0-9;]*m//g' .build/test-output.txt | awk '/ Test .* started\./ {sub(/.* Test /, ""); sub(/ started\..*/, ""); s[$$0]=1} \
	    / Test .* (passed|failed) after/ {sub(/.* Test /, ""); sub(/ (passed|failed) after.*/, ""); delete s[$$0]} END {for (t in s) print "  " t}'; \
	fi; \
	if ! Tests/Fuzz/run $(FUZZ_TEST_SECONDS); then [ "$$status" != 0 ] || status=1; fi; \
	if ! WHARF_BIN="$$(swift build --show-bin-path)/wharf" CHAOS_DIR="$(ROOT)/.build/chaos-test" Tests/Chaos/chaos.py --short; then \
	  [ "$$status" != 0 ] || status=1; \
	fi; \
	summary=$$(grep -Eo 'Test run with [0-9]+ tests? in [0-9]+ suites? passed' .build/test-output.txt | awk '{n += $$4} END {if (n) print n}'); \
	if [ "$$status" = 0 ] && [ -n "$$summary" ]; then echo "$$summary passed, 0 failed"; fi; \
	if [ -z "$${DATABASE_URL:-}" ] && [ -f "$(TEST_PG)/PG_VERSION" ]; then $(PG_AS) "$(PG_BIN)/pg_ctl" -D "$(TEST_PG)" -m fast stop >/dev/null 2>&1 || true; fi; \
	exit $$status

# A fresh database in its own cluster each time, durability relaxed like ../shared/bench does.
BENCH_PG := $(DATA)/bench-pg
bench: deps
	swift build -c release $(SWIFT_FLAGS) --product wharf
	swift build -c release $(SWIFT_FLAGS) --product AllocationBench
	$(call start_cluster,$(BENCH_PG),postgres,synchronous_commit = off)
	psql "host=$(BENCH_PG) user=wharf dbname=postgres" -qc "DROP DATABASE IF EXISTS wharf_bench" -c "CREATE DATABASE wharf_bench"
	DATABASE_URL="postgresql:///wharf_bench?host=$(BENCH_PG)&user=wharf" Tests/Load/run
	# Orders/s through allocation (Tests/Load/AllocationBench): its own database, the server stopped.
	psql "host=$(BENCH_PG) user=wharf dbname=postgres" -qc "DROP DATABASE IF EXISTS wharf_bench_allocation" -c "CREATE DATABASE wharf_bench_allocation"
	DATABASE_URL="postgresql:///wharf_bench_allocation?host=$(BENCH_PG)&user=wharf" .build/release/AllocationBench

# The open-loop order pipeline alone (Tests/Load/order_pipeline.py, issue 13) on a fresh bench database, with
# PROCESSES `wharf serve` processes (1 or 2) on it; RATES and STEP_SECONDS set the steps.
bench-pipeline: deps
	swift build -c release $(SWIFT_FLAGS) --product wharf
	$(call start_cluster,$(BENCH_PG),postgres,synchronous_commit = off)
	psql "host=$(BENCH_PG) user=wharf dbname=postgres" -qc "DROP DATABASE IF EXISTS wharf_bench" -c "CREATE DATABASE wharf_bench"
	DATABASE_URL="postgresql:///wharf_bench?host=$(BENCH_PG)&user=wharf" SCENARIOS=pipeline PRODUCTS=$${PRODUCTS:-1000} \
	  PROCESSES=$${PROCESSES:-1} Tests/Load/run

# Every fuzzer (Tests/Fuzz/run) for FUZZ_SECONDS each; docs/FUZZING.md records the long runs.
fuzz: deps
	Tests/Fuzz/run $${FUZZ_SECONDS:-60}

# The fault suite on the release server and a PostgreSQL cluster of its own (Tests/Chaos/chaos.py); make test runs
# its short version on the debug server.
.PHONY: chaos
chaos: deps
	swift build -c release $(SWIFT_FLAGS) --product wharf
	WHARF_BIN="$(ROOT)/.build/release/wharf" Tests/Chaos/chaos.py

clean:
	rm -rf .build
