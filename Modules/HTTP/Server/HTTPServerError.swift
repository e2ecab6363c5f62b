import Glibc

/// Why the server could not start: binding, listening or epoll set-up failed (with the errno text).
public struct HTTPServerError: Error, Sendable, CustomStringConvertible {
    /// What failed, for a person (`bind 127.0.0.1:8080: Address already in use`).
    public let description: String

    init(_ what: String, errno code: Int32) {
        description = "\(what): \(String(cString: strerror(code)))"
    }

    init(_ description: String) { self.description = description }
}
