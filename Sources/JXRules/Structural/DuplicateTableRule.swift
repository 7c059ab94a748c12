import Foundation
import JXModel

/// duplicate-table: a table whose rows are the same as, or nearly the same as, the rows of another project's
/// table, in the same document or in another document of the run.
///
/// A table is the set of its (二级, 三级, 指标值) triples. Tables with the same set form a class (one hash
/// lookup each). Classes whose sets share at least `minShare` of the larger set are neighbours; candidates
/// come from MinHash banding (LSH), so no two classes are compared unless they collide in a band. Work is
/// linear in tables plus the candidate pairs; the benchmark's 200 copies of each table are one class.
///
/// A table repeated with the same project name (the unit-level section repeating the department's tables,
/// the same document checked twice) is the same project, not a copy. Each table gets at most one finding,
/// naming up to three tables it copies.
struct DuplicateTableRule: CorpusRule {
    static let minRows = 5
    static let minShare = 0.8

    func makeAccumulator(runtime: RuleRuntime) -> any CorpusAccumulator {
        Accumulator(minRows: Int(runtime.threshold("duplicate-table", "minRows")),
                    minShare: runtime.threshold("duplicate-table", "minShare"))
    }

    /// What is kept of each table: enough to name it and to compare it.
    struct Entry {
        var path: String
        var budgetYear: Int?
        var index: Int
        var title: CellText
        var project: String
        var line: Int
        var projectKey: String
        var section: String
        var classID: Int
        /// The document's number (see `Accumulator.documentNumbers`).
        var document: Int
    }

    struct ContentClass {
        var triples: [UInt64]
        var members: [Int] = []
        /// How many members each project key has (to count "other projects" without pairwise work).
        var perProject: [String: Int] = [:]
        /// Members by document (its number; a document holds few tables of one class).
        var byDocument: [Int: [Int]] = [:]
        /// The first member of each project, in order of arrival (naming copies without walking members).
        var firstOfProject: [(key: String, member: Int)] = []
        var neighbours: [(id: Int, share: Double)] = []
    }

    final class Accumulator: CorpusAccumulator {
        let minRows: Int
        let minShare: Double
        var entries: [Entry] = []
        var classes: [ContentClass] = []
        var classByHash: [UInt64: [Int]] = [:]
        /// A number per document path, looked up once per document: hashing a path (non-ASCII, so
        /// normalised) for every table was a visible share of `add`. A path added twice keeps its number.
        var documentNumbers: [String: Int] = [:]

        init(minRows: Int, minShare: Double) {
            self.minRows = minRows
            self.minShare = minShare
        }

        func add(_ document: Document) {
            let number = documentNumbers[document.path] ?? documentNumbers.count
            documentNumbers[document.path] = number
            for table in document.tables where table.kind == .project {
                let triples = Array(Set(table.rows.map { row in
                    DuplicateTableRule.tripleHash(Levels.core(row.level2.text), Condition.loose(row.name.text),
                                                  Condition.loose(row.value.text))
                })).sorted()
                guard triples.count >= minRows else { continue }
                let h = triples.reduce(UInt64(0x84222325)) { StableHash.mix($0, $1) }
                var cid = classByHash[h]?.first { classes[$0].triples == triples }
                if cid == nil {
                    cid = classes.count
                    classes.append(ContentClass(triples: triples))
                    classByHash[h, default: []].append(classes.count - 1)
                }
                guard let id = cid else { continue }
                let key = DuplicateTableRule.projectKey(table.project.isEmpty ? table.title.text : table.project)
                classes[id].members.append(entries.count)
                // One lookup of the key: a key new to the class is the one that makes its count grow.
                let projects = classes[id].perProject.count
                classes[id].perProject[key, default: 0] += 1
                if classes[id].perProject.count > projects { classes[id].firstOfProject.append((key, entries.count)) }
                classes[id].byDocument[number, default: []].append(entries.count)
                entries.append(Entry(path: document.path, budgetYear: document.budgetYear, index: table.index,
                                     title: table.title, project: table.project, line: table.line,
                                     projectKey: key, section: table.section, classID: id, document: number))
            }
        }

        func finish(emit: FindingFactory) -> [Finding] {
            linkNeighbours()
            let clusters = Clusters(classes)
            var findings: [Finding] = []
            for entry in entries {
                let own = classes[entry.classID]
                let related = [entry.classID] + own.neighbours.map(\.id)
                // The unit-level section repeats the department's tables, sometimes with a word of the
                // project name changed ("事业部门" → "事业单位"): a table of the same document, in another
                // section, with a near-identical project name is the same project. A document holds few
                // tables of one class; a template filled hundreds of times is looked at no further than
                // `exemptScan` tables (an exact name is exempt whatever the scan).
                var exempt: Set<String> = [entry.projectKey]
                for cid in related {
                    for m in (classes[cid].byDocument[entry.document] ?? []).prefix(Self.exemptScan) {
                        let e = entries[m]
                        if e.section != entry.section, DuplicateTableRule.similar(e.projectKey, entry.projectKey) {
                            exempt.insert(e.projectKey)
                        }
                    }
                }
                // Other projects in the table's group, counted without materialising the group's names.
                let cluster = clusters.cluster(of: entry.classID)
                let count = clusters.projectCount(cluster) - exempt.filter { clusters.holds(cluster, $0) }.count
                guard count > 0 else { continue }
                // Name up to three other projects, one table each: the table's own class first (exact copies),
                // then its group in order of arrival.
                var named: [Entry] = []
                var namedKeys: Set<String> = []
                func take(_ candidates: [(key: String, member: Int)]) {
                    for (key, m) in candidates {
                        if named.count == 3 { return }
                        if !exempt.contains(key), namedKeys.insert(key).inserted { named.append(entries[m]) }
                    }
                }
                take(own.firstOfProject.prefix(3 + exempt.count).map { $0 })
                if named.count < 3 { take(clusters.firstOfProject(cluster, upTo: 6 + exempt.count)) }
                let exact = own.perProject.count > exempt.filter { own.perProject[$0] != nil }.count
                let share = exact ? 1.0 : own.neighbours.filter { n in
                    let other = classes[n.id].perProject
                    return other.count > exempt.filter { other[$0] != nil }.count
                }.map(\.share).max() ?? minShare
                let names = named.map { e -> String in
                    let place = e.path == entry.path ? "第\(e.line)行" : "\(e.path):\(e.line)"
                    return "《\(FindingFactory.quote(e.title.raw))》(\(place))"
                }.joined(separator: "、")
                let namesEN = named.map { e -> String in
                    let place = e.path == entry.path ? "line \(e.line)" : "\(e.path):\(e.line)"
                    return "\"\(FindingFactory.quote(e.title.raw))\" (\(place))"
                }.joined(separator: ", ")
                let doc = Document(path: entry.path, department: nil, budgetYear: entry.budgetYear, tables: [],
                                   lineCount: 0, byteCount: 0)
                let table = GoalTable(kind: .project, layout: .cellPerLine, index: entry.index, printedNumber: nil,
                                      title: entry.title, project: entry.project, goal: .empty, line: entry.line,
                                      section: entry.section, rows: [])
                findings.append(emit.make(
                    variant: exact ? nil : "near", document: doc, table: table, row: nil, evidence: entry.title.raw,
                    values: ["copies": names, "copiesEN": namesEN, "count": String(count),
                             "more": count > 3 ? "等\(count)个项目的表" : "",
                             "moreEN": count > 3 ? " and others (\(count) projects)" : "",
                             "share": String(Int((share * 100).rounded()))]))
            }
            return findings
        }

        /// How many same-document tables of a class are compared by name for the unit-level exemption.
        static let exemptScan = 64
        /// Classes in one MinHash bucket compared with each other: beyond this, each class is compared with
        /// the bucket's first ones only. A bucket that large is one template filled many times, and linking
        /// every class to its first members already puts them in one group — without n² comparisons.
        static let bucketScan = 32

        /// MinHash (36 functions, 12 bands of 3) over each class's triples; classes sharing a band are
        /// compared exactly (within `bucketScan`).
        private func linkNeighbours() {
            let bands = 12, rowsPerBand = 3
            var buckets: [UInt64: [Int]] = [:]
            for (id, cls) in classes.enumerated() {
                var sig = [UInt64](repeating: .max, count: bands * rowsPerBand)
                for t in cls.triples {
                    for i in sig.indices {
                        let v = StableHash.mix(t, UInt64(i + 1))
                        if v < sig[i] { sig[i] = v }
                    }
                }
                for b in 0..<bands {
                    var key = UInt64(b) &* 0x9E37_79B9_7F4A_7C15
                    for r in 0..<rowsPerBand { key = StableHash.mix(key ^ sig[b * rowsPerBand + r], UInt64(r)) }
                    buckets[key, default: []].append(id)
                }
            }
            var compared: Set<UInt64> = []
            for key in buckets.keys.sorted() {
                guard let ids = buckets[key], ids.count > 1 else { continue }
                for j in 1..<ids.count {
                    for i in 0..<min(j, Self.bucketScan) {
                        let a = ids[i], b = ids[j]
                        let pair = UInt64(min(a, b)) << 32 | UInt64(max(a, b))
                        guard compared.insert(pair).inserted else { continue }
                        let share = Self.share(classes[a].triples, classes[b].triples)
                        if share >= minShare {
                            classes[a].neighbours.append((b, share))
                            classes[b].neighbours.append((a, share))
                        }
                    }
                }
            }
            for i in classes.indices { classes[i].neighbours.sort { $0.id < $1.id } }
        }

        /// Groups of classes linked by near-copy neighbours (union-find), with the project names of each group
        /// counted once, so that a table's "other projects" are a count and a short list, not a set per table.
        struct Clusters {
            private var parent: [Int]
            private var keys: [Int: [String: Int]] = [:]
            private var first: [Int: [(key: String, member: Int)]] = [:]

            init(_ classes: [ContentClass]) {
                parent = Array(classes.indices)
                for (a, cls) in classes.enumerated() {
                    for n in cls.neighbours where n.id > a { union(a, n.id) }
                }
                for (id, cls) in classes.enumerated() {
                    let root = find(id)
                    // Mutated in place (a copy taken out and stored back would copy the whole group each time).
                    for (key, member) in cls.firstOfProject where keys[root, default: [:]][key] == nil {
                        keys[root, default: [:]][key] = member
                        first[root, default: []].append((key, member))
                    }
                }
                // In order of arrival, whatever order the classes were merged in.
                for root in first.keys { first[root]?.sort { $0.member < $1.member } }
            }

            private mutating func find(_ x: Int) -> Int {
                var x = x
                while parent[x] != x {
                    parent[x] = parent[parent[x]]
                    x = parent[x]
                }
                return x
            }

            private mutating func union(_ a: Int, _ b: Int) {
                let ra = find(a), rb = find(b)
                if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
            }

            /// The group of a class (its root; roots are never re-linked after `init`).
            func cluster(of id: Int) -> Int {
                var x = id
                while parent[x] != x { x = parent[x] }
                return x
            }

            func projectCount(_ cluster: Int) -> Int { keys[cluster]?.count ?? 0 }
            func holds(_ cluster: Int, _ key: String) -> Bool { keys[cluster]?[key] != nil }
            func firstOfProject(_ cluster: Int, upTo limit: Int) -> [(key: String, member: Int)] {
                Array((first[cluster] ?? []).prefix(limit))
            }
        }

        /// Shared triples over the larger set's size (both sorted, unique).
        static func share(_ a: [UInt64], _ b: [UInt64]) -> Double {
            var i = 0, j = 0, common = 0
            while i < a.count, j < b.count {
                if a[i] == b[j] { common += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
            }
            return Double(common) / Double(max(a.count, b.count, 1))
        }
    }

    /// Whether two project names differ by little (bigram Dice ≥ 0.75): "事业部门工资系统…" and
    /// "事业单位工资系统…".
    static func similar(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        guard PlainText.isPlain(a), PlainText.isPlain(b) else { return characterSimilar(a, b) }
        return plainSimilar(a, b)
    }

    /// `similar` of two plain texts (see `PlainText`), a != b. Plain text has one scalar per character and
    /// equal characters are equal scalars, so a bigram is a pair of scalars, packed into an integer; the
    /// bigram multisets are sorted arrays whose common count is one merge. (Bigrams as two-character strings
    /// in a dictionary cost tens of thousands of instructions per pair of names, most of `finish`.)
    static func plainSimilar(_ a: String, _ b: String) -> Bool {
        func bigrams(_ s: String) -> [UInt64] {
            var out: [UInt64] = []
            var previous: UInt32? = nil
            for s in s.unicodeScalars {
                if let p = previous { out.append(UInt64(p) << 32 | UInt64(s.value)) }
                previous = s.value
            }
            return out.sorted()
        }
        // A name of fewer than two characters is its own single "bigram" in `characterSimilar`: it equals
        // no bigram of another name (a != b), so it shares nothing.
        let x = bigrams(a), y = bigrams(b)
        let total = max(x.count, a.isEmpty ? 0 : 1) + max(y.count, b.isEmpty ? 0 : 1)
        guard total > 0 else { return false }
        var i = 0, j = 0, common = 0
        while i < x.count, j < y.count {
            if x[i] == y[j] { common += 1; i += 1; j += 1 } else if x[i] < y[j] { i += 1 } else { j += 1 }
        }
        return Double(2 * common) / Double(total) >= 0.75
    }

    /// `similar` of any texts, character by character.
    static func characterSimilar(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        func bigrams(_ s: String) -> [String: Int] {
            let c = Array(s)
            if c.count < 2 { return c.isEmpty ? [:] : [s: 1] }
            var out: [String: Int] = [:]
            for i in 0..<(c.count - 1) { out[String(c[i...(i + 1)]), default: 0] += 1 }
            return out
        }
        let x = bigrams(a), y = bigrams(b)
        let total = x.values.reduce(0, +) + y.values.reduce(0, +)
        guard total > 0 else { return false }
        let common = x.reduce(0) { $0 + min($1.value, y[$1.key] ?? 0) }
        return Double(2 * common) / Double(total) >= 0.75
    }

    /// `StableHash.fnv` of the three parts joined by U+001F, fed part by part: the same bytes in the same
    /// order, so the same hash, without building the joined string for every row.
    static func tripleHash(_ a: String, _ b: String, _ c: String) -> UInt64 {
        var h = StableHash.fnv(a)
        h = StableHash.fnvContinue(h, 0x1F)
        h = StableHash.fnvContinue(h, b)
        h = StableHash.fnvContinue(h, 0x1F)
        return StableHash.fnvContinue(h, c)
    }

    /// The characters a project key leaves out.
    private static let keyDropped = " \u{3000}“”\"'‘’《》「」()（）"
    /// Whether a scalar is one of `keyDropped` (each of them is one plain scalar), for the plain-text path.
    private static func isKeyDropped(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20, 0x22, 0x27, 0x28, 0x29, 0x2018, 0x2019, 0x201C, 0x201D, 0x3000, 0x300A...0x300D, 0xFF08, 0xFF09:
            return true
        default:
            return false
        }
    }

    /// A project name compared across tables: no spaces, quotes or brackets.
    ///
    /// Plain text (see `PlainText`) has one scalar per character and the dropped characters are plain
    /// scalars, so filtering scalars gives the character filter's answer without grapheme breaking and
    /// character comparison (which was most of `add`); a name with nothing to drop is returned as is.
    static func projectKey(_ name: String) -> String {
        guard PlainText.isPlain(name) else { return characterProjectKey(name) }
        let scalars = name.unicodeScalars
        guard scalars.contains(where: isKeyDropped) else { return name }
        var out = String.UnicodeScalarView()
        for s in scalars where !isKeyDropped(s) { out.append(s) }
        return String(out)
    }

    /// `projectKey` of any text, character by character.
    static func characterProjectKey(_ name: String) -> String {
        String(name.filter { !keyDropped.contains($0) })
    }
}
