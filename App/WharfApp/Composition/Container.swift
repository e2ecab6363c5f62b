import AllocationContracts
import AllocationInfrastructure
import Audit
import Crypto
import Foundation
import HTTPServer
import Kernel
import Logging
import Mail
import NotificationsContracts
import NotificationsInfrastructure
import OrdersContracts
import OrdersInfrastructure
import Outbox
import PaymentsContracts
import PaymentsInfrastructure
import Postgres
import ProductsContracts
import ProductsInfrastructure
import UsersContracts
import UsersInfrastructure

/// The composition root: every module built by hand from configuration, in one readable place.
/// `wharf serve` and the HTTP tests build the same container.
struct Container: Sendable {
    let configuration: Configuration
    let logger: Logger
    let pool: PostgresPool
    /// The event bus's own pool (its handlers' transactions).
    let deliveryPool: PostgresPool
    let bus: DurableEventBus
    /// The bus's dead letters (admin routes, `wharf events`).
    let deadLetters: DeadLetters
    let passwordHasher: PasswordHasher
    let users: any UsersFacade
    let products: any ProductsFacade
    let orders: any OrdersFacade
    let allocation: any AllocationFacade
    let payments: any PaymentsFacade
    /// The audit log every context writes in its transactions (docs/adr/0018), read by admins.
    let audit: any AuditLog
    /// Every context's background jobs, which `serve` runs next to the HTTP server and the event relay.
    let jobs: BackgroundJobs
    /// Every context's listeners (`BoundedContext.listeners`), run with the relay by `runMessaging()`.
    let listeners: [@Sendable () async -> Void]
    let metrics: MetricsRegistry
    let responder: RouterResponder
    let routes: [RouteDescriptor]

    /// Builds every module. `openAPIDocument` is what `/openapi.json` and `/docs` serve (404 without one: only
    /// `serve` has an HTTP server, and it passes the bundled document). `logSink` replaces `logWriter` as where lines
    /// go (tests capture them); `log_lines_dropped_total` counts `logWriter`'s drops. `extraRoutes` registers routes a
    /// test needs (never used by `wharf`); `eventBus` is how the bus retries (tests shorten it).
    static func build(_ configuration: Configuration, openAPIDocument: [UInt8]? = nil, logSink: Logger.Sink? = nil,
                      logWriter: LogWriter = .standardError, passwordHasher: PasswordHasher? = nil,
                      eventBus: DurableEventBusConfiguration = .init(),
                      extraRoutes: (Router, PostgresPool) -> Void = { _, _ in }) throws -> Container {
        let logger = Logger(label: "wharf", minimumLevel: configuration.logLevel, sink: logSink ?? logWriter.sink)
        var database = try PostgresConfiguration(url: configuration.databaseURL, poolSize: configuration.databasePoolSize)
        database.timeouts = databaseTimeouts(configuration)
        let pool = PostgresPool(configuration: database)
        // Event handlers get a pool of their own: they never queue behind HTTP requests, and a handler's nested call
        // into another context (on `pool`) never waits for a connection another handler holds (ADR 15).
        let deliveryPool = PostgresPool(configuration: database, size: configuration.eventBusPoolSize)
        let bus = DurableEventBus(pool: pool, deliveryPool: deliveryPool, configuration: eventBus, logger: logger.named("eventbus"))
        // Half the cores hash passwords at most (~135 MiB and ~0.6 s of CPU each), so a login flood can take
        // neither all the memory nor all the CPU; the threads also run at lowered priority (ADR 6).
        let hasher = passwordHasher ?? PasswordHasher(maxConcurrent: max(1, ProcessInfo.processInfo.activeProcessorCount / 2))

        let accessTokens = try AccessTokenCodec(
            currentKey: AccessTokenKey(secret: configuration.jwtSecret),
            previousKeys: try configuration.jwtPreviousSecret.map { [try AccessTokenKey(secret: $0)] } ?? [],
            timeToLive: configuration.accessTokenTTL, leeway: configuration.jwtLeewaySeconds)
        // Cursors are MACed under a key derived from the JWT secret, labelled so the two uses never collide.
        let cursorKey = HMACSHA256.mac(key: configuration.jwtSecret, message: Array("wharf-cursor-key".utf8))
        let usersContext = UsersModule.make(
            pool: pool, bus: bus,
            settings: .init(accessTokens: accessTokens, passwordHasher: hasher,
                            refreshTokenLifetime: TimeInterval(configuration.refreshTokenTTL),
                            cursorMAC: { HMACSHA256.mac(key: cursorKey, message: $0) }),
            logger: logger)
        let productsContext = ProductsModule.make(
            pool: pool, bus: bus, storeCurrency: Currency(configuration.storeCurrency) ?? .eur,
            cursorMAC: { HMACSHA256.mac(key: cursorKey, message: $0) }, logger: logger)
        let products = productsContext.facade
        let paymentsContext = try PaymentsModule.make(pool: pool, bus: bus, settings: paymentSettings(configuration), logger: logger)
        let payments = paymentsContext.facade
        // Orders asks Payments for an order's payment once its lines are allocated (ADR 9).
        let ordersContext = try OrdersModule.make(
            pool: pool, bus: bus, products: products, payments: payments,
            cursorMAC: { HMACSHA256.mac(key: cursorKey, message: $0) },
            maxBacklogAge: configuration.orderBacklogMaxAgeMilliseconds > 0 ? .milliseconds(configuration.orderBacklogMaxAgeMilliseconds) : nil,
            paymentDeadlineSeconds: configuration.paymentDeadlineSeconds, logger: logger)
        // Each context subscribes its event handlers as it is made, before anything can publish. Allocation asks
        // Orders about an order it has not heard of yet (`GET /v1/allocations/{orderId}` right after placing).
        let allocationContext = try AllocationModule.make(
            pool: pool, bus: bus, products: products, orders: ordersContext.facade,
            cursorMAC: { HMACSHA256.mac(key: cursorKey, message: $0) },
            optimisticLocking: configuration.allocationOptimisticLocking, arrivalHandlingDays: configuration.arrivalHandlingDays,
            logger: logger)
        let (users, allocation, orders) = (usersContext.facade, allocationContext.facade, ordersContext.facade)
        let deadLetters = bus.deadLetters(cursors: CursorCodec { HMACSHA256.mac(key: cursorKey, message: $0) })
        // Mail: subscribed to the others' events; no other context knows it exists (ADR 19).
        let notificationsContext = try NotificationsModule.make(
            pool: pool, bus: bus, users: users, orders: orders, settings: notificationSettings(configuration), logger: logger)
        let notifications = notificationsContext.facade
        let audit = AuditLogService(reader: PostgresAuditEvents(db: pool), cursors: CursorCodec(mac: { HMACSHA256.mac(key: cursorKey, message: $0) }))

        let metrics = MetricsRegistry()
        Self.registerMetrics(metrics, pool: pool, bus: bus)
        let maxBacklogSeconds = Double(configuration.orderBacklogMaxAgeMilliseconds) / 1000
        metrics.gauge("orders_backlog_max_age_seconds", help: "New orders are refused (503) while the oldest undelivered event is older (0: never)") {
            maxBacklogSeconds
        }
        metrics.gauge("log_lines_dropped_total", help: "Log lines dropped because standard error was not being read") {
            Double(logWriter.droppedLines)
        }
        // The bus is no context: its purge is made here, next to the contexts' jobs.
        let eventRetention = Duration.seconds(configuration.eventRetentionDays * 24 * 60 * 60)
        let eventPurge = BackgroundJob(name: "eventbus.completed_event_purge", every: .seconds(600)) {
            try await bus.purgeCompletedEvents(olderThan: eventRetention)
        }
        let jobs = BackgroundJobs(usersContext.jobs + productsContext.jobs + allocationContext.jobs + paymentsContext.jobs
                                  + ordersContext.jobs + notificationsContext.jobs + [eventPurge], metrics: metrics, logger: logger)
        Self.registerMailMetrics(metrics, notifications: notifications)
        metrics.gauge("allocation_conflicts_retried_total", help: "Allocation use cases re-run after losing a version race") {
            Double(allocation.conflictsRetried)
        }
        let router = Router()
        OperationalRoutes(registry: metrics, openAPIDocument: openAPIDocument,
                          readiness: { [await Self.databaseCheck(pool)] }).register(on: router)
        UsersRoutes.register(on: router, users: users)
        ProductsRoutes.register(on: router, products: products, users: users)
        OrdersRoutes.register(on: router, orders: orders, users: users, allocation: allocation, digest: { SHA256.digest($0) })
        AllocationRoutes.register(on: router, allocation: allocation, users: users)
        QuotesRoutes.register(on: router, orders: orders, allocation: allocation)
        PaymentsRoutes.register(on: router, payments: payments, users: users, digest: { SHA256.digest($0) })
        DeadEventsRoutes.register(on: router, deadLetters: deadLetters, users: users)
        AuditRoutes.register(on: router, audit: audit, users: users)
        if configuration.benchmarkRoutes { BenchmarkRoutes.register(on: router) }
        extraRoutes(router, pool)

        let responder = try router.buildResponder(RouterConfiguration(
            logger: logger.named("http"),
            errorMapper: ProblemMapping.problem(for:),
            metrics: HTTPMetrics(registry: metrics),
            cors: configuration.corsAllowedOrigins.isEmpty ? nil : CORSPolicy(allowedOrigins: configuration.corsAllowedOrigins),
            trustedProxies: configuration.trustedProxies))
        return Container(configuration: configuration, logger: logger, pool: pool, deliveryPool: deliveryPool, bus: bus, deadLetters: deadLetters,
                         passwordHasher: hasher,
                         users: users, products: products, orders: orders, allocation: allocation, payments: payments, audit: audit,
                         jobs: jobs, listeners: usersContext.listeners + productsContext.listeners + allocationContext.listeners
                             + paymentsContext.listeners + ordersContext.listeners + notificationsContext.listeners, metrics: metrics, responder: responder, routes: router.routes)
    }

    /// The event relay and every context's listeners, until the task is cancelled: what runs next to the HTTP server
    /// so that this process takes part in the bus and hears what other processes announce.
    func runMessaging() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await bus.run() }
            for listener in listeners { group.addTask { await listener() } }
            await group.waitForAll()
        }
    }

    /// The Payments settings from configuration. Commands that receive no webhooks (`create-admin`) may run
    /// without a webhook secret: they get a random one.
    static func paymentSettings(_ configuration: Configuration) -> PaymentsModule.Settings {
        let provider: PaymentsModule.Provider
        if configuration.paymentProvider == "stripe", let key = configuration.stripeAPIKey, let url = URL(string: configuration.stripeBaseURL) {
            provider = .stripe(apiKey: key, baseURL: url)
        } else {
            provider = .sandbox
        }
        return PaymentsModule.Settings(
            webhookSecret: configuration.paymentWebhookSecret ?? Hex.encode(SecureRandom.bytes(32)),
            previousWebhookSecret: configuration.paymentWebhookPreviousSecret, provider: provider,
            reconcileAfter: .seconds(configuration.paymentReconcileAfterSeconds),
            reconcileInterval: .seconds(configuration.paymentReconcileIntervalSeconds))
    }

    /// The Notifications settings from configuration: SMTP when `SMTP_URL` is set, the log otherwise.
    static func notificationSettings(_ configuration: Configuration) -> NotificationsModule.Settings {
        NotificationsModule.Settings(
            transport: configuration.smtpEndpoint.map { .smtp(SMTPClient.Settings(endpoint: $0)) } ?? .log,
            from: configuration.mailFrom, shopName: configuration.shopName, stockAlertRecipients: configuration.stockAlertEmails)
    }

    /// Messages sent, failed for good and retried, per kind.
    static func registerMailMetrics(_ metrics: MetricsRegistry, notifications: any NotificationsFacade) {
        metrics.counter("mail_messages_sent_total", help: "Messages the mail server accepted, by kind", labelName: "kind") {
            notifications.mailCounts.map { ($0.kind, $0.sent) }
        }
        metrics.counter("mail_messages_failed_total", help: "Messages refused for good (5xx), logged and not retried, by kind",
                        labelName: "kind") { notifications.mailCounts.map { ($0.kind, $0.failed) } }
        metrics.counter("mail_messages_retried_total", help: "Sends that failed for now (server down, 4xx) and are retried by the event bus, by kind",
                        labelName: "kind") { notifications.mailCounts.map { ($0.kind, $0.retried) } }
    }

    /// The database limits (ADR 13): statement, lock and idle-in-transaction timeouts and the connect timeout from
    /// configuration; TCP keepalives and `tcp_user_timeout` fixed, so a dead database host or a cut network is noticed
    /// within about a minute instead of the kernel's two hours. A parameter given in `DATABASE_URL` wins.
    static func databaseTimeouts(_ configuration: Configuration) -> PostgresTimeouts {
        PostgresTimeouts(
            connect: .seconds(configuration.databaseConnectTimeoutSeconds),
            keepalivesIdle: .seconds(30), keepalivesInterval: .seconds(10), keepalivesCount: 3,
            tcpUserTimeout: .seconds(30),
            statement: .milliseconds(configuration.databaseStatementTimeoutMilliseconds),
            lock: .milliseconds(configuration.databaseLockTimeoutMilliseconds),
            idleInTransaction: .milliseconds(configuration.databaseIdleInTransactionTimeoutMilliseconds))
    }

    static func databaseCheck(_ pool: PostgresPool) async -> OperationalRoutes.Check {
        do {
            _ = try await pool.query("SELECT 1")
            return .init(name: "database", isHealthy: true)
        } catch {
            return .init(name: "database", isHealthy: false)
        }
    }

    static func registerMetrics(_ metrics: MetricsRegistry, pool: PostgresPool, bus: DurableEventBus) {
        metrics.gauge("db_pool_connections", help: "Connections the pool may open") { Double(pool.stats.size) }
        metrics.gauge("db_pool_connections_in_use", help: "Connections lent out now") { Double(pool.stats.inUse) }
        metrics.gauge("db_pool_waiting", help: "Callers waiting for a connection") { Double(pool.stats.waiting) }
        metrics.gauge("db_pool_timeouts_total", help: "Acquisitions that timed out") { Double(pool.stats.timeouts) }
        metrics.gauge("eventbus_published_total", help: "Events appended to the outbox") { Double(bus.statistics.published) }
        metrics.gauge("eventbus_delivered_total", help: "Deliveries whose handler committed") { Double(bus.statistics.delivered) }
        metrics.gauge("eventbus_duplicates_skipped_total", help: "Redeliveries skipped by the inbox") { Double(bus.statistics.duplicatesSkipped) }
        metrics.gauge("eventbus_handler_failures_total", help: "Handler failures (retried)") { Double(bus.statistics.failed) }
        metrics.gauge("eventbus_dead_letters_total", help: "Events set aside after repeated failures") { Double(bus.statistics.deadLettered) }
        metrics.gauge("eventbus_backlog_events", help: "Events committed and not yet delivered for the first time (sampled)") {
            Double(bus.backlog.events)
        }
        metrics.gauge("eventbus_backlog_oldest_seconds", help: "Age of the oldest event not yet delivered (sampled)") {
            bus.backlog.oldestAgeSeconds
        }
        metrics.gauge("eventbus_dispatch_queue", help: "Events queued for, or in, in-process dispatch") { Double(bus.queuedForDispatch) }
    }
}
