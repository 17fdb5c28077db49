import Testing

@testable import PairingCore

@Suite struct ConfigOrderingTests {
    static func config(_ id: String, priority: Int32?, createdAt: Int64, isDefault: Bool = false) -> PairingConfig {
        PairingConfig(
            id: id, companyID: "CP-TEST-0001", priority: priority, name: id, isDefault: isDefault, createdAt: createdAt)
    }

    static let sample: [PairingConfig] = [
        config("TP-0000-000D", priority: nil, createdAt: 1, isDefault: true),
        config("TP-0000-0005", priority: 5, createdAt: 10),
        config("TP-0000-0009", priority: nil, createdAt: 20),
        config("TP-0000-0010", priority: 10, createdAt: 30),
        config("TP-0000-0006", priority: 5, createdAt: 5),
        config("TP-0000-0007", priority: nil, createdAt: 20),
        config("TP-0000-0001", priority: -3, createdAt: 2),
    ]

    @Test func evaluationOrderPutsPrioritiesFirstThenNullThenDefault() {
        let ids = ConfigOrdering.evaluationOrder(Self.sample).map(\.id)
        #expect(
            ids == [
                "TP-0000-0010", "TP-0000-0006", "TP-0000-0005", "TP-0000-0001", "TP-0000-0007", "TP-0000-0009",
                "TP-0000-000D",
            ])
    }

    @Test func evaluationOrderDoesNotDependOnInputOrder() {
        let expected = ConfigOrdering.evaluationOrder(Self.sample).map(\.id)
        #expect(ConfigOrdering.evaluationOrder(Self.sample.reversed()).map(\.id) == expected)
        #expect(ConfigOrdering.evaluationOrder(Self.sample.shuffled()).map(\.id) == expected)
    }

    @Test func priorityAscendingAndDescendingKeepNullLast() throws {
        let ascending = ConfigOrdering.sorted(Self.sample, by: try ConfigSort.parse(["priority"])).map(\.priority)
        #expect(ascending == [-3, 5, 5, 10, nil, nil, nil])
        let descending = ConfigOrdering.sorted(Self.sample, by: try ConfigSort.parse(["-priority"])).map(\.priority)
        #expect(descending == [10, 5, 5, -3, nil, nil, nil])
    }

    @Test func tiesBreakByCreatedAtThenID() throws {
        let sorted = ConfigOrdering.sorted(Self.sample, by: try ConfigSort.parse(["-priority"])).map(\.id)
        // priority 5: created 5 before created 10; nulls: createdAt 1 (default), then 20/20 by id.
        #expect(
            sorted == [
                "TP-0000-0010", "TP-0000-0006", "TP-0000-0005", "TP-0000-0001", "TP-0000-000D", "TP-0000-0007",
                "TP-0000-0009",
            ])
    }

    @Test func sortByIDAndCreatedAt() throws {
        let byID = ConfigOrdering.sorted(Self.sample, by: try ConfigSort.parse(["-id"])).map(\.id)
        #expect(byID == Self.sample.map(\.id).sorted().reversed())
        let byCreated = ConfigOrdering.sorted(Self.sample, by: try ConfigSort.parse(["+createdAt"])).map(\.createdAt)
        #expect(byCreated == [1, 2, 5, 10, 20, 20, 30])
    }

    @Test func secondKeyOrdersWithinTheFirst() throws {
        let sorted = ConfigOrdering.sorted(Self.sample, by: try ConfigSort.parse(["priority,-createdAt"]))
        #expect(sorted.map(\.id).prefix(3) == ["TP-0000-0001", "TP-0000-0005", "TP-0000-0006"])
        #expect(sorted.map(\.id).suffix(3) == ["TP-0000-0007", "TP-0000-0009", "TP-0000-000D"])
    }
}

@Suite struct ConfigSortTests {
    @Test(arguments: [
        (["priority", "-createdAt"], "priority,-createdAt"),
        (["priority,-createdAt"], "priority,-createdAt"),
        (["[priority,-createdAt]"], "priority,-createdAt"),
        (["+priority", "id"], "priority,id"),
        ([" priority"], "priority"),  // a form-encoded '+' arrives as a space
        (["[ -id ]"], "-id"),
        ([] as [String], ""),
    ])
    func acceptsEverySpelling(values: [String], canonical: String) throws {
        #expect(try ConfigSort.parse(values).queryValue == canonical)
    }

    @Test(arguments: ["name", "priority,", "[priority", "--id", "priority,-priority", "", "[]", "createdat"])
    func rejectsWithAMessage(value: String) {
        #expect(throws: ConfigSortError.self) { try ConfigSort.parse([value]) }
    }

    @Test func unknownKeyIsNamed() {
        do {
            _ = try ConfigSort.parse(["priority,bogus"])
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("'bogus'"))
        }
    }
}
