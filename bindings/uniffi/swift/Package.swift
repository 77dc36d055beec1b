// swift-tools-version:5.9
// The Swift package of apart: the generated bindings (module `Apart`) over the Rust library
// shipped as an XCFramework (`ApartFFI`). Build the XCFramework first:
//   bindings/uniffi/swift/build-xcframework.sh        (macOS, see bindings/uniffi/README.md)
// then `swift test` in this folder runs Tests/ApartTests, every shared vector included.
import PackageDescription

let package = Package(
    name: "Apart",
    platforms: [.macOS(.v12), .iOS(.v15)],
    products: [
        .library(name: "Apart", targets: ["Apart"]),
    ],
    targets: [
        // Static libraries (macOS universal, iOS device, iOS simulator) + apartFFI.h + module map.
        .binaryTarget(name: "ApartFFI", path: "build/ApartFFI.xcframework"),
        // Sources/Apart/Apart.swift is copied from ../generated/swift by build-xcframework.sh.
        .target(name: "Apart", dependencies: ["ApartFFI"], path: "Sources/Apart"),
        .testTarget(name: "ApartTests", dependencies: ["Apart"], path: "Tests/ApartTests"),
    ]
)
