# Kotlin and Swift through uniffi (bindings/uniffi). Included by the root Makefile.
#
#   make test-uniffi        build the cdylib, drift-check the generated Kotlin and Swift, run the
#                           uniffi-Python check, the JUnit tests on the JVM and the Kotlin example
#   make uniffi-generate    regenerate the committed sources (after changing the binding)
#
# Needs a JDK (17+) and Maven for the JVM part, python3 for the Python check; nothing else.

UNIFFI_DIR      := bindings/uniffi
UNIFFI_EXT      := $(if $(filter Darwin,$(shell uname -s)),dylib,so)
# The crate's library is named `apart` (one uniffi component with the core, see its Cargo.toml);
# the generated code loads `apart_uniffi`, so the library is copied under that name.
UNIFFI_LIB      := target/debug/libapart.$(UNIFFI_EXT)
UNIFFI_BINDGEN  := target/debug/uniffi-bindgen
UNIFFI_OUT      := target/uniffi
UNIFFI_JNA_DIR  := $(UNIFFI_OUT)/lib
# Maven: batch mode, quiet; offline once a run has downloaded everything the pom needs
# (the stamp holds the pom's hash, so a changed pom goes online again).
UNIFFI_MVN      ?= mvn
UNIFFI_MVN_FLAGS = -B -q -Dstyle.color=never $(if $(shell cmp -s $(UNIFFI_OUT)/maven.stamp $(UNIFFI_DIR)/kotlin/pom.xml && echo y),-o,)

BINDING_TESTS += test-uniffi

.PHONY: test-uniffi uniffi-build uniffi-generate uniffi-drift uniffi-python uniffi-kotlin

## Build the cdylib and the generator (same uniffi version, one cargo invocation).
uniffi-build:
	$(CARGO) build -p apart-uniffi -p uniffi-bindgen
	mkdir -p $(UNIFFI_JNA_DIR) && cp $(UNIFFI_LIB) $(UNIFFI_JNA_DIR)/libapart_uniffi.$(UNIFFI_EXT)

# $(call uniffi_gen,LANGUAGE,OUT_DIR)
uniffi_gen = $(UNIFFI_BINDGEN) generate $(UNIFFI_LIB) --config $(UNIFFI_DIR)/bindgen.toml --language $(1) --out-dir $(2) --no-format >/dev/null

## Regenerate the committed Kotlin and Swift sources.
uniffi-generate: uniffi-build
	rm -rf $(UNIFFI_DIR)/generated/kotlin $(UNIFFI_DIR)/generated/swift
	$(call uniffi_gen,kotlin,$(UNIFFI_DIR)/generated/kotlin)
	$(call uniffi_gen,swift,$(UNIFFI_DIR)/generated/swift)

## The committed sources are what the generator writes today (like chrono-tz's codegen test).
uniffi-drift: uniffi-build
	rm -rf $(UNIFFI_OUT)/generated
	$(call uniffi_gen,kotlin,$(UNIFFI_OUT)/generated/kotlin)
	$(call uniffi_gen,swift,$(UNIFFI_OUT)/generated/swift)
	@diff -r $(UNIFFI_DIR)/generated/kotlin $(UNIFFI_OUT)/generated/kotlin >/dev/null \
	  && diff -r $(UNIFFI_DIR)/generated/swift $(UNIFFI_OUT)/generated/swift >/dev/null \
	  || { diff -ru $(UNIFFI_DIR)/generated $(UNIFFI_OUT)/generated | head -40; \
	       echo "uniffi: generated sources are stale: run 'make uniffi-generate' and commit" >&2; exit 1; }
	@echo "uniffi: generated Kotlin and Swift match the library"

## The uniffi-generated Python against the same library: a second check of the scaffolding.
uniffi-python: uniffi-build
	rm -rf $(UNIFFI_OUT)/python && mkdir -p $(UNIFFI_OUT)/python
	$(call uniffi_gen,python,$(UNIFFI_OUT)/python)
	cp $(UNIFFI_LIB) $(UNIFFI_OUT)/python/libapart_uniffi.$(UNIFFI_EXT)
	APART_UNIFFI_PY=$(UNIFFI_OUT)/python APART_VECTORS=tests/vectors \
	  python3 $(UNIFFI_DIR)/python/test_uniffi_python.py

## JUnit over every vector on the JVM, then the runnable example.
uniffi-kotlin: uniffi-build
	@command -v $(UNIFFI_MVN) >/dev/null || { echo "uniffi: Maven ($(UNIFFI_MVN)) and a JDK 17+ are needed for the JVM tests" >&2; exit 1; }
	mkdir -p $(UNIFFI_OUT)
	cd $(UNIFFI_DIR)/kotlin && $(UNIFFI_MVN) $(UNIFFI_MVN_FLAGS) test exec:java
	python3 $(UNIFFI_DIR)/kotlin/surefire-summary.py $(UNIFFI_DIR)/kotlin/target/surefire-reports
	cp $(UNIFFI_DIR)/kotlin/pom.xml $(UNIFFI_OUT)/maven.stamp

test-uniffi: uniffi-drift uniffi-python uniffi-kotlin
