import Foundation

/// Runs blocking work (a raw-socket client reading with deadlines, thousands of requests in a row) on a thread of
/// its own and suspends until it is done, so it never ties up one of the few cooperative-pool threads that the
/// server's and other tests' tasks need.
public func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: body()) }.start()
    }
}
