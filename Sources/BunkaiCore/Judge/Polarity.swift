/// The words that turn a statement around, the same for every playbook: negation (「要しない」),
/// prohibition (which turns a negation back: 「承諾なく…してはならない」), overrides (「前項にかか
/// わらず…いかなる場合においても」) and deferrals to another document (「別途定める」).
enum Polarity {
  static let negators = [
    "要しない", "要さない", "要せず", "要しません", "不要", "必要とせず", "必要としない", "必要はない", "必要ない", "必要ありません", "ることなく",
    "ことなく", "ずに", "ずして", "なく", "なしに", "なしで", "ないで", "妨げない", "妨げません", "ものではない", "ものではありません",
    "限りでない", "限りではない", "限りではありません", "問わない", "問わず", "しない", "せず", "しません", "行わない", "負わない",
    "負いません", "わない", "わず", "いません", "わぬ",
  ]
  static let prohibitions = [
    "てはならない", "ではならない", "てはならず", "はならない", "できない", "できず", "できません", "得ない", "禁止", "禁ずる", "禁じ",
    "しない", "せず", "しません", "行わない", "ないものと",
    // 「甲の承諾なく…院外に持ち出さない。」「…外部に置かない。」: a ban in verbs of other endings, where
    // it ends the sentence (「影響を及ぼさない軽微な変更」 describes a change, it bans nothing).
    "さない。", "させない。", "かない。", "さないこと", "かないこと", "さないものと", "かないものと",
    // The polite forms (「お客様の書面による同意なく、…日本国外から参照できる状態に置きません。」「…に委ねません。」).
    "きません。", "せません。", "えません。", "ねません。", "めません。",
    // 「協議を経ずに…定められることはなく」: a case that never happens turns its negation back as a ban does.
    "ことはなく", "ことはない", "ことはありません",
  ]
  /// 「前条と同様の手続により」: what another clause says applies here too.
  /// 「第6条の協議において定めるところにより」: the consultation is the one that clause sets up.
  static let sameAs = [
    "と同様の", "と同様に", "に準じ", "に準ずる", "の例により", "の例による", "と同じ手続", "の協議において定め", "の協議により定め", "の協議で定め",
    // 「5.2の打合せで扱い」: the provided things are taken up in that section's meeting.
    "の打合せで扱", "の協議で扱", "の打合せにおいて扱", "の協議において扱", "の打合せで定め", "の打合せにより定め",
    "の協議に基づ",
    // 「…の確保については、特記事項第3条の定めるところによる」「前条の対象とし、同条の手続により確定した」.
    "の定めるところによる", "に定めるところによる", "の定めるところに従", "の定めに従",
    "の対象とし", "同条の手続", "の手続により", "の手続に従",
    // 「前二項の対象には、第5条により委託者が用意する…の保護を含むものとする」: a matter added to the
    // talks another clause holds (dev37 a_06).
    "項の対象には", "条の対象には",
    // 「…端末の設置場所の保護も、この提案書と協議の対象に含める」 (dev37 a_10).
    "の対象に含める", "の対象に含め",
    // 「5.4 5.3の手続は、…端末及びインターネット回線のセキュリティ対策についても、同様に適用します」 (dev37
    // b_03).
    "同様に適用", "を準用",
    // 「…の安全対策は、第6条により医院と当社が決めた内容に従い、医院が実施する」: what another
    // clause settled.
    "決めた内容に従", "定めた内容に従", "決定した内容に従", "取り決めた内容に従",
    // 「当院が講ずる対策は、別紙１に定める手順により毎年度定め」.
    "に定める手順により", "に定める手順に従", "の手順により定め", "の手順に従って定め",
    // 「接続機器の安全対策についても同様とする。」: the sentence before applies to this matter too.
    "についても同様とする", "についても、同様とする", "についても同様とします",
    // 「前項のものに係るセキュリティ対策の定め方は、前条と同様とする。」
    "と同様とする", "と同様とします",
    // 「院内端末の安全のための措置は、前条の院内対策確認書に含めて定め」: settled in that clause's record.
    "に含めて定め", "に含めて確定", "に含めて協議", "に含めて取り決め",
    // 「これらの安全対策は、第７条の施設側対策合意書で定める」: settled in the record that clause makes.
    "合意書で定め", "合意書により定め", "確認書で定め", "確認書により定め",
  ]
  /// A cap stated as a limit (「…の総額は、いかなる場合も代金額の二倍を超えないものとする」): swept over
  /// the clauses before it, it sets their carve-outs aside as a negation would.
  static let capping = ["を超えない", "を超えることはない", "を超えることはありません", "を超えません", "を上限とする", "を限度とする"]
  /// 「前項の場合を含め、当社は逸失利益については賠償の責任を負わない」 sweeps over what it names as
  /// 「前項にかかわらず」 does.
  static let overrides = ["にかかわらず", "に関わらず", "にもかかわらず", "にも関わらず", "の場合を含め", "の場合も含め"]
  /// An override of the whole contract, not of the paragraph before (「本契約の他の規定にかかわらず」).
  static let wholeContract = [
    "他の規定にかかわらず", "他の条項にかかわらず", "他の定めにかかわらず", "いかなる規定にかかわらず", "いずれの規定にかかわらず",
    "本契約の規定にかかわらず", "本規約の規定にかかわらず", "本約款の規定にかかわらず", "本契約の定めにかかわらず", "本規約の定めにかかわらず",
    "他の規定に関わらず", "他の条項に関わらず", "本契約のいかなる規定", "本規約のいかなる規定", "本契約の他の規定", "本規約の他の規定",
  ]
  /// What an override about liability speaks of.
  static let liabilityWords = ["責任", "賠償", "責め", "責を"]
  /// 「その原因のいかんを問わず…代金額を上限とする」 sweeps as 「いかなる場合」 does (dev38 a_20).
  static let absolutes = ["いかなる場合", "如何なる場合", "理由の如何", "一切", "いかんを問わ", "如何を問わ", "原因を問わ", "理由を問わ"]
  /// The negator of a proviso: it turns back the main clause, not the words before it.
  static let provisoNegators = ["限りでない", "限りではない", "限りではありません", "限りでありません"]
  static let deferrals = ["別途定める", "別途協議", "別に定める", "別途合意", "別途締結", "別途取り決め", "別途取決め"]
  /// Details that may well be settled later without leaving the matter open (the guide itself
  /// leaves the frequency of the vulnerability consultation to be agreed).
  static let scheduling = ["頻度", "回数", "日程", "開催時期"]

  /// A later paragraph that takes back part of the one it names: 「前項の規定は、…には適用しない」,
  /// 「前項の協議は、…求めがあった場合に限り行う」, 「7.1は、…内部体制に係る変更には適用しない」.
  static let narrowings = [
    "適用しない", "適用せず", "適用されない", "適用しません", "場合に限り行", "ときに限り行", "場合に限って行", "ときに限って行",
    "場合に限り実施", "ときに限り実施", "のみを適用", "の対象としない", "の対象外とする", "の対象から除",
    // 「前項の協議は、乙が必要と認めるときに行うものとする」: the talks only when the vendor sees fit (dev38 a_10).
    "{vendor}が必要と認めるときに行", "{vendor}が必要と認める場合に行", "{vendor}が必要と判断するときに行",
    "{vendor}が必要と判断する場合に行", "{vendor}が必要と認めたときに行", "{vendor}が必要と判断したときに行",
  ]
  /// What such a paragraph may leave out without taking anything that matters: minor changes, ones
  /// that do not touch the security set-up, or a party's fault (which speaks of liability, not of
  /// what the clause covers).
  static let harmlessNarrowings = [
    "軽微", "些細", "軽易", "影響を及ぼさない", "影響を与えない", "影響しない", "影響のない", "影響がない", "責めに帰すべき", "責に帰すべき", "講じられな",
    "講じられていな", "講じない",
    "講じていな", "講じなかった", "実施されな", "実施されていな",
    "実施していな", "尽くしていな", "尽くさなかった", "怠った", "承諾を得", "承認を得", "同意を得",
    "故意又は重", "故意または重", "故意若しくは重",
    // Talks held on a schedule and also when the vendor sees fit are not left to the vendor.
    "毎年", "毎月", "定期", "四半期", "半期", "締結時", "年#回",
  ]

  /// How far after a key word a negator may stand (「承諾を得ることなく」).
  static let window = 12

  struct Compiled: Sendable {
    let negator: CompiledCondition
    let prohibition: CompiledCondition
    let override: CompiledCondition
    let absolute: CompiledCondition
    let deferral: CompiledCondition
    let scheduling: CompiledCondition
    let sameAs: CompiledCondition
    let proviso: CompiledCondition
    let provisoOpener: CompiledCondition
    let rightTo: CompiledCondition
    let wholeContract: CompiledCondition
    let liability: CompiledCondition
    let capping: CompiledCondition
    let narrowing: CompiledCondition
    let harmlessNarrowing: CompiledCondition

    init(_ compile: (Condition) -> CompiledCondition) {
      func list(_ l: [String]) -> CompiledCondition { compile(.any(l.map { .term($0) })) }
      negator = list(Polarity.negators)
      prohibition = list(Polarity.prohibitions)
      override = list(Polarity.overrides)
      absolute = list(Polarity.absolutes)
      deferral = list(Polarity.deferrals)
      scheduling = list(Polarity.scheduling)
      sameAs = list(Polarity.sameAs)
      proviso = list(Polarity.provisoNegators)
      provisoOpener = list(["ただし", "但し"])
      rightTo = list(["ことができ", "ことが出来"])
      wholeContract = list(Polarity.wholeContract)
      liability = list(Polarity.liabilityWords)
      capping = list(Polarity.capping)
      narrowing = list(Polarity.narrowings)
      harmlessNarrowing = list(Polarity.harmlessNarrowings)
    }
  }
}
