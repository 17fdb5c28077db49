#if canImport(Glibc)
    import Glibc
#endif

/// A blocking TCP connection to a port on 127.0.0.1 with a receive timeout, for test clients that
/// speak HTTP byte by byte. The socket is closed when the connection is released.
public final class LoopbackConnection {
    private let fd: Int32

    /// Connects to `port`; reads give up after `receiveTimeout` seconds. `.connect(errno)` on failure.
    public init(port: Int, receiveTimeout: Int) throws(HTTPTestFailure) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var timeout = timeval(tv_sec: receiveTimeout, tv_usec: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let code = errno
            close(fd)
            throw .connect(code)
        }
        self.fd = fd
    }

    deinit { close(fd) }

    /// Sends `bytes` until all are sent or the peer takes no more; returns how many were sent.
    public func send(_ bytes: [UInt8]) -> Int {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { break }
            offset += n
        }
        return offset
    }

    /// Reads once (up to 64 KiB) and appends what arrived to `buffer`. Returns what `recv` returned:
    /// the byte count, 0 at the end of the stream, or -1 on an error or a timeout.
    public func receive(appendingTo buffer: inout [UInt8]) -> Int {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n > 0 { buffer.append(contentsOf: chunk[0..<n]) }
        return n
    }

    /// Shuts down both directions of the connection (the socket itself is closed on release).
    public func hangUp() { _ = shutdown(fd, Int32(SHUT_RDWR)) }
}
