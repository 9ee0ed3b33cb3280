// swift-tools-version: 6.1
import PackageDescription

// Dependencies point inward: podroute -> PodRouteNetlink, PodRouteProbe -> PodRouteCore.
// C stays at the leaves (CNetlink, CNCurses, CMalloc); PodRouteCore is pure Swift.
let package = Package(
    name: "podroute",
    products: [
        .executable(name: "podroute", targets: ["podroute"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        // Site files (the hosts a trace crosses) are YAML.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // Tests only: golden screens. Only the SnapshotTesting product, which needs no swift-syntax.
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing", from: "1.19.7"),
    ],
    targets: [
        .systemLibrary(name: "CNetlink", path: "Sources/CNetlink"),
        .systemLibrary(name: "CNCurses", path: "Sources/CNCurses", providers: [.apt(["libncurses-dev"])]),
        // glibc's mallopt: trace --batch puts its index on a heap backed by huge pages.
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),
        .target(
            name: "PodRouteCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        // The terminal-independent UI: cell buffers, views, key registry, state and reducer.
        .target(name: "PodRouteUI", dependencies: ["PodRouteCore"]),
        // The only code that calls ncurses: it presents PodRouteUI's frames and reads keys.
        .target(name: "PodRouteCurses", dependencies: ["PodRouteUI", "CNCurses"]),
        // errno values with their C names and texts, for the two modules that make system calls.
        .target(name: "PodRouteErrno"),
        .target(
            name: "PodRouteNetlink",
            dependencies: ["PodRouteCore", "PodRouteErrno", "CNetlink"]
        ),
        // Live probes (mtr-style): ICMP echo, UDP and TCP with rising TTL, from this host or a named
        // network namespace. The only code that sends probe packets; sockets through Glibc, no C shim.
        .target(name: "PodRouteProbe", dependencies: ["PodRouteCore", "PodRouteErrno"]),
        // The bundled demo node and sample files, read through Bundle.module.
        .target(
            name: "PodRouteSamples",
            path: "Resources",
            exclude: ["fixtures"],
            sources: ["BundledSamples.swift"],
            resources: [.copy("samples")]
        ),
        // Commit-confirmed route changes: the journal, all-or-nothing apply, the revert guardian.
        .target(name: "PodRouteApply", dependencies: ["PodRouteCore", "PodRouteNetlink"]),
        .executableTarget(
            name: "podroute",
            dependencies: [
                "PodRouteCore", "PodRouteNetlink", "PodRouteApply", "PodRouteProbe", "PodRouteUI", "PodRouteCurses",
                "PodRouteSamples", "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // Test support: network-namespace fixtures, fixture files, running the built binary.
        .target(name: "PodRouteTesting", dependencies: ["PodRouteCore"]),
        .testTarget(
            name: "PodRouteCoreTests",
            dependencies: [
                "PodRouteCore", "PodRouteTesting",
                .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
            ],
            exclude: ["Plan/Vendor/__Snapshots__"]
        ),
        .testTarget(name: "PodRouteNetlinkTests", dependencies: ["PodRouteNetlink", "PodRouteTesting"]),
        .testTarget(
            name: "PodRouteProbeTests",
            dependencies: ["PodRouteProbe", "PodRouteCore", "PodRouteNetlink", "PodRouteTesting", "podroute"]
        ),
        .testTarget(
            name: "PodRouteUITests",
            dependencies: [
                "PodRouteUI", "PodRouteTesting",
                .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
            ],
            exclude: ["__Snapshots__"]
        ),
        .testTarget(name: "PodRouteCLITests", dependencies: ["podroute", "PodRouteCore", "PodRouteTesting"]),
        // The TUI end to end: the built binary in a real terminal (tmux).
        .testTarget(name: "PodRouteTUITests", dependencies: ["podroute", "PodRouteTesting"]),
        // The multi-host lab itself (namespaces, BIRD, sshd): the fixture later trace and apply tests stand on.
        .testTarget(name: "PodRouteLabTests", dependencies: ["PodRouteTesting"]),
        // The path trace against real pings and traceroute on the lab.
        .testTarget(name: "PodRouteTraceTests", dependencies: ["PodRouteCore", "PodRouteNetlink", "PodRouteTesting"]),
        // Apply, confirm, rollback and the guardian against the lab's real kernel state.
        .testTarget(name: "PodRouteApplyTests", dependencies: ["podroute", "PodRouteApply", "PodRouteCore", "PodRouteNetlink", "PodRouteTesting"]),
    ],
    swiftLanguageModes: [.v6]
)
