import PairingCore
import TaskRouterExpressions

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Parse and evaluation throughput of the expression engine, single-threaded (one core).
enum ExpressionBenchmarks {
    static let workerMatch = WorkerMatch(
        isManager: false, teamIds: ["TM-AAAA-1111", "TM-BBBB-2222"], roleIds: ["RL-CCCC-3333"])
    static let taskMatch = TaskMatch(
        taskTypes: ["replyToNewText", "replyToNewConvo"],
        interaction: TaskMatch.Interaction(channels: ["text"], directions: ["inbound"]))

    /// A worker as TaskRouter holds it: the attributes of expressions.md section 5 plus the
    /// usual Flex extras.
    static let worker: JSONValue = .object([
        "isManager": .bool(false),
        "teamIds": .array([.string("TM-ZZZZ-0000"), .string("TM-BBBB-2222"), .string("TM-YYYY-9999")]),
        "roleIds": .array([.string("RL-CCCC-3333"), .string("RL-DDDD-4444")]),
        "full_name": .string("Ada Lovelace"),
        "email": .string("ada@loans.example.com"),
        "contact_uri": .string("client:ada"),
        "image_url": .string("https://example.com/ada.png"),
        "routing": .object(["skills": .array([.string("support"), .string("billing")]), "levels": .object([:])]),
        "disabled_skills": .object(["skills": .array([]), "levels": .object([:])]),
        "employeeId": .string("EM-1234-5678"),
    ])

    static let task: JSONValue = .object([
        "taskType": .string("replyToNewText"),
        "case": .object([
            "caseType": .string("generic"), "caseTypeId": .string("CT-AAAA-1111"), "autocreated": .bool(false),
        ]),
        "supercase": .object(["supercaseType": .string("generic")]),
        "interaction": .object([
            "channel": .string("text"), "theme": .string("agentNotification"), "direction": .string("inbound"),
            "subject": .string("caseEscalation"),
        ]),
        "interactionMeta": .object([
            "to": .object(["phone": .string("+15555555555")]),
            "recipients": .object(["emails": .array([.string("support@loans.acme.com")])]),
        ]),
        "companyId": .string("CP-AAAA-1111"),
        "borrowerId": .string("BO-BBBB-2222"),
    ])

    struct Result {
        var name: String
        var operations: Int
        /// Wall-clock seconds.
        var seconds: Double
        /// CPU seconds of the measuring thread.
        var cpuSeconds: Double
        /// Operations per CPU second: what one core does, whatever else the machine runs.
        var perSecond: Double { Double(operations) / cpuSeconds }
        var perWallSecond: Double { Double(operations) / seconds }
    }

    /// CPU time of the calling thread, in seconds.
    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func run(arguments: [String]) {
        var seconds = 1.0
        if let index = arguments.firstIndex(of: "--seconds"), index + 1 < arguments.count,
            let value = Double(arguments[index + 1])
        {
            seconds = value
        }
        var only: String?
        if let index = arguments.firstIndex(of: "--only"), index + 1 < arguments.count { only = arguments[index + 1] }
        var iterations: Int?
        if let index = arguments.firstIndex(of: "--iterations"), index + 1 < arguments.count {
            iterations = Int(arguments[index + 1])
        }
        func measure(_ name: String, seconds: Double, _ body: () -> Bool) -> Result? {
            if let only, !name.contains(only) { return nil }
            if let iterations {
                // A fixed amount of work, for instruction counts (`perf stat`).
                var sink = 0
                for _ in 0..<iterations where body() { sink &+= 1 }
                print("\(name): \(iterations) iterations, \(sink) true")
                return nil
            }
            return ExpressionBenchmarks.measure(name, seconds: seconds, body)
        }
        let workerText = MatchCompiler.compile(workerMatch)
        let taskText = MatchCompiler.compile(taskMatch)
        let workerExpression = try! ExpressionParser.parse(workerText)
        let taskExpression = try! ExpressionParser.parse(taskText)
        let clock = EvaluationClock(dayOfWeek: "Thu", hour: 9, minute: 5)
        precondition(workerExpression.evaluate(worker, clock: clock))
        precondition(taskExpression.evaluate(task, clock: clock))

        var results: [Result?] = []
        results.append(
            measure("parse workerMatch expression", seconds: seconds) {
                (try? ExpressionParser.parse(workerText)) != nil
            })
        results.append(
            measure("parse taskMatch expression", seconds: seconds) {
                (try? ExpressionParser.parse(taskText)) != nil
            })
        results.append(
            measure("evaluate workerMatch expression on a worker", seconds: seconds) {
                workerExpression.evaluate(worker, clock: clock)
            })
        results.append(
            measure("evaluate taskMatch expression on a task", seconds: seconds) {
                taskExpression.evaluate(task, clock: clock)
            })
        results.append(
            measure("compile workerMatch + taskMatch", seconds: seconds) {
                MatchCompiler.compile(workerMatch).utf8.count + MatchCompiler.compile(taskMatch).utf8.count > 0
            })

        print("Expressions (`\(workerText)`, `\(taskText)`), one thread:")
        print("")
        print("| benchmark | ops/s per core (CPU time) | ns/op (CPU) | ops/s (wall clock) |")
        print("|---|---:|---:|---:|")
        for case let result? in results {
            let nanoseconds = result.cpuSeconds * 1e9 / Double(result.operations)
            print(
                "| \(result.name) | \(grouped(Int(result.perSecond))) | \(Int(nanoseconds.rounded())) "
                    + "| \(grouped(Int(result.perWallSecond))) |")
        }
    }

    /// Runs `body` in batches until `seconds` have passed; the result of every call is consumed.
    static func measure(_ name: String, seconds: Double, _ body: () -> Bool) -> Result {
        let clock = ContinuousClock()
        // Warm up.
        var sink = 0
        for _ in 0..<10_000 where body() { sink &+= 1 }
        var operations = 0
        var batch = 1000
        let start = clock.now
        let cpuStart = threadCPUSeconds()
        var elapsed = 0.0
        while elapsed < seconds {
            for _ in 0..<batch where body() { sink &+= 1 }
            operations += batch
            let duration = clock.now - start
            elapsed = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
            if batch < 1_000_000 { batch *= 2 }
        }
        if sink == -1 { print("unreachable") }
        let cpu = threadCPUSeconds() - cpuStart
        return Result(name: name, operations: operations, seconds: elapsed, cpuSeconds: cpu)
    }

    static func grouped(_ value: Int) -> String {
        let digits = Array(String(value))
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return result
    }
}
