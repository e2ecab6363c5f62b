/// The protocol version of a request; only HTTP/1.0 and HTTP/1.1 are served.
public enum HTTPVersion: Sendable, Hashable {
    case http1_0
    case http1_1

    /// The version as written on a status line.
    public var text: String {
        switch self {
        case .http1_0: "HTTP/1.0"
        case .http1_1: "HTTP/1.1"
        }
    }
}
