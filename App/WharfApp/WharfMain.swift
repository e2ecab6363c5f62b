import Foundation
import Logging

/// The `wharf` command line: parses the command, reads the environment, runs, and returns the exit status.
public enum WharfMain {
    /// Log lines still queued are written before returning, waiting at most `exitFlushTimeout`: a stderr nobody
    /// reads must not keep the process from exiting (ADR 13).
    public static func run(arguments: [String], environment: [String: String]) async -> Int32 {
        let status = await execute(arguments: arguments, environment: environment)
        await LogWriter.standardError.flush(within: exitFlushTimeout)
        return status
    }

    static let exitFlushTimeout: Duration = .seconds(1)

    private static func execute(arguments: [String], environment: [String: String]) async -> Int32 {
        guard let command = Command.parse(arguments) else {
            writeStandardError(Command.usage + "\n")
            return 2
        }
        do {
            switch command {
            case .help:
                print(Command.usage)
                return 0
            case .serve:
                return try await ServeCommand.run(try Configuration.from(environment: environment, for: .serve))
            case .migrate:
                return try await MigrateCommand.run(try Configuration.from(environment: environment, for: .migrate))
            case .simulatePayment(let id, let outcome, let url):
                return try await SimulatePaymentCommand.run(
                    paymentId: id, outcome: outcome, url: url,
                    configuration: try Configuration.from(environment: environment, for: .simulatePayment))
            case .eventsDead:
                return try await EventsCommand.dead(configuration: try Configuration.from(environment: environment, for: .migrate))
            case .eventsRetry(let id):
                return try await EventsCommand.retry(id, configuration: try Configuration.from(environment: environment, for: .migrate))
            case .createAdmin(let email):
                return try await CreateAdminCommand.run(email: email, configuration: try Configuration.from(environment: environment, for: .migrate))
            }
        } catch {
            writeStandardError("wharf: \(error)\n")
            return 1
        }
    }

    /// Queues `text` for standard error behind the log lines already queued, so it neither overtakes them nor blocks.
    static func writeStandardError(_ text: String) {
        LogWriter.standardError.enqueue(line: text.hasSuffix("\n") ? String(text.dropLast()) : text)
    }
}
