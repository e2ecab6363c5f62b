import Foundation
import Kernel

/// Where and how to reach the mail server, read from `SMTP_URL`: `smtp://[user:password@]host:port` (plain; with
/// credentials, upgraded with `STARTTLS` when offered, and credentials sent in clear only to a loopback host),
/// `smtp+starttls://…` (upgraded with `STARTTLS`, required), `smtps://…` (TLS from the first byte). User and
/// password are percent-decoded.
public struct SMTPEndpoint: Sendable, Equatable {
    /// How the connection is protected.
    public enum Security: String, Sendable, Equatable {
        case none, startTLS, implicitTLS
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    public var password: String?

    public init(host: String, port: Int, security: Security, username: String? = nil, password: String? = nil) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
    }

    /// Why an `SMTP_URL` cannot be used (never echoing the password).
    public struct Invalid: Error, Sendable, Equatable {
        public let reason: String
    }

    /// Parses `url`; the default port is 25 for `smtp`, 587 for `smtp+starttls`, 465 for `smtps`.
    public init(url: String) throws(Invalid) {
        guard let schemeEnd = url.range(of: "://") else { throw Invalid(reason: "must start with smtp://, smtp+starttls:// or smtps://") }
        let defaultPort: Int
        switch url[..<schemeEnd.lowerBound].lowercased() {
        case "smtp": (security, defaultPort) = (.none, 25)
        case "smtp+starttls": (security, defaultPort) = (.startTLS, 587)
        case "smtps": (security, defaultPort) = (.implicitTLS, 465)
        default: throw Invalid(reason: "must start with smtp://, smtp+starttls:// or smtps://")
        }
        var rest = Substring(url[schemeEnd.upperBound...])
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        if let at = rest.lastIndex(of: "@") {
            let credentials = rest[..<at]
            rest = rest[rest.index(after: at)...]
            let parts = credentials.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, let user = Self.percentDecoded(parts[0]), let password = Self.percentDecoded(parts[1]),
                  !user.isEmpty else { throw Invalid(reason: "credentials must be user:password (percent-encoded)") }
            (username, self.password) = (user, password)
        }
        guard !rest.contains("/"), !rest.contains("?") else { throw Invalid(reason: "must have no path or query") }
        let hostPart: Substring
        let portPart: Substring?
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
            hostPart = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            portPart = after.hasPrefix(":") ? after.dropFirst() : (after.isEmpty ? nil : after)
        } else if let colon = rest.lastIndex(of: ":") {
            hostPart = rest[..<colon]
            portPart = rest[rest.index(after: colon)...]
        } else {
            hostPart = rest
            portPart = nil
        }
        guard !hostPart.isEmpty, hostPart.allSatisfy({ $0.isLetter || $0.isNumber || ".-:_".contains($0) }) else {
            throw Invalid(reason: "must name a host")
        }
        host = String(hostPart)
        if let portPart {
            guard let value = Int(portPart), (1...65535).contains(value) else { throw Invalid(reason: "port must be 1...65535") }
            port = value
        } else {
            port = defaultPort
        }
    }

    /// Whether TLS may be needed: always but for plain `smtp://` without credentials.
    var mayUseTLS: Bool { security != .none || username != nil }

    /// `localhost`, `127.0.0.0/8` or `::1`: a relay on this machine, where credentials never cross a network.
    var isLoopback: Bool { host == "localhost" || host == "::1" || host.hasPrefix("127.") }

    private static func percentDecoded(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(HexDigit.value), let low = iterator.next().flatMap(HexDigit.value) else { return nil }
                bytes.append(high << 4 | low)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
