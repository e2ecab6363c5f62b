internal import CLibPQ
internal import Dispatch
internal import Foundation
internal import Synchronization

/// Turns Swift task cancellation into a PostgreSQL cancel request for the statement the task is waiting on.
///
/// Why this shape: `PQcancel` opens a new connection to the server, so it blocks; it runs on a short-lived thread
/// of its own. A cancel must never hit a later statement (possibly another caller's, once the connection is back
/// in the pool), so the worker does not report the statement's result until an in-flight cancel request has been
/// delivered; the server ignores a cancel that reaches an idle session.
final class QueryCanceller: Sendable {
    private struct State {
        var running = 0
        var requested = 0
        var inFlight: DispatchSemaphore?
    }

    private let handle: CancelHandle?
    private let state = Mutex(State())
    private let lastJob = Atomic<Int>(0)

    init(handle: CancelHandle?) { self.handle = handle }

    func newJobID() -> Int { lastJob.wrappingAdd(1, ordering: .relaxed).newValue }

    /// On the worker thread, before the job runs; false when the job was cancelled before it started.
    func begin(_ job: Int) -> Bool {
        state.withLock { state in
            guard state.requested != job else { return false }
            state.running = job
            return true
        }
    }

    /// On the worker thread, after the job ran; true when a cancel was requested for it. Blocks (the worker
    /// thread only) until an in-flight cancel request has been delivered.
    func end(_ job: Int) -> Bool {
        let (inFlight, requested) = state.withLock { state in
            defer {
                state.running = 0
                state.inFlight = nil
            }
            return (state.inFlight, state.requested == job)
        }
        inFlight?.wait()
        return requested
    }

    /// From the task's cancellation handler (any thread).
    func cancel(_ job: Int) {
        let inFlight = state.withLock { state -> DispatchSemaphore? in
            state.requested = job
            guard state.running == job, state.inFlight == nil, handle != nil else { return nil }
            let semaphore = DispatchSemaphore(value: 0)
            state.inFlight = semaphore
            return semaphore
        }
        guard let inFlight, let handle else { return }
        let thread = Thread {
            handle.send()
            inFlight.signal()
        }
        thread.name = "postgres-cancel"
        thread.stackSize = 256 * 1024
        thread.start()
    }

    static let cancelledBeforeStart = PostgresError(.cancelled, message: "cancelled before the statement was sent")
}

/// libpq's cancel object for one connection; `PQcancel` on it is thread-safe and needs no `PGconn`.
final class CancelHandle: @unchecked Sendable {
    private let pointer: OpaquePointer

    init?(connection: OpaquePointer) {
        guard let pointer = PQgetCancel(connection) else { return nil }
        self.pointer = pointer
    }

    deinit { PQfreeCancel(pointer) }

    func send() {
        var reason = [CChar](repeating: 0, count: 256)
        _ = PQcancel(pointer, &reason, Int32(reason.count))
    }
}
