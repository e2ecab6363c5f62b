internal import Synchronization

/// Lending and taking back connections.
extension PostgresPool {
    private enum Decision {
        case link(ConnectionLink)
        case open(id: Int)
        case wait(id: Int)
        case closed
    }

    /// Lends a healthy connection, opening one when below `size`, else waiting in line up to the acquire timeout.
    /// Idle connections the server has closed meanwhile are discarded here, before any statement is sent.
    func acquireLink() async throws(PostgresError) -> ConnectionLink {
        while true {
            let link = try await acquireAnyLink()
            if await link.isAliveWhenIdle() { return link }
            await release(link)
        }
    }

    private func acquireAnyLink() async throws(PostgresError) -> ConnectionLink {
        let decision = state.withLock { s -> Decision in
            if s.closed { return .closed }
            if let link = s.idle.popLast() {
                s.inUse += 1
                s.totalAcquired += 1
                return .link(link)
            }
            if s.open < s.size {
                s.open += 1
                s.inUse += 1
                s.totalAcquired += 1
                s.nextLinkID += 1
                return .open(id: s.nextLinkID)
            }
            s.nextWaiterID += 1
            return .wait(id: s.nextWaiterID)
        }
        switch decision {
        case .closed: throw Self.closedError
        case .link(let link): return link
        case .open(let id): return try await openLink(id: id)
        case .wait(let id):
            switch await waitInLine(id: id) {
            case .link(let link): return link
            case .openSlot:
                let id = state.withLock { s in
                    s.nextLinkID += 1
                    return s.nextLinkID
                }
                return try await openLink(id: id)
            case .failure(let error): throw error
            }
        }
    }

    /// Opens a connection into a slot already counted in `open`/`inUse`; on failure the slot is given back.
    private func openLink(id: Int) async throws(PostgresError) -> ConnectionLink {
        switch await ConnectionLink.open(configuration, id: id) {
        case .success(let link): return link
        case .failure(let error):
            state.withLock { $0.releaseSlot() }?.resume()
            throw error
        }
    }

    private func waitInLine(id: Int) async -> PoolState.Grant {
        let timeout = configuration.acquireTimeout
        return await withTaskCancellationHandler {
            await withUnsafeContinuation { continuation in
                let closed = state.withLock { s -> Bool in
                    guard !s.closed else { return true }
                    s.waiters.append(PoolState.Waiter(id: id, continuation: continuation, timer: nil))
                    return false
                }
                if closed {
                    continuation.resume(returning: .failure(Self.closedError))
                    return
                }
                let timer = Task { [weak self] in
                    try? await Task.sleep(for: timeout)
                    guard !Task.isCancelled else { return }
                    self?.abandonWait(id: id, because: PostgresError(
                        .poolTimeout, message: "no database connection became free within \(timeout)"))
                }
                let stillWaiting = state.withLock { s -> Bool in
                    guard let index = s.waiters.firstIndex(where: { $0.id == id }) else { return false }
                    s.waiters[index].timer = timer
                    return true
                }
                if !stillWaiting { timer.cancel() }
                // A cancellation that arrived before the waiter was queued found nothing to remove.
                if Task.isCancelled {
                    abandonWait(id: id, because: Self.cancelledError)
                }
            }
        } onCancel: {
            abandonWait(id: id, because: Self.cancelledError)
        }
    }

    static let cancelledError = PostgresError(.cancelled, message: "cancelled while waiting for a connection")

    private func abandonWait(id: Int, because error: PostgresError) {
        let waiter = state.withLock { s -> PoolState.Waiter? in
            let waiter = s.removeWaiter(id: id)
            if waiter != nil, error.kind == .poolTimeout { s.timeouts += 1 }
            return waiter
        }
        waiter?.continuation.resume(returning: .failure(error))
        waiter?.timer?.cancel()
    }

    /// Takes a connection back: broken ones are closed (their slot freed), open transactions rolled back,
    /// healthy ones go to the oldest waiter or the idle list.
    func release(_ link: ConnectionLink) async {
        if !link.isBroken, link.isInTransaction {
            _ = await link.execute("ROLLBACK", cancellable: false)
            if link.isInTransaction { link.markBroken() }
        }
        let closed = state.withLock { $0.closed }
        if link.isBroken || closed {
            state.withLock { s -> PoolState.Wake? in
                if link.isBroken { s.replaced += 1 }
                return s.releaseSlot()
            }?.resume()
            await link.close()
            return
        }
        state.withLock { $0.checkIn(link) }?.resume()
    }
}
