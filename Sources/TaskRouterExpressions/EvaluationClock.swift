/// The UTC clock the `taskrouter.*` built-ins read. Injectable so evaluation is deterministic.
public struct EvaluationClock: Sendable, Hashable {
    /// `Mon` ... `Sun`.
    public let dayOfWeek: String
    /// 0 ... 23.
    public let hour: Int
    /// 0 ... 59.
    public let minute: Int

    /// A clock reading the given day (`"Thu"`) and UTC time of day.
    public init(dayOfWeek: String, hour: Int, minute: Int) {
        self.dayOfWeek = dayOfWeek
        self.hour = hour
        self.minute = minute
    }

    /// The clock at a moment, in seconds since 1970-01-01T00:00:00Z (UTC, leap seconds ignored).
    /// Non-finite values read as 1970-01-01T00:00Z.
    public init(secondsSince1970: Double) {
        let seconds = secondsSince1970.isFinite ? secondsSince1970 : 0
        // Clamp to a range where the arithmetic is exact and cannot overflow.
        let clamped = min(max(seconds, -1e15), 1e15)
        let days = (clamped / 86_400).rounded(.down)
        let secondOfDay = Int(clamped - days * 86_400)
        // 1970-01-01 was a Thursday (index 3 with Monday = 0).
        var weekday = (Int(days) + 3) % 7
        if weekday < 0 { weekday += 7 }
        self.dayOfWeek = Self.dayNames[weekday]
        self.hour = min(secondOfDay / 3600, 23)
        self.minute = (secondOfDay % 3600) / 60
    }

    /// `Mon` ... `Sun`, Monday first.
    public static let dayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// `taskrouter.currentTime`: HHMM as a number (930 for 09:30).
    public var currentTime: Int { hour * 100 + minute }

    /// `taskrouter.currentHour`: `HH`.
    public var currentHour: String { Self.twoDigits(hour) }

    /// `taskrouter.currentMin`: `MM`.
    public var currentMin: String { Self.twoDigits(minute) }

    private static func twoDigits(_ value: Int) -> String {
        value >= 0 && value < 10 ? "0\(value)" : "\(value)"
    }
}
