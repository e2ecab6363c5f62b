/// Why migrating stopped. Start-up should stop too: the schema is not what the code expects.
///
/// Promises: every case names the file or version at fault, and `description` says what to do about it.
public enum MigrationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The migrations folder is missing or unreadable.
    case unreadableDirectory(path: String, reason: String)
    /// A file in the folder does not match `^[0-9]{4}_[a-z0-9_]+\.sql$` (dotfiles are ignored).
    case invalidFileName(String)
    /// Two files share a four-digit number, so their order is ambiguous.
    case duplicateNumber(String, String)
    /// An applied migration's file changed since it was applied.
    case checksumMismatch(file: String, applied: String, current: String)
    /// A migration recorded as applied has no file any more.
    case missingFile(version: String)
    /// The database refused a migration (it was rolled back) or the bookkeeping.
    case failed(file: String?, PostgresError)

    /// A message naming the file at fault.
    public var description: String {
        switch self {
        case .unreadableDirectory(let path, let reason):
            return "migrations folder \(path) cannot be read: \(reason)"
        case .invalidFileName(let name):
            return "migration file name \"\(name)\" must match NNNN_lowercase_words.sql (e.g. 0003_add_orders.sql)"
        case .duplicateNumber(let first, let second):
            return "migrations \(first) and \(second) share a number; renumber one of them"
        case .checksumMismatch(let file, let applied, let current):
            return "migration \(file) was changed after it was applied (checksum \(applied) in the database, "
                + "\(current) on disk); restore it and add a new migration instead"
        case .missingFile(let version):
            return "migration \(version) is recorded as applied but \(version).sql is missing"
        case .failed(let file, let error):
            return "migration \(file ?? "bookkeeping") failed: \(error)"
        }
    }
}
