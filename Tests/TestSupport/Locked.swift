import Synchronization

/// A value behind a lock, shared between tests and in-memory adapters: an in-memory store's state (committed or
/// one transaction's working copy), a hook a test sets, a set of claims.
public final class Locked<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>

    public init(_ value: Value) { storage = Mutex(value) }

    /// A copy of the value as it is now.
    public var snapshot: Value { storage.withLock { $0 } }

    /// Puts `value` in place of the current one.
    public func replace(_ value: Value) { storage.withLock { $0 = value } }

    /// Runs `body` on the value under the lock (keep it short: no awaiting inside).
    public func with<T>(_ body: (inout Value) throws -> T) rethrows -> T { try storage.withLock { try body(&$0) } }
}
