#!/usr/bin/env bash
# Builds build/ApartFFI.xcframework (static libraries of apart-uniffi for macOS, iOS and the iOS
# simulator, with the generated C header and module map) and copies the generated Swift into
# Sources/Apart. macOS only (xcodebuild, lipo). Run from anywhere; see ../README.md.
#
#   APART_PROFILE=release|debug (default release)   APART_TARGETS="..." (default: all five)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
profile="${APART_PROFILE:-release}"
targets="${APART_TARGETS:-aarch64-apple-darwin x86_64-apple-darwin aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios}"
flag=$([ "$profile" = release ] && echo --release || true)

cd "$root"
for t in $targets; do
  rustup target add "$t" >/dev/null
  # staticlib on demand: the crate declares cdylib + lib only, so Linux builds stay lean.
  cargo rustc -p apart-uniffi --lib --crate-type staticlib $flag --target "$t"
done

# The committed generated sources are the ones the tests and the drift check use.
cp bindings/uniffi/generated/swift/Apart.swift "$here/Sources/Apart/Apart.swift"
headers="$root/target/uniffi/swift-headers"
rm -rf "$headers" && mkdir -p "$headers"
cp bindings/uniffi/generated/swift/apartFFI.h "$headers/"
cp bindings/uniffi/generated/swift/apartFFI.modulemap "$headers/module.modulemap"

lib() { echo "$root/target/$1/$profile/libapart_uniffi.a"; }
out="$root/target/uniffi/universal" && mkdir -p "$out/macos" "$out/ios-sim"
lipo -create "$(lib aarch64-apple-darwin)" "$(lib x86_64-apple-darwin)" -output "$out/macos/libapart_uniffi.a"
lipo -create "$(lib aarch64-apple-ios-sim)" "$(lib x86_64-apple-ios)" -output "$out/ios-sim/libapart_uniffi.a"

rm -rf "$here/build/ApartFFI.xcframework"
xcodebuild -create-xcframework \
  -library "$out/macos/libapart_uniffi.a" -headers "$headers" \
  -library "$(lib aarch64-apple-ios)" -headers "$headers" \
  -library "$out/ios-sim/libapart_uniffi.a" -headers "$headers" \
  -output "$here/build/ApartFFI.xcframework"
echo "built $here/build/ApartFFI.xcframework"
