/// A counting semaphore for deliveries, first come first served.
///
/// A handler holds one pool connection for its transaction and may need a second one inside it (Orders' handler of
/// `order_allocated` asks Payments for the payment, which uses the pool). With as many deliveries in flight as
/// the pool has connections, every connection can end up held by a handler waiting for one more: a deadlock
/// that only the acquire timeout breaks. Keeping deliveries below the pool size leaves connections for those
/// nested calls, and for HTTP requests, however many events a burst of commits dispatches.
actor DeliveryPermits {
    private var available: Int
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(_ count: Int) {
        available = max(1, count)
    }

    func acquire() async {
        if available > 0 {
            available -= 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty {
            available += 1
        } else {
            waiters.removeFirst().resume()
        }
    }
}
