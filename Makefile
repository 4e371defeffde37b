# Anju — the two commands that matter: `make demo` and `make test`.
# Both install what is missing (scripts/install-deps) before building.
#   make            build build/anju (assumes the dependencies are installed)
#   make test       install deps, build, run every test (SAN=1: ASan+UBSan build)
#   make demo       install deps, build, create and show the demo town
#   make bench      run the benchmarks in bench/

SAN ?= 0
ifeq ($(SAN),1)
  BUILD_DIR ?= build-san
  CMAKE_FLAGS += -DANJU_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
else
  BUILD_DIR ?= build
  CMAKE_FLAGS += -DCMAKE_BUILD_TYPE=RelWithDebInfo
endif
JOBS ?= $(shell nproc)

FUZZ_SECONDS ?= 30

.PHONY: all build web deps test demo bench clean format fuzz

all: build

deps:
	@scripts/install-deps

$(BUILD_DIR)/build.ninja: CMakeLists.txt
	cmake -S . -B $(BUILD_DIR) -G Ninja $(CMAKE_FLAGS)

build: $(BUILD_DIR)/build.ninja web
	cmake --build $(BUILD_DIR) -j $(JOBS)

# The web console (web/): `npm ci` when the lock file changed, then Vite
# builds web/dist, which `anju serve` serves.
WEB_SOURCES := $(shell find web/src web/public -type f 2>/dev/null) web/index.html web/vite.config.js
web: web/dist/index.html
web/node_modules/.package-lock.json: web/package-lock.json
	cd web && npm ci --no-audit --no-fund --loglevel=error
web/dist/index.html: web/node_modules/.package-lock.json $(WEB_SOURCES)
	cd web && npx vite build --logLevel warn

# Every store, service and CLI test runs twice: on SQLite and ("pg." prefix)
# on a throw-away PostgreSQL server that scripts/with-postgres starts and
# removes again, whatever the outcome.
test: deps
	@$(MAKE) --no-print-directory build
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  scripts/with-postgres ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)
	@$(MAKE) --no-print-directory fuzz

# libFuzzer targets (fuzz/, docs/security.md): clang with ASan and UBSan in
# build-fuzz/, each run for FUZZ_SECONDS; a crash, leak or time-out fails.
build-fuzz/build.ninja: CMakeLists.txt
	cmake -S . -B build-fuzz -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
	  -DANJU_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo

fuzz: build-fuzz/build.ninja
	cmake --build build-fuzz --target fuzz_targets -j $(JOBS)
	scripts/run-fuzz build-fuzz $(FUZZ_SECONDS)

demo: deps
	@$(MAKE) --no-print-directory build
	$(BUILD_DIR)/anju demo --dir demo

bench: deps
	@$(MAKE) --no-print-directory build
	bench/import.sh 100000

format:
	git ls-files '*.cc' '*.h' | xargs clang-format -i

clean:
	rm -rf build build-san build-fuzz demo web/dist
