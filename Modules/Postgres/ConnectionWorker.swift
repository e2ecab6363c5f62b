internal import Dispatch
internal import Foundation
internal import Synchronization

/// The dedicated OS thread that owns one libpq connection.
///
/// Why: libpq's calls block, and a blocked cooperative-pool thread starves every other task. Each connection
/// gets its own thread; a job is a closure run on that thread with exclusive access to the `ConnectionCore`.
/// The handoff is one mutex-guarded append plus a semaphore signal; results go back through a continuation.
final class ConnectionWorker: Sendable {
    typealias Job = @Sendable (ConnectionCore) -> Void

    private struct Queue: ~Copyable {
        var jobs: [Job] = []
        var head = 0
        var stopping = false
    }

    private let queue = Mutex(Queue())
    private let wakeUp = DispatchSemaphore(value: 0)

    init(name: String) {
        let core = ConnectionCore()
        let thread = Thread { [self] in run(core) }
        thread.name = name
        // The thread only runs libpq (including OpenSSL handshakes) and result copying: 1 MiB is ample, and
        // smaller than the 8 MiB default keeps the address-space cost of hundreds of connections low.
        thread.stackSize = 1 << 20
        thread.start()
    }

    /// Queues `job`; returns false when the worker has already been told to stop (the job will never run).
    func submit(_ job: @escaping Job) -> Bool {
        let accepted = queue.withLock { queue -> Bool in
            guard !queue.stopping else { return false }
            queue.jobs.append(job)
            return true
        }
        if accepted { wakeUp.signal() }
        return accepted
    }

    /// Runs `body` on the connection thread and suspends (without blocking a cooperative thread) until it finishes.
    func perform<T: Sendable>(
        _ body: @escaping @Sendable (ConnectionCore) -> Result<T, PostgresError>
    ) async -> Result<T, PostgresError> {
        await withUnsafeContinuation { continuation in
            let accepted = submit { core in continuation.resume(returning: body(core)) }
            if !accepted {
                continuation.resume(returning: .failure(PostgresError(.connectionLost, message: "connection closed")))
            }
        }
    }

    /// Lets queued jobs finish, then closes the connection and ends the thread; returns once it is closed.
    func stop() async {
        await withUnsafeContinuation { (continuation: UnsafeContinuation<Void, Never>) in
            requestStop { continuation.resume() }
        }
    }

    /// Like `stop()` without waiting; `done` runs on the worker thread after the connection is closed, or at once
    /// when a stop was already requested. Safe from `deinit`.
    func requestStop(then done: @escaping @Sendable () -> Void = {}) {
        let first = queue.withLock { queue -> Bool in
            guard !queue.stopping else { return false }
            queue.stopping = true
            queue.jobs.append { core in
                core.finish()
                done()
            }
            return true
        }
        if first { wakeUp.signal() } else { done() }
    }

    private func run(_ core: ConnectionCore) {
        while true {
            wakeUp.wait()
            let job = queue.withLock { queue -> Job? in
                guard queue.head < queue.jobs.count else { return nil }
                let job = queue.jobs[queue.head]
                queue.head += 1
                if queue.head == queue.jobs.count {
                    queue.jobs.removeAll(keepingCapacity: true)
                    queue.head = 0
                }
                return job
            }
            guard let job else { continue }
            job(core)
            // `stopping` is set together with appending the final job, so "stopping and drained" means it ran.
            if queue.withLock({ $0.stopping && $0.jobs.isEmpty }) { return }
        }
    }
}
