/// Why a raw test HTTP client got no usable response.
public enum HTTPTestFailure: Error {
    /// `connect` failed with this `errno`.
    case connect(Int32)
    /// The connection ended (or a read failed) before a whole response arrived.
    case closed
    /// The response was not HTTP/1.1 as expected; the text says what was read.
    case malformed(String)
}
