import Foundation

/// The `wharf` command line: parses the command, reads the environment, runs, and returns the exit status.
public enum WharfMain {
    public static func run(arguments: [String], environment: [String: String]) async -> Int32 {
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
            case .createAdmin(let email):
                return try await CreateAdminCommand.run(email: email, configuration: try Configuration.from(environment: environment, for: .migrate))
            }
        } catch {
            writeStandardError("wharf: \(error)\n")
            return 1
        }
    }

    static func writeStandardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
