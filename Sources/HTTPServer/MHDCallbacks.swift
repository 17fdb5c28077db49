import CMicroHTTPD

// The C callbacks handed to libmicrohttpd. They live here (not in any `main.swift`)
// so they are not MainActor-isolated; they run on libmicrohttpd's worker threads.

typealias URILogCallback =
    @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?, OpaquePointer?) -> UnsafeMutableRawPointer?
typealias CompletedCallback =
    @convention(c) (
        UnsafeMutableRawPointer?, OpaquePointer?, UnsafeMutablePointer<UnsafeMutableRawPointer?>?,
        MHD_RequestTerminationCode
    ) -> Void

/// Called once per request when the request line has arrived: creates the request context.
func mhdURILog(_ cls: UnsafeMutableRawPointer?, _ uri: UnsafePointer<CChar>?, _: OpaquePointer?)
    -> UnsafeMutableRawPointer?
{
    guard let cls else { return nil }
    let core = Unmanaged<ServerCore>.fromOpaque(cls).takeUnretainedValue()
    let context = core.makeContext(uri: uri)
    return Unmanaged.passRetained(context).toOpaque()
}

/// Called once per request when it is finished (response sent, error or shutdown): releases the context.
func mhdCompleted(
    _ cls: UnsafeMutableRawPointer?, _: OpaquePointer?, _ conCls: UnsafeMutablePointer<UnsafeMutableRawPointer?>?,
    _: MHD_RequestTerminationCode
) {
    guard let cls, let conCls, let raw = conCls.pointee else { return }
    conCls.pointee = nil
    Unmanaged<RequestContext>.fromOpaque(raw).release()
    Unmanaged<ServerCore>.fromOpaque(cls).takeUnretainedValue().requestFinished()
}

/// The access handler: called after the headers, for each body chunk, and once the request is complete.
func mhdAccess(
    _ cls: UnsafeMutableRawPointer?, _ connection: OpaquePointer?, _: UnsafePointer<CChar>?,
    _ method: UnsafePointer<CChar>?, _: UnsafePointer<CChar>?, _ uploadData: UnsafePointer<CChar>?,
    _ uploadDataSize: UnsafeMutablePointer<Int>?, _ conCls: UnsafeMutablePointer<UnsafeMutableRawPointer?>?
) -> MHD_Result {
    guard let cls, let connection, let uploadDataSize, let conCls else { return .NO }
    let core = Unmanaged<ServerCore>.fromOpaque(cls).takeUnretainedValue()
    let context: RequestContext
    if let raw = conCls.pointee {
        context = Unmanaged<RequestContext>.fromOpaque(raw).takeUnretainedValue()
    } else {
        // The URI log callback always runs first; this is only a safety net.
        context = core.makeContext(uri: nil)
        conCls.pointee = Unmanaged.passRetained(context).toOpaque()
    }
    return core.handle(
        connection: connection, context: context, method: method, uploadData: uploadData,
        uploadDataSize: uploadDataSize)
}

/// Collects request headers into the `RequestContext` passed as `cls`.
func mhdCollectHeader(
    _ cls: UnsafeMutableRawPointer?, _: MHD_ValueKind, _ key: UnsafePointer<CChar>?, _ value: UnsafePointer<CChar>?
) -> MHD_Result {
    guard let cls, let key else { return .YES }
    let context = Unmanaged<RequestContext>.fromOpaque(cls).takeUnretainedValue()
    context.headers.append((String(cString: key), value.map { String(cString: $0) } ?? ""))
    return .YES
}
