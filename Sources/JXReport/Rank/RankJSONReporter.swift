import JXModel

/// `jxlint rank` as JSON.
///
/// ```
/// { "tool": {"name", "version"},
///   "departments": [ { "rank": Int|null, "department": String|null, "year": Int|null, "paths": [String],
///       "tables": Int, "rows": Int, "findings": {"error", "warning", "info"},
///       "topRules": [ {"rule": String, "count": Int} ], "score": Number|null, "grade": String|null } ] }
/// ```
public struct RankJSONReporter: ReportWriter {
    public init() {}

    public func write<Sink: ReportSink>(_ report: RunReport, to sink: inout Sink) {
        sink.write("{\"tool\":")
        JSONReporter.writeTool(report.tool, to: &sink)
        sink.write(",\"departments\":[")
        for (position, line) in DepartmentRanking.build(report).enumerated() {
            sink.write(position == 0 ? "\n{" : ",\n{")
            sink.write("\"rank\":"); JSONText.writeInt(line.rank, to: &sink)
            sink.write(",\"department\":"); JSONText.writeString(line.department, to: &sink)
            sink.write(",\"year\":"); JSONText.writeInt(line.year, to: &sink)
            sink.write(",\"paths\":[")
            for (index, path) in line.paths.enumerated() {
                if index > 0 { sink.write(",") }
                JSONText.writeString(path, to: &sink)
            }
            sink.write("],\"tables\":\(line.tables),\"rows\":\(line.rows)")
            sink.write(",\"findings\":{\"error\":\(line.errors),\"warning\":\(line.warnings),\"info\":\(line.infos)}")
            sink.write(",\"topRules\":[")
            for (index, rule) in line.topRules.enumerated() {
                if index > 0 { sink.write(",") }
                sink.write("{\"rule\":")
                JSONText.writeString(rule.rule, to: &sink)
                sink.write(",\"count\":\(rule.count)}")
            }
            sink.write("],")
            sink.write("\"score\":"); JSONText.writeNumber(line.score, to: &sink)
            sink.write(",\"grade\":"); JSONText.writeString(line.grade?.rawValue, to: &sink)
            sink.write("}")
        }
        sink.write("\n]}\n")
    }
}
