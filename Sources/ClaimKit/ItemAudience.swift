/// Whom a catalog item is meant for, as the plan's text says it: the rule behind
/// `ClaimWarning.itemNotForSchool` (docs/formats.md, "Warnings").
///
/// **The rule is data.** For the two bundled catalogs an explicit table keyed by item code says which items
/// are meant for whom (`bundled`); every item not in a table is open to every school. A catalog without a
/// table (a province's own list) falls back to `fromText`, which reads only the unambiguous words
/// (技工/技师, 普通本科, 中职 without 高职, 高职 without 中职).
///
/// Why a table and not only the text rule: the words mislead as often as they help. National 28 names
/// 高职学校 but is a provincial examination system (政府部门); Shandong 4 names 技工学校 but asks cities to merge
/// them with other 中职 schools (政府部门); national 7.2 (遴选3000个左右优质专业) says neither 中职 nor 高职 and
/// belongs to task 7 (优质中职学校); items meant for governments (55.1 省域试点) carry no school word at all.
/// A reviewed table, listed in formats.md item by item, can be read and argued with; the text rule is a
/// fallback for catalogs nobody has read yet. A table applies when the campaign's catalog has the bundled
/// id (`national-2020`, `shandong-2020`).
///
/// `SchoolType` has no 技工院校 and no 普通本科: 技工学校 and 技师学院 belong to the human-resources system
/// and register on the platform as whatever type their province gives them. So `technical` is decided by
/// the school's *name* (it contains 技工 or 技师, as every 技工学校, 高级技工学校 and 技师学院 does), whatever its
/// type; and `undergraduate` (普通本科高校) fits 本科高职院校 — the only 本科-level type — and 其他主体, where a
/// 普通本科高校 taking part would be registered. `government` fits only 其他主体, the one type a
/// non-school body (a city's bureau, an enterprise) can have.
public enum ItemAudience: String, CaseIterable, Hashable, Sendable {
    /// 中职学校 only (优质中职学校, 中职学校教学条件…).
    case secondary
    /// 高职: 专科高职院校 and 本科高职院校 (高水平高职学校, 高职专业认证, 本科层次职业教育试点…).
    case higherVocational
    /// 普通本科高校 (national 13): 本科高职院校 and 其他主体.
    case undergraduate
    /// 技工院校 (技工学校, 技师学院): a school whose name contains 技工 or 技师, of any type.
    case technical
    /// 政府部门 (provincial and city governments, ministries): 其他主体 only.
    case government

    /// How the warning names the audience.
    public var label: String {
        switch self {
        case .secondary: "中职学校"
        case .higherVocational: "高职学校"
        case .undergraduate: "普通本科高校"
        case .technical: "技工院校"
        case .government: "政府部门"
        }
    }

    /// True when `school` is the kind of body the item is meant for.
    public func fits(_ school: School) -> Bool {
        switch self {
        case .secondary: school.type == .secondary
        case .higherVocational: school.type == .higher || school.type == .undergraduate
        case .undergraduate: school.type == .undergraduate || school.type == .other
        case .technical: ItemAudience.isTechnical(school.name)
        case .government: school.type == .other
        }
    }

    /// 技工学校, 高级技工学校, 技工院校, 技师学院: the name says 技工 or 技师.
    public static func isTechnical(_ name: String) -> Bool {
        name.contains("技工") || name.contains("技师")
    }

    /// The audience of `item` in the catalog `catalogID`: the bundled table when there is one for that id
    /// (nil for items it leaves open), otherwise the text rule.
    public static func of(_ item: TaskItem, catalog catalogID: String?) -> ItemAudience? {
        if let catalogID, let table = bundled[catalogID] { return table[item.code] }
        return fromText(item.text)
    }

    /// The text rule for catalogs without a table; nil when the words do not settle it.
    public static func fromText(_ text: String) -> ItemAudience? {
        if text.contains("技工") || text.contains("技师学院") { return .technical }
        if text.contains("普通本科") { return .undergraduate }
        let secondary = text.contains("中职") || text.contains("中等职业学校")
        let higher = text.contains("高职")
        if secondary && !higher { return .secondary }
        if higher && !secondary { return .higherVocational }
        return nil
    }

    /// The reviewed tables of the bundled catalogs, by catalog id and item code (formats.md lists each
    /// item with the words that decide it).
    public static let bundled: [String: [String: ItemAudience]] = [
        "national-2020": national,
        "shandong-2020": shandong,
    ]

    static let national: [String: ItemAudience] = [
        // 5 每个地市…建好办好1所中等职业学校; 6 中职学校教学条件基本达标; 7 遴选1000所左右优质中职学校和3000个左右优质专业.
        "5": .secondary, "6": .secondary, "7.1": .secondary, "7.2": .secondary,
        // 8 遴选300所左右优质技工学校和300个左右优质专业; 24 技工教育集团（联盟）; 38 技工院校"一体化"教师培养培训基地.
        "8.1": .technical, "8.2": .technical, "24": .technical, "38": .technical,
        // 9 高水平高职学校和专业建设计划; 10 高职专业认证; 11 省域高水平高职学校和高水平专业群; 12 本科层次职业教育试点;
        // 39 优质高职学校转型为职业技术师范大学或开办职业技术师范本科专业.
        "9": .higherVocational, "10": .higherVocational, "11.1": .higherVocational, "11.2": .higherVocational,
        "12": .higherVocational, "39": .higherVocational,
        // 13 推动具备条件的普通本科高校向应用型转变.
        "13": .undergraduate,
        // 20 产教融合型城市、培育产教融合型企业; 27 省级产教融合型企业认证制度; 28 省级统筹的考试招生制度;
        // 29 设置标准; 30 学位制度; 31 教师和校长专业标准; 32 专业目录; 35 核定公办职业学校教职工编制; 55.1 省域试点; 55.2 市域试点;
        // 56 《职业教育法》修订、地方性法规.
        "20": .government, "27": .government, "28": .government, "29": .government, "30": .government,
        "31": .government, "32": .government, "35": .government, "55.1": .government, "55.2": .government, "56": .government,
    ]

    static let shandong: [String: ItemAudience] = {
        // The Shandong list (附件2) is mostly policy for the province's departments and the cities' governments;
        // the items schools deliver (6, 12, 13, 15–19, 26, 29) stay open to every school.
        let government = [1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 14, 20, 21, 22, 23, 24, 25, 27, 28, 30, 31, 32, 33, 34,
                          35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45]
        return Dictionary(uniqueKeysWithValues: government.map { (String($0), ItemAudience.government) })
    }()
}
