extension FieldIssue {
    /// The issue as one sentence naming its field once: `name must be a string, not null`,
    /// `taskMatch.taskTypes[0] 'foo' is not a known task type`, `colour is not a known field`, `taskMatch: the default config …`.
    ///
    /// Messages are written without their field (the `errors[]` entry carries it separately); a message
    /// that continues the field as its subject (`must …`, `is …`, `holds …`, `'value' …`) follows it after a
    /// space, any other after a colon.
    public var sentence: String {
        if field.isEmpty { return message }
        if message.hasPrefix(field) { return message }
        let continuations = ["must ", "is ", "holds ", "'"]
        if continuations.contains(where: { message.hasPrefix($0) }) { return "\(field) \(message)" }
        return "\(field): \(message)"
    }
}
