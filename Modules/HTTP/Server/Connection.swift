import Glibc

/// One accepted socket: reads into its own buffer, parses, runs at most one handler at a time (pipelined
/// requests wait their turn, so answers stay in order), and writes answers from one reusable buffer.
/// Owned by its event loop and touched only on that loop's thread.
final class Connection {
    /// What the connection is waiting for; decides which timeout applies.
    enum Phase: Equatable {
        case head, body, handling, idle, lingering
    }

    let fd: Int32
    let token: UInt64
    /// The peer's address, taken at `accept`; every request of the connection carries it.
    let peer: IPAddress?
    // Strong on purpose: a handler task outliving the shutdown grace period still holds its connection, and
    // through it a live loop to hand its completion to (the loop then forwards work to the global executor).
    let loop: EventLoop
    private var parser: HTTPRequestParser
    private var input: InputBuffer
    private var output: [UInt8] = []
    private var sent = 0
    private var phase = Phase.head
    private var phaseStart: Int64
    private var lastWrite: Int64
    /// When the bytes now waiting to be sent started waiting: the send deadline counts from here, not from the last
    /// progress, so a client reading a few bytes a minute cannot hold the connection.
    private var sendStart: Int64
    /// The task handling the current request; cancelled at the request deadline.
    private var handler: Task<Void, Never>?
    private var handlerCancelled = false
    /// Set when the server answered for a handler that ignored its cancellation; its late answer is dropped.
    private var handlerAbandoned = false
    private var interest = Syscalls.epollIn
    private var closeAfterFlush = false
    private var peerClosed = false
    private(set) var closed = false
    private var current = (isHead: false, keepAlive: true, keepAlive10: false)

    /// How long a closing connection keeps draining the peer's bytes, so that unread input does not turn
    /// our close into a reset that destroys the final response before the peer reads it.
    private static let lingerNanoseconds: Int64 = 2_000_000_000

    init(fd: Int32, token: UInt64, peer: IPAddress?, loop: EventLoop) {
        self.fd = fd
        self.token = token
        self.peer = peer
        self.loop = loop
        let limits = loop.context.limits
        parser = HTTPRequestParser(limits: limits)
        let config = loop.context.configuration
        input = InputBuffer(maximum: limits.maxRequestLineBytes &+ limits.maxHeaderBytes &+ config.maxPipelinedBytes &+ 65_536)
        phaseStart = loop.now
        lastWrite = loop.now
        sendStart = loop.now
        output.reserveCapacity(4096)
    }

    private var unsent: Int { output.count &- sent }

    func handle(events: UInt32) {
        if events & (Syscalls.epollErr | Syscalls.epollHup) != 0, events & Syscalls.epollIn == 0 {
            close()
            return
        }
        if events & Syscalls.epollOut != 0 {
            flush()
            if closed { return }
            if !closeAfterFlush, phase != .handling { process() }
        }
        if events & Syscalls.epollIn != 0, !closed { readAvailable() }
        if !closed { updateInterest() }
    }

    private func readAvailable() {
        let count = input.read(from: fd)
        if count > 0 {
            if phase == .lingering {
                input.clear()
                return
            }
            if phase == .idle { enter(.head) }
            if phase != .handling { process() }
        } else if count == 0 {
            peerClosed = true
            if phase == .lingering || (phase != .handling && unsent == 0) { close() }
        } else if errno != EAGAIN, errno != EWOULDBLOCK, errno != EINTR {
            close()
        }
    }

    /// Parses and dispatches buffered requests until one is in flight, more bytes are needed, or output backs up.
    private func process() {
        let maxUnsent = loop.context.configuration.maxUnsentBytes
        parsing: while phase != .handling, !closeAfterFlush, unsent < maxUnsent {
            let (consumed, event) = input.withUnread { parser.parse($0) }
            input.consume(consumed)
            switch event {
            case .needMore:
                if consumed == 0 || input.isEmpty { break parsing }
            case .expectContinue:
                markSendStart()
                output.append(contentsOf: ResponseEncoder.continueLine)
                flush()
                if closed { return }
                enter(.body)
            case .request(let request, let keepAlive):
                dispatch(request, keepAlive: keepAlive)
            case .failure(let error):
                let problem = ProblemDetails(status: error.status, code: error.code, detail: error.detail)
                answerAndClose(problem.response(requestID: RequestID.generate()))
                return
            }
        }
        if phase == .head || phase == .body || phase == .idle {
            enter(parser.isReadingBody ? .body : (parser.isIdle && input.isEmpty ? .idle : .head))
        }
        if peerClosed, phase != .handling, unsent == 0 { close() }
    }

    private func dispatch(_ request: HTTPRequest, keepAlive: Bool) {
        var request = request
        request.remoteAddress = peer
        enter(.handling)
        current = (request.method == .head, keepAlive, keepAlive && request.version == .http1_0)
        let box = ConnectionBox(connection: self)
        let responder = loop.context.responder
        handlerCancelled = false
        if loop.context.configuration.runsHandlersOnEventLoops {
            handler = Task(executorPreference: loop) {
                let response = await responder.respond(to: request)
                box.complete(response)
            }
        } else {
            handler = Task {
                let response = await responder.respond(to: request)
                box.complete(response)
            }
        }
    }

    /// Called with the handler's answer, on the loop thread.
    func complete(_ response: HTTPResponse) {
        guard !closed, phase == .handling, !handlerAbandoned else { return }
        handler = nil
        let close = !current.keepAlive || loop.shuttingDown || ResponseEncoder.asksToClose(response)
        markSendStart()
        ResponseEncoder.encode(response, isHead: current.isHead, close: close, keepAlive10: current.keepAlive10,
                               date: loop.date.headerLine, into: &output)
        closeAfterFlush = close
        enter(.idle)
        flush()
        if closed { return }
        if !closeAfterFlush { process() }
        if !closed { updateInterest() }
    }

    private func answerAndClose(_ response: HTTPResponse, isHead: Bool = false) {
        markSendStart()
        ResponseEncoder.encode(response, isHead: isHead, close: true, keepAlive10: false,
                               date: loop.date.headerLine, into: &output)
        closeAfterFlush = true
        flush()
    }

    private func flush() {
        while sent < output.count {
            let written = output.withUnsafeBytes { bytes in
                send(fd, bytes.baseAddress.map { $0 + sent }, bytes.count &- sent, Int32(MSG_NOSIGNAL))
            }
            if written > 0 {
                sent &+= written
                lastWrite = loop.now
            } else if written < 0, errno == EINTR {
                continue
            } else if written < 0, errno == EAGAIN || errno == EWOULDBLOCK {
                return
            } else {
                close()
                return
            }
        }
        output.removeAll(keepingCapacity: output.capacity <= 65_536)
        sent = 0
        if closeAfterFlush, phase != .lingering { linger() }
    }

    private func markSendStart() {
        if unsent == 0 { sendStart = loop.now }
    }

    private func linger() {
        guard !peerClosed else {
            close()
            return
        }
        shutdown(fd, Int32(SHUT_WR))
        input.clear()
        enter(.lingering)
    }

    private func updateInterest() {
        var wanted: UInt32 = 0
        if unsent > 0 { wanted |= Syscalls.epollOut }
        let pipelinedFull = phase == .handling && input.unreadCount >= loop.context.configuration.maxPipelinedBytes
        let reading = !peerClosed && (!closeAfterFlush || phase == .lingering) && !pipelinedFull && input.hasRoom
        if reading { wanted |= Syscalls.epollIn }
        if wanted != interest {
            interest = wanted
            loop.watch(self, events: wanted)
        }
    }

    private func enter(_ next: Phase) {
        if next != phase {
            phase = next
            phaseStart = loop.now
        }
    }

    /// Applies the header, body, idle, write, send and request timeouts; called by the loop's periodic sweep.
    func checkTimeouts(now: Int64) {
        let config = loop.context.configuration
        let elapsed = now &- phaseStart
        if unsent > 0, now &- lastWrite > config.idleTimeout.nanoseconds {
            close()
            return
        }
        if unsent > 0, now &- sendStart > config.sendTimeout.nanoseconds {
            // A reset, not a FIN: the kernel would otherwise keep trickling the queued bytes to the slow reader.
            abort()
            return
        }
        switch phase {
        case .handling where handler != nil && elapsed > config.requestTimeout.nanoseconds:
            if !handlerCancelled {
                handlerCancelled = true
                handler?.cancel()
            } else if elapsed > config.requestTimeout.nanoseconds &+ Self.abandonAfterCancelNanoseconds {
                abandonHandler()
            }
        case .head where elapsed > config.headerTimeout.nanoseconds, .body where elapsed > config.bodyTimeout.nanoseconds:
            guard unsent == 0, !closeAfterFlush else { return }
            let problem = ProblemDetails(status: 408, code: "request_timeout", detail: "The request was not received in time.")
            answerAndClose(problem.response(requestID: RequestID.generate()))
            if !closed { updateInterest() }
        case .idle where elapsed > config.idleTimeout.nanoseconds || (loop.shuttingDown && unsent == 0):
            close()
        case .lingering where elapsed > Self.lingerNanoseconds:
            close()
        default:
            break
        }
    }

    /// How long a cancelled handler has to answer before the server answers for it.
    private static let abandonAfterCancelNanoseconds: Int64 = 1_000_000_000

    /// Answers `503` for a handler that did not finish within its deadline and ignored its cancellation, and closes
    /// the connection (the handler may still hold resources; nothing pipelined behind it is read).
    private func abandonHandler() {
        handlerAbandoned = true
        handler = nil
        let problem = ProblemDetails(status: .serviceUnavailable, code: "service_unavailable",
                                     detail: "The request did not finish in time; retry shortly.", headers: ["Retry-After": "1"])
        answerAndClose(problem.response(requestID: RequestID.generate()), isHead: current.isHead)
        if !closed { updateInterest() }
    }

    /// Closes with a reset, dropping what the kernel still holds for the peer.
    private func abort() {
        var option = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<Glibc.linger>.size))
        close()
    }

    /// At shutdown: closes the connection unless a request is being handled, its body is arriving, or an answer
    /// is still being sent; those finish (answered with `Connection: close`) within the grace period.
    func shutdownIfIdle() {
        if phase != .handling, phase != .body, unsent == 0 { close() }
    }

    func close() {
        guard !closed else { return }
        closed = true
        Glibc.close(fd)
        input.release()
        loop.remove(self)
    }
}
