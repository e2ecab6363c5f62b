import Foundation
public import Postgres

extension PostgresConfiguration {
    /// The configuration as a libpq key=value string (values quoted), e.g. for a child process's DATABASE_URL.
    public var conninfo: String {
        settings.map { setting in
            let escaped = setting.value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
            return "\(setting.keyword)='\(escaped)'"
        }.joined(separator: " ")
    }
}
