// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "tzpy",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tzpy", targets: ["tzpy"]),
        .library(name: "ClaimKit", targets: ["ClaimKit"]),
        .library(name: "ClaimStore", targets: ["ClaimStore"]),
        .library(name: "Sheets", targets: ["Sheets"]),
        .library(name: "ClaimExchange", targets: ["ClaimExchange"]),
        .library(name: "ReviewConsole", targets: ["ReviewConsole"]),
        .library(name: "TerminalText", targets: ["TerminalText"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CNCursesW",
            providers: [.apt(["libncursesw5-dev", "libncurses-dev"])]
        ),
        .target(name: "ClaimKit"),
        .target(name: "TerminalText"),
        .target(name: "CChainDigest", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(
            name: "ClaimStore",
            dependencies: ["ClaimKit", "CChainDigest", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .systemLibrary(name: "CDeflate", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "Sheets", dependencies: ["CDeflate"]),
        .target(name: "ClaimExchange", dependencies: ["ClaimKit", "ClaimStore", "Sheets", "TerminalText"]),
        .target(name: "ReviewConsole", dependencies: ["ClaimKit", "ClaimStore", "TerminalText", "CNCursesW"]),
        .executableTarget(
            name: "tzpy",
            dependencies: [
                "ClaimKit", "ClaimStore", "ClaimExchange", "ReviewConsole", "TerminalText",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "tzpy-bench",
            dependencies: ["ClaimKit", "ClaimStore", "ClaimExchange", "ReviewConsole",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "ClaimKitTests", dependencies: ["ClaimKit"]),
        .testTarget(name: "ClaimStoreTests", dependencies: ["ClaimKit", "ClaimStore"]),
        .testTarget(name: "SheetsTests", dependencies: ["Sheets", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "ClaimExchangeTests", dependencies: ["ClaimKit", "ClaimStore", "ClaimExchange", "Sheets", "TerminalText"]),
        .testTarget(name: "ReviewConsoleTests", dependencies: ["ClaimKit", "ClaimStore", "TerminalText", "ReviewConsole"]),
        .testTarget(name: "TerminalTextTests", dependencies: ["TerminalText"]),
        .testTarget(name: "tzpyTests", dependencies: ["tzpy", "TerminalText", "ClaimKit", "ClaimStore", "ClaimExchange", "ReviewConsole"]),
    ]
)
