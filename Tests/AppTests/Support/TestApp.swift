import Crypto
import Foundation
import HTTPServer
import Kernel
import Logging
import Outbox
import Postgres
import TestSupport
import Testing
import UsersContracts
@testable import WharfApp

/// The whole application on a fresh database and a real HTTP server on a loopback port, as `wharf serve`
/// builds it (same container), but with cheap scrypt so tests that log in many times stay fast.
///
/// With `WHARF_TEST_TWO_PROCESSES=1` (`make test` runs the suite once more so), every test gets two servers on its
/// database, each with its own container — pools, event bus and relay, caches — as two `wharf serve` processes would
/// have, and `http` sends its requests to them in turn: every rule the tests check must hold across processes. A test
/// about what one process alone knows (its in-memory metrics, its own server's shutdown) passes `processes: 1`; a test
/// about several processes passes `processes: 2` to run so in every run.
struct TestApp: Sendable {
    static let jwtSecret = "test-secret-0123456789abcdef-0123456789"
    static let webhookSecret = "whsec_test_secret_0123456789"
    static let adminEmail = "admin@example.com"
    static let adminPassword = "admin-password-1"

    /// Whether tests run on two processes (`WHARF_TEST_TWO_PROCESSES=1`).
    static let twoProcesses = ProcessInfo.processInfo.environment["WHARF_TEST_TWO_PROCESSES"] == "1"

    /// The first process's container (the one `http.pinned` talks to).
    let container: Container
    /// Every process's container, the first one first.
    let containers: [Container]
    let http: HTTPExchange
    let database: TestDatabase
    let logs: Logger.Capture
    /// The first process's server.
    let server: HTTPServer

    /// With `logWriter`, log lines go to it (and `log_lines_dropped_total` counts its drops) instead of `logs`;
    /// `extraRoutes` adds routes a test needs to the app's router (every process's); `eventBus` is how the buses retry.
    static func run(environment extra: [String: String] = [:], logWriter: LogWriter? = nil,
                    eventBus: DurableEventBusConfiguration = .init(), processes: Int? = nil,
                    extraRoutes: (Router, PostgresPool) -> Void = { _, _ in },
                    _ body: (TestApp) async throws -> Void) async throws {
        try await TestDatabase.withFresh(poolSize: 8) { database in
            var environment = ["DATABASE_URL": database.url, "JWT_SECRET": jwtSecret, "PORT": "0",
                               "PAYMENT_WEBHOOK_SECRET": webhookSecret,
                               "LOG_LEVEL": "info", "DATABASE_POOL_SIZE": "8",
                               // The overload refusal (ADR 15) is OverloadTests' subject; elsewhere a busy test machine
                               // must not turn an order the test places into a 503.
                               "ORDER_BACKLOG_MAX_AGE_MS": "0"]
            environment.merge(extra) { $1 }
            let configuration = try Configuration.from(environment: environment, for: .serve)
            let logs = Logger.Capture()
            let hasher = PasswordHasher(parameters: try ScryptParameters(logN: 10, r: 8, p: 1), maxConcurrent: 2, maxQueued: 64)
            let containers = try (0..<(processes ?? (twoProcesses ? 2 : 1))).map { _ in
                try Container.build(configuration, openAPIDocument: try BundledResources.current.openAPIDocument(),
                                    logSink: logWriter == nil ? logs.sink : nil,
                                    logWriter: logWriter ?? .standardError, passwordHasher: hasher, eventBus: eventBus,
                                    extraRoutes: extraRoutes)
            }
            let container = containers[0]
            try await MigrateCommand.migrate(pool: container.pool, configuration: configuration, logger: container.logger)
            _ = try await container.users.ensureAdmin(email: adminEmail, password: adminPassword, name: "Admin")
            let servers = containers.map { container in
                HTTPServer(configuration: HTTPServerConfiguration(
                               host: "127.0.0.1", port: 0, eventLoopCount: 2,
                               requestTimeout: .seconds(configuration.requestTimeoutSeconds)),
                           responder: container.responder)
            }
            let serving = servers.map { server in Task { try await server.run() } }
            let relays = containers.map { container in Task { await container.runMessaging() } }
            func stop() {
                for server in servers { server.shutdown() }
                for relay in relays { relay.cancel() }
            }
            do {
                var ports: [Int] = []
                for server in servers { ports.append(try await server.waitUntilListening()) }
                // Whatever a test does, no response may ever carry a password hash.
                let http = HTTPExchange(ports: ports) { response in
                    if response.bodyText.contains("$scrypt$") { Issue.record("a response contained a password hash: \(response.bodyText)") }
                }
                try await body(TestApp(container: container, containers: containers, http: http, database: database, logs: logs,
                                       server: servers[0]))
            } catch {
                stop()
                for task in serving { _ = try? await task.value }
                throw error
            }
            stop()
            for task in serving { try await task.value }
            hasher.pool.shutdown()
        }
    }

    /// Registers a customer and returns its id.
    @discardableResult
    func register(_ email: String, password: String = "password-1", name: String = "Customer") async throws -> String {
        let response = try await http.json("POST", "/v1/auth/register", ["email": email, "password": password, "name": name])
        guard response.status == 201, let id = response.object["id"] as? String else {
            throw TestAppError.unexpected("register \(email): \(response.status) \(response.bodyText)")
        }
        return id
    }

    /// Logs in and returns (access token, refresh token).
    func logIn(_ email: String, password: String = "password-1") async throws -> (access: String, refresh: String) {
        let response = try await http.json("POST", "/v1/auth/login", ["email": email, "password": password])
        guard response.status == 200, let access = response.object["accessToken"] as? String,
              let refresh = response.object["refreshToken"] as? String else {
            throw TestAppError.unexpected("login \(email): \(response.status) \(response.bodyText)")
        }
        return (access, refresh)
    }

    func adminToken() async throws -> String { try await logIn(Self.adminEmail, password: Self.adminPassword).access }
}

enum TestAppError: Error { case unexpected(String) }

extension TestApp {
    /// Subscribes `handler` on every process's bus, as a context subscribes in each `wharf serve`: whichever process
    /// delivers the event has the subscriber.
    func subscribe<E: IntegrationEvent>(_ type: E.Type, as subscriber: String,
                                        _ handler: @escaping @Sendable (E, PostgresTransaction) async throws -> Void) throws {
        for container in containers { try container.bus.subscribe(type, as: subscriber, handler) }
    }

    /// Publishes `event` on the app's durable bus as its context would (its own transaction, through the outbox,
    /// then delivered): how a test plays one context to drive another's reactions on their own.
    func publish<E: IntegrationEvent>(_ event: E) async throws {
        let bus = container.bus
        try await container.pool.transaction { tx in try await bus.publisher(in: tx).publish(event) }
    }
}
