extension JSONWriter {
    /// Writes a JSON value, object members in their stored order.
    ///
    /// Decimal members whose key ends in `_timer` are written with two decimals, because that
    /// is how iproute2 prints the bridge and bridge-port timers it passes through (`"%i.%.2i"`:
    /// `"hold_timer":0.00`, `"gc_timer":297.99`); other decimals use the shortest form.
    public mutating func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let flag): bool(flag)
        case .int(let number): int(number)
        case .uint(let number): uint(number)
        case .double(let number): double(number)
        case .string(let text): string(text)
        case .array(let elements):
            beginArray()
            for element in elements { self.value(element) }
            endArray()
        case .object(let object):
            beginObject()
            members(of: object)
            endObject()
        }
    }

    /// Writes the members of `object` into the object being written (no braces).
    public mutating func members(of object: JSONObject) {
        for (name, member) in object {
            key(dynamic: name)
            if case .double(let number) = member, name.hasSuffix("_timer") {
                fixedPoint(number, decimals: 2)
            } else {
                value(member)
            }
        }
    }

    /// Writes caller-supplied members (podroute's own keys) into the object being written.
    public mutating func members(_ extra: [(String, JSONValue)]) {
        for (name, member) in extra {
            key(dynamic: name)
            value(member)
        }
    }
}
