/// An incremental, strict HTTP/1.x request parser (RFC 9112). It owns no buffer and does no I/O:
/// the caller passes the unconsumed bytes it holds, drops the `consumed` prefix, and calls again when
/// more bytes arrive. Bytes may be split anywhere. After a `.failure` the connection must be closed.
struct HTTPRequestParser: Sendable {
    /// What the parser found.
    enum Event: Sendable {
        /// More bytes are needed (call again with more, or with the rest if `consumed > 0`).
        case needMore
        /// The head asks for `100 Continue` and its body is acceptable: send it, then call again.
        case expectContinue
        /// A complete request, and whether the connection may be reused after answering it.
        case request(HTTPRequest, keepAlive: Bool)
        /// The request is refused; answer and close.
        case failure(HTTPParseError)
    }

    private enum State: Sendable {
        case head
        case body(remaining: Int)
        case chunked
        case failed(HTTPParseError)
    }

    let limits: HTTPParserLimits
    private var state = State.head
    // Head scanning resumes where the last call stopped, so split heads cost no rescans.
    private var scanned = 0
    private var lineStart = 0
    private var requestLineEnd = -1
    private var head: RequestHead?
    private var body: [UInt8] = []
    private var chunked = ChunkedDecoder()

    init(limits: HTTPParserLimits = HTTPParserLimits()) { self.limits = limits }

    /// Whether the parser is between requests with nothing of the next one seen.
    var isIdle: Bool {
        if case .head = state { return scanned == 0 }
        return false
    }

    /// Whether a head was accepted and its body is being read.
    var isReadingBody: Bool {
        switch state {
        case .body, .chunked: true
        case .head, .failed: false
        }
    }

    /// Parses from the start of `input`, the bytes not yet consumed.
    mutating func parse(_ input: UnsafeRawBufferPointer) -> (consumed: Int, event: Event) {
        switch state {
        case .failed(let error):
            return (0, .failure(error))
        case .head:
            return parseHead(input)
        case .body(let remaining):
            let take = min(remaining, input.count)
            body.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[0..<take]))
            if take == remaining { return (take, finishRequest()) }
            state = .body(remaining: remaining &- take)
            return (take, .needMore)
        case .chunked:
            let (consumed, outcome) = chunked.decode(input, into: &body, limits: limits)
            switch outcome {
            case .needMore: return (consumed, .needMore)
            case .done: return (consumed, finishRequest())
            case .failure(let error): return (consumed, fail(error))
            }
        }
    }

    private mutating func parseHead(_ input: UnsafeRawBufferPointer) -> (consumed: Int, event: Event) {
        var i = scanned
        let n = input.count
        while i < n {
            guard input[i] == ASCII.lf else {
                i &+= 1
                continue
            }
            // The length checks come first and match the ones on a partial line below, so the verdict does not
            // depend on where the bytes were split.
            if let error = lengthError(lineLength: i &- lineStart, sectionLength: i) { return (0, fail(error)) }
            guard i > lineStart, input[i &- 1] == ASCII.cr else { return (0, fail(.badRequest("Lines must end in CRLF."))) }
            let lineLength = i &- 1 &- lineStart
            if requestLineEnd < 0 {
                if lineLength == 0 {
                    // RFC 9112 §2.2: an empty line before the request line is ignored.
                    let consumed = i &+ 1
                    resetHead()
                    return (consumed, .needMore)
                }
                requestLineEnd = i &- 1
            } else if lineLength == 0 {
                return completeHead(input, end: i &+ 1)
            }
            lineStart = i &+ 1
            i &+= 1
        }
        scanned = n
        // Refuse an overlong line before its end arrives, so a peer cannot make us buffer without bound.
        if let error = lengthError(lineLength: n &- lineStart, sectionLength: n) { return (0, fail(error)) }
        return (0, .needMore)
    }

    /// The limit a line of `lineLength` bytes (CR included, LF not) breaks, with a head of `sectionLength` bytes so far.
    private func lengthError(lineLength: Int, sectionLength: Int) -> HTTPParseError? {
        if requestLineEnd < 0 {
            return lineLength > limits.maxRequestLineBytes &+ 1 ? .uriTooLong : nil
        }
        if lineLength > limits.maxHeaderLineBytes &+ 1 { return .headerFieldsTooLarge("A header line is too long.") }
        if sectionLength &- (requestLineEnd &+ 2) > limits.maxHeaderBytes {
            return .headerFieldsTooLarge("The header section is too large.")
        }
        return nil
    }

    private mutating func completeHead(_ input: UnsafeRawBufferPointer, end: Int) -> (consumed: Int, event: Event) {
        switch RequestHead.parse(input, start: 0, requestLineEnd: requestLineEnd, end: end, limits: limits) {
        case .failure(let error):
            return (end, fail(error))
        case .success(let parsed):
            resetHead()
            head = parsed
            switch parsed.framing {
            case .none, .length(0):
                return (end, finishRequest())
            case .length(let length):
                body.reserveCapacity(length)
                state = .body(remaining: length)
            case .chunked:
                state = .chunked
            }
            return (end, parsed.expectsContinue ? .expectContinue : .needMore)
        }
    }

    private mutating func finishRequest() -> Event {
        state = .head
        guard let head else { return fail(.badRequest("Body without a head.")) }
        self.head = nil
        let request = HTTPRequest(method: head.method, target: head.target, version: head.version,
                                  headers: head.headers, body: body)
        body = []
        return .request(request, keepAlive: head.keepAlive)
    }

    private mutating func resetHead() {
        scanned = 0
        lineStart = 0
        requestLineEnd = -1
    }

    private mutating func fail(_ error: HTTPParseError) -> Event {
        state = .failed(error)
        return .failure(error)
    }
}
