// Numeric targets, one test case per rule of SPEC §2 "Numeric targets",
// each written from the rule with shapes of its own, and the negative cases
// the SPEC names.
#include <catch2/catch.hpp>

#include "policy/extract/targets.h"

using namespace policy;
using namespace policy::extract;

namespace {

const lexicon::Lexicon& lex() { return lexicon::Lexicon::builtin(); }

std::vector<TargetMention> find_targets(std::string_view text) {
  const ClauseText ct(text, lex());
  return extract::find_targets(ct);
}

struct T {
  double value;
  std::string unit;
  TargetOp op;
};
bool operator==(const T& a, const T& b) {
  return std::abs(a.value - b.value) <= 0.01 && a.unit == b.unit && a.op == b.op;
}
std::ostream& operator<<(std::ostream& os, const T& t) {
  return os << t.value << t.unit << " " << to_string(t.op);
}
using Ts = std::vector<T>;

Ts targets(std::string_view text) {
  Ts out;
  for (const auto& m : find_targets(text)) out.push_back({m.target.value, m.target.unit, m.target.op});
  return out;
}
std::vector<TargetKind> kinds(std::string_view text) {
  std::vector<TargetKind> out;
  for (const auto& m : find_targets(text)) out.push_back(m.target.kind);
  return out;
}

const auto ge = TargetOp::ge, le = TargetOp::le, eq = TargetOp::eq, gt = TargetOp::gt, lt = TargetOp::lt;
const auto target = TargetKind::target, threshold = TargetKind::threshold, award = TargetKind::award;

}  // namespace

TEST_CASE("targets: multipliers stack, each larger than the one before (万亿, 千万, 千亿)") {
  CHECK(targets("社会消费品零售总额突破1.2万亿元") == Ts{{1.2e12, "元", gt}});
  CHECK(targets("引进社会资本3千万元") == Ts{{3e7, "元", eq}});
  CHECK(targets("产业规模达5千亿元以上") == Ts{{5e11, "元", ge}});
  CHECK(targets("地区生产总值突破2万亿") == Ts{{2e12, "", gt}});
  // A smaller one after is no multiplier: 千 of 千瓦 is the unit's.
  CHECK(targets("新增装机容量5万千瓦") == Ts{{5e4, "千瓦", eq}});
  const auto found = find_targets("总额突破1.2万亿元。");
  REQUIRE(found.size() == 1);
  CHECK(found[0].target.text == "1.2万亿元");
}

TEST_CASE("targets: a comparison word before a percentage's whole (不超过总投资的30%) binds the percentage") {
  CHECK(targets("补助不超过总投资的30%") == Ts{{30, "%", le}});
  CHECK(targets("不高于实际投入的50%") == Ts{{50, "%", le}});
  CHECK(targets("不低于营业收入的3%") == Ts{{3, "%", ge}});
  // The whole is a noun phrase, longer than the phrase after a verb may be.
  CHECK(targets("补助总额不超过企业上年度研发投入的20%") == Ts{{20, "%", le}});
  CHECK(targets("贴息比例不超过同期贷款市场报价利率的50%") == Ts{{50, "%", le}});
  // Only a percentage: 不少于3年的企业 binds nothing after 的.
  CHECK(targets("成立不少于3年的企业，培育20家") == Ts{{3, "年", ge}, {20, "家", eq}});
}

TEST_CASE("targets: units of farming, freight, lending, training and building (斤, 头, 标准箱, 笔, 学时, 层, 元/人)") {
  CHECK(targets("粮食总产量稳定在50亿斤左右") == Ts{{5e9, "斤", eq}});
  CHECK(targets("生猪出栏300万头") == Ts{{3e6, "头", eq}});
  CHECK(targets("港口集装箱吞吐量达到30万标准箱") == Ts{{3e5, "标准箱", ge}});
  CHECK(targets("发放贷款1.5万笔") == Ts{{15000, "笔", eq}});
  CHECK(targets("每人每年培训不少于56学时") == Ts{{56, "学时", ge}});
  CHECK(targets("补助标准为200元/人") == Ts{{200, "元/人", eq}});
  CHECK(targets("一头雾水，两层含义").empty());  // words, no counts
}

TEST_CASE("targets: compound units of concentration and intensity (微克/立方米, 吨标准煤/万元)") {
  CHECK(targets("PM2.5平均浓度控制在42微克/立方米以下") == Ts{{42, "微克/立方米", le}});
  CHECK(targets("化学需氧量浓度不高于20毫克/升") == Ts{{20, "毫克/升", le}});
  CHECK(targets("单位GDP能耗0.5吨标准煤/万元") == Ts{{0.5, "吨标准煤/万元", eq}});
}

TEST_CASE("targets: tenths written with 成 are percentages (九成, 八成以上) — 成 that starts a word is none") {
  CHECK(targets("满意度不低于九成") == Ts{{90, "%", ge}});
  CHECK(targets("覆盖率达到八成以上") == Ts{{80, "%", ge}});
  CHECK(targets("两成以上企业上云") == Ts{{20, "%", ge}});
  CHECK(targets("一成不变").empty());
  CHECK(targets("三成员单位参加").empty());
}

TEST_CASE("targets: the scores an assessment gives or takes (得10分, 扣1分, 加5分) are no targets") {
  CHECK(kinds("网上可办率达到100%的，得10分；每低于1个百分点扣1分。") == std::vector<TargetKind>{threshold});
  CHECK(targets("获评国家级荣誉的加5分").empty());
  CHECK(targets("考核得分不低于90分") == Ts{{90, "分", ge}});  // a score to reach is one
}

TEST_CASE("targets: durations in 日 are targets — a day of a date is none") {
  CHECK(targets("自交付之日起30日内支付") == Ts{{30, "日", le}});
  CHECK(targets("最长不得超过60日") == Ts{{60, "日", le}});
  CHECK(targets("十五日内答复") == Ts{{15, "日", le}});
  CHECK(targets("2025年6月30日前完成").empty());
  CHECK(targets("每月5日前报送").empty());
  CHECK(targets("3月15日至20日开展集中宣传").empty());
}

TEST_CASE("targets: counts, percentages, durations and money, 万 and 亿 folded into the value") {
  CHECK(targets("制定发布省级地方标准1200项以上") == Ts{{1200, "项", ge}});
  CHECK(targets("自我声明数量达到2万项") == Ts{{20000, "项", ge}});
  CHECK(targets("比率达50%以上") == Ts{{50, "%", ge}});
  CHECK(targets("一致性程度达到９５％以上") == Ts{{95, "%", ge}});
  CHECK(targets("缩短平均制定周期至18个月以内") == Ts{{18, "个月", le}});
  CHECK(targets("15个工作日内办结") == Ts{{15, "个工作日", le}});
  CHECK(targets("48小时内响应") == Ts{{48, "小时", le}});
  CHECK(targets("总投资5亿元") == Ts{{5e8, "元", eq}});
  CHECK(targets("安排资金1.5亿元") == Ts{{1.5e8, "元", eq}});
  CHECK(targets("给予200万元支持") == Ts{{2e6, "元", eq}});
  CHECK(targets("培育20家质量标杆企业") == Ts{{20, "家", eq}});
  CHECK(targets("参训10000人以上") == Ts{{10000, "人", ge}});
  CHECK(targets("服务1.5万人次") == Ts{{15000, "人次", eq}});
  CHECK(targets("年度海外销售额达到100万美元以上") == Ts{{1e6, "美元", ge}});
  CHECK(targets("举办招聘活动不少于100场次") == Ts{{100, "场次", ge}});
  CHECK(targets("申请材料精简至8份") == Ts{{8, "份", eq}});
  // Blanks a web page puts between the words separate nothing.
  CHECK(targets("固定资产投资额达 5000 万元以上的") == Ts{{5e7, "元", ge}});
  CHECK(targets("按档次给予最高 2000 万元奖励") == Ts{{2e7, "元", le}});
  // 期 after a duration is part of the phrase, not of the unit.
  CHECK(targets("对3年期以上贷款给予贴息") == Ts{{3, "年", ge}});
  // A duration in years counts (SPEC: durations); a year written with 年 is a date.
  CHECK(targets("满3年") == Ts{{3, "年", ge}});
}

TEST_CASE("targets: Chinese numerals are read") {
  CHECK(targets("新增两万家企业") == Ts{{20000, "家", eq}});
  CHECK(targets("制定一千二百项标准") == Ts{{1200, "项", eq}});
  CHECK(targets("建设十个示范区") == Ts{{10, "个", eq}});
  CHECK(targets("应当在十五个工作日内处理") == Ts{{15, "个工作日", le}});
  CHECK(targets("在后续两年保持规模") == Ts{{2, "年", eq}});
}

TEST_CASE("targets: every comparison word of the SPEC, and words of the same meaning") {
  // ge
  for (const char* text : {"10个以上", "10个及以上", "不少于10个", "不低于10个", "至少10个", "达到10个", "达10个",
                           "力争10个", "满10个", "年满16周岁", "不小于10个", "不得少于10个", "不得低于10个",
                           "最少10个"}) {
    INFO(text);
    CHECK(targets(text).at(0).op == ge);
  }
  // le
  for (const char* text : {"10个以内", "10个以下", "10个及以下", "不超过10个", "不高于10%", "不大于10%",
                           "控制在10%", "最高10万元", "最多10个", "最长10天", "每人限报1项", "10个工作日内",
                           "48小时内", "只申报1项", "只能申报1项", "仅支持1个", "仅可申报1项", "至多10个",
                           "不得超过10个", "不长于10天"}) {
    INFO(text);
    CHECK(targets(text).at(0).op == le);
  }
  // gt: 超过/超/高于/突破, and 多/余 written inside the number
  for (const char* text : {"超过10个", "年产值超10亿元", "高于10%", "突破10亿元", "1300多项", "二十余个", "100余家",
                           "大于10平方米", "多于10家", "纳税过1亿元"}) {
    INFO(text);
    CHECK(targets(text).at(0).op == gt);
  }
  // lt
  for (const char* text : {"低于10%", "少于10人", "不足1年", "未满1年", "不满1年", "小于10平方米", "未达到500万元"}) {
    INFO(text);
    CHECK(targets(text).at(0).op == lt);
  }
  // eq, 左右 included
  for (const char* text : {"培育100家", "100家左右", "约100家"}) {
    INFO(text);
    CHECK(targets(text).at(0).op == eq);
  }
  // Words that may stand apart from their number, before a short phrase.
  CHECK(targets("最多支持3个") == Ts{{3, "个", le}});
  CHECK(targets("力争每年新增200家企业") == Ts{{200, "家", ge}});
  CHECK(targets("最高可按固定资产投资额的10%给予奖励") == Ts{{10, "%", le}});
  CHECK(targets("达到国际先进水平的产品100项")[0].op == eq);  // 的 ends the phrase
  CHECK(targets("超市300家")[0].op == eq);                     // 超 only right before its number
  // A word inside a noun compares nothing: 期限 holds 限.
  CHECK(targets("补贴期限为1年") == Ts{{1, "年", eq}});
  CHECK(targets("扶持期限最多3年") == Ts{{3, "年", le}});
  // 内 that begins a noun is no bound: 20家内资企业.
  CHECK(targets("引进20家内资企业") == Ts{{20, "家", eq}});
  CHECK(targets("服务半径5公里内") == Ts{{5, "公里", le}});
  CHECK(targets("通过3年努力") == Ts{{3, "年", eq}});
}

TEST_CASE("targets: （含） and （不含） after a bound decide") {
  CHECK(targets("10000人（不含）以下") == Ts{{10000, "人", lt}});
  CHECK(targets("10000人（含）以下") == Ts{{10000, "人", le}});
  CHECK(targets("10000人（含）以上") == Ts{{10000, "人", ge}});
  CHECK(targets("10000人（不含）以上") == Ts{{10000, "人", gt}});
  CHECK(targets("售票 20000 人（含）以上的") == Ts{{20000, "人", ge}});
}

TEST_CASE("targets: an op word that opens a list governs every number in it") {
  CHECK(targets("至少2个地市、10个县区") == Ts{{2, "个", ge}, {10, "个", ge}});
  CHECK(targets("分别最高给予500万元、100万元") == Ts{{5e6, "元", le}, {1e6, "元", le}});
  CHECK(targets("每年提供至少1次政策宣介、2次职业指导和3次岗位推荐") ==
        Ts{{1, "次", ge}, {2, "次", ge}, {3, "次", ge}});
  CHECK(targets("分别占比达30%、20%和10%") == Ts{{30, "%", ge}, {20, "%", ge}, {10, "%", ge}});
  // The first member's number need not be one read as a target: 千兆 (gigabit).
  CHECK(targets("带宽达到千兆到乡镇、100兆到村") == Ts{{100, "兆", ge}});
  // An op word after the last number governs the list too.
  CHECK(targets("年营业收入首次达到5000万元、1亿元、2亿元以上的") ==
        Ts{{5e7, "元", ge}, {1e8, "元", ge}, {2e8, "元", ge}});
  // A member with words of its own before its number is a phrase of its own.
  CHECK(targets("新建基站不少于10个、改造机房20个") == Ts{{10, "个", ge}, {20, "个", eq}});
  CHECK(targets("培育龙头企业10家以上，新增标准50项") == Ts{{10, "家", ge}, {50, "项", eq}});
  // Members that disagree keep what they say.
  CHECK(targets("合格率分别达到90%、不低于85%") == Ts{{90, "%", ge}, {85, "%", ge}});
  CHECK(targets("分别为10个以上、20个以下") == Ts{{10, "个", ge}, {20, "个", le}});
}

TEST_CASE("targets: a unit written only after the last number of a list belongs to every number") {
  CHECK(targets("分别在15个、7个工作日以内办结") == Ts{{15, "个工作日", le}, {7, "个工作日", le}});
  CHECK(targets("5000、10000人以上") == Ts{{5000, "人", ge}, {10000, "人", ge}});
  CHECK(targets("分别奖励1、2、3万元") == Ts{{1e4, "元", eq}, {2e4, "元", eq}, {3e4, "元", eq}});
  // A number with nothing after it and no list is nothing.
  CHECK(targets("编号12345").empty());
  CHECK(targets("2021、2022年连续获评").empty());
}

TEST_CASE("targets: a range is two items, the low end ge and the high end le") {
  CHECK(targets("每个县支持1-2个项目") == Ts{{1, "个", ge}, {2, "个", le}});
  CHECK(targets("占比10%—15%") == Ts{{10, "%", ge}, {15, "%", le}});
  CHECK(targets("利用2-3年时间") == Ts{{2, "年", ge}, {3, "年", le}});
  CHECK(targets("给予3～5万元补助") == Ts{{3e4, "元", ge}, {5e4, "元", le}});
  CHECK(targets("增长10%至15%") == Ts{{10, "%", ge}, {15, "%", le}});
  CHECK(targets("20万元到50万元") == Ts{{2e5, "元", ge}, {5e5, "元", le}});
  // Explicit bounds on the ends decide: 含 keeps the end in, 不含 leaves it out.
  CHECK(targets("单场售票5000人（含）—10000人（不含）的") == Ts{{5000, "人", ge}, {10000, "人", lt}});
  CHECK(targets("5000人（不含）—10000人（含）") == Ts{{5000, "人", gt}, {10000, "人", le}});
  // A range of years is a period, and a change is no range.
  CHECK(targets("（2016-2020年）").empty());
  CHECK(targets("从平均22个工作日压减至15个") == Ts{{15, "个工作日", eq}});
  // The words after a range are written once for both ends.
  CHECK(kinds("营业收入1亿-5亿元的企业") == std::vector<TargetKind>{threshold, threshold});
}

TEST_CASE("targets: a fraction is a percentage") {
  CHECK(targets("占比达到三分之一") == Ts{{33.33, "%", ge}});
  CHECK(targets("一半以上的企业完成改造") == Ts{{50, "%", ge}});
  CHECK(targets("超过一半") == Ts{{50, "%", gt}});
  CHECK(targets("覆盖三分之二以上的乡镇") == Ts{{66.67, "%", ge}});
  CHECK(targets("降低百分之三十") == Ts{{30, "%", eq}});
  CHECK(targets("四分之一") == Ts{{25, "%", eq}});
  // 一年半 is a duration, 一半 only on its own.
  CHECK(targets("用一年半时间").empty());
}

TEST_CASE("targets: a bare multiplier is folded with an empty unit") {
  CHECK(targets("营业收入突破5亿") == Ts{{5e8, "", gt}});
  CHECK(targets("工业年度产值2000万以上") == Ts{{2e7, "", ge}});
  CHECK(targets("注册用户达到3.5亿") == Ts{{3.5e8, "", ge}});
  // A multiplier alone counts nothing.
  CHECK(targets("每万人口").empty());
  CHECK(targets("千方百计").empty());
}

TEST_CASE("targets: 以上 after a level word belongs to the level") {
  CHECK(targets("创建120个省级以上标准化试点示范项目") == Ts{{120, "个", eq}});
  CHECK(targets("新组建20个以上省级专业标准化技术委员会") == Ts{{20, "个", ge}});
  CHECK(targets("每年滚动实施1000项亿元以上技术改造项目") == Ts{{1000, "项", eq}});
  // 各1000项以上 after a list of subjects is one target.
  CHECK(targets("主导或参与制定国家、行业标准各1000项以上") == Ts{{1000, "项", ge}});
}

TEST_CASE("targets: kinds — a threshold conditions a benefit or an application, an award is granted or capped") {
  auto award_capped = find_targets("对认定的企业，给予最高200万元奖励。");
  REQUIRE(award_capped.size() == 1);
  CHECK(award_capped[0].target.kind == award);
  CHECK(award_capped[0].target.value == 2e6);
  CHECK(award_capped[0].target.op == le);
  CHECK(kinds("给予2万元支持") == std::vector<TargetKind>{award});
  CHECK(kinds("每集奖励10万元，每部剧集最高奖励200万元") == std::vector<TargetKind>{award, award});
  CHECK(kinds("单个企业补助不超过300万元") == std::vector<TargetKind>{award});
  CHECK(kinds("给予不超过50万元的资助") == std::vector<TargetKind>{award});
  CHECK(kinds("按照每人每月500元的标准给予补贴") == std::vector<TargetKind>{award});
  CHECK(kinds("按每人1000元标准给予一次性吸纳就业补贴") == std::vector<TargetKind>{award});
  // Conditions: …以上的, 凡…, 申请人须…, 每个申请人限报….
  CHECK(kinds("对固定资产投资额达5000万元以上的项目") == std::vector<TargetKind>{threshold});
  CHECK(kinds("申请人须年营业收入超过50亿元") == std::vector<TargetKind>{threshold});
  CHECK(kinds("每个申请人限报1项") == std::vector<TargetKind>{threshold});
  CHECK(kinds("在本区工作满1年的人才") == std::vector<TargetKind>{threshold});
  CHECK(kinds("年满十六周岁以上的") == std::vector<TargetKind>{threshold});
  // A condition and the award it earns, in one sentence, in either order.
  CHECK(kinds("营业额达到500万元以上的企业，给予5万元支持") == std::vector<TargetKind>{threshold, award});
  CHECK(kinds("给予30万元奖励，营业收入在1亿元以上的给予40万元奖励") ==
        std::vector<TargetKind>{award, threshold, award});
  // A rate granted.
  auto rate = find_targets("按照实际投入的30%给予补助，最高不超过100万元。");
  REQUIRE(rate.size() == 2);
  CHECK(rate[0].target.kind == award);
  CHECK(rate[0].target.subject == "实际投入");
  CHECK(rate[1].target.kind == award);
  CHECK(rate[1].target.op == le);
  // A commitment.
  CHECK(kinds("培育50家标准领跑者企业") == std::vector<TargetKind>{target});
  // Listed numbers share the kind the list's words give.
  auto listed = find_targets("对年营业收入首次突破10亿元、50亿元、100亿元的企业，分别给予一次性奖励100万元、200万元、300万元。");
  REQUIRE(listed.size() == 6);
  for (int k = 0; k < 3; ++k) {
    CHECK(listed[k].target.kind == threshold);
    CHECK(listed[k].target.op == gt);
    CHECK(listed[k].target.subject == "年营业收入");
  }
  for (int k = 3; k < 6; ++k) CHECK(listed[k].target.kind == award);
  CHECK(listed[5].target.value == 3e6);
}

TEST_CASE("targets: the subject is what is counted, when written next to it") {
  auto subject = [](std::string_view text) {
    auto t = find_targets(text);
    REQUIRE(t.size() == 1);
    return t[0].target.subject.value_or("");
  };
  CHECK(subject("制修订省级地方标准1200项以上") == "省级地方标准");
  // A verb inside a noun does not cut it.
  CHECK(subject("规上工业企业标准覆盖率达到95%以上") == "规上工业企业标准覆盖率");
  CHECK(subject("重点产品标准达标率达90%") == "重点产品标准达标率");
  CHECK(subject("标准化产业增加值突破500亿元") == "标准化产业增加值");
  CHECK(subject("推动200家中小企业开展对标") == "中小企业");
  CHECK(subject("重点服务行业顾客满意度达到80分以上") == "重点服务行业顾客满意度");
  CHECK(subject("年服务企业数量达200家以上") == "企业数量");
  CHECK(subject("培育“天府名品”200个") == "天府名品");
  CHECK(subject("培育“品字标”企业2000家") == "“品字标”企业");
  // A leading preposition is no part of the noun; 对外 opens one.
  CHECK(subject("对年营业收入首次突破10亿元的企业") == "年营业收入");
  CHECK(subject("对外贸易进出口额达到500亿元") == "对外贸易进出口额");
  // A verb that is the noun counted: 培训, when nothing else names it.
  CHECK(subject("每年组织开展标准化培训不少于2次。") == "标准化培训");
  // Blanks before the number do not hide the noun.
  CHECK(subject("从业人员 5 人以上") == "从业人员");
}

TEST_CASE("targets: years, dates, labels, document numbers and plan names are not targets") {
  for (const char* text :
       {"到2025年", "二〇二五年", "2022年10月底前完成", "2023年5月17日至2024年5月16日", "17．加强寄递物流设施标准化建设",
        "“十四五”规划", "第五代移动通信（5G）", "5G基站", "科技创新2030—重大项目", "国办发〔2021〕51号",
        "穗埔府规〔2025〕12 号", "第8、11、12条任务", "构建“1+2+N”组织架构", "一次性奖励", "二元结构",
        "“两业”融合", "八部门联合公布", "《中国制造2025湖北行动纲要》", "（2016-2020年）", "2023.12市城管委",
        "GB 2760-2014", "— 3 —", "汽车零部件", "零距离服务"}) {
    INFO(text);
    CHECK(targets(text).empty());
  }
}

TEST_CASE("targets: a period that names a plan, or the span of the work itself, is not a target") {
  for (const char* text : {"关于印发优化营商环境三年行动方案的通知", "编制全市五年规划", "开展百日攻坚行动",
                           "开展为期三年的专项整治", "为期6个月的集中整治"}) {
    INFO(text);
    CHECK(targets(text).empty());
  }
  // A period that is the task's quantity stays one.
  CHECK(targets("审批时间不超过3个工作日") == Ts{{3, "个工作日", TargetOp::le}});
  CHECK(targets("用三年时间完成改造项目50个") == Ts{{3, "年", TargetOp::eq}, {50, "个", TargetOp::eq}});
}

TEST_CASE("targets: meeting numbers are not targets") {
  for (const char* text : {"第一次会议", "第94次常务会议", "党的二十大和二十届二中、三中全会精神", "十九届五中全会",
                           "党的十九届历次全会"}) {
    INFO(text);
    CHECK(targets(text).empty());
  }
  // A session counted under a limit is a count.
  CHECK(targets("每年最多奖励一届博览会") == Ts{{1, "届", le}});
}

TEST_CASE("targets: counts that describe the text itself are not targets") {
  for (const char* text : {"分两个阶段推进", "包括三种类型", "分为四类", "五级书记抓乡村振兴", "分为3类",
                           "从7个方面进行考评", "“合规”等5项标准的企业", "包含软件业等两个细分行业",
                           "在现有新生入学等62项服务的基础上", "加快梳理三张清单"}) {
    INFO(text);
    CHECK(targets(text).empty());
  }
  // A grade is no 等 of a list, and a count of things a task builds is one.
  CHECK(targets("一等3万元、二等2万元") == Ts{{3e4, "元", eq}, {2e4, "元", eq}});
  CHECK(targets("建设19类功能模块") == Ts{{19, "类", eq}});
}

TEST_CASE("targets: small counts in Chinese numerals without a comparison word are no targets") {
  for (const char* text : {"一批关键技术标准", "减少二次开发费用", "每年召开一次全体会议", "建立三张清单"}) {
    INFO(text);
    CHECK(targets(text).empty());
  }
  // With a limit they are.
  CHECK(targets("每位申报人只能申报一项成果") == Ts{{1, "项", le}});
  CHECK(targets("每家企业仅可享受一次奖励") == Ts{{1, "次", le}});
  CHECK(targets("剧场建成后一年内") == Ts{{1, "年", le}});
  CHECK(targets("至少三次") == Ts{{3, "次", ge}});
}

TEST_CASE("targets: a validity term is not a target") {
  CHECK(targets("本办法自印发之日起施行，有效期3年。").empty());
  CHECK(targets("本措施自发布之日起施行，有效期为五年").empty());
  CHECK(targets("有效期限为2年。").empty());
  // The term of something the document grants is a number it commits to.
  CHECK(targets("签发最长有效期5年的工作类居留许可") == Ts{{5, "年", le}});
}

TEST_CASE("targets: the starting point of a change is not a target") {
  CHECK(targets("从平均22个工作日压减至15个") == Ts{{15, "个工作日", eq}});
  CHECK(targets("审批时间由20天压缩到10天以内") == Ts{{10, "天", le}});
  CHECK(targets("返还比例由不超过60%最高提至不超过90%") == Ts{{90, "%", le}});
  CHECK(targets("在现有30家的基础上新增20家") == Ts{{20, "家", eq}});
  // 从 inside a word starts nothing.
  CHECK(targets("从业人员5人以上，营业额提高到100万元") == Ts{{5, "人", ge}, {1e6, "元", eq}});
}

TEST_CASE("targets: after 的 an award's qualifier leads on to it (的一次性奖励), a giving verb makes a condition (以上的给予奖励)") {
  CHECK(kinds("给予最高不超过50万元的一次性奖励。") == std::vector<TargetKind>{award});
  CHECK(kinds("对新认定的企业，给予最高50万元的一次性补助") == std::vector<TargetKind>{award});
  CHECK(kinds("年营业收入1亿元以上的给予奖励。") == std::vector<TargetKind>{threshold});
  CHECK(kinds("投资额500万元以上的予以补助") == std::vector<TargetKind>{threshold});
  // A qualifier without the award after it is no award.
  CHECK(kinds("年营业收入1亿元以上的一次性") == std::vector<TargetKind>{threshold});
}

TEST_CASE("targets: a cap in a sentence that grants an award caps that award, however far back the award was named") {
  CHECK(kinds("按研发投入的10%给予补助，单个企业每年最高不超过200万元。") == std::vector<TargetKind>{award, award});
  CHECK(kinds("按照同期银行基准利率给予贴息，单个项目贴息期不超过3年，最高500万元。") ==
        std::vector<TargetKind>{target, award});  // 不超过3年 is no cap word's
  // No award before it in the sentence: the cap is a target's bound.
  CHECK(kinds("积极推进工作。单个项目投资最高不超过200万元。") == std::vector<TargetKind>{target});
}

TEST_CASE("targets: 予以补助 and 进行补贴 grant as 给予 does — 予以 alone is no award") {
  CHECK(kinds("按实际投资额的8%予以补助") == std::vector<TargetKind>{award});
  CHECK(kinds("按照设备投资的15%进行补贴") == std::vector<TargetKind>{award});
  CHECK(kinds("10个工作日内予以答复") == std::vector<TargetKind>{target});
}

TEST_CASE("targets: a label of conditions before a colon (申报条件：), and 限报, open a threshold") {
  CHECK(kinds("申报条件：年营业收入超过1亿元") == std::vector<TargetKind>{threshold});
  CHECK(kinds("申报企业须满足：上年度纳税额不低于50万元") == std::vector<TargetKind>{threshold});
  CHECK(kinds("每个企业限报1项") == std::vector<TargetKind>{threshold});
  CHECK(kinds("工作目标：到2025年建成10个基地") == std::vector<TargetKind>{target});
}

TEST_CASE("targets: the applicant named as a company or an entity (申报企业, 申请主体) opens a threshold") {
  CHECK(kinds("申报企业应当注册满1年") == std::vector<TargetKind>{threshold});
  CHECK(kinds("申请主体年营业收入不低于1000万元") == std::vector<TargetKind>{threshold});
}

TEST_CASE("targets: bounds that name the population are not targets — an applicant's bound is a threshold") {
  for (const char* text : {"发展3岁以下婴幼儿照护服务", "对吸纳16—24岁登记失业青年就业", "为60周岁以上老年人提供服务",
                           "实施24小时直接过境旅客免办边检手续"}) {
    INFO(text);
    CHECK(targets(text).empty());
  }
  auto applicant = find_targets("申请人应当年满十六周岁以上的");
  REQUIRE(applicant.size() == 1);
  CHECK(applicant[0].target.value == 16);
  CHECK(applicant[0].target.op == ge);
  CHECK(applicant[0].target.kind == threshold);
  // A phrase that names what a task addresses (针对…) holds no commitment.
  CHECK(targets("针对关税为零的2034种、5年内关税减让显著的2725种出口商品，加大开拓力度").empty());
  CHECK(targets("有针对性地推荐3个以上岗位") == Ts{{3, "个", ge}});
}

TEST_CASE("targets: slogans are not targets") {
  for (const char* text : {"深化“最多跑一次”改革", "深化最多跑一次改革", "一张蓝图绘到底", "坚持“两个确立”，做到“两个维护”",
                           "实施“三个一百”工程", "推进政务服务一网通办", "“百县千镇万村高质量发展工程”"}) {
    INFO(text);
    CHECK(targets(text).empty());
  }
  // A name in quotes next to a number leaves the number.
  CHECK(targets("培育“天府名品”200个") == Ts{{200, "个", eq}});
  CHECK(targets("打造100个“5G+工业互联网”典型应用案例") == Ts{{100, "个", eq}});
}

TEST_CASE("targets: score weights of an assessment are not targets") {
  for (const char* text : {"（一）一体化政务服务平台建设（3分）", "一、政务服务“一网通办”（25分）", "完成目录数据挂载。（0.5分）",
                           "考评分值=日常监测（60%）+实地调研（40%）"}) {
    INFO(text);
    CHECK(targets(text).empty());
  }
  // A score to reach is a target.
  CHECK(targets("顾客满意度达到80分以上") == Ts{{80, "分", ge}});
  CHECK(targets("这项工作十分重要").empty());
  CHECK(targets("每1分钟") == Ts{{1, "分钟", eq}});
}

TEST_CASE("targets: the denominator of a rate is not a target") {
  CHECK(targets("每招收1名博士后，给予5万元招录奖励") == Ts{{5e4, "元", eq}});
  CHECK(targets("每培育 1 家规模以上企业，给予最高 5 万元奖励") == Ts{{5e4, "元", le}});
  CHECK(targets("每增加1个百分点，奖励10万元") == Ts{{1e5, "元", eq}});
  CHECK(targets("超过部分按每超1亿元给予8万元奖励") == Ts{{8e4, "元", eq}});
  // 每 before a noun is no rate: every year, every episode.
  CHECK(targets("力争每年新增200家") == Ts{{200, "家", ge}});
  CHECK(targets("每集奖励10万元") == Ts{{1e5, "元", eq}});
}

TEST_CASE("targets: each text is written where its span says") {
  for (const char* text : {"固定资产投资额达 5000 万元以上的", "单场售票 5000 人（含）—10000 人（不含）的",
                           "１—２个", "占比达到三分之一以上", "分别在15个、7个工作日以内办结", "二十余个"}) {
    INFO(text);
    const std::string_view s(text);
    auto found = find_targets(s);
    REQUIRE_FALSE(found.empty());
    for (const auto& m : found) CHECK(s.substr(m.target.at.begin, m.target.at.end - m.target.at.begin) == m.target.text);
  }
  auto range = find_targets("单场售票 5000 人（含）—10000 人（不含）的");
  REQUIRE(range.size() == 2);
  CHECK(range[0].target.text == "5000 人（含）");
  CHECK(range[1].target.text == "10000 人（不含）");
}

TEST_CASE("targets: an award or threshold word counts only wholly inside the 12 characters before the number") {
  // The words are read from the clause's hits: one the window's edge cuts
  // (予 of 给予, a cut inside a character) is none, as when each character
  // of the window was tried.
  CHECK(kinds("给予企业开展标准化试点项20个。") == std::vector<TargetKind>{award});
  CHECK(kinds("给予企业开展标准化试点项目20个。") == std::vector<TargetKind>{target});
  CHECK(kinds("给予A企业开展标准化试点项20个。") == std::vector<TargetKind>{target});
  CHECK(kinds("凡企业开展标准化试点项目20个。") == std::vector<TargetKind>{threshold});
  CHECK(kinds("凡企业开展标准化试点项目工20个。") == std::vector<TargetKind>{target});
}

TEST_CASE("targets: the verbs that cut a subject are read from the clause's hits, as at each character") {
  auto subject = [](std::string_view text) {
    const auto t = find_targets(text);
    REQUIRE(t.size() == 1);
    return t[0].target.subject.value_or("");
  };
  CHECK(subject("组织开展推动实施标准化试点100个。") == "实施标准化试点");   // several verbs: after the last
  CHECK(subject("新建改建提升农贸市场30个。") == "农贸市场");
  CHECK(subject("人才培育10000人。") == "人才培育");                      // a verb right before the number
  CHECK(subject("服务企业培育10000家。") == "企业培育");
  CHECK(subject("（三）建设完善服务行业标准体系20项。") == "服务行业标准体系");  // 服务 inside 服务行业
  CHECK(subject("到2025年培育发展覆盖率达到90%。") == "发展覆盖率");      // 覆盖 before 率
  CHECK(subject("持续推进建设示范区5个。") == "示范区");
}
