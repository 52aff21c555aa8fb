import Foundation

/// Which side of the contract a party is on.
public enum PartyRole: String, Sendable, Codable, Hashable, CaseIterable {
  /// The medical institution (hospital, clinic, pharmacy …).
  case institution
  /// The IT vendor.
  case vendor
  case unknown
}

public struct Party: Sendable, Codable, Equatable {
  public var role: PartyRole
  /// The label the contract uses for the party: 甲, 乙, 当社, 契約者 …
  public var label: String
  /// The party's name as written, when the contract gives one.
  public var name: String?

  public init(role: PartyRole, label: String, name: String?) {
    self.role = role
    self.label = label
    self.name = name
  }
}

/// Words that tell the role of a party from its label or its name.
public enum PartyLabels {
  /// Labels that usually stand for the institution.
  public static let institutionLabels = [
    "契約者", "利用者", "お客様", "お客さま", "会員", "委託者", "発注者", "ユーザ", "ユーザー", "医療機関", "委託元", "当院",
    "利用機関", "参加施設", "会員施設", "登録医療機関等", "登録医療機関", "利用施設", "医療機関等", "参加機関",
    // The member of a shared-use contract that speaks for the others.
    "幹事施設", "幹事医療機関", "幹事病院",
    // Translated terms' customer (beside 「プロバイダー」), and a licence's licensee.
    "カスタマー", "ライセンシー", "ライセンシ",
    // How the vendor addresses the institution (a 提案書 or letter attached to a 甲乙 contract).
    "貴院", "貴法人", "貴施設",
  ]
  /// Labels that usually stand for the vendor.
  public static let vendorLabels = [
    "当社", "弊社", "受託者", "受注者", "ベンダ", "ベンダー", "事業者", "委託先", "提供者", "運営者", "運営主体", "プロバイダー",
    "プロバイダ", "サービス提供者",
    // A translated licence's licensor.
    "ライセンサー", "ライセンサ",
    // How the institution addresses the vendor.
    "貴社", "御社",
  ]
  /// Neutral labels.
  public static let neutralLabels = ["甲", "乙", "丙", "丁"]

  public static var all: [String] { neutralLabels + institutionLabels + vendorLabels }

  static let institutionNameMarkers = [
    "病院", "診療所", "クリニック", "医院", "医療法人", "薬局", "医療センター", "歯科", "医療機関", "保健", "健診",
    "大学病院", "病院機構", "社会福祉法人", "看護",
    // 「さくら通り耳鼻咽喉科」: a practice named by its specialty.
    "内科", "外科", "眼科", "小児科", "皮膚科", "耳鼻咽喉科", "耳鼻科", "婦人科", "泌尿器科", "精神科", "循環器科", "消化器科",
  ]
  static let vendorNameMarkers = [
    "株式会社", "有限会社", "合同会社", "(株)", "（株）", "システム", "ソリューション", "テクノロジ", "情報サービス",
    "ソフト", "ネットワーク", "データ", "コンピュータ", "電機", "通信", "エンジニアリング",
  ]

  /// The role a party's name suggests, if any.
  public static func role(fromName name: String) -> PartyRole {
    // 「委託者　みさき市（以下「甲」という。）」「受託者　…病院ネットワーク更新共同企業体」: the side the
    // contract names before the name decides, whatever the name mentions.
    if let side = leadingSide(name) { return side }
    // 「健診システム構築共同企業体（代表構成員　株式会社…）」: a JV of companies, whatever it builds.
    if name.containsText("共同企業体") { return .vendor }
    if runsAPlaceOfCare(name) { return .institution }
    if isProfessionalBody(name) { return .unknown }
    // 「架空スマートクリニック株式会社」 is a company whose name mentions a clinic; 「株式会社…
    // 総合病院」 a hospital a company runs: of a company form and a medical word, the one that ends
    // the name (the head of the noun) decides.
    if let form = lastEnd(of: companyForms, in: name), let medical = lastEnd(of: medicalHeads, in: name) {
      return form > medical ? .vendor : .institution
    }
    if institutionNameMarkers.contains(where: name.containsText) { return .institution }
    if vendorNameMarkers.contains(where: name.containsText) { return .vendor }
    return .unknown
  }

  /// 「一般社団法人架空歯科医師会」 is an association of practitioners, not a clinic: its role comes
  /// from what it does in the contract (it may run the service its members use).
  /// 「公益社団法人宮前医師会（宮前医師会病院の開設者）」: a body, even an association of practitioners,
  /// that says it runs a hospital or clinic is the institution.
  static func runsAPlaceOfCare(_ name: String) -> Bool {
    ["開設者", "を開設", "開設する"].contains(where: name.containsText)
      && placesOfCare.contains(where: name.containsText)
  }
  /// 「合同会社あおぞらケア（訪問看護ステーションあおぞら。以下…）」: a gloss that is the name of a place of
  /// care (no verb in it) says what the organisation is.
  static func namesAPlaceOfCare(_ gloss: String) -> Bool {
    placesOfCare.contains(where: gloss.containsText)
      && !["を", "が", "に", "から"].contains(where: gloss.containsText)
  }
  /// Places of care a company may open as well (「訪問看護ステーションほほえみの開設者」).
  static let careHeads = ["看護ステーション", "薬局", "老人保健施設", "介護医療院", "老人ホーム", "介護施設"]
  static let placesOfCare = medicalHeads + careHeads

  static func isProfessionalBody(_ name: String) -> Bool {
    ["医師会", "薬剤師会", "看護協会", "病院協会"].contains(where: name.containsText)
  }

  /// The side a name's opening role word gives (「委託者　」「受託者　」), a space after it.
  static func leadingSide(_ name: String) -> PartyRole? {
    for label in institutionLabels + vendorLabels where name.hasPrefix(label) {
      let rest = name.dropFirst(label.count)
      if let next = rest.first, next == " " || next == "\u{3000}", !String(rest).trimmingBlanks().isEmpty {
        return role(fromLabel: label)
      }
    }
    return nil
  }

  /// A 共同企業体 (a JV of companies that contracts as one) is a vendor's form too.
  static let companyForms = ["株式会社", "有限会社", "合同会社", "(株)", "（株）", "共同企業体"]
  /// Pharmacies are often companies (「架空薬局株式会社」): 薬局 is not among them.
  static let medicalHeads = ["病院", "診療所", "クリニック", "医院", "歯科", "医療センター"]

  /// Where the last occurrence of any of the words ends in the name (a UTF-8 offset: only compared
  /// with another), if any occurs.
  static func lastEnd(of words: [String], in name: String) -> Int? {
    words.compactMap(name.lastTextEnd).max()
  }

  /// The role a name gives only from markers that name an organisation (法人格, 病院 …): used to
  /// accept a definition with an unusual label as a party.
  public static func organisationRole(fromName name: String) -> PartyRole {
    if runsAPlaceOfCare(name) { return .institution }
    if isProfessionalBody(name) { return .unknown }
    let institution = ["病院", "診療所", "クリニック", "医院", "医療法人", "薬局", "医療センター", "歯科", "健診", "看護", "保健", "医療機関"]
    if companyForms.contains(where: name.containsText) { return .vendor }
    if institution.contains(where: name.containsText) { return .institution }
    return .unknown
  }

  /// The role a label suggests on its own, if any.
  public static func role(fromLabel label: String) -> PartyRole {
    if institutionLabels.contains(label) { return .institution }
    if vendorLabels.contains(label) { return .vendor }
    return .unknown
  }
}
