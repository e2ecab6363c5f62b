import Postgres
import Testing

@Suite struct ConfigurationTests {
    @Test func parsesURLForm() throws {
        let configuration = try PostgresConfiguration(
            url: "postgresql://alice:s3cret@db.example.com:6543/shop?sslmode=require&connect_timeout=5")
        #expect(configuration.host == "db.example.com")
        #expect(configuration["port"] == "6543")
        #expect(configuration.database == "shop")
        #expect(configuration.user == "alice")
        #expect(configuration.sslMode == "require")
        #expect(configuration["connect_timeout"] == "5")
        #expect(configuration["password"] == "s3cret")
        #expect(!configuration.description.contains("s3cret"))
        #expect(configuration.description.contains("password=***"))
    }

    @Test func parsesURLWithSocketDirectory() throws {
        let configuration = try PostgresConfiguration(url: "postgresql:///wharf?host=/tmp/pg&user=wharf")
        #expect(configuration.host == "/tmp/pg")
        #expect(configuration.database == "wharf")
        #expect(configuration.user == "wharf")
    }

    @Test func parsesKeyValueForm() throws {
        let configuration = try PostgresConfiguration(
            url: "host=/var/run/postgresql dbname=wharf user=app password='p w' sslmode=disable")
        #expect(configuration.host == "/var/run/postgresql")
        #expect(configuration.database == "wharf")
        #expect(configuration.sslMode == "disable")
        #expect(configuration["password"] == "p w")
        #expect(!configuration.description.contains("p w"))
    }

    @Test func invalidURLErrorDoesNotEchoPassword() {
        let bad = [
            "postgresql://bob:hunter2@host:notaport/db",
            "postgresql://bob:hunter2@host/db?nosuchoption=1",
            "host=x password=hunter2 bogus",
            "host=x password=hunter2 sslmode",
        ]
        for url in bad {
            do throws(PostgresError) {
                _ = try PostgresConfiguration(url: url)
                Issue.record("accepted \(url)")
            } catch {
                #expect(error.kind == .invalidConfiguration)
                #expect(!error.description.contains("hunter2"), "\(error)")
                #expect(!error.message.isEmpty)
            }
        }
    }

    @Test func connectionStringRoundTrips() throws {
        let configuration = try PostgresConfiguration(
            url: #"host=/tmp dbname=wharf user=app password='it\'s a \\ secret' sslmode=prefer"#)
        let again = try PostgresConfiguration(url: configuration.connectionString)
        #expect(again.settings == configuration.settings)
        #expect(again["password"] == #"it's a \ secret"#)
    }

    @Test func settingReplacesOption() throws {
        let configuration = try PostgresConfiguration(url: "postgresql://u@h/one").setting("dbname", to: "two")
        #expect(configuration.database == "two")
    }

    @Test func classifiesSQLStates() {
        #expect(PostgresError.classify(sqlState: "23505") == .uniqueViolation)
        #expect(PostgresError.classify(sqlState: "23503") == .foreignKeyViolation)
        #expect(PostgresError.classify(sqlState: "23514") == .checkViolation)
        #expect(PostgresError.classify(sqlState: "40001") == .serializationFailure)
        #expect(PostgresError.classify(sqlState: "40P01") == .deadlock)
        #expect(PostgresError.classify(sqlState: "08006") == .connectionLost)
        #expect(PostgresError.classify(sqlState: "57P01") == .connectionLost)
        #expect(PostgresError.classify(sqlState: "42601") == .other)
        #expect(PostgresError.classify(sqlState: "55P03") == .lockTimeout)
        #expect(PostgresError.classify(sqlState: "57014") == .statementTimeout)
        #expect(!PostgresError(sqlState: "55P03", message: "x").isRetryableTransactionFailure)
        #expect(PostgresError(sqlState: "40001", message: "x").isRetryableTransactionFailure)
        #expect(PostgresError(sqlState: "40P01", message: "x").isRetryableTransactionFailure)
        #expect(!PostgresError(sqlState: "23505", message: "x").isRetryableTransactionFailure)
    }
}
