import Foundation

/// The files `wharf` serves and applies, built into it: `docs/openapi.json` and `Migrations/*.sql`, which SwiftPM
/// copies byte for byte (so migration checksums stay the same) into the resource bundle `Wharf_WharfApp.resources`
/// beside the executable at every build (Package.swift). A deployment copies that folder along with the binary.
/// Nothing is looked up in the working directory, so the binary behaves the same wherever it is started, and a
/// missing file stops start-up with `MissingResource` naming it.
struct BundledResources: Sendable {
    /// SwiftPM's name for the WharfApp target's resource bundle (`<package>_<target>.resources`).
    static let bundleName = "Wharf_WharfApp.resources"

    /// The bundle folder.
    let directory: URL

    /// The bundle beside the running executable (`/proc/self/exe`, so a symlink to the binary works too).
    static var current: BundledResources {
        beside(executable: Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments.first ?? "wharf"))
    }

    /// The bundle beside `executable`, symlinks resolved.
    static func beside(executable: URL) -> BundledResources {
        BundledResources(directory: executable.resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent(bundleName, isDirectory: true))
    }

    /// The OpenAPI document served at `/openapi.json` (`docs/openapi.json` when built).
    func openAPIDocument() throws(MissingResource) -> [UInt8] {
        let file = directory.appendingPathComponent("openapi.json")
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw MissingResource(path: file.path, what: "the OpenAPI document (docs/openapi.json)")
        }
        return Array(data)
    }

    /// The folder of migrations `wharf migrate` applies (`Migrations/` when built).
    func migrations() throws(MissingResource) -> URL {
        let folder = directory.appendingPathComponent("Migrations", isDirectory: true)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw MissingResource(path: folder.path, what: "the database migrations (Migrations/*.sql)")
        }
        return folder
    }
}

/// A file the binary needs that is not where the build put it.
struct MissingResource: Error, CustomStringConvertible {
    let path: String
    let what: String

    var description: String {
        "missing resource \(path): \(what). It is built into the folder \(BundledResources.bundleName), which must sit "
            + "beside the wharf executable (`swift build` puts it there; copy it along when deploying the binary)."
    }
}
