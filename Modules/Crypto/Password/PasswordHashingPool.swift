import Dispatch
import Glibc
import Foundation
import Synchronization

/// A small set of dedicated OS threads for password hashing, fed by a bounded queue.
///
/// Why not `Task.detached` or a global queue: a scrypt hash blocks its thread for hundreds of
/// milliseconds and ~128 MiB. On Swift's cooperative pool (one thread per core) two logins would
/// stall every other request. Here `threadCount` bounds CPU and memory (threadCount × 128 MiB), and
/// `maxQueued` bounds waiting work: beyond it `submit` fails fast with `.busy` so the HTTP layer can
/// shed load instead of buffering requests.
public final class PasswordHashingPool: Sendable {
    /// Worker threads, i.e. the most jobs that ever run at once.
    public let threadCount: Int
    /// Jobs that may wait for a thread beyond those running.
    public let maxQueued: Int

    /// Work to run on a pool thread; it returns what to do once its slot is free again.
    private typealias Job = @Sendable () -> (@Sendable () -> Void)

    private struct State {
        var queue: [Job] = []
        var running = 0
        var peakRunning = 0
        var stopped = false
    }

    private let state = Mutex(State())
    /// One signal per queued job, plus one per thread at shutdown.
    private let wakeUp = DispatchSemaphore(value: 0)

    /// The nice value of the hashing threads (0 is normal, 19 the lowest priority).
    static let niceness: Int32 = 5

    /// Starts `threadCount` threads (at least 1) named `wharf-scrypt-<n>`, at lowered CPU priority.
    public init(threadCount: Int, maxQueued: Int) {
        self.threadCount = max(1, threadCount)
        self.maxQueued = max(0, maxQueued)
        for index in 0..<self.threadCount {
            // The thread holds the pool until `shutdown()` lets it finish.
            let thread = Thread { [self] in
                // Hashing yields to everything else: logins use idle CPU, other requests are scheduled first.
                // (On Linux a nice value set with `who == 0` applies to the calling thread only.)
                _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, Self.niceness)
                workLoop()
            }
            thread.name = "wharf-scrypt-\(index)"
            thread.start()
        }
    }

    /// Queues `job` to run on a pool thread, or throws `.busy` when `threadCount + maxQueued` jobs are
    /// already running or waiting, and `.shutDown` after `shutdown()`. Never blocks.
    public func submit(_ job: @escaping @Sendable () -> Void) throws(PasswordHasherError) {
        try enqueue {
            job()
            return {}
        }
    }

    private func enqueue(_ job: @escaping Job) throws(PasswordHasherError) {
        try state.withLock { (state) throws(PasswordHasherError) in
            guard !state.stopped else { throw .shutDown }
            // Counting running jobs too means idle threads absorb new work before the queue limit applies.
            guard state.queue.count + state.running < threadCount + maxQueued else { throw .busy }
            state.queue.append(job)
        }
        wakeUp.signal()
    }

    /// Runs `work` on a pool thread and returns its result to the awaiting task.
    public func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async throws(PasswordHasherError) -> T {
        let result: Result<T, PasswordHasherError> = await withCheckedContinuation { continuation in
            do throws(PasswordHasherError) {
                try enqueue {
                    let value = work()
                    // Resume only after the slot is released, so a caller that awaits one job and then
                    // submits the next (verify, then rehash) never finds its own finished job in the way.
                    return { continuation.resume(returning: .success(value)) }
                }
            } catch {
                continuation.resume(returning: .failure(error))
            }
        }
        return try result.get()
    }

    /// Jobs running now.
    public var running: Int { state.withLock { $0.running } }
    /// Jobs waiting for a thread now.
    public var queued: Int { state.withLock { $0.queue.count } }
    /// The most jobs ever running at once (a high-water mark for tests and metrics); ≤ `threadCount`.
    public var peakRunning: Int { state.withLock { $0.peakRunning } }

    /// Refuses new jobs, lets queued ones finish, then ends the threads. Idempotent.
    public func shutdown() {
        let first = state.withLock { state in
            defer { state.stopped = true }
            return !state.stopped
        }
        guard first else { return }
        for _ in 0..<threadCount { wakeUp.signal() }
    }

    private func workLoop() {
        while true {
            wakeUp.wait()
            // Every signal before shutdown matches a queued job, so an empty queue means "stop".
            let job: Job? = state.withLock { state in
                guard !state.queue.isEmpty else { return nil }
                state.running += 1
                state.peakRunning = max(state.peakRunning, state.running)
                return state.queue.removeFirst()
            }
            guard let job else { return }
            let completion = job()
            state.withLock { $0.running -= 1 }
            completion()
        }
    }
}
