/// The pool's bookkeeping, only touched under the pool's mutex. Its methods decide; the pool acts (resumes
/// continuations, opens and closes connections) after the lock is released.
struct PoolState: ~Copyable {
    /// What a waiter is given when it is woken.
    enum Grant: Sendable {
        case link(ConnectionLink)
        /// A slot was freed: the waiter opens a new connection itself.
        case openSlot
        case failure(PostgresError)
    }

    struct Waiter {
        var id: Int
        var continuation: UnsafeContinuation<Grant, Never>
        var timer: Task<Void, Never>?
    }

    /// A continuation to resume, with what to resume it with, once the lock is released.
    struct Wake {
        var continuation: UnsafeContinuation<Grant, Never>
        var grant: Grant
        var timer: Task<Void, Never>?

        func resume() {
            timer?.cancel()
            continuation.resume(returning: grant)
        }
    }

    let size: Int
    var idle: [ConnectionLink] = []
    /// Connections open or being opened.
    var open = 0
    var inUse = 0
    /// FIFO, oldest first.
    var waiters: [Waiter] = []
    var nextWaiterID = 0
    var nextLinkID = 0
    var closed = false
    var totalAcquired = 0
    var timeouts = 0
    var replaced = 0

    init(size: Int) { self.size = size }

    /// Hands a freed link to the oldest waiter, or parks it; returns the wake-up to perform, if any.
    mutating func checkIn(_ link: ConnectionLink) -> Wake? {
        if !waiters.isEmpty {
            let waiter = waiters.removeFirst()
            totalAcquired += 1
            return Wake(continuation: waiter.continuation, grant: .link(link), timer: waiter.timer)
        }
        inUse -= 1
        idle.append(link)
        return nil
    }

    /// A connection was closed or failed to open: its slot goes to the oldest waiter, who opens a replacement.
    mutating func releaseSlot() -> Wake? {
        if !waiters.isEmpty, !closed {
            let waiter = waiters.removeFirst()
            totalAcquired += 1
            return Wake(continuation: waiter.continuation, grant: .openSlot, timer: waiter.timer)
        }
        open -= 1
        inUse -= 1
        return nil
    }

    mutating func removeWaiter(id: Int) -> Waiter? {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return nil }
        return waiters.remove(at: index)
    }
}
