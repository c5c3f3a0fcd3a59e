import ClaimKit

/// A realistic, deterministic Shandong province for demos, tests and benchmarks.
///
/// 16 cities with their area codes, schools of all four types with plausible names and valid contacts,
/// 20–60 claims per school on open items, and a review under way: some claims approved, some returned
/// with Chinese comments, a few resubmitted. The same (schools, seed) always gives the same bytes.
public struct DemoProvince {
    /// City, its administrative code (the first four digits of its schools' codes) and area code.
    public static let cities: [(name: String, code: String, area: String)] = [
        ("济南市", "3701", "0531"), ("青岛市", "3702", "0532"), ("淄博市", "3703", "0533"), ("枣庄市", "3704", "0632"),
        ("东营市", "3705", "0546"), ("烟台市", "3706", "0535"), ("潍坊市", "3707", "0536"), ("济宁市", "3708", "0537"),
        ("泰安市", "3709", "0538"), ("威海市", "3710", "0631"), ("日照市", "3711", "0633"), ("临沂市", "3713", "0539"),
        ("德州市", "3714", "0534"), ("聊城市", "3715", "0635"), ("滨州市", "3716", "0543"), ("菏泽市", "3717", "0530"),
    ]
    /// Each city's districts and county-level cities and counties (县级行政区), so that a demo school's name
    /// never puts a district in the wrong city.
    static let districts: [String: [String]] = [
        "济南市": ["历下", "市中", "槐荫", "天桥", "历城", "长清", "章丘", "济阳", "莱芜", "平阴", "商河"],
        "青岛市": ["市南", "市北", "黄岛", "崂山", "李沧", "城阳", "即墨", "胶州", "平度", "莱西"],
        "淄博市": ["淄川", "张店", "博山", "临淄", "周村", "桓台", "高青", "沂源"],
        "枣庄市": ["市中", "薛城", "峄城", "台儿庄", "山亭", "滕州"],
        "东营市": ["东营", "河口", "垦利", "利津", "广饶"],
        "烟台市": ["芝罘", "福山", "牟平", "莱山", "蓬莱", "龙口", "莱阳", "莱州", "招远", "栖霞", "海阳"],
        "潍坊市": ["潍城", "寒亭", "坊子", "奎文", "青州", "诸城", "寿光", "安丘", "高密", "昌邑", "临朐", "昌乐"],
        "济宁市": ["任城", "兖州", "曲阜", "邹城", "微山", "鱼台", "金乡", "嘉祥", "汶上", "泗水", "梁山"],
        "泰安市": ["泰山", "岱岳", "新泰", "肥城", "宁阳", "东平"],
        "威海市": ["环翠", "文登", "荣成", "乳山"],
        "日照市": ["东港", "岚山", "五莲", "莒县"],
        "临沂市": ["兰山", "罗庄", "河东", "沂南", "郯城", "沂水", "兰陵", "费县", "平邑", "莒南", "蒙阴", "临沭"],
        "德州市": ["德城", "陵城", "乐陵", "禹城", "宁津", "庆云", "临邑", "齐河", "平原", "夏津", "武城"],
        "聊城市": ["东昌府", "茌平", "临清", "阳谷", "莘县", "东阿", "冠县", "高唐"],
        "滨州市": ["滨城", "沾化", "邹平", "惠民", "阳信", "无棣", "博兴"],
        "菏泽市": ["牡丹", "定陶", "曹县", "单县", "成武", "巨野", "郓城", "鄄城", "东明"],
    ]
    static let fields = ["交通", "商贸", "信息工程", "机电", "化工", "农业", "医药", "旅游", "建筑", "电子", "经济",
                         "轻工", "水利", "畜牧兽医", "海洋", "船舶", "工艺美术", "科技", "外事", "文化艺术"]
    static let surnames = Array("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕")
    static let givenNames = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
                             "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建国", "晓东", "海燕", "志强", "春梅"]
    /// Return comments reviewers wrote in the demo history.
    public static let comments = ["经费预算填写不完整", "承接数量与学校实际不符，请核实", "举办方投入过高，请说明资金来源",
                                  "地市县投入未见依据，请补充说明", "汇总金额偏高，请压缩预算", "任务与学校类型不匹配，请重新选择"]
    static let reviewers = ["zhangwei", "liuyang", "chenjing"]
    /// The demo's reviewers as province accounts, with the names the console shows.
    public static let reviewerAccounts: [Account] = zip(reviewers, ["张伟", "刘洋", "陈静"]).map {
        try! Account(name: $0.0, role: .province, display: $0.1)
    }

    public let campaign: Campaign
    public let schools: [School]
    private let seed: UInt64

    public init(catalog: Catalog, schools count: Int, seed: UInt64) {
        self.seed = seed
        self.campaign = Campaign(
            province: "山东省", catalog: catalog, openItems: Campaign.defaultOpenItems(of: catalog),
            start: Day(year: 2020, month: 10, day: 19), end: Day(year: 2020, month: 11, day: 30),
            instructions: "1.填写平台管理联系人及办公电话、手机号 2.勾选任务并填写有关信息 3.提交",
            contacts: [try! ProvinceContact(name: "王老师", phone: "0531-81916526"),
                       try! ProvinceContact(name: "李老师", phone: "13811111111", field: "联系电话2")])
        var rng = SplitMix64(seed: seed)
        var names = Set<String>()
        var serials = [Int](repeating: 0, count: DemoProvince.cities.count)
        var list: [School] = []
        for i in 0..<count {
            let c = i % DemoProvince.cities.count
            let city = DemoProvince.cities[c]
            serials[c] += 1
            let roll = rng.below(100)
            let type: SchoolType = roll < 55 ? .secondary : roll < 85 ? .higher : roll < 92 ? .undergraduate : .other
            var name = DemoProvince.name(type: type, city: city.name, rng: &rng)
            if names.contains(name) {
                let local = DemoProvince.districts[city.name]!
                name = "\(city.name.dropLast())\(local[rng.below(local.count)])第\(serials[c])\(name.suffix(4))"
            }
            var k = 2
            while names.contains(name) { name += "\(k)"; k += 1 }
            names.insert(name)
            let manager = "\(DemoProvince.surnames[rng.below(DemoProvince.surnames.count)])\(DemoProvince.givenNames[rng.below(DemoProvince.givenNames.count)])"
            let office = "\(city.area)-\(8 + rng.below(2))\(String(rng.below(10_000_000)).leftPadded(7))"
            let mobile = "1\(["3", "5", "8", "7"][rng.below(4)])\(rng.below(10))\(String(rng.below(100_000_000)).leftPadded(8))"
            let contacts = try! SchoolContacts(manager: manager, officePhone: office, mobile: mobile)
            list.append(try! School(code: "\(city.code)\(String(serials[c]).leftPadded(6))", name: name, type: type,
                                    city: city.name, contacts: contacts))
        }
        self.schools = list
    }

    static func name(type: SchoolType, city: String, rng: inout SplitMix64) -> String {
        let short = String(city.dropLast())
        let local = districts[city]!
        let district = local[rng.below(local.count)]
        let field = fields[rng.below(fields.count)]
        switch type {
        case .secondary:
            return [ "\(short)\(district)职业中等专业学校", "\(short)市\(district)职业教育中心学校", "\(short)\(field)学校",
                     "\(short)\(field)中等职业学校", "\(district)职业中专"][rng.below(5)]
        case .higher:
            return ["\(short)\(field)职业学院", "山东\(field)职业技术学院", "\(short)职业学院", "山东\(district)\(field)职业学院"][rng.below(4)]
        case .undergraduate:
            return ["山东\(field)职业技术大学", "\(short)\(field)职业技术大学"][rng.below(2)]
        case .other:
            return ["\(short)\(field)职业教育集团", "\(short)\(district)产教融合发展有限公司", "山东\(field)行业协会"][rng.below(3)]
        }
    }

    /// The whole history, in journal order: every school's submission, then the review so far.
    public func events() -> [ReviewEvent] {
        var rng = SplitMix64(seed: seed &+ 7)
        let open = campaign.openItemsInOrder
        let start = campaign.start.daysSinceEpoch * 86400 + 8 * 3600
        var submissions: [ReviewEvent] = []
        var reviews: [ReviewEvent] = []
        var resubmissions: [ReviewEvent] = []
        var second: [ReviewEvent] = []
        let span = (campaign.end.daysSinceEpoch - campaign.start.daysSinceEpoch) * 86400
        let audiences = open.map { ItemAudience.of($0, catalog: campaign.catalog.id) }
        for (n, school) in schools.enumerated() {
            let count = 20 + rng.below(41)
            // Schools claim the items meant for their kind of body; one school in 25 also claims one that is not
            // (as happens on the platform), so the item-audience warning has something to show.
            let fitting = open.indices.filter { audiences[$0]?.fits(school) ?? true }
            var chosen = Set<Int>()
            while chosen.count < min(count, fitting.count) { chosen.insert(fitting[rng.below(fitting.count)]) }
            let strays = open.indices.filter { audiences[$0]?.fits(school) == false }
            if rng.below(25) == 0, !strays.isEmpty { chosen.insert(strays[rng.below(strays.count)]) }
            let submitted = Timestamp(seconds: start + Int64(n) * span / Int64(max(schools.count, 1)))
            let progress = [0, 0, 30, 60, 90, 100][rng.below(6)]
            for index in chosen.sorted() {
                let item = open[index]
                let funds = DemoProvince.funds(for: item, rng: &rng)
                submissions.append(ReviewEvent(time: submitted, actor: "demo", school: school.code, item: item.code,
                                               kind: .submitted, quantity: DemoProvince.quantity(for: item, rng: &rng), funds: funds))
                guard rng.below(100) < progress else { continue }
                let reviewer = DemoProvince.reviewers[rng.below(DemoProvince.reviewers.count)]
                let decided = Timestamp(seconds: campaign.end.daysSinceEpoch * 86400 + 86400 + Int64(rng.below(20 * 86400)))
                if rng.below(100) < 85 {
                    reviews.append(ReviewEvent(time: decided, actor: reviewer, school: school.code, item: item.code, kind: .approved))
                } else {
                    let comment = DemoProvince.comments[rng.below(DemoProvince.comments.count)]
                    reviews.append(ReviewEvent(time: decided, actor: reviewer, school: school.code, item: item.code,
                                               kind: .returned, comment: comment))
                    if rng.below(100) < 40 {
                        let again = Timestamp(seconds: decided.seconds + 86400 * Int64(1 + rng.below(5)))
                        var reduced = funds
                        reduced.selfFunded = Money(units: funds.selfFunded.units / 2)
                        resubmissions.append(ReviewEvent(time: again, actor: "demo", school: school.code, item: item.code,
                                                         kind: .resubmitted, quantity: DemoProvince.quantity(for: item, rng: &rng),
                                                         funds: reduced))
                        if rng.below(100) < 50 {
                            second.append(ReviewEvent(time: Timestamp(seconds: again.seconds + 86400 * 3), actor: reviewer,
                                                      school: school.code, item: item.code, kind: .approved))
                        }
                    }
                }
            }
        }
        reviews.sort { $0.time < $1.time }
        resubmissions.sort { $0.time < $1.time }
        second.sort { $0.time < $1.time }
        var all = submissions + reviews + resubmissions + second
        var version: [ClaimKey: Int] = [:]
        for i in all.indices {
            all[i].seq = i + 1
            all[i].basis = version[all[i].key] ?? 0
            version[all[i].key] = i + 1
        }
        return all
    }

    static func quantity(for item: TaskItem, rng: inout SplitMix64) -> Int? {
        switch item.unit {
        case nil: return nil
        case "所": return 1
        case "名": return 5 + rng.below(120)
        case "门": return 1 + rng.below(12)
        case "种": return 1 + rng.below(8)
        default: return 1 + rng.below(4)
        }
    }

    /// Funds of 2–200 万元 split over the four sources, some with cents of a 万元, some parts zero.
    static func funds(for item: TaskItem, rng: inout SplitMix64) -> Funds {
        let scale = [2, 5, 10, 20, 50, 100, 200][rng.below(7)]
        func part(_ weight: Int) -> Money {
            guard rng.below(100) < weight else { return .zero }
            let wan = Int64(rng.below(scale) + 1)
            let fraction = rng.below(4) == 0 ? Int64(rng.below(10)) * 1000 : 0
            return Money(units: wan * Money.scale / 2 + fraction)
        }
        let funds = Funds(selfFunded: part(95), industry: part(60), sponsor: part(35), local: part(50))
        return funds.isZero ? Funds(selfFunded: Money(units: Int64(scale) * Money.scale / 2), industry: .zero, sponsor: .zero, local: .zero) : funds
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
