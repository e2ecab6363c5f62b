public import Foundation

/// What `wharf` was asked to do.
public enum Command: Equatable, Sendable {
    /// `wharf serve`: migrate (unless `MIGRATE_ON_START=false`) and serve HTTP until SIGTERM/SIGINT.
    case serve
    /// `wharf migrate`: apply pending migrations and exit.
    case migrate
    /// `wharf create-admin --email E`: create (or promote) an admin; the password comes on standard input.
    case createAdmin(email: String)
    /// `wharf simulate-payment PAYMENT_ID succeeded|failed|refunded [--url URL]`: send a correctly signed webhook
    /// for the payment to a running server (development with the sandbox provider).
    case simulatePayment(paymentId: UUID, outcome: String, url: String?)
    /// `wharf events dead`: print the events the bus set aside after repeated failures.
    case eventsDead
    /// `wharf events retry ID`: deliver a dead event again to the subscribers that have not handled it.
    case eventsRetry(eventId: UUID)
    /// `wharf help`, `-h`, `--help`.
    case help

    /// The usage text printed for `help` and, on standard error, for any mistake.
    public static let usage = """
        usage: wharf <command>

        commands:
          serve                     apply pending migrations (unless MIGRATE_ON_START=false) and serve HTTP
          migrate                   apply pending migrations and exit
          create-admin --email E    create an admin user; the password is read from standard input
          simulate-payment PAYMENT_ID succeeded|failed|refunded [--url URL]
                                    send a signed payment webhook to a running server (default http://HOST:PORT)
          events dead               list the events set aside after repeated failures (dead letters)
          events retry ID           deliver a dead event again (by a running server's relay)
          help                      show this text

        configuration comes from the environment: see README.md
        """

    /// Parses the arguments after the program name; nil means "print usage to stderr and exit 2".
    public static func parse(_ arguments: [String]) -> Command? {
        switch arguments.first {
        case "serve" where arguments.count == 1: return .serve
        case "migrate" where arguments.count == 1: return .migrate
        case "help", "-h", "--help": return arguments.count == 1 ? .help : nil
        case "create-admin":
            let rest = Array(arguments.dropFirst())
            if rest.count == 2, rest[0] == "--email", !rest[1].isEmpty, !rest[1].hasPrefix("-") { return .createAdmin(email: rest[1]) }
            if rest.count == 1, rest[0].hasPrefix("--email="), rest[0].count > "--email=".count {
                return .createAdmin(email: String(rest[0].dropFirst("--email=".count)))
            }
            return nil
        case "simulate-payment":
            return parseSimulatePayment(Array(arguments.dropFirst()))
        case "events" where arguments.count == 2 && arguments[1] == "dead": return .eventsDead
        case "events" where arguments.count == 3 && arguments[1] == "retry":
            return UUID(uuidString: arguments[2]).map { .eventsRetry(eventId: $0) }
        default: return nil
        }
    }

    static let simulatedOutcomes = ["succeeded", "failed", "refunded"]

    static func parseSimulatePayment(_ rest: [String]) -> Command? {
        guard rest.count == 2 || rest.count == 4, let id = UUID(uuidString: rest[0]), simulatedOutcomes.contains(rest[1]) else { return nil }
        guard rest.count == 4 else { return .simulatePayment(paymentId: id, outcome: rest[1], url: nil) }
        guard rest[2] == "--url", rest[3].hasPrefix("http://") || rest[3].hasPrefix("https://") else { return nil }
        return .simulatePayment(paymentId: id, outcome: rest[1], url: rest[3])
    }
}
