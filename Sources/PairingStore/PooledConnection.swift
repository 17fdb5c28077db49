/// A database connection a `ConnectionPool` can hand out.
protocol PooledConnection: AnyObject, Sendable {
    /// False once the connection is broken (the server went away): the pool then discards it.
    var isUsable: Bool { get }
    /// True when the connection broke on the first command since it was checked out, so nothing
    /// ran on it and the request can safely be retried on a fresh connection.
    var failedOnFirstCommand: Bool { get }
    /// Called when the pool hands the connection out.
    func checkedOut()
}
