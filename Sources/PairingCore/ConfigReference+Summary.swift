extension ConfigReference {
    /// True when `summary` is the summary of the config this reference names.
    public func names(_ summary: ConfigSummary) -> Bool {
        switch self {
        case .publicID(let id): return summary.id == id
        case .externalID(let external): return summary.externalID == external
        case .numericID(let number): return summary.numericID == number
        case .unmatchable: return false
        }
    }
}
