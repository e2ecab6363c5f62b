import Crypto
import Foundation
import HTTPServer
import Logging
import Outbox
import PaymentsInfrastructure
import Postgres
import UsersContracts

/// `wharf serve`: migrate, bootstrap the admin, then run the HTTP server, the event relay and every context's background jobs until SIGTERM or
/// SIGINT; in-flight requests finish within the grace period and the process exits 0.
enum ServeCommand {
    static func run(_ configuration: Configuration) async throws -> Int32 {
        // What the binary serves and applies must be there before anything starts (BundledResources).
        let document = try BundledResources.current.openAPIDocument()
        if configuration.migrateOnStart { _ = try MigrateCommand.directory(configuration) }
        let container = try Container.build(configuration, openAPIDocument: document)
        let logger = container.logger
        if configuration.migrateOnStart {
            try await MigrateCommand.migrate(pool: container.pool, configuration: configuration, logger: logger)
        }
        if let email = configuration.bootstrapAdminEmail, let password = configuration.bootstrapAdminPassword {
            if try await container.users.ensureAdmin(email: email, password: password, name: "Administrator") {
                logger.info("bootstrap admin created", ["email": email])
            }
        }
        let server = HTTPServer(
            configuration: HTTPServerConfiguration(
                host: configuration.host, port: configuration.port, eventLoopCount: configuration.eventLoops,
                requestTimeout: .seconds(configuration.requestTimeoutSeconds),
                shutdownGracePeriod: .seconds(configuration.shutdownGraceSeconds)),
            responder: container.responder)
        container.metrics.gauge("http_open_connections", help: "Open client connections") { Double(server.openConnections) }
        let signals = ShutdownSignals(server: server)
        defer { signals.cancel() }

        let outcome: Int32 = await withTaskGroup(of: Int32?.self) { group in
            group.addTask {
                await container.runMessaging()
                return nil
            }
            group.addTask {
                await container.jobs.run()
                return nil
            }
            group.addTask {
                do {
                    try await server.run()
                    return 0
                } catch {
                    logger.error("HTTP server stopped", ["error": "\(error)"])
                    return 1
                }
            }
            Task {
                if let port = try? await server.waitUntilListening() {
                    logger.info("serving", ["host": configuration.host, "port": String(port)])
                }
            }
            var status: Int32 = 0
            while let next = await group.next() {
                if let code = next {
                    status = code
                    group.cancelAll() // the server is done: stop the relay and the jobs
                }
            }
            return status
        }
        await container.pool.close()
        await container.deliveryPool.close()
        container.passwordHasher.pool.shutdown()
        logger.info("stopped")
        return outcome
    }
}
