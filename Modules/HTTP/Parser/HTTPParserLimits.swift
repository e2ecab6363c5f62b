/// The size limits the parser enforces while reading a request.
struct HTTPParserLimits: Sendable, Equatable {
    /// The longest request line (method, target, version), without CRLF; longer is `414`.
    var maxRequestLineBytes = 8 * 1024
    /// The longest single header line, without CRLF; longer is `431`.
    var maxHeaderLineBytes = 8 * 1024
    /// The largest header section (after the request line, CRLFs included); larger is `431`.
    var maxHeaderBytes = 16 * 1024
    /// The most header fields; more is `431`.
    var maxHeaderCount = 100
    /// The largest body (de-chunked); larger is `413`.
    var maxBodyBytes = 1024 * 1024
}
