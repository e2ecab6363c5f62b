import Postgres
import Testing

/// Lets `parties` tasks wait for each other, to force two transactions to overlap deterministically.
actor Barrier {
    private let parties: Int
    private var arrived = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(parties: Int) { self.parties = parties }

    func arrive() async {
        arrived += 1
        if arrived >= parties {
            waiting.forEach { $0.resume() }
            waiting.removeAll()
        } else {
            await withCheckedContinuation { waiting.append($0) }
        }
    }
}

/// A thread-safe counter for closures that run more than once.
actor Counter {
    private(set) var value = 0
    private(set) var log: [String] = []

    @discardableResult
    func increment() -> Int {
        value += 1
        return value
    }

    func append(_ entry: String) { log.append(entry) }
}
