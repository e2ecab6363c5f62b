import Foundation

/// Finds a file of the checkout (`Migrations/`, `docs/openapi.json`): relative to the working directory first,
/// then in the folders above the running executable (it lives in `.build/<triple>/<config>/`).
enum ResourceLocator {
    static func find(_ relativePath: String) -> String? {
        let manager = FileManager.default
        if manager.fileExists(atPath: relativePath) { return relativePath }
        var folder = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = folder.appendingPathComponent(relativePath).path
            if manager.fileExists(atPath: candidate) { return candidate }
            folder.deleteLastPathComponent()
        }
        return nil
    }
}
