import Synchronization

/// Reads made only to bring memory into the cache (`RouteStore.warm`, `RouteLookup.warm`) end
/// in a value that means nothing; `keep` stores it where the optimiser must leave it. A store to
/// a global is a side effect it cannot remove (an empty function's argument is dead to it,
/// reads and all).
enum CacheWarming {
    static func keep(_ value: UInt64) { sink.store(value, ordering: .relaxed) }
}

private let sink = Atomic<UInt64>(0)
