import Kernel

/// Decodes a chunked body (RFC 9112 §7.1) incrementally: bytes may be split anywhere, even inside CRLF.
struct ChunkedDecoder: Sendable {
    enum Outcome: Sendable, Equatable {
        case needMore
        case done
        case failure(HTTPParseError)
    }

    private enum State: Sendable {
        case size(value: Int, digits: Int)
        case extensions(value: Int, length: Int)
        case sizeLF(value: Int)
        case data(remaining: Int)
        case dataCR
        case dataLF
        case trailer(lineLength: Int)
        case trailerLF(lineLength: Int)
    }

    /// The longest chunk extension accepted; extensions carry nothing we use.
    static let maxExtensionBytes = 4096

    private var state = State.size(value: 0, digits: 0)
    private var trailerBytes = 0

    /// Consumes from `input`, appending chunk data to `body`. Returns how many bytes were consumed.
    mutating func decode(_ input: UnsafeRawBufferPointer, into body: inout [UInt8],
                         limits: HTTPParserLimits) -> (consumed: Int, outcome: Outcome) {
        var i = 0
        let n = input.count
        while i < n {
            let byte = input[i]
            switch state {
            case .size(let value, let digits):
                if let digit = HexDigit.value(byte).map(Int.init) {
                    // 16 hex digits can still overflow Int; 17 always would.
                    guard digits < 16 else { return (i, .failure(.badRequest("Chunk size too large."))) }
                    let (shifted, overflow) = value.multipliedReportingOverflow(by: 16)
                    guard !overflow else { return (i, .failure(.badRequest("Chunk size too large."))) }
                    state = .size(value: shifted | digit, digits: digits &+ 1)
                } else if digits > 0, byte == ASCII.cr {
                    state = .sizeLF(value: value)
                } else if digits > 0, byte == UInt8(ascii: ";") || ASCII.isWhitespace(byte) {
                    state = .extensions(value: value, length: 1)
                } else {
                    return (i, .failure(.badRequest("Invalid chunk size.")))
                }
                i &+= 1
            case .extensions(let value, let length):
                if byte == ASCII.cr {
                    state = .sizeLF(value: value)
                } else if ASCII.isFieldValue(byte), length < Self.maxExtensionBytes {
                    state = .extensions(value: value, length: length &+ 1)
                } else {
                    return (i, .failure(.badRequest("Invalid chunk extension.")))
                }
                i &+= 1
            case .sizeLF(let value):
                guard byte == ASCII.lf else { return (i, .failure(.badRequest("Chunk size line must end in CRLF."))) }
                i &+= 1
                if value == 0 {
                    state = .trailer(lineLength: 0)
                } else {
                    guard value <= limits.maxBodyBytes &- body.count else { return (i, .failure(.payloadTooLarge)) }
                    state = .data(remaining: value)
                }
            case .data(let remaining):
                let take = min(remaining, n &- i)
                body.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[i..<(i &+ take)]))
                i &+= take
                state = remaining == take ? .dataCR : .data(remaining: remaining &- take)
            case .dataCR:
                guard byte == ASCII.cr else { return (i, .failure(.badRequest("Chunk data must end in CRLF."))) }
                state = .dataLF
                i &+= 1
            case .dataLF:
                guard byte == ASCII.lf else { return (i, .failure(.badRequest("Chunk data must end in CRLF."))) }
                state = .size(value: 0, digits: 0)
                i &+= 1
            case .trailer(let lineLength):
                trailerBytes &+= 1
                guard trailerBytes <= limits.maxHeaderBytes else {
                    return (i, .failure(.headerFieldsTooLarge("The trailer section is too large.")))
                }
                if byte == ASCII.cr {
                    state = .trailerLF(lineLength: lineLength)
                } else if byte == ASCII.lf || !ASCII.isFieldValue(byte) {
                    return (i, .failure(.badRequest("Invalid character in the trailer section.")))
                } else {
                    state = .trailer(lineLength: lineLength &+ 1)
                }
                i &+= 1
            case .trailerLF(let lineLength):
                guard byte == ASCII.lf else { return (i, .failure(.badRequest("Trailer lines must end in CRLF."))) }
                i &+= 1
                if lineLength == 0 {
                    self = ChunkedDecoder()
                    return (i, .done)
                }
                state = .trailer(lineLength: 0)
            }
        }
        return (i, .needMore)
    }
}
