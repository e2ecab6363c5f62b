import Crypto
import Foundation
import Postgres
import TestSupport
import Testing
@testable import WharfApp

/// The issue "Production hardening": started outside the repository, `wharf serve` answered `404` for
/// `/openapi.json` and found no migrations. The built binary, copied with its resource bundle into a folder outside
/// the checkout and started there, serves the document and applies the migrations; copied without it, it refuses to
/// start and names what is missing.
@Suite("The wharf binary carries what it serves")
struct BundledResourcesTests {
    /// Where `swift build` put the binary and its bundle (beside this test runner).
    static var buildDirectory: URL {
        (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])).resolvingSymlinksInPath().deletingLastPathComponent()
    }

    /// A fresh folder outside the checkout holding the built `wharf`, with its resource bundle or without.
    static func deploy(withResources: Bool) throws -> URL {
        let manager = FileManager.default
        let folder = manager.temporaryDirectory.appendingPathComponent("wharf-deploy-\(UUID().uuidString)", isDirectory: true)
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        // `cp` in a child process, not FileManager: a file this process held open for writing would be inherited by a
        // child another test forks meanwhile, and exec'ing the copy would then fail with ETXTBSY ("Text file busy").
        let copy = Process()
        copy.executableURL = URL(fileURLWithPath: "/bin/cp")
        copy.arguments = [buildDirectory.appendingPathComponent("wharf").path, folder.appendingPathComponent("wharf").path]
        try copy.run()
        copy.waitUntilExit()
        guard copy.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
        if withResources {
            try manager.copyItem(at: buildDirectory.appendingPathComponent(BundledResources.bundleName),
                                 to: folder.appendingPathComponent(BundledResources.bundleName))
        }
        return folder
    }

    static func environment(databaseURL: String) -> [String: String] {
        ["DATABASE_URL": databaseURL, "JWT_SECRET": TestApp.jwtSecret, "PAYMENT_WEBHOOK_SECRET": TestApp.webhookSecret,
         "HOST": "127.0.0.1", "PORT": "0", "DATABASE_POOL_SIZE": "2", "HTTP_EVENT_LOOPS": "1", "LOG_LEVEL": "info"]
    }

    /// `wharf <arguments>` started in `folder` (its working directory), standard error into `folder/stderr.log`.
    static func start(in folder: URL, _ arguments: [String], environment: [String: String]) throws -> (Process, URL) {
        let log = folder.appendingPathComponent("stderr.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = folder.appendingPathComponent("wharf")
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        return (process, log)
    }

    /// Waits for `process` to exit (killing it after `timeout`); its status, nil when it had to be killed.
    static func exitStatus(_ process: Process, timeout: Duration = .seconds(30)) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now > deadline {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                return nil
            }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return process.terminationStatus
    }

    static func text(_ file: URL) -> String { (try? String(contentsOf: file, encoding: .utf8)) ?? "" }

    @Test func aDeployedBinaryServesItsDocumentAndAppliesItsMigrationsWherever() async throws {
        try await TestDatabase.withFresh(poolSize: 1) { database in
            let folder = try Self.deploy(withResources: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let (process, log) = try Self.start(in: folder, ["serve"], environment: Self.environment(databaseURL: database.url))
            defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
            // The port it picked, from its "serving" line.
            var port: Int?
            _ = await eventually(timeout: .seconds(60)) {
                for line in Self.text(log).split(separator: "\n") {
                    guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                          object["message"] as? String == "serving", let text = object["port"] as? String else { continue }
                    port = Int(text)
                }
                return port != nil || !process.isRunning
            }
            let listening = try #require(port, "wharf did not start: \(Self.text(log))")
            let http = HTTPExchange(port: listening)

            let document = try await http.send("GET", "/openapi.json")
            #expect(document.status == 200)
            let checkedIn = try Data(contentsOf: TestDatabase.repositoryRoot.appendingPathComponent("docs/openapi.json"))
            #expect(document.body == Array(checkedIn), "the binary serves the document it was built with")
            #expect(try await http.send("GET", "/docs").status == 200)

            // Every migration of the checkout, with the checksum of its file: the bundle holds the bytes unchanged.
            let folderOfMigrations = TestDatabase.repositoryRoot.appendingPathComponent("Migrations")
            var expected: [String: String] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: folderOfMigrations.path) where name.hasSuffix(".sql") {
                let bytes = try Data(contentsOf: folderOfMigrations.appendingPathComponent(name))
                expected[String(name.dropLast(4))] = SHA256.hexDigest(Array(bytes))
            }
            var applied: [String: String] = [:]
            for row in try await database.pool.query("SELECT version, checksum FROM public.schema_migrations") {
                applied[try row.decode(String.self, at: 0)] = try row.decode(String.self, at: 1)
            }
            #expect(!expected.isEmpty && applied == expected)

            process.terminate()
            #expect(await Self.exitStatus(process) == 0, "\(Self.text(log))")
        }
    }

    @Test func withoutItsResourcesTheBinaryRefusesToStartAndNamesWhatIsMissing() async throws {
        let folder = try Self.deploy(withResources: false)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Nothing is connected to: the check comes first.
        let environment = Self.environment(databaseURL: "postgresql:///nowhere?host=/nonexistent&connect_timeout=1")
        for (command, missing) in [("serve", "openapi.json"), ("migrate", "Migrations")] {
            let (process, log) = try Self.start(in: folder, [command], environment: environment)
            let status = await Self.exitStatus(process)
            let message = Self.text(log)
            #expect(status == 1, "\(command): \(message)")
            #expect(message.contains("missing resource") && message.contains(missing) && message.contains(BundledResources.bundleName),
                    "\(command): \(message)")
            try? FileManager.default.removeItem(at: log)
        }
    }
}
