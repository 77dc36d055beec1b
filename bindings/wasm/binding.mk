# Browser binding (bindings/wasm): included by the root Makefile.
#
# `make wasm-build` installs what it needs itself (the wasm32-unknown-unknown target by rustup,
# wasm-bindgen-cli of exactly the crate's version by `cargo install` into target/wasm-tools),
# builds the core for the browser (profile `wasm-release`: opt-level "s", fat LTO, no panic
# unwinding), runs wasm-bindgen (`--target web`: an ES module that `init()` loads), shrinks the
# .wasm with Debian's `wasm-opt` (binaryen) when it is installed, and assembles the npm package
# in target/wasm-pkg. The gzipped size is printed and checked against the 400 KB budget.
#
# `make test-wasm` runs every shared vector (tests/vectors/) against that package under Node,
# then, when Debian's chromium is installed, the simulator page of examples/web in headless
# chromium (playwright-core, no browser download); screenshots go to target/web-screenshots.
#
# `make bench-wasm` compares, in one run, the wasm package with npm `stdnum` and the Node add-on.

WASM_DIR := bindings/wasm
WASM_PKG := target/wasm-pkg
WASM_TOOLS := target/wasm-tools
WASM_BINDGEN_VERSION := $(shell sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
WASM_BINDGEN := $(WASM_TOOLS)/bin/wasm-bindgen
WASM_RAW := target/wasm32-unknown-unknown/wasm-release/apart_wasm.wasm
WASM_BUDGET := 409600
CHROMIUM ?= /usr/bin/chromium
NPM ?= npm

BINDING_TESTS += test-wasm

.PHONY: wasm-tools wasm-deps wasm-build test-wasm test-web bench-wasm

wasm-tools:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@$(WASM_BINDGEN) --version 2>/dev/null | grep -qx "wasm-bindgen $(WASM_BINDGEN_VERSION)" || \
	  $(CARGO) install wasm-bindgen-cli --version =$(WASM_BINDGEN_VERSION) --root $(WASM_TOOLS) --force

wasm-deps:
	cd $(WASM_DIR) && $(NPM) ci --no-audit --no-fund

wasm-build: wasm-tools
	$(CARGO) build -p apart-wasm --target wasm32-unknown-unknown --profile wasm-release
	rm -rf $(WASM_PKG)
	$(WASM_BINDGEN) --target web --out-dir $(WASM_PKG) $(WASM_RAW)
	@if command -v wasm-opt >/dev/null 2>&1; then \
	  wasm-opt -Os --enable-bulk-memory --enable-sign-ext --enable-mutable-globals \
	    --enable-nontrapping-float-to-int --enable-multivalue --enable-reference-types \
	    $(WASM_PKG)/apart_wasm_bg.wasm -o $(WASM_PKG)/apart_wasm_bg.wasm; \
	else echo "wasm-opt not found (apt-get install binaryen): the .wasm is not shrunk further"; fi
	cp $(WASM_DIR)/js/index.js $(WASM_DIR)/js/index.d.ts $(WASM_DIR)/js/errors.js $(WASM_DIR)/js/errors.d.ts \
	  $(WASM_DIR)/package.json $(WASM_DIR)/README.md $(WASM_PKG)/
	@raw=$$(wc -c < $(WASM_PKG)/apart_wasm_bg.wasm); gz=$$(gzip -9 -c $(WASM_PKG)/apart_wasm_bg.wasm | wc -c); \
	  echo "apart_wasm_bg.wasm: $$raw bytes, $$gz bytes gzipped (gzip -9; budget $(WASM_BUDGET))"; \
	  test $$gz -le $(WASM_BUDGET) || { echo "the gzipped .wasm is over budget" >&2; exit 1; }

test-wasm: wasm-build wasm-deps
	node --test $(WASM_DIR)/tests/
	@if [ -x $(CHROMIUM) ]; then $(MAKE) --no-print-directory test-web; \
	else echo "$(CHROMIUM) not found (apt-get install chromium): the browser test of examples/web did not run"; fi

## The simulator page of examples/web in headless chromium (needs `make wasm-build`).
test-web:
	CHROMIUM=$(CHROMIUM) node --test $(WASM_DIR)/tests/browser.e2e.mjs

bench-wasm: wasm-build wasm-deps
	cd bindings/node && $(NPM) ci --no-audit --no-fund && npx napi build --platform --release
	node benches/wasm/bench.mjs
