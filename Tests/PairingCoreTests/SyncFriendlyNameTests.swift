import PairingCore
import Testing

@Suite("Sync friendly names are cut by Unicode scalars")
struct SyncFriendlyNameTests {
    @Test("200 thumbs-up with skin tone: the names hold exactly 64 code points, no scalar split")
    func emojiWithModifier() {
        let name = String(repeating: "👍🏽", count: 200)
        let queue = SyncDesiredState.queueFriendlyName(id: "TP-AAAA-001", name: name)
        #expect(queue.unicodeScalars.count == 64)
        #expect(queue.hasPrefix("TWPC TP-AAAA-001 👍🏽"))
        // 17 scalars of prefix, then 47 alternating scalars: ends with a bare 👍 (its modifier cut off).
        #expect(queue.unicodeScalars.last == "👍".unicodeScalars.first)
        let filter = SyncDesiredState.filterFriendlyName(id: "TP-AAAA-0001", name: name)
        #expect(filter.unicodeScalars.count == 64)
        #expect(filter.unicodeScalars.allSatisfy { $0 == "👍" || $0 == "\u{1F3FD}" })
    }

    @Test("short names are kept whole; combining marks count as scalars")
    func shortAndCombining() {
        #expect(SyncDesiredState.filterFriendlyName(id: "TP-1", name: "Voice") == "Voice (TP-1)")
        let combining = String(repeating: "e\u{301}", count: 40)
        let cut = SyncDesiredState.filterFriendlyName(id: "TP-1", name: combining)
        #expect(cut.unicodeScalars.count == 64)
        #expect(cut.count == 32)
    }
}
