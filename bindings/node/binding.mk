# Node binding (bindings/node): included by the root Makefile.
#
# `make test-node` installs the npm packages pinned by package-lock.json (`npm ci`), builds the
# add-on with `napi build` (debug profile: it reuses the debug build of `apart` that
# `make test-rust` has just made, so it costs seconds on a warm cache instead of a fat-LTO
# release build; the tests do not measure speed), checks that the regenerated `index.d.ts` and
# `native.js` (napi-rs's loader) match the committed ones, then runs `node --test` (the shared
# vectors, errors.json, the JavaScript-specific tests, worker threads, and the TypeScript example
# under `tsc --strict`). records.d.ts, errors.d.ts and index.mjs, derived from the core, are
# checked by `cargo test` (tests/generated.rs).
#
# `make dist` (node-dist) builds the release add-on once (target/node-release, shared with
# `make bench-node`) and packs the npm packages into target/dist/ (dist.mjs); `test-node-install`
# installs only those tarballs into a fresh npm project and runs the README's quick starts
# (quickstart/) from CommonJS, from ESM and from TypeScript (`--strict`, `module: nodenext`),
# with no cargo on PATH.

NODE_DIR := bindings/node
NODE_DRIFT := target/node-drift
NPM ?= npm

NODE_RELEASE := target/node-release
NODE_INSTALL := target/node-install
NODE_PATH_NO_RUST := /usr/local/bin:/usr/bin:/bin

BINDING_TESTS += test-node test-node-install
DIST_TARGETS += node-dist

.PHONY: test-node node-deps node-build bench-node node-release node-dist test-node-install

## npm ci only when package-lock.json changed since the last install (npm writes
## node_modules/.package-lock.json), so that benchmarks and reruns do not reinstall the tools.
NODE_MODULES := $(NODE_DIR)/node_modules/.package-lock.json

$(NODE_MODULES): $(NODE_DIR)/package-lock.json
	cd $(NODE_DIR) && $(NPM) ci --no-audit --no-fund

node-deps: $(NODE_MODULES)

## Builds the add-on and fails if the generated loader or typings differ from the committed ones
## (the regenerated files are left in place: review and commit them).
node-build: node-deps
	rm -rf $(NODE_DRIFT) && mkdir -p $(NODE_DRIFT)
	cp $(NODE_DIR)/index.d.ts $(NODE_DIR)/native.js $(NODE_DRIFT)/
	cd $(NODE_DIR) && npx napi build --platform --js native.js
	@for f in index.d.ts native.js; do \
	  diff -u $(NODE_DRIFT)/$$f $(NODE_DIR)/$$f || { \
	    echo "bindings/node/$$f is not what napi build generates: commit the regenerated file" >&2; \
	    exit 1; }; \
	done

test-node: node-build
	cd $(NODE_DIR) && node --test __test__/

## The release add-on (fat LTO, stripped), built once for dist and bench; the sources' folder
## keeps its debug add-on and its committed loader untouched.
node-release: node-deps
	cd $(NODE_DIR) && npx napi build --platform --release --strip --no-js --output-dir ../../$(NODE_RELEASE)

node-dist: node-release
	node $(NODE_DIR)/dist.mjs $(NODE_RELEASE)/apart.linux-x64-gnu.node target/dist

test-node-install: node-dist
	rm -rf $(NODE_INSTALL) && mkdir -p $(NODE_INSTALL)
	cp $(NODE_DIR)/quickstart/quickstart.cjs $(NODE_DIR)/quickstart/quickstart.mjs \
	  $(NODE_DIR)/quickstart/quickstart.ts $(NODE_DIR)/quickstart/tsconfig.json $(NODE_INSTALL)/
	printf '{ "name": "quickstart", "private": true, "type": "module" }\n' > $(NODE_INSTALL)/package.json
	cd $(NODE_INSTALL) && $(NPM) install --no-audit --no-fund --no-package-lock \
	  ../dist/apart-fr-linux-x64-gnu-*.tgz ../dist/apart-fr-[0-9]*.tgz
	cd $(NODE_INSTALL) && env PATH=$(NODE_PATH_NO_RUST) sh -c '! command -v cargo' && \
	  env PATH=$(NODE_PATH_NO_RUST) node quickstart.cjs > cjs.out && \
	  env PATH=$(NODE_PATH_NO_RUST) node quickstart.mjs > esm.out && \
	  env PATH=$(NODE_PATH_NO_RUST) node $(CURDIR)/$(NODE_DIR)/node_modules/typescript/bin/tsc -p . && \
	  env PATH=$(NODE_PATH_NO_RUST) node build/quickstart.js > ts.out
	node $(NODE_DIR)/quickstart/check.mjs $(NODE_INSTALL)

## Best of three, against npm stdnum and Rust itself (timed inside the same add-on); the README's
## performance table is rewritten from the figures (benches/node/readme_table.mjs).
NODE_BENCH := target/bench-node
NODE_RELEASE_ADDON := NAPI_RS_NATIVE_LIBRARY_PATH=$(CURDIR)/$(NODE_RELEASE)/apart.linux-x64-gnu.node

bench-node: node-release
	mkdir -p $(NODE_BENCH)
	$(NODE_RELEASE_ADDON) node benches/node/bench_siret.mjs --json $(NODE_BENCH)/siret.json
	$(NODE_RELEASE_ADDON) node benches/node/bench_indemnity.mjs --json $(NODE_BENCH)/indemnity.json
	node benches/node/readme_table.mjs $(NODE_BENCH) $(NODE_DIR)/README.md
