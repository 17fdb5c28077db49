// `SyncBench`: first sync and no-op sync of 1, 100 and 1000 configs against the in-process
// TaskRouter emulator with a fixed latency per request; prints a Markdown section.
// Usage: SyncBench [--latency-ms 20] [--sizes 1,100,1000] [--concurrency 4]
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? {
    guard let index = arguments.firstIndex(of: "--\(name)"), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}
let latency = Int(option("latency-ms") ?? "") ?? 20
let sizes = (option("sizes") ?? "1,100,1000").split(separator: ",").compactMap { Int($0) }
let concurrency = Int(option("concurrency") ?? "") ?? 4

do {
    let results = try SyncBenchmark.run(sizes: sizes, latencyMilliseconds: latency, concurrency: concurrency)
    print(SyncBenchmark.markdown(results, latency: latency, concurrency: concurrency))
} catch {
    FileHandle.standardError.write(Data("SyncBench: \(error)\n".utf8))
    exit(1)
}
