import Foundation
import Glibc
import HTTPServer
import Logging
import Synchronization
import TestSupport
import Testing

extension UnreadPipe {
    /// Stops `writer` and lets its thread finish (a write blocked on the full pipe fails once the read end is gone),
    /// then closes the write end, which nothing can write to any more.
    func close(after writer: LogWriter) async {
        writer.stop()
        closeReadEnd()
        let finished = await writer.flush(within: .seconds(10))
        #expect(finished)
        closeWriteEnd()
    }
}

@Suite("Log writer")
struct LogWriterTests {
    @Test func linesArriveWholeAndInOrder() async throws {
        let pipe = try UnreadPipe()
        let writer = LogWriter(fileDescriptor: pipe.writeEnd)
        let logger = Logger(label: "test", sink: writer.sink)
        for index in 0..<100 { logger.info("line \(index)") }
        #expect(await writer.flush(within: .seconds(10)))
        let lines = String(decoding: pipe.readAvailable(), as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 100)
        #expect(lines.enumerated().allSatisfy { $0.element.contains("\"message\":\"line \($0.offset)\"") })
        #expect(writer.droppedLines == 0)
        await pipe.close(after: writer)
    }

    @Test func aPipeNobodyReadsDropsAndCountsLinesInsteadOfBlockingTheCaller() async throws {
        let pipe = try UnreadPipe()
        pipe.fill()
        let writer = LogWriter(fileDescriptor: pipe.writeEnd, capacity: 16)
        // The pipe is full: the writer blocks on its first batch, every call still returns, the surplus is dropped.
        for _ in 0..<1_000 { writer.enqueue(line: "a line nobody will read") }
        #expect(writer.droppedLines > 0)
        // Waiting for it is bounded: the writer is stuck, flush says so instead of hanging.
        #expect(await writer.flush(within: .milliseconds(100)) == false)
        await pipe.close(after: writer)
    }

    @Test func accessLinesToABlockedStderrNeverStallTheServerOrItsShutdown() async throws {
        let pipe = try UnreadPipe()
        let writer = LogWriter(fileDescriptor: pipe.writeEnd, capacity: 64)
        let router = Router()
        router.get("/ping") { _, _ in HTTPResponse(body: Array("pong".utf8)) }
        let responder = try router.buildResponder(RouterConfiguration(logger: Logger(label: "http", sink: writer.sink)))
        var configuration = HTTPServerConfiguration(port: 0, eventLoopCount: 2, shutdownGracePeriod: .seconds(2))
        configuration.port = 0
        let server = HTTPServer(configuration: configuration, responder: responder)
        let finished = Locked(false)
        let running = Task {
            try await server.run()
            finished.replace(true)
        }
        let port = try await server.waitUntilListening()
        // About 200 bytes a line: 2,000 lines are six times what a pipe holds.
        let answered = await onOwnThread { () -> Int in
            guard let client = TestClient(port: port) else { return 0 }
            var answered = 0
            for _ in 0..<2_000 {
                client.send("GET /ping HTTP/1.1\r\nHost: x\r\n\r\n")
                guard client.readResponse(timeout: .seconds(5))?.status == 200 else { break }
                answered += 1
            }
            return answered
        }
        #expect(answered == 2_000)
        #expect(writer.droppedLines > 0)
        server.shutdown()
        // The grace period is 2 s; nothing is in flight, so shutdown needs none of it, but a blocked loop never ends.
        let stopped = await eventually(timeout: .seconds(10)) { finished.snapshot }
        #expect(stopped)
        await pipe.close(after: writer)
        if stopped { try await running.value }
    }
}
