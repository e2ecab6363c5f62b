import Foundation
import Kernel
import Outbox
import Postgres
import TestSupport
import Testing
@testable import WharfApp

/// Issue "Production hardening": events the bus set aside after repeated failures (dead letters) are listed and
/// retried by admins, over HTTP and from the command line.
@Suite("HTTP and CLI: dead events are listed and retried")
struct DeadEventsTests {
    /// An event one test subscriber fails on while `failing` is set, next to a subscriber that always succeeds.
    struct DoomedProbe: IntegrationEvent {
        static let name = "tests.doomed_probe.v1"
        var number: Int
    }

    struct Refused: Error, CustomStringConvertible {
        var description: String { "refused by the test" }
    }

    /// Two attempts, retried quickly: an event dies within a fraction of a second.
    static var quickDeath: DurableEventBusConfiguration {
        var configuration = DurableEventBusConfiguration()
        configuration.maxAttempts = 2
        configuration.initialBackoff = .milliseconds(10)
        configuration.maxBackoff = .milliseconds(20)
        return configuration
    }

    /// The app with the probe's subscribers on every process; `failing` decides whether `tests.doomed` throws, and
    /// `handled` counts each subscriber's successful handlings by event number.
    struct Probe: Sendable {
        let failing = Locked(true)
        let handled = Locked<[String: [Int]]>([:])

        func subscribe(_ app: TestApp) throws {
            try app.subscribe(DoomedProbe.self, as: "tests.doomed") { event, _ in
                if failing.snapshot { throw Refused() }
                handled.with { $0["tests.doomed", default: []].append(event.number) }
            }
            try app.subscribe(DoomedProbe.self, as: "tests.fine") { event, _ in
                handled.with { $0["tests.fine", default: []].append(event.number) }
            }
        }
    }

    static func deadIDs(_ app: TestApp, count: Int) async throws -> Bool {
        try await app.container.pool.query("SELECT count(*) FROM messaging.outbox WHERE dead_at IS NOT NULL", [])[0]
            .decode(Int.self, at: 0) == count
    }

    static func eventID(_ app: TestApp, number: Int) async throws -> String {
        try await app.container.pool.query(
            "SELECT id::text FROM messaging.outbox WHERE name = $1 AND payload->>'number' = $2",
            [.text(DoomedProbe.name), .text(String(number))])[0].decode(String.self, at: 0)
    }

    @Test func deadEventsAreListedNewestFirstPagedAndRetriedToTheSubscribersThatHaveNotHandledThem() async throws {
        try await TestApp.run(eventBus: Self.quickDeath) { app in
            let probe = Probe()
            try probe.subscribe(app)
            for number in 1...3 { try await app.publish(DoomedProbe(number: number)) }
            #expect(try await eventually { try await Self.deadIDs(app, count: 3) })
            let admin = try await app.adminToken()

            let all = try await app.http.json("GET", "/v1/admin/dead-events", token: admin)
            #expect(all.status == 200 && all.items.count == 3 && all.object["nextCursor"] is NSNull)
            let first = try #require(all.items.first)
            #expect(Set(first.keys) == ["id", "name", "subscriber", "attempts", "lastError", "failedAt"])
            #expect(first["name"] as? String == DoomedProbe.name && first["subscriber"] as? String == "tests.doomed")
            #expect(first["attempts"] as? Int == 2 && first["lastError"] as? String == "tests.doomed: refused by the test")
            #expect((first["failedAt"] as? String)?.hasSuffix("Z") == true)
            let failedAt = all.items.compactMap { $0["failedAt"] as? String }
            #expect(failedAt == failedAt.sorted(by: >), "most recently set aside first")

            // Pages of two: the same three events, each once.
            let page1 = try await app.http.json("GET", "/v1/admin/dead-events?limit=2", token: admin)
            let cursor = try #require(page1.object["nextCursor"] as? String)
            let page2 = try await app.http.json("GET", "/v1/admin/dead-events?limit=2&cursor=\(cursor)", token: admin)
            #expect(page1.items.count == 2 && page2.items.count == 1 && page2.object["nextCursor"] is NSNull)
            #expect((page1.items + page2.items).compactMap { $0["id"] as? String } == all.items.compactMap { $0["id"] as? String })

            // Retried with the cause gone: delivered to `tests.doomed` only (`tests.fine` handled it already), once.
            probe.failing.replace(false)
            let one = try await Self.eventID(app, number: 1)
            let retried = try await app.http.json("POST", "/v1/admin/dead-events/\(one)/retry", token: admin)
            #expect(retried.status == 202, "\(retried.bodyText)")
            #expect(await eventually { probe.handled.snapshot["tests.doomed"] == [1] })
            #expect(try await eventually {
                try await app.container.pool.query(
                    "SELECT completed_at IS NOT NULL AND dead_at IS NULL FROM messaging.outbox WHERE id = $1::uuid", [.text(one)])[0]
                    .decode(Bool.self, at: 0)
            })
            #expect(probe.handled.snapshot["tests.fine"]?.sorted() == [1, 2, 3], "each subscriber handles an event once")
            let rest = try await app.http.json("GET", "/v1/admin/dead-events", token: admin)
            #expect(rest.items.compactMap { $0["id"] as? String }.sorted() == [try await Self.eventID(app, number: 2),
                                                                              try await Self.eventID(app, number: 3)].sorted())

            // A delivered event is not dead; an unknown one does not exist.
            let again = try await app.http.json("POST", "/v1/admin/dead-events/\(one)/retry", token: admin)
            #expect(again.status == 409 && again.code == "event_not_dead")
            let unknown = try await app.http.json("POST", "/v1/admin/dead-events/\(UUID().lowercased)/retry", token: admin)
            #expect(unknown.status == 404 && unknown.code == "not_found")
        }
    }

    @Test func aRetriedEventThatFailsAgainIsDeadAgainAfterOneMoreAttempt() async throws {
        try await TestApp.run(eventBus: Self.quickDeath) { app in
            let probe = Probe()
            try probe.subscribe(app)
            try await app.publish(DoomedProbe(number: 1))
            #expect(try await eventually { try await Self.deadIDs(app, count: 1) })
            let id = try await Self.eventID(app, number: 1)
            let admin = try await app.adminToken()
            #expect(try await app.http.json("POST", "/v1/admin/dead-events/\(id)/retry", token: admin).status == 202)
            #expect(try await eventually {
                let items = try await app.http.json("GET", "/v1/admin/dead-events", token: admin).items
                return items.count == 1 && items.first?["attempts"] as? Int == 3
            })
            #expect(probe.handled.snapshot["tests.doomed"] == nil && probe.handled.snapshot["tests.fine"] == [1])
        }
    }

    @Test func onlyAdminsAndBadInputIsAProblem() async throws {
        try await TestApp.run { app in
            let admin = try await app.adminToken()
            let staff = try await app.staffToken()
            #expect(try await app.http.json("GET", "/v1/admin/dead-events").status == 401)
            let forbidden = try await app.http.json("GET", "/v1/admin/dead-events", token: staff)
            #expect(forbidden.status == 403 && forbidden.code == "forbidden")
            let retry = try await app.http.json("POST", "/v1/admin/dead-events/\(UUID().lowercased)/retry", token: staff)
            #expect(retry.status == 403 && retry.code == "forbidden")
            let empty = try await app.http.json("GET", "/v1/admin/dead-events", token: admin)
            #expect(empty.status == 200 && empty.bodyText == #"{"items":[],"nextCursor":null}"#)
            #expect(try await app.http.json("GET", "/v1/admin/dead-events?limit=0", token: admin).status == 422)
            #expect(try await app.http.json("GET", "/v1/admin/dead-events?limit=101", token: admin).status == 422)
            let cursor = try await app.http.json("GET", "/v1/admin/dead-events?cursor=forged", token: admin)
            #expect(cursor.status == 400 && cursor.code == "invalid_cursor")
            let badID = try await app.http.json("POST", "/v1/admin/dead-events/not-a-uuid/retry", token: admin)
            #expect(badID.status == 400)
        }
    }

    @Test func theCommandLineListsAndRetriesThem() async throws {
        try await TestApp.run(eventBus: Self.quickDeath) { app in
            let probe = Probe()
            try probe.subscribe(app)
            let environment = ["DATABASE_URL": app.database.url, "LOG_LEVEL": "error"]
            let configuration = try Configuration.from(environment: environment, for: .migrate)
            let none = Locked<[String]>([])
            #expect(try await EventsCommand.dead(configuration: configuration) { line in none.with { $0.append(line) } } == 0)
            #expect(none.snapshot == ["no dead events"])

            try await app.publish(DoomedProbe(number: 7))
            #expect(try await eventually { try await Self.deadIDs(app, count: 1) })
            let id = try await Self.eventID(app, number: 7)
            let lines = Locked<[String]>([])
            #expect(try await EventsCommand.dead(configuration: configuration) { line in lines.with { $0.append(line) } } == 0)
            let line = try #require(lines.snapshot.first)
            #expect(lines.snapshot.count == 1)
            #expect(line.hasPrefix(id + "  ") && line.contains("  \(DoomedProbe.name)  tests.doomed  attempts=2  tests.doomed: refused"), "\(line)")

            probe.failing.replace(false)
            #expect(await WharfMain.run(arguments: ["events", "retry", id], environment: environment) == 0)
            #expect(await eventually { probe.handled.snapshot["tests.doomed"] == [7] })
            #expect(await WharfMain.run(arguments: ["events", "retry", id], environment: environment) == 1, "not dead any more")
            #expect(await WharfMain.run(arguments: ["events", "retry", UUID().uuidString], environment: environment) == 1)
            #expect(await WharfMain.run(arguments: ["events", "dead"], environment: environment) == 0)
        }
    }

    @Test func badEventsArgumentsAreAUsageError() async {
        let id = UUID()
        #expect(Command.parse(["events", "dead"]) == .eventsDead)
        #expect(Command.parse(["events", "retry", id.uuidString]) == .eventsRetry(eventId: id))
        for arguments in [["events"], ["events", "dead", "x"], ["events", "retry"], ["events", "retry", "nope"],
                          ["events", "retry", id.uuidString, "x"], ["events", "purge"]] {
            #expect(Command.parse(arguments) == nil, "\(arguments)")
        }
        #expect(await WharfMain.run(arguments: ["events", "retry"], environment: [:]) == 2)
    }
}
