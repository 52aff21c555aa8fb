// swift-tools-version:6.0
// libFuzzer harnesses for Bunkai's parsers of untrusted input. A package of its own, so the
// sanitizer flags never reach the main build:
//   swift build -c debug --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address
//   SWIFT_BACKTRACE=enable=no .build/debug/FuzzDocx -max_total_time=60 corpus/FuzzDocx
// (--sanitize alone builds and runs, but instruments only this package's targets: the fuzzer
// would see no coverage of BunkaiCore, BunkaiFormats and ZIPFoundation. -Xswiftc adds it.)
// scripts/fuzz.sh builds and runs them all.
import PackageDescription

let core = Target.Dependency.product(name: "BunkaiCore", package: "Bunkai")
let formats = Target.Dependency.product(name: "BunkaiFormats", package: "Bunkai")

let package = Package(
  name: "FuzzTesting",
  platforms: [.macOS(.v14)],
  dependencies: [
    .package(name: "Bunkai", path: ".."),
    // The server's form reader, which FuzzMultipart drives behind FormDataCheck.
    .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
  ],
  targets: [
    .target(name: "FuzzCommon", dependencies: [core, formats]),
    .executableTarget(name: "FuzzText", dependencies: ["FuzzCommon", core, formats]),
    .executableTarget(name: "FuzzDocx", dependencies: ["FuzzCommon", formats]),
    .executableTarget(name: "FuzzXlsx", dependencies: ["FuzzCommon", formats]),
    .executableTarget(name: "FuzzRedline", dependencies: ["FuzzCommon", formats]),
    .executableTarget(name: "FuzzCatalog", dependencies: ["FuzzCommon", formats]),
    .executableTarget(name: "FuzzPlaybookCache", dependencies: [core]),
    .executableTarget(
      name: "FuzzMultipart",
      dependencies: ["FuzzCommon", formats, .product(name: "MultipartKit", package: "multipart-kit")]),
  ]
)
