import HTTPServer
import Testing

/// `Router.segments(of:limit:)`: how a path splits into the segments routes match.
@Suite struct RouterSegmentsTests {
    @Test(arguments: [
        ("/", [String]()),
        ("", []),
        ("/healthz", ["healthz"]),
        (
            "/companies/CP-1/task-worker-pairing-configs/TP-2",
            ["companies", "CP-1", "task-worker-pairing-configs", "TP-2"]
        ),
        ("//companies///CP-1//", ["companies", "CP-1"]),
        ("no-leading-slash/x", ["no-leading-slash", "x"]),
        ("/ext-caf\u{E9}/\u{1F600}/e\u{301}", ["ext-caf\u{E9}", "\u{1F600}", "e\u{301}"]),
    ])
    func segmentsAreTheNonEmptyPartsBetweenSlashes(_ path: String, _ expected: [String]) {
        #expect(Router.segments(of: path).map(String.init) == expected)
    }

    @Test func aLimitStopsAfterThatManySegments() {
        let path = "/companies/CP-1/task-worker-pairing-configs/TP-2"
        #expect(Router.segments(of: path, limit: 2).map(String.init) == ["companies", "CP-1"])
        #expect(Router.segments(of: path, limit: 0).isEmpty)
        #expect(Router.segments(of: "/a", limit: 5).map(String.init) == ["a"])
    }

    @Test func smallAndLargeStringsSplitAlike() {
        // A small string (stored inline) and a large one take the same route through the scanner.
        let small = "/a/b"
        let large = "/" + String(repeating: "x", count: 100) + "/y"
        #expect(Router.segments(of: small).map(String.init) == ["a", "b"])
        #expect(Router.segments(of: large).map(String.init) == [String(repeating: "x", count: 100), "y"])
    }
}
