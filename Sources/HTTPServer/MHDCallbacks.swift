import CMicroHTTPD

#if canImport(Glibc)
    import Glibc
#endif

// The C callbacks handed to libmicrohttpd. They live here (not in any `main.swift`)
// so they are not MainActor-isolated; they run on libmicrohttpd's worker threads.

typealias UnescapeCallback =
    @convention(c) (UnsafeMutableRawPointer?, OpaquePointer?, UnsafeMutablePointer<CChar>?) -> Int
typealias CompletedCallback =
    @convention(c) (
        UnsafeMutableRawPointer?, OpaquePointer?, UnsafeMutablePointer<UnsafeMutableRawPointer?>?,
        MHD_RequestTerminationCode
    ) -> Void

/// Leaves URLs and query arguments as sent (libmicrohttpd has already turned `+` in the query into
/// spaces): the server percent-decodes them itself so it can reject invalid encodings.
func mhdKeepEscaped(_: UnsafeMutableRawPointer?, _: OpaquePointer?, _ string: UnsafeMutablePointer<CChar>?) -> Int {
    guard let string else { return 0 }
    return strlen(string)
}

/// Called once per request when it is finished (response sent, error, client gone or shutdown):
/// releases the context.
func mhdCompleted(
    _ cls: UnsafeMutableRawPointer?, _: OpaquePointer?, _ conCls: UnsafeMutablePointer<UnsafeMutableRawPointer?>?,
    _: MHD_RequestTerminationCode
) {
    guard let cls, let conCls, let raw = conCls.pointee else { return }
    conCls.pointee = nil
    let context = Unmanaged<RequestContext>.fromOpaque(raw)
    Unmanaged<ServerCore>.fromOpaque(cls).takeUnretainedValue().requestFinished(context.takeUnretainedValue())
    context.release()
}

/// The access handler: called after the headers, for each body chunk, and once the request is complete.
func mhdAccess(
    _ cls: UnsafeMutableRawPointer?, _ connection: OpaquePointer?, _ url: UnsafePointer<CChar>?,
    _ method: UnsafePointer<CChar>?, _: UnsafePointer<CChar>?, _ uploadData: UnsafePointer<CChar>?,
    _ uploadDataSize: UnsafeMutablePointer<Int>?, _ conCls: UnsafeMutablePointer<UnsafeMutableRawPointer?>?
) -> MHD_Result {
    guard let cls, let connection, let uploadDataSize, let conCls else { return .NO }
    let core = Unmanaged<ServerCore>.fromOpaque(cls).takeUnretainedValue()
    let context: RequestContext
    if let raw = conCls.pointee {
        context = Unmanaged<RequestContext>.fromOpaque(raw).takeUnretainedValue()
    } else {
        // First call for this request: the headers are complete.
        context = core.makeContext(connection: connection, url: url)
        conCls.pointee = Unmanaged.passRetained(context).toOpaque()
        return core.headersComplete(connection: connection, context: context, method: method)
    }
    return core.handle(
        connection: connection, context: context, method: method, uploadData: uploadData,
        uploadDataSize: uploadDataSize)
}

/// Collects request headers into the `RequestContext` passed as `cls`.
func mhdCollectHeader(
    _ cls: UnsafeMutableRawPointer?, _: MHD_ValueKind, _ key: UnsafePointer<CChar>?, _ keySize: Int,
    _ value: UnsafePointer<CChar>?, _ valueSize: Int
) -> MHD_Result {
    guard let cls, let key else { return .YES }
    let context = Unmanaged<RequestContext>.fromOpaque(cls).takeUnretainedValue()
    context.headers.append((string(key, keySize), value.map { string($0, valueSize) } ?? ""))
    return .YES
}

/// Collects and percent-decodes query arguments into the `RequestContext` passed as `cls`.
func mhdCollectArgument(
    _ cls: UnsafeMutableRawPointer?, _: MHD_ValueKind, _ key: UnsafePointer<CChar>?, _ keySize: Int,
    _ value: UnsafePointer<CChar>?, _ valueSize: Int
) -> MHD_Result {
    guard let cls, let key else { return .YES }
    if keySize == 0, value == nil { return .YES }  // an empty item (`a=1&&b=2`)
    let context = Unmanaged<RequestContext>.fromOpaque(cls).takeUnretainedValue()
    do {
        let name = try key.withMemoryRebound(to: UInt8.self, capacity: keySize) {
            try RequestTarget.decode(UnsafeBufferPointer(start: $0, count: keySize), plusIsSpace: true, inQuery: true)
        }
        var decoded = ""
        if let value {
            decoded = try value.withMemoryRebound(to: UInt8.self, capacity: valueSize) {
                try RequestTarget.decode(
                    UnsafeBufferPointer(start: $0, count: valueSize), plusIsSpace: true, inQuery: true)
            }
        }
        context.query.append((name, decoded))
        return .YES
    } catch {
        if context.targetFailure == nil { context.targetFailure = error as? RequestTarget.Failure }
        return .NO  // stop iterating
    }
}

/// A Swift string from `size` bytes (invalid UTF-8 is repaired).
private func string(_ pointer: UnsafePointer<CChar>, _ size: Int) -> String {
    pointer.withMemoryRebound(to: UInt8.self, capacity: size) {
        String(decoding: UnsafeBufferPointer(start: $0, count: size), as: UTF8.self)
    }
}
