/// Jekyll's `slugify` (default mode): lower case, every run of characters that are not letters
/// or digits becomes one `-`, no `-` at the ends. Letters of any script stay (`证券` → `证券`).
enum CategorySlug {
    static func make(_ name: String) -> String {
        var slug = ""
        var pendingDash = false
        for character in name.lowercased() {
            if character.isLetter || character.isNumber {
                if pendingDash && !slug.isEmpty { slug.append("-") }
                pendingDash = false
                slug.append(character)
            } else {
                pendingDash = true
            }
        }
        return slug.isEmpty ? "category" : slug
    }
}
