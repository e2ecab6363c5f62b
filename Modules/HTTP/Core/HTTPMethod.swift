/// An HTTP request method. A well-formed method token this server does not implement (`QUERY`, `BREW`) is
/// `unknown`: no route ever has it, so the router answers `405` with `Allow` on a path that exists and `404`
/// elsewhere, like any other method a resource does not support (RFC 9110 §15.5.6).
public enum HTTPMethod: String, Sendable, Hashable, CaseIterable {
    case get = "GET"
    case head = "HEAD"
    case post = "POST"
    case put = "PUT"
    case patch = "PATCH"
    case delete = "DELETE"
    case options = "OPTIONS"
    case trace = "TRACE"
    case connect = "CONNECT"
    /// Any other method token; its name is not kept (it only appears in logs and metrics as `UNKNOWN`).
    case unknown = "UNKNOWN"
}
