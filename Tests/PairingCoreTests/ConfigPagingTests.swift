import Testing

@testable import PairingCore

@Suite struct ConfigPagingTests {
    static let ordered: [PairingConfig] = (0..<7).map {
        PairingConfig(id: "TP-0000-000\($0)", companyID: "CP-TEST-0001", name: "c\($0)", createdAt: Int64($0))
    }

    func ids(_ page: ConfigPaging.Page) -> [String] { page.items.map(\.id) }

    @Test func firstPageHasNextAndNoPrevious() throws {
        let page = try #require(ConfigPaging.page(Self.ordered, limit: 3, cursor: nil))
        #expect(ids(page) == ["TP-0000-0000", "TP-0000-0001", "TP-0000-0002"])
        #expect(page.next == .init(cursor: .startingAfter("TP-0000-0002")))
        #expect(page.previous == nil)
    }

    @Test func walkingForwardThenBackwardVisitsEveryItemOnce() throws {
        var seen: [String] = []
        var cursor: ConfigPaging.Cursor?
        var pages = 0
        while true {
            let page = try #require(ConfigPaging.page(Self.ordered, limit: 3, cursor: cursor))
            seen += ids(page)
            pages += 1
            guard let next = page.next else { break }
            cursor = next.cursor
        }
        #expect(seen == Self.ordered.map(\.id))
        #expect(pages == 3)
        // Back from the last page.
        var back: [String] = []
        var previous: ConfigPaging.Link? = ConfigPaging.Link(cursor: .endingBefore("TP-0000-0006"))
        back = ["TP-0000-0006"]
        while let link = previous {
            let page = try #require(ConfigPaging.page(Self.ordered, limit: 3, cursor: link.cursor))
            back = ids(page) + back
            previous = page.previous
            if link.cursor == nil { break }
        }
        #expect(back == Self.ordered.map(\.id))
    }

    @Test func startingAfterTheLastItemIsEmptyWithAPreviousLink() throws {
        let page = try #require(ConfigPaging.page(Self.ordered, limit: 3, cursor: .startingAfter("TP-0000-0006")))
        #expect(page.items.isEmpty)
        #expect(page.next == nil)
        #expect(page.previous == .init(cursor: .startingAfter("TP-0000-0003")))
        let back = try #require(ConfigPaging.page(Self.ordered, limit: 3, cursor: page.previous?.cursor))
        #expect(ids(back) == ["TP-0000-0004", "TP-0000-0005", "TP-0000-0006"])
    }

    @Test func endingBeforeTheFirstItemIsEmptyWithANextLinkToTheTop() throws {
        let page = try #require(ConfigPaging.page(Self.ordered, limit: 3, cursor: .endingBefore("TP-0000-0000")))
        #expect(page.items.isEmpty)
        #expect(page.previous == nil)
        #expect(page.next == .init(cursor: nil))
    }

    @Test func endingBeforeClampsAtTheTop() throws {
        let page = try #require(ConfigPaging.page(Self.ordered, limit: 3, cursor: .endingBefore("TP-0000-0002")))
        #expect(ids(page) == ["TP-0000-0000", "TP-0000-0001"])
        #expect(page.previous == nil)
        #expect(page.next == .init(cursor: .startingAfter("TP-0000-0001")))
    }

    @Test func startingAfterTheFirstItem() throws {
        let page = try #require(ConfigPaging.page(Self.ordered, limit: 10, cursor: .startingAfter("TP-0000-0000")))
        #expect(ids(page) == Array(Self.ordered.map(\.id).dropFirst()))
        #expect(page.next == nil)
        #expect(page.previous == .init(cursor: .endingBefore("TP-0000-0001")))
    }

    @Test func unknownCursorIsNil() {
        #expect(ConfigPaging.page(Self.ordered, limit: 3, cursor: .startingAfter("TP-9999-9999")) == nil)
    }
}

@Suite struct ConfigReferenceTests {
    @Test(arguments: [
        ("TP-7KQ2-M9ZD", ConfigReference.publicID("TP-7KQ2-M9ZD")),
        ("ext-abc/1", .externalID("abc/1")),
        ("ext-ext-", .externalID("ext-")),
        ("42", .numericID(42)),
        ("99999999999999999999999", .unmatchable),
        ("CP-AAAA-1111", .publicID("CP-AAAA-1111")),
        // Well-formed by the spec's pattern (matched at the start) but no config's shape: 404, not 400.
        ("AB-1-2", .publicID("AB-1-2")),
        ("TP-56EGX-Q424", .publicID("TP-56EGX-Q424")),
        ("ext-", .unmatchable),
        ("ext-" + String(repeating: "x", count: 256), .unmatchable),
        ("12ab", .unmatchable),
        ("TP-7KQ2-M9ZD-X", .unmatchable),
        ("TP-AAAA-BBBB/x", .unmatchable),
    ])
    func parsesAnyID(text: String, expected: ConfigReference) throws {
        #expect(try ConfigReference.parse(text) == expected)
    }

    @Test(arguments: [
        "", "tp-7kq2-m9zd", "TP-7KQ2", "TP--M9ZD", "-1", "T-AAAA-BBBB", "TP-AA AA-BB", "EXT-abc", "TP-AAAA-",
        "AB-1", " 42", "TP_AAAA_BBBB",
    ])
    func rejectsWrongShapes(text: String) {
        #expect(throws: ConfigReferenceError.self) { try ConfigReference.parse(text) }
    }
}

@Suite struct TimestampTests {
    @Test func formatsWithMicroseconds() {
        #expect(Timestamp.rfc3339(microseconds: 0) == "1970-01-01T00:00:00.000000+00:00")
        // 2026-12-03T15:16:42.123456Z
        #expect(Timestamp.rfc3339(microseconds: 1_796_311_002_123_456) == "2026-12-03T15:16:42.123456+00:00")
        #expect(Timestamp.rfc3339(microseconds: 951_782_400_000_001) == "2000-02-29T00:00:00.000001+00:00")
        #expect(Timestamp.rfc3339(microseconds: -1) == "1969-12-31T23:59:59.999999+00:00")
    }
}
