// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "Bunkai",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "bunkai", targets: ["bunkai"]),
    .library(name: "BunkaiCore", targets: ["BunkaiCore"]),
    .library(name: "BunkaiFormats", targets: ["BunkaiFormats"]),
  ],
  dependencies: [
    .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
    .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
    .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
    .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
    .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
    .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
    .package(url: "https://github.com/vapor/leaf.git", from: "4.5.2"),
    .package(url: "https://github.com/vapor/leaf-kit.git", from: "1.14.3"),
    // Mail to the SMTP relay over STARTTLS or implicit TLS (both already in Vapor's tree).
    .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
    // Tests only: property-based checks (numerals, the normaliser's offset map, escapes).
    .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
    // Tests only: page-render snapshots (review page, print view, annex, memo).
    .package(url: "https://github.com/pointfreeco/swift-snapshot-testing.git", from: "1.19.7"),
  ],
  targets: [
    // Pure core: text, normalisation, parsing, classification, playbook, evaluation. No I/O but resources.
    .target(
      name: "BunkaiCore",
      dependencies: [.product(name: "Yams", package: "Yams")],
      resources: [.copy("Resources/Playbooks"), .copy("Resources/Catalogs")]
    ),
    // zlib, to inflate uploaded zip parts with checked bounds (ZIPFoundation's reader can loop).
    .systemLibrary(name: "BunkaiZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    // Formats: encodings, docx/xlsx, pdf via pdftotext, report rendering.
    .target(
      name: "BunkaiFormats",
      dependencies: ["BunkaiCore", "BunkaiZlib", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
    ),
    // The web application: Vapor, Fluent (SQLite or PostgreSQL), Leaf views.
    .target(
      name: "BunkaiServer",
      dependencies: [
        "BunkaiCore", "BunkaiFormats",
        .product(name: "Vapor", package: "vapor"),
        .product(name: "Fluent", package: "fluent"),
        .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
        .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
        .product(name: "Leaf", package: "leaf"),
        .product(name: "LeafKit", package: "leaf-kit"),
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
      ],
      resources: [.copy("Resources/Views"), .copy("Resources/Public")]
    ),
    // Benchmarks and seeders (`bunkai bench-*`, `bunkai seed`): outside the product library, using
    // the server's package-level models and services.
    .target(
      name: "BunkaiBench",
      dependencies: [
        "BunkaiCore", "BunkaiFormats", "BunkaiServer",
        .product(name: "Vapor", package: "vapor"),
        .product(name: "Fluent", package: "fluent"),
        .product(name: "Leaf", package: "leaf"),
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
      ]
    ),
    // The commands, as a library so tests can call them in-process.
    .target(
      name: "BunkaiCLI",
      dependencies: [
        "BunkaiCore", "BunkaiFormats", "BunkaiServer", "BunkaiBench",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(name: "bunkai", dependencies: ["BunkaiCLI"]),
    // What several test targets share: folders removed when the test run exits.
    .target(name: "BunkaiTestSupport", path: "Tests/BunkaiTestSupport"),
    .testTarget(
      name: "BunkaiCoreTests",
      dependencies: ["BunkaiCore", .product(name: "PropertyBased", package: "swift-property-based")]
    ),
    .testTarget(
      name: "BunkaiFormatsTests",
      dependencies: [
        "BunkaiFormats", "BunkaiTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        .product(name: "Yams", package: "Yams"),
        .product(name: "PropertyBased", package: "swift-property-based"),
      ]
    ),
    .testTarget(name: "BunkaiCLITests", dependencies: ["BunkaiCLI", "bunkai", "BunkaiTestSupport"]),
    .testTarget(
      name: "BunkaiServerTests",
      dependencies: [
        "BunkaiServer", "BunkaiBench", "BunkaiFormats", "bunkai", "BunkaiTestSupport",
        .product(name: "VaporTesting", package: "vapor"),
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
      ],
      // Recorded snapshots are read by SnapshotTesting from the source tree, not bundled.
      exclude: ["__Snapshots__"]
    ),
  ]
)
