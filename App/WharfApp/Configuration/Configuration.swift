public import HTTPServer
public import Logging
public import Mail

/// Everything `wharf` reads from its environment, validated once at start (see README, "Configuration").
public struct Configuration: Sendable {
    public var databaseURL: String
    public var host: String
    public var port: Int
    public var databasePoolSize: Int
    /// `DATABASE_STATEMENT_TIMEOUT_MS` (default 5,000; 0 = off): the longest one statement may run.
    public var databaseStatementTimeoutMilliseconds: Int = 5_000
    /// `DATABASE_LOCK_TIMEOUT_MS` (default 2,000; 0 = off): the longest one statement may wait for a row or table lock.
    public var databaseLockTimeoutMilliseconds: Int = 2_000
    /// `DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS` (default 60,000; 0 = off): a session idle this long inside a
    /// transaction is ended by the server, releasing its locks. Longer than any provider call made in a transaction.
    public var databaseIdleInTransactionTimeoutMilliseconds: Int = 60_000
    /// `DATABASE_CONNECT_TIMEOUT_SECONDS` (default 5): the longest opening one connection may take.
    public var databaseConnectTimeoutSeconds: Int = 5
    /// `REQUEST_TIMEOUT_SECONDS` (default 30): past it a request's handler is cancelled (its statement with it) and
    /// the answer is `503 service_unavailable` with `Retry-After`.
    public var requestTimeoutSeconds: Int = 30
    public var eventLoops: Int
    public var shutdownGraceSeconds: Int
    public var migrateOnStart: Bool
    /// `MIGRATIONS_DIR`: a folder of migrations to apply instead of those built into the binary (nil: built in).
    public var migrationsDirectory: String?
    public var jwtSecret: [UInt8]
    public var jwtPreviousSecret: [UInt8]?
    public var accessTokenTTL: Int
    /// `JWT_LEEWAY_SECONDS` (0...60, default 0): clock skew allowed on an access token's `exp`, `nbf` and `iat`.
    public var jwtLeewaySeconds: Int = 0
    public var refreshTokenTTL: Int
    /// Keys the webhook's `Stripe-Signature` (required by `serve`; `make run` generates a development one).
    public var paymentWebhookSecret: String?
    /// Still accepted during a rotation.
    public var paymentWebhookPreviousSecret: String?
    /// `sandbox` (default) or `stripe`.
    public var paymentProvider: String
    /// The Stripe adapter's secret key and API base URL (`STRIPE_API_KEY`, `STRIPE_BASE_URL`).
    public var stripeAPIKey: String?
    public var stripeBaseURL: String
    /// Payments still `pending` this many seconds after creation are looked up at the provider, every
    /// `paymentReconcileIntervalSeconds`.
    public var paymentReconcileAfterSeconds: Int
    public var paymentReconcileIntervalSeconds: Int
    public var storeCurrency: String
    public var bootstrapAdminEmail: String?
    public var bootstrapAdminPassword: String?
    public var corsAllowedOrigins: [String]
    /// `TRUSTED_PROXIES`: the proxies whose `X-Forwarded-For` names the client (default none: the peer is the client).
    public var trustedProxies: TrustedProxies = .none
    public var logLevel: Logger.Level
    /// Registers `POST /v1/echo` for `make bench` (`BENCHMARK_ROUTES=true`); off in production.
    public var benchmarkRoutes: Bool
    /// `ALLOCATION_LOCKING=optimistic`: allocation use cases load stock without row locks and rely on the version
    /// check and retries alone (for benchmarks comparing both; the default `row_lock` queues them, ADR 10).
    public var allocationOptimisticLocking: Bool = false
    /// Connections of the event bus's own pool, which event handlers run their transactions on (`EVENT_BUS_POOL_SIZE`).
    public var eventBusPoolSize: Int = 8
    /// `POST /v1/orders` answers `503` while the oldest undelivered event is older than this
    /// (`ORDER_BACKLOG_MAX_AGE_MS`; 0 turns the check off): an order accepted then could not leave `pending` in time.
    public var orderBacklogMaxAgeMilliseconds: Int = 500
    /// `EVENT_RETENTION_DAYS` (1...3650, default 7): how long a completed event and its inbox rows are kept before
    /// `serve` purges them (a record for investigating what happened; pending and dead events are never purged).
    public var eventRetentionDays: Int = 7
    /// `ARRIVAL_HANDLING_DAYS` (0...60, default 2): the days to unload and book a shipment after its ETA; a line on a
    /// shipment is expected to ship `max(eta, today)` plus these (docs/adr/0017).
    public var arrivalHandlingDays: Int = 2
    /// `PAYMENT_DEADLINE_SECONDS` (10...2592000, default 86400): how long an order may stay `awaiting_payment` before
    /// the shop cancels it and frees its stock.
    public var paymentDeadlineSeconds: Int = 86_400
    /// `SMTP_URL`: the mail server (`smtp://`, `smtp+starttls://`, `smtps://`); nil: messages go to the log (logger `mail`).
    public var smtpEndpoint: SMTPEndpoint?
    /// `MAIL_FROM` (default `Wharf <no-reply@localhost>`): the sender of every message.
    public var mailFrom: MailAddress = Configuration.defaultMailFrom
    /// `STOCK_ALERT_EMAILS` (comma-separated; default none): who is told that a SKU ran out of stock.
    public var stockAlertEmails: [MailAddress] = []
    /// `SHOP_NAME` (default `Wharf`): how messages name the shop.
    public var shopName: String = "Wharf"

    /// `Wharf <no-reply@localhost>`.
    public static let defaultMailFrom: MailAddress = {
        guard let address = MailAddress(address: "no-reply@localhost", displayName: "Wharf") else { preconditionFailure("the default sender is valid") }
        return address
    }()
}
