/// `twpc companies set-taskrouter`: configures where a company's configs are synced.
/// Provided by the sync work; until then this answers "not available yet".
extension CompaniesCommand {
    static func setTaskRouter(_ arguments: [String]) -> Int32 {
        printError("twpc companies set-taskrouter: not available yet in this build")
        return 2
    }
}
