/// The transfer codings named by `Transfer-Encoding`, reduced to what decides the answer.
struct TransferCodings: Sendable {
    var sawField = false
    private var last: Bool?  // whether the last coding so far is `chunked`; nil when none yet
    private var chunkedBeforeLast = false
    private var otherBeforeLast = false

    mutating func add(_ bytes: UnsafeRawBufferPointer, _ element: Range<Int>) {
        if let last {
            if last { chunkedBeforeLast = true } else { otherBeforeLast = true }
        }
        last = ASCII.equalsLowercase(bytes, element, "chunked")
    }

    /// nil when the body is plainly chunked; `400` when `chunked` is not final or repeated, `501` for other codings.
    func verdict() -> HTTPParseError? {
        guard last == true else { return .badRequest("The final transfer coding must be chunked.") }
        if chunkedBeforeLast { return .badRequest("The chunked coding is applied more than once.") }
        if otherBeforeLast { return .notImplemented("Only the chunked transfer coding is supported.") }
        return nil
    }
}
