/// Reads the pods of a node from what an operator has at hand: `kubectl get pods -A -o json`,
/// `kubectl get pods -A -o wide`, or plain `namespace/pod [ip...]` lines.
public enum PodListParser {
    public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
        public var line: Int
        public var text: String
        public var description: String {
            "line \(line) ('\(Sanitizer.printable(text))') is not a pod: expected 'namespace/pod [ip]', "
                + "'kubectl get pods -A -o wide' or 'kubectl get pods -A -o json' output"
        }
    }

    /// The pods listed; `node` keeps only the pods scheduled on that node when the input says.
    public static func parse(_ text: String, node: String? = nil) throws(Failure) -> [PodReference] {
        let trimmed = text.drop { $0.isWhitespace }
        if trimmed.first == "{" || trimmed.first == "[" {
            guard let value = try? JSONValue.parse(trimmed) else { throw Failure(line: 1, text: String(trimmed.prefix(40))) }
            return fromKubectlJSON(value, node: node)
        }
        var pods: [PodReference] = []
        var columns: [String]?
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = rawLine.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            guard let first = fields.first, !first.hasPrefix("#") else { continue }
            if first == "NAMESPACE" || first == "NAME" {
                columns = fields
                continue
            }
            if let columns {
                if let pod = fromTableRow(fields, columns: columns, node: node) { pods.append(pod) }
                continue
            }
            let parts = first.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw Failure(line: offset + 1, text: String(rawLine.prefix(60)))
            }
            let addresses = fields.dropFirst().compactMap { IPAddress($0) }
            pods.append(PodReference(namespace: String(parts[0]), name: String(parts[1]), addresses: addresses))
        }
        return pods
    }

    /// `kubectl get pods -A -o wide`: NAMESPACE NAME READY STATUS RESTARTS AGE IP NODE ...
    /// RESTARTS may read `2 (3h ago)`, so the node is found as the field after the IP.
    private static func fromTableRow(_ fields: [String], columns: [String], node: String?) -> PodReference? {
        guard let nameColumn = columns.firstIndex(of: "NAME"), nameColumn < fields.count else { return nil }
        let namespace = columns.first == "NAMESPACE" ? fields[0] : "default"
        let ipPosition = fields.indices.dropFirst(nameColumn + 1).first { IPAddress(fields[$0]) != nil }
        if let node, columns.contains("NODE") {
            guard let ipPosition, ipPosition + 1 < fields.count, fields[ipPosition + 1] == node else { return nil }
        }
        let addresses = ipPosition.flatMap { IPAddress(fields[$0]) }.map { [$0] } ?? []
        return PodReference(namespace: namespace, name: fields[nameColumn], addresses: addresses)
    }

    private static func fromKubectlJSON(_ value: JSONValue, node: String?) -> [PodReference] {
        let items = value["items"]?.arrayValue ?? value.arrayValue ?? [value]
        return items.compactMap { item in
            guard let metadata = item["metadata"], let name = metadata["name"]?.stringValue else { return nil }
            if let node, let scheduled = item["spec"]?["nodeName"]?.stringValue, scheduled != node { return nil }
            var addresses = (item["status"]?["podIPs"]?.arrayValue ?? []).compactMap { $0["ip"]?.stringValue.flatMap { IPAddress($0) } }
            if addresses.isEmpty, let single = item["status"]?["podIP"]?.stringValue.flatMap({ IPAddress($0) }) {
                addresses = [single]
            }
            return PodReference(namespace: metadata["namespace"]?.stringValue ?? "default", name: name, addresses: addresses)
        }
    }
}
