// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "tzpy",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tzpy", targets: ["tzpy"]),
        .library(name: "ClaimKit", targets: ["ClaimKit"]),
        .library(name: "ClaimStore", targets: ["ClaimStore"]),
        .library(name: "ReviewConsole", targets: ["ReviewConsole"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CNCursesW",
            providers: [.apt(["libncursesw5-dev", "libncurses-dev"])]
        ),
        .target(name: "ClaimKit"),
        .target(
            name: "ClaimStore",
            dependencies: ["ClaimKit", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(name: "ReviewConsole", dependencies: ["ClaimKit", "ClaimStore", "CNCursesW"]),
        .executableTarget(
            name: "tzpy",
            dependencies: [
                "ClaimKit", "ClaimStore", "ReviewConsole",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "tzpy-bench", dependencies: ["ClaimKit", "ClaimStore", "ReviewConsole"]),
        .testTarget(name: "ClaimKitTests", dependencies: ["ClaimKit"]),
        .testTarget(name: "ClaimStoreTests", dependencies: ["ClaimKit", "ClaimStore"]),
        .testTarget(name: "ReviewConsoleTests", dependencies: ["ClaimKit", "ClaimStore", "ReviewConsole"]),
    ]
)
