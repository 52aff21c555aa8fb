import BunkaiCore
import Vapor

/// Terms a clinic's staff may not know, explained in our own words: the glossary page and the
/// inline explanations (<abbr> and the page's 「この画面の用語」) come from this one list.
enum Glossary {
  struct Term: Encodable, Sendable {
    /// The anchor on the glossary page.
    var id: String
    var term: String
    var text: String
    /// Spellings found in contracts and explanations, longest first.
    var spellings: [String]
    var link: String { Paths.glossary + "#" + id }

    enum CodingKeys: String, CodingKey { case id, term, text, link }
    func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(id, forKey: .id)
      try c.encode(term, forKey: .term)
      try c.encode(text, forKey: .text)
      try c.encode(link, forKey: .link)
    }
  }

  static let terms: [Term] = [
    Term(
      id: "guideline-2", term: "2省ガイドライン",
      text: "経済産業省と総務省が定めた、医療情報を扱うシステムやサービスを提供する事業者向けの安全管理の指針です。事業者が行うべき安全対策の水準を示します。",
      spellings: ["医療情報を取り扱う情報システム・サービスの提供事業者における安全管理ガイドライン", "2省ガイドライン", "２省ガイドライン", "2省GL"]),
    Term(
      id: "guideline-mhlw", term: "厚労省ガイドライン",
      text: "厚生労働省の「医療情報システムの安全管理に関するガイドライン」です。医療機関自身が行うべき安全管理を示し、事業者との役割分担を契約で取り決めることも求めています。",
      spellings: ["厚労省ガイドライン", "厚生労働省のガイドライン", "厚労省GL"]),
    Term(
      id: "responsibility-split", term: "責任分界",
      text: "医療機関と事業者のどちらが、どのセキュリティ対策に責任を持つかの線引きです。はっきりさせておかないと、どちらも対応しない「空白」が生まれます。",
      spellings: ["責任分界点", "責任分界", "役割分担"]),
    Term(
      id: "checklist", term: "確認表",
      text: "厚生労働省・経済産業省・総務省が公表した、医療機関と事業者が契約の前に役割分担を確かめるための表です。Part1 は主に医療機関が行う項目、Part2 は両者が共同で行う項目です。",
      spellings: ["確認表"]),
    Term(
      id: "mds-sds", term: "MDS/SDS",
      text: "事業者が製品のセキュリティ機能を説明するための開示書の様式です。MDS は医療機器、SDS は医療情報システム向けで、業界団体（JAHIS など）が様式を定めています。",
      spellings: ["MDS/SDS", "MDS2", "SDS"]),
    Term(
      id: "disclosure", term: "サービス仕様適合開示書",
      text: "事業者が、自社のサービスが2省ガイドラインの求める対策にどう対応しているかを示す書類です。事業者を選ぶときの確認材料になります。",
      spellings: ["サービス仕様適合開示書"]),
    Term(
      id: "duty-of-care", term: "善管注意義務",
      text: "仕事を任された者が、その立場の専門家として通常求められる注意を払って仕事をする義務です（善良な管理者の注意義務）。",
      spellings: ["善良な管理者の注意", "善管注意義務"]),
    Term(
      id: "gross-negligence", term: "故意・重過失",
      text: "故意は「わざと」、重過失は「少し注意すれば防げたのに、著しく注意を欠いた」ことです。損害賠償の上限や免責は、この場合には適用しないと定めるのが一般的です。",
      spellings: ["故意又は重大な過失", "故意又は重過失", "故意・重過失", "重大な過失", "重過失"]),
    Term(
      id: "subcontracting", term: "再委託",
      text: "事業者が引き受けた仕事の全部や一部を、さらに別の会社に任せることです。医療機関は、誰がデータを扱うのかを知っておく必要があります。",
      spellings: ["再委託"]),
    Term(
      id: "lost-profits", term: "逸失利益",
      text: "事故がなければ得られたはずの利益です（システム停止による休診の減収など）。",
      spellings: ["逸失利益"]),
    Term(
      id: "exemption", term: "免責",
      text: "一定の場合に、損害賠償などの責任を負わないと定めることです。",
      spellings: ["免責"]),
    Term(
      id: "risk-communication", term: "リスクコミュニケーション",
      text: "事業者と医療機関が、リスクと必要な対策について情報を交わし、誰が何をするかを話し合って決めることです。",
      spellings: ["リスクコミュニケーション"]),
    Term(
      id: "vulnerability", term: "脆弱性",
      text: "ソフトウェアや機器にある、攻撃に悪用されるおそれのある弱点です。修正プログラムの適用などで対処します。",
      spellings: ["脆弱性"]),
    Term(
      id: "annex", term: "別紙",
      text: "契約書本体に添付して契約の一部とする書類です。Bunkai では、確認表で合意した役割分担を別紙にまとめます。",
      spellings: ["別紙"]),
    Term(
      id: "seal", term: "記名押印",
      text: "名称や氏名を記し、印を押すことです。双方が記名押印して、合意した書面とします。",
      spellings: ["記名押印"]),
    Term(
      id: "playbook", term: "条項ライブラリ（プレイブック）",
      text: "Bunkai が契約書と照合する、公開された観点と文例の集まりです。契約書を文例と比べて示すもので、個別の法的な助言ではありません。",
      spellings: ["条項ライブラリ", "プレイブック"]),
  ]

  /// A piece of text, and the term it is when it is one.
  struct Piece: Encodable, Sendable {
    var text: String
    /// The explanation, for `<abbr title>`; empty for plain text.
    var note: String
    /// The glossary entry; empty for plain text.
    var link: String
  }

  /// The text cut where the glossary's terms appear (each term marked once per text).
  static func pieces(_ text: String) -> [Piece] {
    var found: [(range: Range<String.Index>, term: Term)] = []
    for term in terms {
      for spelling in term.spellings {
        guard let r = text.range(of: spelling), !found.contains(where: { $0.range.overlaps(r) }) else {
          continue
        }
        found.append((r, term))
        break
      }
    }
    found.sort { $0.range.lowerBound < $1.range.lowerBound }
    var out: [Piece] = []
    var i = text.startIndex
    for (r, term) in found {
      if i < r.lowerBound { out.append(Piece(text: String(text[i..<r.lowerBound]), note: "", link: "")) }
      out.append(Piece(text: String(text[r]), note: term.text, link: term.link))
      i = r.upperBound
    }
    if i < text.endIndex { out.append(Piece(text: String(text[i...]), note: "", link: "")) }
    return out
  }

  /// The terms that appear in any of the texts, in the glossary's order.
  static func used(in texts: [String]) -> [Term] {
    terms.filter { t in t.spellings.contains { s in texts.contains { $0.contains(s) } } }
  }
}

/// The glossary page: every term, for both sides (no data of any organisation).
struct GlossaryController {
  struct Context: Encodable {
    var page: Page
    var terms: [Glossary.Term]
    var officialFormURL: String
  }

  func register(_ routes: any RoutesBuilder) {
    routes.get(SiteRoute.glossary) { req async throws -> View in
      try await req.render(
        "glossary",
        Context(
          page: try await req.page("用語集"), terms: Glossary.terms,
          officialFormURL: ChecklistDisplay.officialFormURL))
    }
  }
}
