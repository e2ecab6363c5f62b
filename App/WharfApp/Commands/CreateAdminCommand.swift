import Crypto
import Foundation
import Postgres
import UsersContracts

/// `wharf create-admin --email E`: the password is read from standard input (first line), never from arguments,
/// so it stays out of shell history and process listings.
enum CreateAdminCommand {
    static func run(email: String, configuration: Configuration) async throws -> Int32 {
        guard let password = readLine(strippingNewline: true), !password.isEmpty else {
            WharfMain.writeStandardError("wharf create-admin: write the password on standard input\n")
            return 2
        }
        var configuration = configuration
        // This command issues no tokens, so it does not need the deployment's JWT secret.
        if configuration.jwtSecret.count < 32 { configuration.jwtSecret = SecureRandom.bytes(32) }
        let container = try Container.build(configuration)
        defer { Task { await container.pool.close() } }
        try await MigrateCommand.migrate(pool: container.pool, configuration: configuration, logger: container.logger)
        let created = try await container.users.ensureAdmin(email: email, password: password, name: "Administrator")
        print(created ? "created admin \(email)" : "a user with email \(email) exists already; nothing changed")
        return 0
    }
}
