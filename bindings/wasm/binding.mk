# Browser binding (bindings/wasm): included by the root Makefile.
#
# `make wasm-build` installs what it needs itself (the wasm32-unknown-unknown target by rustup,
# wasm-bindgen-cli of exactly the crate's version by `cargo install` into target/wasm-tools) and
# builds the npm package in target/wasm-pkg, with two modules (profile `wasm-release`: opt-level
# "z", fat LTO, no unwinding):
#   index.js       apart_wasm_bg.wasm            identifiers, forms, indemnity, law (`--no-default-features`):
#                                                what a page that simulates and validates forms loads;
#   lifecycles.js  apart_wasm_lifecycles_bg.wasm all of it, with every machine, DI codes, recaps, recovery.
# wasm-bindgen removes the name and producers sections. Debian's wasm-opt (binaryen 108) is not
# used: it breaks wasm-bindgen's externref table and made the module larger, not smaller (measured).
# The gzipped sizes are printed; the first module is checked against the 400 KB budget.
#
# `make test-wasm` type-checks a TypeScript use of the package (tsc --strict), runs every shared
# vector (tests/vectors/) against the package under Node,
# then, when Debian's chromium is installed, the simulator page of examples/web in headless
# chromium (playwright-core, no browser download); screenshots go to target/web-screenshots.
#
# `make dist-wasm` packs the package into target/dist/apart-wasm-<version>.tgz (npm pack); `make
# test-wasm` then installs that tarball alone in a fresh npm project and runs the README's quick
# start (bindings/wasm/tests/install.mjs).
#
# `make bench-wasm` compares, in one run, the wasm package with npm `stdnum` and the Node add-on,
# and rewrites the size-and-speed blocks of the READMEs from its output.

WASM_DIR := bindings/wasm
WASM_PKG := target/wasm-pkg
WASM_TOOLS := target/wasm-tools
WASM_BINDGEN_VERSION := $(shell sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
WASM_BINDGEN := $(WASM_TOOLS)/bin/wasm-bindgen
WASM_OUT := target/wasm32-unknown-unknown
WASM_BUDGET := 409600
WASM_VERSION := $(shell sed -n 's/^  "version": "\(.*\)",$$/\1/p' $(WASM_DIR)/package.json)
WASM_TARBALL := target/dist/apart-wasm-$(WASM_VERSION).tgz
CHROMIUM ?= /usr/bin/chromium
NPM ?= npm

BINDING_TESTS += test-wasm
DIST_TARGETS += dist-wasm

.PHONY: wasm-tools wasm-deps wasm-build dist-wasm test-wasm test-web bench-wasm

wasm-tools:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@$(WASM_BINDGEN) --version 2>/dev/null | grep -qx "wasm-bindgen $(WASM_BINDGEN_VERSION)" || \
	  $(CARGO) install wasm-bindgen-cli --version =$(WASM_BINDGEN_VERSION) --root $(WASM_TOOLS) --force

wasm-deps:
	cd $(WASM_DIR) && $(NPM) ci --no-audit --no-fund

wasm-build: wasm-tools
	$(CARGO) build -p apart-wasm --target wasm32-unknown-unknown --profile wasm-release --no-default-features
	$(CARGO) build -p apart-wasm --target wasm32-unknown-unknown --profile wasm-lifecycles
	rm -rf $(WASM_PKG)
	$(WASM_BINDGEN) --target web --remove-name-section --remove-producers-section --out-dir $(WASM_PKG) \
	  --out-name apart_wasm $(WASM_OUT)/wasm-release/apart_wasm.wasm
	$(WASM_BINDGEN) --target web --remove-name-section --remove-producers-section --out-dir $(WASM_PKG) \
	  --out-name apart_wasm_lifecycles $(WASM_OUT)/wasm-lifecycles/apart_wasm.wasm
	cp $(WASM_DIR)/js/* $(WASM_DIR)/README.md $(WASM_PKG)/
	@# the published package.json: the repository's, without its development dependencies and scripts
	node -e 'const p = require("./$(WASM_DIR)/package.json"); delete p.devDependencies; delete p.scripts; require("fs").writeFileSync("$(WASM_PKG)/package.json", JSON.stringify(p, null, 2) + "\n")'
	@for m in apart_wasm apart_wasm_lifecycles; do \
	  echo "$$m""_bg.wasm: $$(wc -c < $(WASM_PKG)/$$m""_bg.wasm) bytes, $$(gzip -9 -c $(WASM_PKG)/$$m""_bg.wasm | wc -c) bytes gzipped (gzip -9)"; done
	@gz=$$(gzip -9 -c $(WASM_PKG)/apart_wasm_bg.wasm | wc -c); test $$gz -le $(WASM_BUDGET) || \
	  { echo "apart_wasm_bg.wasm is over its budget of $(WASM_BUDGET) bytes gzipped" >&2; exit 1; }

dist-wasm: wasm-build
	mkdir -p target/dist
	cd $(WASM_PKG) && $(NPM) pack --pack-destination ../dist
	@echo "$(WASM_TARBALL): $$(wc -c < $(WASM_TARBALL)) bytes"

test-wasm: dist-wasm wasm-deps
	cd $(WASM_DIR) && npx tsc --strict --noEmit --target es2022 --module es2022 --moduleResolution bundler \
	  --lib es2022,esnext.disposable,dom tests/types.ts
	node --test $(WASM_DIR)/tests/
	node $(WASM_DIR)/tests/install.mjs $(WASM_TARBALL)
	@if [ -x $(CHROMIUM) ]; then $(MAKE) --no-print-directory test-web; \
	else echo "$(CHROMIUM) not found (apt-get install chromium): the browser test of examples/web did not run"; fi

## The simulator page of examples/web in headless chromium (needs `make wasm-build` and `make wasm-deps`).
test-web:
	CHROMIUM=$(CHROMIUM) node --test $(WASM_DIR)/tests/browser.e2e.mjs

bench-wasm: wasm-build wasm-deps
	cd bindings/node && $(NPM) ci --no-audit --no-fund && npx napi build --platform --release
	node benches/wasm/bench.mjs --readme
