internal import Crypto
internal import Foundation

/// One `NNNN_name.sql` file read from the migrations folder.
struct MigrationFile: Sendable, Hashable {
    /// The file name without `.sql`, recorded as `schema_migrations.version`.
    var version: String
    var fileName: String
    var sql: String
    /// SHA-256 hex of the file's bytes.
    var checksum: String

    /// Reads every migration in `directory`, sorted by name; dotfiles (`.gitkeep`) are ignored, anything else
    /// that is not a well-named migration is an error so that a typo cannot silently skip a migration.
    static func load(from directory: URL) throws(MigrationError) -> [MigrationFile] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw .unreadableDirectory(path: directory.path, reason: error.localizedDescription)
        }
        var files: [MigrationFile] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            guard isValidName(name) else { throw .invalidFileName(name) }
            if let previous = files.last, previous.fileName.prefix(4) == name.prefix(4) {
                throw .duplicateNumber(previous.fileName, name)
            }
            let url = directory.appending(path: name)
            let data: Data
            do { data = try Data(contentsOf: url) } catch {
                throw .unreadableDirectory(path: url.path, reason: error.localizedDescription)
            }
            let bytes = [UInt8](data)
            guard let sql = String(validating: bytes, as: UTF8.self) else {
                throw .unreadableDirectory(path: url.path, reason: "not valid UTF-8")
            }
            files.append(MigrationFile(
                version: String(name.dropLast(4)), fileName: name, sql: sql, checksum: SHA256.hexDigest(bytes)))
        }
        return files
    }

    /// `^[0-9]{4}_[a-z0-9_]+\.sql$`
    static func isValidName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard bytes.count > 9, name.hasSuffix(".sql"), bytes[4] == UInt8(ascii: "_") else { return false }
        let isDigit = { (byte: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        guard bytes[0..<4].allSatisfy(isDigit) else { return false }
        return bytes[5..<(bytes.count - 4)].allSatisfy { byte in
            isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || byte == UInt8(ascii: "_")
        }
    }
}
