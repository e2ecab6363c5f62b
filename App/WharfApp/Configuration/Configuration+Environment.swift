import Foundation
import HTTPServer
import Kernel
import Logging
import Mail

/// Why the environment cannot be used; every problem is listed at once, secrets never echoed.
public struct ConfigurationError: Error, CustomStringConvertible, Equatable {
    public let problems: [String]
    public var description: String { "invalid configuration:\n" + problems.map { "  - \($0)" }.joined(separator: "\n") }
}

extension Configuration {
    /// Which settings a command needs: `migrate` needs only the database, `serve` needs the secrets too,
    /// `simulatePayment` the database and the webhook secret.
    public enum Purpose: Sendable { case serve, migrate, simulatePayment }

    /// Reads and validates the environment.
    public static func from(environment env: [String: String], for purpose: Purpose) throws(ConfigurationError) -> Configuration {
        var problems: [String] = []
        func text(_ name: String) -> String? {
            guard let value = env[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
            return value
        }
        func integer(_ name: String, default fallback: Int, range: ClosedRange<Int>) -> Int {
            guard let raw = text(name) else { return fallback }
            guard let value = Int(raw), range.contains(value) else {
                problems.append("\(name) must be an integer in \(range.lowerBound)...\(range.upperBound)")
                return fallback
            }
            return value
        }
        func flag(_ name: String, default fallback: Bool) -> Bool {
            switch text(name)?.lowercased() {
            case nil: return fallback
            case "1", "true", "yes", "on": return true
            case "0", "false", "no", "off": return false
            default:
                problems.append("\(name) must be true or false")
                return fallback
            }
        }

        let databaseURL = text("DATABASE_URL") ?? ""
        if databaseURL.isEmpty { problems.append("DATABASE_URL is required (a libpq URL or key=value string)") }

        let jwtSecret = Array((env["JWT_SECRET"] ?? "").utf8)
        if purpose == .serve && jwtSecret.count < 32 {
            problems.append("JWT_SECRET must be at least 32 bytes (`make run` generates a development secret)")
        }
        let previous = text("JWT_SECRET_PREVIOUS").map { Array($0.utf8) }
        if let previous, previous.count < 32 { problems.append("JWT_SECRET_PREVIOUS must be at least 32 bytes") }

        let currency = (text("STORE_CURRENCY") ?? "EUR").uppercased()
        if Currency(currency) == nil { problems.append("STORE_CURRENCY must be an ISO 4217 code such as EUR") }

        let provider = (text("PAYMENT_PROVIDER") ?? "sandbox").lowercased()
        if !["sandbox", "stripe"].contains(provider) { problems.append("PAYMENT_PROVIDER must be sandbox or stripe") }
        let webhookSecret = text("PAYMENT_WEBHOOK_SECRET")
        if purpose != .migrate, (webhookSecret?.utf8.count ?? 0) < 16 {
            problems.append("PAYMENT_WEBHOOK_SECRET must be at least 16 bytes (`make run` generates a development secret)")
        }
        let previousWebhookSecret = text("PAYMENT_WEBHOOK_SECRET_PREVIOUS")
        if let previousWebhookSecret, previousWebhookSecret.utf8.count < 16 {
            problems.append("PAYMENT_WEBHOOK_SECRET_PREVIOUS must be at least 16 bytes")
        }
        let stripeKey = text("STRIPE_API_KEY")
        if purpose == .serve, provider == "stripe", stripeKey == nil { problems.append("STRIPE_API_KEY is required with PAYMENT_PROVIDER=stripe") }
        let stripeBaseURL = text("STRIPE_BASE_URL") ?? "https://api.stripe.com"
        if URL(string: stripeBaseURL).flatMap({ ["http", "https"].contains($0.scheme ?? "") && $0.host != nil ? $0 : nil }) == nil {
            problems.append("STRIPE_BASE_URL must be an http(s) URL")
        }

        let level: Logger.Level
        if let raw = text("LOG_LEVEL") {
            if let parsed = Logger.Level(name: raw) { level = parsed } else {
                problems.append("LOG_LEVEL must be debug, info, warning or error")
                level = .info
            }
        } else { level = .info }

        var trustedProxies = TrustedProxies.none
        do throws(TrustedProxies.InvalidEntries) {
            trustedProxies = try TrustedProxies(parsing: text("TRUSTED_PROXIES") ?? "")
        } catch {
            problems.append("TRUSTED_PROXIES must be comma-separated IP addresses or CIDR blocks (10.0.0.0/8, 2001:db8::/32); "
                            + "not: \(error.entries.joined(separator: ", "))")
        }

        let allocationLocking = text("ALLOCATION_LOCKING") ?? "row_lock"
        if !["row_lock", "optimistic"].contains(allocationLocking) {
            problems.append("ALLOCATION_LOCKING must be row_lock or optimistic")
        }
        var smtpEndpoint: SMTPEndpoint?
        if let url = text("SMTP_URL") {
            do throws(SMTPEndpoint.Invalid) {
                smtpEndpoint = try SMTPEndpoint(url: url)
            } catch {
                problems.append("SMTP_URL \(error.reason) (smtp://[user:password@]host:port, smtp+starttls://…, smtps://…)")
            }
        }
        var mailFrom = Configuration.defaultMailFrom
        if let raw = text("MAIL_FROM") {
            if let parsed = MailAddress(parsing: raw) { mailFrom = parsed } else {
                problems.append("MAIL_FROM must be an address such as `Shop <no-reply@example.com>` or `no-reply@example.com`")
            }
        }
        var stockAlertEmails: [MailAddress] = []
        for entry in (text("STOCK_ALERT_EMAILS") ?? "").split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
            if let address = MailAddress(parsing: entry) { stockAlertEmails.append(address) } else {
                problems.append("STOCK_ALERT_EMAILS must be comma-separated email addresses; not: \(entry)")
            }
        }
        let shopName = text("SHOP_NAME") ?? "Wharf"
        if shopName.count > 100 || shopName.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            problems.append("SHOP_NAME must be at most 100 characters, without control characters")
        }

        var configuration = Configuration(
            databaseURL: databaseURL,
            host: text("HOST") ?? "127.0.0.1",
            port: integer("PORT", default: 8080, range: 0...65535),
            databasePoolSize: integer("DATABASE_POOL_SIZE", default: 8, range: 1...200),
            eventLoops: integer("HTTP_EVENT_LOOPS", default: ProcessInfo.processInfo.activeProcessorCount, range: 1...256),
            shutdownGraceSeconds: integer("SHUTDOWN_GRACE_SECONDS", default: 10, range: 0...600),
            migrateOnStart: flag("MIGRATE_ON_START", default: true),
            migrationsDirectory: text("MIGRATIONS_DIR"),
            jwtSecret: jwtSecret,
            jwtPreviousSecret: previous,
            accessTokenTTL: integer("ACCESS_TOKEN_TTL", default: 900, range: 1...31_536_000),
            refreshTokenTTL: integer("REFRESH_TOKEN_TTL", default: 2_592_000, range: 60...31_536_000),
            paymentWebhookSecret: webhookSecret,
            paymentWebhookPreviousSecret: previousWebhookSecret,
            paymentProvider: provider,
            stripeAPIKey: stripeKey,
            stripeBaseURL: stripeBaseURL,
            paymentReconcileAfterSeconds: integer("PAYMENT_RECONCILE_AFTER_SECONDS", default: 900, range: 1...604_800),
            paymentReconcileIntervalSeconds: integer("PAYMENT_RECONCILE_INTERVAL_SECONDS", default: 60, range: 1...86_400),
            storeCurrency: currency,
            bootstrapAdminEmail: text("BOOTSTRAP_ADMIN_EMAIL"),
            bootstrapAdminPassword: env["BOOTSTRAP_ADMIN_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 },
            corsAllowedOrigins: (text("CORS_ALLOWED_ORIGINS") ?? "").split(separator: ",")
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
            logLevel: level,
            benchmarkRoutes: flag("BENCHMARK_ROUTES", default: false))
        configuration.allocationOptimisticLocking = allocationLocking == "optimistic"
        configuration.eventBusPoolSize = integer("EVENT_BUS_POOL_SIZE", default: 8, range: 1...200)
        configuration.orderBacklogMaxAgeMilliseconds = integer("ORDER_BACKLOG_MAX_AGE_MS", default: 500, range: 0...600_000)
        configuration.jwtLeewaySeconds = integer("JWT_LEEWAY_SECONDS", default: 0, range: 0...60)
        configuration.eventRetentionDays = integer("EVENT_RETENTION_DAYS", default: 7, range: 1...3650)
        configuration.arrivalHandlingDays = integer("ARRIVAL_HANDLING_DAYS", default: 2, range: 0...60)
        configuration.paymentDeadlineSeconds = integer("PAYMENT_DEADLINE_SECONDS", default: 86_400, range: 10...2_592_000)
        configuration.trustedProxies = trustedProxies
        configuration.smtpEndpoint = smtpEndpoint
        configuration.mailFrom = mailFrom
        configuration.stockAlertEmails = stockAlertEmails
        configuration.shopName = shopName
        configuration.databaseStatementTimeoutMilliseconds = integer("DATABASE_STATEMENT_TIMEOUT_MS", default: 5_000, range: 0...86_400_000)
        configuration.databaseLockTimeoutMilliseconds = integer("DATABASE_LOCK_TIMEOUT_MS", default: 2_000, range: 0...86_400_000)
        configuration.databaseIdleInTransactionTimeoutMilliseconds = integer(
            "DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS", default: 60_000, range: 0...86_400_000)
        configuration.databaseConnectTimeoutSeconds = integer("DATABASE_CONNECT_TIMEOUT_SECONDS", default: 5, range: 2...300)
        configuration.requestTimeoutSeconds = integer("REQUEST_TIMEOUT_SECONDS", default: 30, range: 1...3_600)
        guard problems.isEmpty else { throw ConfigurationError(problems: problems) }
        return configuration
    }
}
