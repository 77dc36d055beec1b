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
# `make bench-node` builds the release add-on and compares it with the npm `stdnum` package.

NODE_DIR := bindings/node
NODE_DRIFT := target/node-drift
NPM ?= npm

BINDING_TESTS += test-node

.PHONY: test-node node-deps node-build bench-node

node-deps:
	cd $(NODE_DIR) && $(NPM) ci --no-audit --no-fund

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

bench-node: node-deps
	cd $(NODE_DIR) && npx napi build --platform --release
	node benches/node/bench_siret.mjs
