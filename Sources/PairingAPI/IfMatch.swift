/// `If-Match` evaluation against a config version (the ETag is `"<version>"`).
public enum IfMatch {
    /// True when the header is `*` or lists the version's entity tag (weak tags compare by value).
    public static func matches(_ header: String, version: Int64) -> Bool {
        for raw in header.split(separator: ",") {
            var tag = String(raw).trimming(" \t")
            if tag == "*" { return true }
            if tag.hasPrefix("W/") { tag = String(tag.dropFirst(2)) }
            if tag.hasPrefix("\""), tag.hasSuffix("\""), tag.count >= 2 { tag = String(tag.dropFirst().dropLast()) }
            if let number = Int64(tag), number == version { return true }
        }
        return false
    }
}
