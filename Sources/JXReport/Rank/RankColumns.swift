import JXModel

/// The columns every `rank` format shares, so that they agree on names and order.
enum RankColumns {
    static func header(_ l: Localizer) -> [String] {
        [l("排名", "rank"), l("部门", "department"), l("年度", "year"), l("表数", "tables"), l("指标行", "rows"),
         l("错误", "errors"), l("警告", "warnings"), l("提示", "info"), l("主要问题", "top rules"),
         l("得分", "score"), l("等级", "grade")]
    }

    static func cells(_ line: DepartmentRank, _ l: Localizer) -> [String] {
        [line.rank.map(String.init) ?? "—", line.label(l.language), l.year(line.year), String(line.tables),
         String(line.rows), String(line.errors), String(line.warnings), String(line.infos),
         topRules(line), l.score(line.score), l.grade(line.grade)]
    }

    /// "value-missing×12, basis-invalid×7".
    static func topRules(_ line: DepartmentRank) -> String {
        line.topRules.map { "\($0.rule)×\($0.count)" }.joined(separator: ", ")
    }
}
