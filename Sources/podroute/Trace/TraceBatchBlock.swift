import PodRouteCore

/// Up to `size` input lines of a batch: parsed, then looked up, then printed, each a block at a
/// time. Timing whole blocks splits lookups from output without reading the clock per line, and
/// reading a whole block's index entries, then its routes' records, before the lookups and the
/// printing proper keeps many cache misses in flight at once (`RouteLookup.warm(_:)`,
/// `RouteLookup.answers(ipv4:into:)`).
struct TraceBatchBlock {
    /// One input line: an address to look up, or why it is none.
    private enum Question {
        case address(IPAddress)
        case bad(text: String, error: String)

        var destination: IPAddress? {
            if case .address(let destination) = self { return destination }
            return nil
        }
    }

    static let size = 256

    let lookup: RouteLookup
    private var routeWriter: IPRouteShapeCache
    let packet: TracePacket
    private let routes: RouteStore
    private var query: RouteQuery
    /// Plain IPv4 queries under plain rules: answered a block at a time.
    private let bulk: Bool
    private var questions: [Question] = []
    private var answers: [LookupAnswer?] = []
    private(set) var lines = 0
    private(set) var lookupTime = Duration.zero
    var outputTime = Duration.zero

    init(lookup: RouteLookup, encoder: IPRouteJSON, packet: TracePacket) {
        self.lookup = lookup
        routeWriter = IPRouteShapeCache(encoder: encoder)
        self.packet = packet
        routes = lookup.snapshot.routes
        bulk = lookup.answersIPv4InBulk && packet.source == nil && packet.inputInterface == nil && packet.mark == 0
        query = packet.query(to: .any(.inet))
        questions.reserveCapacity(Self.size)
        answers.reserveCapacity(Self.size)
    }

    /// Parses one line into the block; true when the block is full.
    mutating func add(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        questions.append(question(line))
        return questions.count == Self.size
    }

    /// Looks up and prints every line of the block, then empties it.
    mutating func answer(writing writer: inout JSONWriter) {
        let lookupStarted = ContinuousClock.now
        if bulk {
            answerInBulk()
        } else {
            lookup.warm(questions.compactMap(\.destination))
            for question in questions { answers.append(answer(question)) }
        }
        let outputStarted = ContinuousClock.now
        routes.warm(answers.compactMap(\.?.routeIndex))
        for (question, answer) in zip(questions, answers) { write(question, answer, to: &writer) }
        writer.drain(to: OutputBuffer.standardOutputSink)
        lookupTime += outputStarted - lookupStarted
        outputTime += ContinuousClock.now - outputStarted
        lines += questions.count
        questions.removeAll(keepingCapacity: true)
        answers.removeAll(keepingCapacity: true)
    }

    /// IPv4 lines through `RouteLookup.answers(ipv4:into:)`, the others one by one.
    private mutating func answerInBulk() {
        var words: [UInt32] = []
        words.reserveCapacity(questions.count)
        for case .address(.v4(let address)) in questions { words.append(address.value) }
        var routeIndexes = [Int32](repeating: -1, count: words.count)
        words.withUnsafeBufferPointer { words in
            routeIndexes.withUnsafeMutableBufferPointer { lookup.answers(ipv4: words, into: $0) }
        }
        var next = 0
        for question in questions {
            guard case .address(.v4) = question else {
                answers.append(answer(question))
                continue
            }
            let route = routeIndexes[next]
            next += 1
            answers.append(LookupAnswer(outcome: route >= 0 ? .route(index: Int(route)) : .noRoute, rulePosition: nil))
        }
    }

    private mutating func answer(_ question: Question) -> LookupAnswer? {
        guard case .address(let destination) = question else { return nil }
        query.destination = destination
        return lookup.answer(query)
    }

    /// A line of the other family than --src is answered with an error too.
    private func question(_ line: UnsafeBufferPointer<UInt8>) -> Question {
        guard let destination = BatchAddress.parse(line) else {
            let text = String(decoding: BatchAddress.trimmed(line), as: UTF8.self)
            return .bad(text: text, error: text.isEmpty ? "an empty line" : "'\(text)' is not an IPv4 or IPv6 address")
        }
        if let source = packet.source, source.family != destination.family {
            return .bad(text: destination.description, error: "--src \(source) is of the other address family")
        }
        return .address(destination)
    }

    private mutating func write(_ question: Question, _ answer: LookupAnswer?, to writer: inout JSONWriter) {
        writer.beginObject()
        switch question {
        case .bad(let text, let error):
            writer.member("destination", text)
            writer.nullMember("route")
            writer.member("error", error)
        case .address(let destination):
            writer.key("destination")
            writer.address(destination)
            writer.key("route")
            switch answer?.outcome {
            case .route(let index):
                routeWriter.write(routes, at: index, to: &writer)
            case .ruleAction(let action):
                writer.null()
                writer.member("refused", action.name)
                if let position = answer?.rulePosition {
                    writer.member("rule", lookup.rules(destination.family)[position].priority)
                }
            case .noRoute, nil:
                writer.null()
            }
        }
        writer.endObject()
        writer.newline()
    }
}
