// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Vigil",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "vigil", targets: ["vigil"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        // C libraries from Debian, wrapped as system-library targets.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        // Pure core: models, config model, ports, scheduling policy. No I/O, no C modules.
        .target(
            name: "VigilCore",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        // Incident detection: article text in, a coded, explainable detection out. Pure: no I/O, no C modules.
        .target(
            name: "VigilDetect",
            dependencies: ["VigilCore", .product(name: "Yams", package: "Yams")]
        ),
        // Surge statistics: daily counts per key in, an explained verdict out. Pure: no I/O, no dates, no store.
        .target(name: "VigilAlerts"),
        // Feed and HTML parsing on libxml2: bytes + base URL in, values out.
        .target(name: "VigilParse", dependencies: ["VigilCore", "CLibXML2"]),
        // HTTP fetching on the libcurl multi interface.
        .target(
            name: "VigilFetch",
            dependencies: ["VigilCore", "CCurl"]
        ),
        // SQLite store (GRDB) implementing VigilCore's store port.
        .target(
            name: "VigilStore",
            dependencies: ["VigilCore", "CZlib", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // The daemon: scheduler, directory watching, inbox, ingest pipeline.
        .target(
            name: "VigilService",
            dependencies: [
                "VigilCore", "VigilParse", "VigilFetch", "VigilStore", "VigilDetect", "VigilAlerts",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "vigil",
            dependencies: [
                "VigilCore", "VigilParse", "VigilFetch", "VigilStore", "VigilService", "VigilDetect", "VigilAlerts",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Test helpers: a real loopback HTTP server serving fixtures, temp folders, process runner.
        .target(
            name: "VigilTestSupport",
            dependencies: [
                "CZlib",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),

        .testTarget(name: "VigilCoreTests", dependencies: ["VigilCore"]),
        .testTarget(
            name: "VigilDetectTests",
            dependencies: ["VigilDetect", "VigilCore"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "VigilAlertsTests", dependencies: ["VigilAlerts"]),
        .testTarget(
            name: "VigilParseTests",
            dependencies: ["VigilParse", "VigilCore"],
            exclude: ["CONFORMANCE.md"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "VigilFetchTests", dependencies: ["VigilFetch", "VigilCore", "VigilTestSupport"]),
        .testTarget(
            name: "VigilStoreTests",
            dependencies: ["VigilStore", "VigilCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "VigilServiceTests",
            dependencies: ["VigilService", "VigilCore", "VigilStore", "VigilTestSupport", "vigil"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
