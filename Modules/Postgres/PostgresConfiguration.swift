internal import CLibPQ
internal import Foundation

/// How to reach a PostgreSQL server and how the pool behaves.
///
/// Promises: the connection string was accepted by libpq's own parser (`PQconninfoParse`), so both the URL form
/// (`postgresql://user:pw@host:5432/db?sslmode=require`) and the key=value form (`host=… dbname=…`) work and
/// every libpq option (sslmode, connect_timeout, …) passes through unchanged. `description` never shows the password.
public struct PostgresConfiguration: Sendable, Hashable, CustomStringConvertible {
    /// The libpq options that were set, in libpq's canonical order, e.g. `("dbname", "wharf")`.
    public private(set) var settings: [Setting]
    /// How many connections a `PostgresPool` built from this configuration opens at most.
    public var poolSize: Int
    /// How long `PostgresPool` waits for a free connection before throwing `.poolTimeout`.
    public var acquireTimeout: Duration
    /// Connection and session limits every connection opened with this configuration gets; none by default.
    public var timeouts = PostgresTimeouts()

    /// One libpq connection option.
    public struct Setting: Sendable, Hashable {
        /// The libpq keyword, e.g. `host`.
        public var keyword: String
        /// Its value.
        public var value: String
    }

    /// Parses a libpq connection string (URL or key=value form).
    /// Throws `.invalidConfiguration` with libpq's reason, the password redacted, when libpq rejects it.
    public init(url: String, poolSize: Int = 10, acquireTimeout: Duration = .seconds(5)) throws(PostgresError) {
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(url, &errorMessage) else {
            let reason = errorMessage.map { String(cString: $0) } ?? "out of memory"
            if let errorMessage { PQfreemem(errorMessage) }
            throw PostgresError(
                .invalidConfiguration,
                message: "invalid DATABASE_URL: " + Self.redact(reason, from: url).trimmingTrailingNewlines())
        }
        defer { PQconninfoFree(options) }
        var settings: [Setting] = []
        var option = options
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val {
                settings.append(Setting(keyword: String(cString: keyword), value: String(cString: value)))
            }
            option += 1
        }
        try Self.validate(settings)
        guard poolSize > 0 else {
            throw PostgresError(.invalidConfiguration, message: "pool size must be positive, got \(poolSize)")
        }
        self.settings = settings
        self.poolSize = poolSize
        self.acquireTimeout = acquireTimeout
    }

    /// Reads the connection string from the environment variable `variable` (default `DATABASE_URL`).
    /// Throws `.invalidConfiguration` when it is unset or invalid.
    public static func fromEnvironment(_ variable: String = "DATABASE_URL") throws(PostgresError) -> PostgresConfiguration {
        guard let url = ProcessInfo.processInfo.environment[variable], !url.isEmpty else {
            throw PostgresError(.invalidConfiguration, message: "\(variable) is not set")
        }
        return try PostgresConfiguration(url: url)
    }

    /// The value of a libpq option, or nil when it was not given.
    public subscript(keyword: String) -> String? {
        settings.first { $0.keyword == keyword }?.value
    }

    /// The database name (`dbname`), when given.
    public var database: String? { self["dbname"] }
    /// The user name, when given.
    public var user: String? { self["user"] }
    /// The host or socket directory, when given.
    public var host: String? { self["host"] }
    /// The sslmode, when given; libpq's default (`prefer`) applies otherwise.
    public var sslMode: String? { self["sslmode"] }

    /// A copy that sets (or replaces) one libpq option, e.g. `setting("dbname", to: "other")`.
    public func setting(_ keyword: String, to value: String) -> PostgresConfiguration {
        var copy = self
        if let index = copy.settings.firstIndex(where: { $0.keyword == keyword }) {
            copy.settings[index].value = value
        } else {
            copy.settings.append(Setting(keyword: keyword, value: value))
        }
        return copy
    }

    /// The libpq parameters a connection is opened with: `settings`, plus each of `timeouts` that `settings` does
    /// not give itself. The session limits go first in `options`, so a `-c` in the URL's own `options` wins.
    var connectionSettings: [Setting] {
        var result = settings
        for (keyword, value) in timeouts.connectionParameters where self[keyword] == nil {
            result.append(Setting(keyword: keyword, value: value))
        }
        let session = timeouts.sessionOptions.joined(separator: " ")
        guard !session.isEmpty else { return result }
        if let index = result.firstIndex(where: { $0.keyword == "options" }) {
            result[index].value = session + " " + result[index].value
        } else {
            result.append(Setting(keyword: "options", value: session))
        }
        return result
    }

    /// A libpq key=value connection string equivalent to this configuration (for `DATABASE_URL` of a child
    /// process, say). Unlike `description` it contains the password: do not log it.
    public var connectionString: String {
        settings.map { setting in
            let escaped = setting.value.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "'", with: "\\'")
            return "\(setting.keyword)='\(escaped)'"
        }.joined(separator: " ")
    }

    /// The options as `key=value` pairs, with the password replaced by `***`.
    public var description: String {
        settings.map { "\($0.keyword)=\($0.keyword == "password" ? "***" : $0.value)" }.joined(separator: " ")
    }

    /// libpq checks these only when connecting; checking now turns a typo into a start-up error, not an outage.
    private static func validate(_ settings: [Setting]) throws(PostgresError) {
        for setting in settings {
            switch setting.keyword {
            case "port":
                let ports = setting.value.split(separator: ",", omittingEmptySubsequences: false)
                guard ports.allSatisfy({ $0.isEmpty || UInt16($0) != nil }) else {
                    throw PostgresError(
                        .invalidConfiguration, message: "invalid DATABASE_URL: invalid port \"\(setting.value)\"")
                }
            case "sslmode":
                let modes = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"]
                guard modes.contains(setting.value) else {
                    throw PostgresError(
                        .invalidConfiguration, message: "invalid DATABASE_URL: invalid sslmode \"\(setting.value)\"")
                }
            default: break
            }
        }
    }

    /// libpq's messages may quote the offending part of the string, which may be the password: we cannot ask
    /// libpq which part that is, so every plausible password spelling found in the raw string is masked.
    static func redact(_ message: String, from url: String) -> String {
        var result = message
        for secret in passwordCandidates(in: url) where secret.count >= 1 {
            result = result.replacing(secret, with: "***")
        }
        return result
    }

    private static func passwordCandidates(in url: String) -> [String] {
        var found: [String] = []
        if let scheme = url.range(of: "://") {
            let rest = url[scheme.upperBound...]
            let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
            let authority = rest[..<authorityEnd]
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                found.append(String(authority[authority.index(after: colon)..<at]))
            }
            if let query = url.range(of: "password=") {
                found.append(String(url[query.upperBound...].prefix { $0 != "&" }))
            }
        } else if let key = url.range(of: "password") {
            // key=value form: `password = 'it''s' …` or `password=secret`.
            let afterKey = url[key.upperBound...].drop { $0 == " " || $0 == "=" }
            if afterKey.first == "'" {
                found.append(String(afterKey.dropFirst().prefix { $0 != "'" }))
            } else {
                found.append(String(afterKey.prefix { $0 != " " }))
            }
        }
        found.append(url)
        return found.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var copy = self
        while copy.last?.isNewline == true { copy.removeLast() }
        return copy
    }
}
