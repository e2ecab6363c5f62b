import Crypto
import Dispatch
import Glibc
import Testing

@Suite("scrypt password hasher")
struct PasswordHasherTests {
    /// Cheap enough for unit tests (1 MiB, a few milliseconds); the real cost is tested once below.
    static let cheap: ScryptParameters = {
        guard let parameters = try? ScryptParameters(logN: 10, r: 8, p: 1) else { fatalError("test parameters out of limits") }
        return parameters
    }()

    @Test func hashAndVerify() async throws {
        let hasher = PasswordHasher(parameters: Self.cheap)
        let stored = try await hasher.hash("correct horse battery staple")
        #expect(stored.hasPrefix("$scrypt$ln=10,r=8,p=1$"))
        #expect(ScryptHash(phc: stored)?.salt.count == 16 && ScryptHash(phc: stored)?.key.count == 32)
        #expect(try await hasher.verify("correct horse battery staple", against: stored) == PasswordVerification(isValid: true, needsRehash: false))
        #expect(try await hasher.verify("correct horse battery stapler", against: stored) == .invalid)
        #expect(try await hasher.verify("", against: stored) == .invalid)
        #expect(try await hasher.hash("correct horse battery staple") != stored)  // fresh salt each time
    }

    // Made independently with Python's hashlib.scrypt (OpenSSL underneath too, but a different caller and
    // a different base64 encoder): pins the PHC layout, the alphabet and the UTF-8 password bytes.
    @Test func verifiesAHashMadeElsewhere() async throws {
        let hasher = PasswordHasher(parameters: Self.cheap)
        let stored = "$scrypt$ln=10,r=8,p=1$AAECAwQFBgcICQoLDA0ODw$+y/QIWtVDZ7+2kKdG35dY4i0oS24lv6GLBthD/0Z0cY"
        #expect(try await hasher.verify("hunter2 \u{E9}", against: stored) == PasswordVerification(isValid: true, needsRehash: false))
        #expect(try await hasher.verify("hunter2 e", against: stored) == .invalid)
    }

    @Test func unicodeIsNormalizedToNFC() async throws {
        let hasher = PasswordHasher(parameters: Self.cheap)
        let stored = try await hasher.hash("caf\u{E9}-p\u{E4}ss")
        #expect(try await hasher.verify("cafe\u{301}-pa\u{308}ss", against: stored).isValid)
    }

    @Test func malformedStoredHashVerifiesAsInvalid() async throws {
        let hasher = PasswordHasher(parameters: Self.cheap)
        for stored in ["", "plaintext", "$scrypt$ln=30,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWY",
                       "$2b$12$abcdefghijklmnopqrstuv"] {
            #expect(try await hasher.verify("x", against: stored) == .invalid)
        }
        #expect(hasher.pool.peakRunning == 0)  // nothing was hashed
    }

    @Test func weakerStoredHashAsksForRehash() async throws {
        let old = PasswordHasher(parameters: Self.cheap)
        let stored = try await old.hash("pw-123456")
        let stronger = PasswordHasher(parameters: try ScryptParameters(logN: 11, r: 8, p: 1))
        #expect(try await stronger.verify("pw-123456", against: stored) == PasswordVerification(isValid: true, needsRehash: true))
        #expect(try await stronger.verify("wrong-pw", against: stored) == .invalid)
        let newer = try await stronger.hash("pw-123456")
        #expect(try await old.verify("pw-123456", against: newer) == PasswordVerification(isValid: true, needsRehash: false))
    }

    @Test func passwordLengthIsBounded() async throws {
        let hasher = PasswordHasher(parameters: Self.cheap)
        let long = String(repeating: "a", count: PasswordHasher.maxPasswordBytes + 1)
        await #expect(throws: PasswordHasherError.passwordTooLong) { try await hasher.hash(long) }
        let stored = try await hasher.hash(String(repeating: "a", count: PasswordHasher.maxPasswordBytes))
        #expect(try await hasher.verify(long, against: stored) == .invalid)
    }

    @Test func unknownUserVerificationDoesTheWorkAndFails() async throws {
        let hasher = PasswordHasher(parameters: Self.cheap)
        #expect(try await hasher.verifyUnknownUser("anything") == .invalid)
        #expect(hasher.pool.peakRunning == 1)  // it really ran a derivation on the pool
    }

    @Test func realCostHashVerifies() async throws {
        let hasher = PasswordHasher()
        let clock = ContinuousClock()
        let start = clock.now
        let stored = try await hasher.hash("production-cost password")
        let hashed = clock.now
        #expect(stored.hasPrefix("$scrypt$ln=17,r=8,p=1$"))
        #expect(try await hasher.verify("production-cost password", against: stored) == PasswordVerification(isValid: true, needsRehash: false))
        print("scrypt ln=17 r=8 p=1: hash \(hashed - start), verify \(clock.now - hashed)")
    }

    @Test func fullQueueFailsFastWithBusy() async throws {
        let pool = PasswordHashingPool(threadCount: 1, maxQueued: 1)
        defer { pool.shutdown() }
        let gate = DispatchSemaphore(value: 0)
        // One job holds the only thread, one fills the queue: capacity is exhausted until the gate opens.
        try pool.submit { gate.wait() }
        try pool.submit { gate.wait() }
        #expect(throws: PasswordHasherError.busy) { try pool.submit {} }
        let hasher = PasswordHasher(parameters: Self.cheap, pool: pool)
        await #expect(throws: PasswordHasherError.busy) { try await hasher.hash("pw") }
        await #expect(throws: PasswordHasherError.busy) { try await hasher.verifyUnknownUser("pw") }
        // Opening the gate frees the pool; when exactly is up to the threads, so nothing more is asserted here.
        gate.signal()
        gate.signal()
    }

    @Test func shutDownPoolRefusesWork() async throws {
        let pool = PasswordHashingPool(threadCount: 1, maxQueued: 4)
        pool.shutdown()
        pool.shutdown()
        #expect(throws: PasswordHasherError.shutDown) { try pool.submit {} }
        await #expect(throws: PasswordHasherError.shutDown) { try await PasswordHasher(parameters: Self.cheap, pool: pool).hash("pw") }
    }

    @Test func poolNeverRunsMoreThanItsThreads() throws {
        let pool = PasswordHashingPool(threadCount: 2, maxQueued: 8)
        defer { pool.shutdown() }
        let started = DispatchSemaphore(value: 0), gate = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)
        for _ in 0..<6 {
            try pool.submit {
                started.signal()
                gate.wait()
                done.signal()
            }
        }
        started.wait()
        started.wait()
        #expect(pool.running == 2 && pool.queued == 4 && pool.peakRunning == 2)
        for _ in 0..<6 { gate.signal() }
        for _ in 0..<6 { done.wait() }
        #expect(pool.peakRunning == 2)
    }

    @Test func concurrentHashesStayWithinMaxConcurrent() async throws {
        let hasher = PasswordHasher(parameters: try ScryptParameters(logN: 12, r: 8, p: 1), maxConcurrent: 2, maxQueued: 16)
        let hashes = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<10 { group.addTask { try await hasher.hash("pw-\(index)") } }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(Set(hashes).count == 10)
        #expect((1...2).contains(hasher.pool.peakRunning))
    }
}

@Suite("scrypt pool scheduling")
struct PasswordHashingPoolPriorityTests {
    @Test func hashingThreadsRunAtLoweredPriorityAndTheCallerDoesNot() async throws {
        let pool = PasswordHashingPool(threadCount: 1, maxQueued: 1)
        defer { pool.shutdown() }
        let which = __priority_which_t(PRIO_PROCESS.rawValue)
        let inPool = try await pool.run { getpriority(which, 0) }
        #expect(inPool == 5)
        #expect(getpriority(which, 0) != 5)
    }
}
