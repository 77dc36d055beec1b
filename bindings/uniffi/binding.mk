# Kotlin and Swift through uniffi (bindings/uniffi). Included by the root Makefile.
#
#   make test-uniffi        build the cdylib, drift-check the generated Kotlin and Swift, run the
#                           uniffi-Python check, the JUnit tests on the JVM and the Kotlin example
#   make uniffi-generate    regenerate the committed sources (after changing the binding)
#   make dist-kotlin        the jar and its pom in target/dist/ (part of `make dist`)
#   make bench-kotlin       the JMH benchmark; rewrites the README's performance table
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

test-uniffi: uniffi-drift uniffi-python uniffi-kotlin uniffi-install-test

# ---------------------------------------------------------------------------------------------
# The JVM artefact (issue 14) and the JMH benchmark (issue 15).
#
#   make dist-kotlin        target/dist/apart-0.1.0.jar (classes + linux-x86-64/libapart_uniffi.so,
#                           release, stripped) and target/dist/apart-0.1.0.pom (JNA, kotlin-stdlib)
#   make uniffi-install-test  a fresh Maven project with only that jar (and Maven Central) runs the
#                           Kotlin example and the plain-Java caller, no Rust toolchain on PATH
#   make bench-kotlin       JMH (3 forks, best kept) against commons-validator's Luhn, a Java Luhn
#                           and Rust itself (criterion, same run); rewrites the README's table

UNIFFI_VERSION  := 0.1.0
UNIFFI_JAR      := apart-$(UNIFFI_VERSION).jar
# The shared release build of the library: profile `dist` (release with thin LTO and 16
# codegen units, stripped), used by the jar and the benchmark alike.
UNIFFI_DIST_LIB := target/dist/libapart.$(UNIFFI_EXT)
JVM_OUT         := target/jvm
DIST_OUT        := target/dist
# PATH without any Rust toolchain, for the install test.
NO_RUST_PATH    := $(shell printf '%s' "$$PATH" | tr ':' '\n' | grep -v -e cargo -e rustup | paste -sd: -)
# Maven for the user-side projects: a user's cache of Maven Central, never our build outputs
# (fr.apart is removed from it before each run, so a stale copy cannot answer).
UNIFFI_M2_APART := $(HOME)/.m2/repository/fr/apart/apart

.PHONY: dist-kotlin uniffi-dist-lib uniffi-dist-repo uniffi-install-test uniffi-readme-check bench-kotlin

DIST_TARGETS += dist-kotlin

uniffi-dist-lib:
	$(CARGO) build --profile dist -p apart-uniffi
	mkdir -p $(JVM_OUT)/native
	cp $(UNIFFI_DIST_LIB) $(JVM_OUT)/native/libapart_uniffi.$(UNIFFI_EXT)

## The jar (generated Kotlin + ApartFast + the release library) and its pom, into target/dist/.
dist-kotlin: uniffi-build uniffi-dist-lib
	@command -v $(UNIFFI_MVN) >/dev/null || { echo "uniffi: Maven and a JDK 17+ are needed for the jar" >&2; exit 1; }
	# Not offline: `package` needs plugins (jar) that the test run never downloaded.
	cd $(UNIFFI_DIR)/kotlin && $(UNIFFI_MVN) -B -q -Dstyle.color=never -Pdist -DskipTests \
	  -Dapart.native.dir=$(abspath $(JVM_OUT)/native) package
	mkdir -p $(DIST_OUT)
	cp $(UNIFFI_DIR)/kotlin/target/$(UNIFFI_JAR) $(DIST_OUT)/$(UNIFFI_JAR)
	cp $(UNIFFI_DIR)/kotlin/pom.xml $(DIST_OUT)/apart-$(UNIFFI_VERSION).pom
	@unzip -l $(DIST_OUT)/$(UNIFFI_JAR) | grep -q 'linux-x86-64/libapart_uniffi.so' \
	  || { echo "uniffi: the jar lacks linux-x86-64/libapart_uniffi.so" >&2; exit 1; }
	@ls -l $(DIST_OUT)/$(UNIFFI_JAR) $(UNIFFI_DIST_LIB) | awk '{print "uniffi: " $$5 " bytes " $$9}'

# The jar as a user's Maven sees it: a file repository holding fr.apart:apart alone.
uniffi-dist-repo: dist-kotlin
	rm -rf $(JVM_OUT)/repo $(UNIFFI_M2_APART)
	$(UNIFFI_MVN) -B -q org.apache.maven.plugins:maven-install-plugin:3.1.4:install-file \
	  -Dfile=$(DIST_OUT)/$(UNIFFI_JAR) -DpomFile=$(DIST_OUT)/apart-$(UNIFFI_VERSION).pom \
	  -DlocalRepositoryPath=$(abspath $(JVM_OUT)/repo)

## The README's quick start is the example file, character for character.
uniffi-readme-check:
	@python3 -c 'import sys; readme = open("$(UNIFFI_DIR)/README.md", encoding="utf-8").read(); \
	  block = readme.split("## Quick start (Kotlin)", 1)[1].split("```kotlin\n", 1)[1].split("```", 1)[0]; \
	  sys.exit(0 if block == open("examples/kotlin/src/main/kotlin/fr/apart/examples/CheckEmployer.kt", encoding="utf-8").read() \
	  else "uniffi: the README quick start differs from examples/kotlin/.../CheckEmployer.kt")'

## A fresh Maven project with only the jar runs the Kotlin example and the Java caller.
uniffi-install-test: uniffi-dist-repo uniffi-readme-check
	rm -rf $(JVM_OUT)/project && mkdir -p $(JVM_OUT)/project/src/main
	cp $(UNIFFI_DIR)/install-test/pom.xml $(JVM_OUT)/project/
	cp -r examples/kotlin/src/main/kotlin examples/java/src/main/java $(JVM_OUT)/project/src/main/
	ln -s $(abspath $(JVM_OUT)/repo) $(JVM_OUT)/project/repo
	cd $(JVM_OUT)/project && env PATH="$(NO_RUST_PATH)" sh -c '\
	  if command -v cargo >/dev/null; then echo "uniffi: cargo is still on PATH" >&2; exit 1; fi; \
	  $(UNIFFI_MVN) -B -q -Dstyle.color=never package exec:java \
	  && $(UNIFFI_MVN) -B -q -Dstyle.color=never exec:java -Dmain=fr.apart.examples.CheckEmployerJava'
	@echo "uniffi: install test passed (Kotlin example and Java caller from the jar alone)"

## JMH: apart (JNI and uniffi) against commons-validator, a Java Luhn and Rust (criterion).
bench-kotlin: uniffi-dist-repo
	$(CARGO) bench -p apart-benches --bench siret -- 'siret/(is_valid|parse)/plain' --warm-up-time 1 --measurement-time 3
	$(CARGO) bench -p apart-benches --bench indemnity -- 'employee_month/explain_off|claim_10000/explain_off' --warm-up-time 1 --measurement-time 3
	rm -rf $(UNIFFI_M2_APART)
	cd benches/kotlin && $(UNIFFI_MVN) -B -q -Dstyle.color=never -Dapart.repo=$(abspath $(JVM_OUT)/repo) package
	java -jar benches/kotlin/target/benchmarks.jar -f 3 -wi 3 -w 1s -i 5 -r 1s \
	  -rf json -rff $(abspath $(JVM_OUT)/jmh.json) 'fr.apart.bench.*'
	python3 benches/kotlin/report.py $(JVM_OUT)/jmh.json target/criterion $(UNIFFI_DIR)/README.md
